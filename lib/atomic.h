/* atomic.h — a file that appears under its name only once it is complete.
 *
 * Owns: the temporary file behind an output that must never be seen
 * half-written, and the step that gives it its name. The data goes to a
 * file in the target's own directory (so that the final rename stays on one
 * file system); atomic_commit flushes it to disk and renames it over the
 * target in one step, atomic_abort removes it. Whatever happens before the
 * commit (a failed write, bad input, a kill), nothing is ever left under
 * the target's name, and an existing target stays as it was.
 *
 * Where the system allows (Linux O_TMPFILE with /proc mounted), the file has
 * no name at all until the commit, so that even SIGKILL leaves nothing
 * behind; elsewhere it is a hidden ".NAME.XXXXXX" beside the target, removed
 * by atomic_abort (a kill -9 there can leave that temporary file, never a
 * file under NAME).
 *
 * A target that exists and is not a regular file (/dev/stdout, /dev/null, a
 * FIFO) cannot be replaced by a rename: it is opened and written directly.
 *
 * An atomic_file owns its descriptor and its names; atomic_commit and
 * atomic_abort close the descriptor and free the atomic_file.
 */
#ifndef WINNOW_ATOMIC_H
#define WINNOW_ATOMIC_H

#include <stdbool.h>

struct atomic_file;

/* Open the temporary file for path. On failure prints
 * "program: PATH: reason" and returns NULL. */
struct atomic_file *atomic_open(const char *path);
/* The same, always with a named temporary file: what systems without
 * O_TMPFILE get (and what tests use to check that path). */
struct atomic_file *atomic_open_named(const char *path);
/* The descriptor to write to (owned by the atomic_file). */
int atomic_fd(const struct atomic_file *af);
/* The target's name, for messages. */
const char *atomic_path(const struct atomic_file *af);
/* True when the target is written in place (not a regular file). */
bool atomic_is_direct(const struct atomic_file *af);
/* fsync, close and rename onto the target. Returns 0, or -1 after
 * reporting "program: PATH: reason" and removing the temporary file. */
int atomic_commit(struct atomic_file *af);
/* Close and remove the temporary file; the target is untouched. */
void atomic_abort(struct atomic_file *af);

#endif
