/* diag.h — diagnostics on stderr, in the one format every program uses.
 *
 * Owns: the program name (set once by diag_init from argv[0] or a fixed name)
 * and the shape of messages: "program: message" and
 * "program: FILE:LINE: message". Exit statuses are named here so that every
 * program agrees: 0 success, 1 bad input or failed write, 2 usage error.
 * Also owns the one "last words" hook die() runs before the program ends
 * (set and cleared by the record loop: see diag_set_fatal_hook).
 */
#ifndef WINNOW_DIAG_H
#define WINNOW_DIAG_H

enum exit_status { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

void diag_init(const char *program_name);
const char *diag_program(void);

/* "program: message" */
void warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "program: FILE:LINE: message"; line 0 prints "program: FILE: message". */
void warn_at(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* What die() runs, once, after its message and before the program ends:
 * the record loop sets it while it runs, so that a fatal error in the
 * middle of a record (memory running out) still writes every record
 * finished before it and names the line it stopped on. NULL clears it.
 * The hook may itself die (it is cleared before it runs). */
typedef void (*diag_fatal_fn)(void *ctx);
void diag_set_fatal_hook(diag_fatal_fn fn, void *ctx);
/* warnf, then the fatal hook, then exit(status). */
_Noreturn void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Usage error: "program: message" and "Try 'program --help' ...", exit 2. */
_Noreturn void die_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
