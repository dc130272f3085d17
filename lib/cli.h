/* cli.h — the options every winnow program shares, and their conventions.
 *
 * Owns: --help, --version, --quiet, --rejects FILE, --counts FILE, the
 * usage-error format (one line, then "Try 'PROGRAM --help'", exit 2) and
 * the iteration over input operands (files, "-" for stdin, stdin when there
 * are none). Each program adds its own options to its getopt_long table
 * next to CLI_COMMON_OPTIONS and passes unknown codes to cli_common_option.
 */
#ifndef WINNOW_CLI_H
#define WINNOW_CLI_H

#include <getopt.h>
#include <stdbool.h>

#define WINNOW_VERSION "0.1.0"

enum {
    CLI_OPT_HELP = 0x1000,
    CLI_OPT_VERSION,
    CLI_OPT_QUIET,
    CLI_OPT_REJECTS,
    CLI_OPT_COUNTS,
    CLI_OPT_FIRST_PROGRAM_OPTION /* programs number their own from here */
};

#define CLI_COMMON_OPTIONS                                   \
    {"help", no_argument, NULL, CLI_OPT_HELP},               \
    {"version", no_argument, NULL, CLI_OPT_VERSION},         \
    {"quiet", no_argument, NULL, CLI_OPT_QUIET},             \
    {"rejects", required_argument, NULL, CLI_OPT_REJECTS},   \
    {"counts", required_argument, NULL, CLI_OPT_COUNTS}

/* Short options shared by all: -q for --quiet, -h for --help. */
#define CLI_COMMON_SHORT "qh"

struct cli_common {
    bool quiet;
    const char *rejects_path; /* NULL: stop at the first bad line */
    const char *counts_path;  /* NULL: no counts file */
};

struct cli_program {
    const char *name;  /* "winnow-split" */
    const char *usage; /* the --help text, starting with "Usage: ..." */
};

/* Handle a shared option. Returns true if opt was one (and --help or
 * --version exit 0 after printing); false for anything else. getopt's '?'
 * becomes a usage error. */
bool cli_common_option(int opt, const char *arg, struct cli_common *common,
                       const struct cli_program *program);

/* The value of a numeric option, or a usage error naming option and the
 * range: a whole number written in decimal digits (no sign, no spaces) in
 * [lo, hi]; and a number as strtod reads it (in the C locale) in [lo, hi]. */
unsigned long long cli_parse_count(const char *text, const char *option,
                                   unsigned long long lo, unsigned long long hi);
double cli_parse_real(const char *text, const char *option, double lo, double hi);

/* Write text (--help, --version) to stdout and exit 0; a failed write is
 * reported ("write error: ...") and exits 1. */
_Noreturn void cli_print_and_exit(const char *text);

/* The operands as a NULL-terminated list; "-" alone when there are none. */
const char *const *cli_operands(int argc, char **argv, int optind_now);

#endif
