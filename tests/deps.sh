#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
# As root: apt-get install -y. Otherwise: print the exact command and fail.
missing=
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "winnow: missing packages:$missing (install them with your package manager)" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    echo "winnow: installing:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq$missing >/dev/null ||
        { echo "winnow: apt-get install failed:$missing" >&2; exit 1; }
else
    echo "winnow: missing packages; run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
