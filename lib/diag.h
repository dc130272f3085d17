/* diag.h — diagnostics on stderr, in the one format every program uses.
 *
 * Owns: the program name (set once by diag_init from argv[0] or a fixed name)
 * and the shape of messages: "program: message" and
 * "program: FILE:LINE: message". Exit statuses are named here so that every
 * program agrees: 0 success, 1 bad input or failed write, 2 usage error.
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
/* warnf, then exit(status). */
_Noreturn void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Usage error: "program: message" and "Try 'program --help' ...", exit 2. */
_Noreturn void die_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
