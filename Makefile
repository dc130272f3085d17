# winnow — build, test, run, install.
#
#   make            build bin/winnow-*
#   make deps       install the Debian packages winnow needs (as root),
#                   or print the command to run
#   make test       build and run every test (plain, then ASan+UBSan)
#   make valgrind   the command-line tests under valgrind
#   make stress     1 GB with a 100 MB record through each program: peak
#                   memory against the record (slow; not part of make test)
#   make run        build and run the corpus pipeline on the sample archive
#   make sample     (re)generate the sample archive shipped in data/
#   make bench      measure throughput and memory (bench/results.md)
#   make fuzz       build the libFuzzer targets (clang) into build/fuzz/
#   make fuzz-run   run each of them FUZZ_SECONDS (60) from its corpus
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
BUILD   ?= build
BIN     ?= bin
SANITIZE ?=

# Debian packages: libraries (with pkg-config names) and tools used by tests.
PKGS      := jansson libpcre2-8 zlib libarchive libutf8proc libxxhash libdeflate
DEB_BUILD := gcc make pkg-config libjansson-dev libpcre2-dev zlib1g-dev \
             libarchive-dev libutf8proc-dev libxxhash-dev libdeflate-dev
DEB_TEST  := gzip bzip2 tar coreutils jq cppcheck unicode-data python3 parallel
DEB_BENCH := gzip jq miller time parallel
DEB_FUZZ  := clang libclang-rt-dev

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             $(WARNINGS) $(CFLAGS) $(SANITIZE) -pthread -Ilib $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANITIZE) -pthread
LIBS = $(PKG_LIBS) -lm -pthread

LIB_SRC  := $(wildcard lib/*.c)
LIB_OBJ  := $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIB_SRC))
TOOL_SRC := $(wildcard tools/winnow.c tools/winnow-*.c)
PROGRAMS := $(patsubst tools/%.c,$(BIN)/%,$(TOOL_SRC))
UNIT_SRC := $(wildcard tests/unit/test-*.c)
UNITS    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
SCRIPTS  := $(wildcard pipelines/*.sh)
MANPAGES := $(wildcard man/*.1 man/*.7)
SAMPLE   := data/sample.tar.gz

.PHONY: all have-libs deps deps-bench test test-plain test-sanitize units valgrind stress run sample \
        bench install uninstall clean fuzz fuzzers fuzz-run

# Bench-only programs (bench/*.c): built, never installed.
BENCH_PROGS := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

all: $(PROGRAMS) $(UNITS) $(BENCH_PROGS)

$(BUILD)/libwinnow.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

# Without the libraries nothing compiles: install them (as root) or say how.
have-libs:
	@pkg-config --exists $(PKGS) 2>/dev/null || sh tests/deps.sh $(DEB_BUILD)

$(BUILD)/lib/%.o: lib/%.c | have-libs
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tools/%.o: tools/%.c | have-libs
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BIN)/%: $(BUILD)/tools/%.o $(BUILD)/libwinnow.a
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libwinnow.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libwinnow.a $(LIBS)

$(BUILD)/tests/%.o: tests/unit/%.c | have-libs
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libwinnow.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

-include $(LIB_OBJ:.o=.d) $(UNITS:=.d)

# Fuzz targets: each tests/fuzz/fuzz-NAME.c is linked with the library
# compiled by clang with -fsanitize=fuzzer-no-link; new inputs a run
# finds go to build/fuzz/corpus-NAME. Run one from the project root, e.g.
#   build/fuzz/fuzz-record -max_total_time=300 -dict=tests/fuzz/record.dict \
#       build/fuzz/corpus-record tests/fuzz/corpus-record \
#       tests/fixtures/record-diff
FUZZERS = $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(wildcard tests/fuzz/fuzz-*.c))

fuzz:
	@sh tests/deps.sh $(DEB_FUZZ)
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	    SANITIZE="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	    fuzzers

fuzzers: $(FUZZERS)

$(BUILD)/fuzz-%: tests/fuzz/fuzz-%.c $(BUILD)/libwinnow.a
	@mkdir -p $(BUILD)/corpus-$*
	$(CC) $(ALL_CFLAGS) -Itests/unit -fsanitize=fuzzer -o $@ $< $(BUILD)/libwinnow.a $(LIBS)

-include $(FUZZERS:=.d)

# Every built target (or those of FUZZ_TARGETS) for FUZZ_SECONDS each, one
# after another, from tests/fuzz/corpus-NAME and regress-NAME into
# build/fuzz/corpus-NAME; fails when one finds a crash (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz-run: fuzz
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Install what is missing; as root with apt-get, otherwise say what to run.
deps:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_TEST)

deps-bench:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_BENCH)

test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory BUILD=build/san BIN=build/san/bin \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	    SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" all
	@sh tests/run.sh

units: all
	@sh tests/run.sh --units-only

# The command-line tests again, every program under valgrind (slow).
valgrind: deps all
	@sh tests/deps.sh valgrind
	@sh tests/run.sh --valgrind

# A big input with one huge record through each streaming program, peak
# memory against the record (STRESS_MB, STRESS_RECORD_MB: sizes in MB).
stress: deps-bench
	@$(MAKE) --no-print-directory all
	@STRESS_MB=$(STRESS_MB) STRESS_RECORD_MB=$(STRESS_RECORD_MB) WINNOW_BIN=$(abspath $(BIN)) \
	    sh tests/stress.sh

$(SAMPLE): | $(BIN)/winnow-generate
	@mkdir -p data
	$(BIN)/winnow-generate --seed 1 --size 3M --tar $@

sample: $(BIN)/winnow-generate
	@mkdir -p data
	$(BIN)/winnow-generate --seed 1 --size 3M --tar $(SAMPLE)

run: deps
	@$(MAKE) --no-print-directory all
	@test -f $(SAMPLE) || $(MAKE) --no-print-directory sample
	@bash pipelines/run-sample.sh $(SAMPLE)

bench: deps-bench
	@$(MAKE) --no-print-directory all
	@sh bench/bench.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man7 $(DESTDIR)$(PREFIX)/share/winnow/pipelines
	for p in $(filter-out $(BIN)/winnow-generate,$(PROGRAMS)); do \
	    install -m 755 $$p $(DESTDIR)$(PREFIX)/bin/; done
	for s in $(SCRIPTS); do install -m 755 $$s $(DESTDIR)$(PREFIX)/share/winnow/pipelines/; done
	for m in $(filter-out man/winnow-generate.1,$(wildcard man/*.1)); do install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man1/; done
	for m in $(wildcard man/*.7); do install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man7/; done

uninstall:
	rm -f $(patsubst $(BIN)/%,$(DESTDIR)$(PREFIX)/bin/%,$(PROGRAMS))
	rm -rf $(DESTDIR)$(PREFIX)/share/winnow
	rm -f $(patsubst man/%,$(DESTDIR)$(PREFIX)/share/man/man1/%,$(wildcard man/*.1))
	rm -f $(patsubst man/%,$(DESTDIR)$(PREFIX)/share/man/man7/%,$(wildcard man/*.7))

clean:
	rm -rf build bin
