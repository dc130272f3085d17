/* cli.c — shared options and operands (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void cli_print_and_exit(const char *text)
{
    if (fputs(text, stdout) == EOF || fflush(stdout) != 0 || ferror(stdout))
        die(EXIT_BAD_INPUT, "write error: %s", strerror(errno));
    exit(EXIT_OK);
}

bool cli_common_option(int opt, const char *arg, struct cli_common *common,
                       const struct cli_program *program)
{
    char version[128];
    switch (opt) {
    case 'h':
    case CLI_OPT_HELP:
        cli_print_and_exit(program->usage);
        break;
    case CLI_OPT_VERSION:
        snprintf(version, sizeof version, "%s %s\n", program->name, WINNOW_VERSION);
        cli_print_and_exit(version);
        break;
    case 'q':
    case CLI_OPT_QUIET:
        common->quiet = true;
        return true;
    case CLI_OPT_REJECTS:
        common->rejects_path = arg;
        return true;
    case CLI_OPT_COUNTS:
        common->counts_path = arg;
        return true;
    case '?':
        /* getopt_long has already said what was wrong. */
        fprintf(stderr, "Try '%s --help' for more information.\n", program->name);
        exit(EXIT_USAGE);
    default:
        break;
    }
    return false;
}

const char *const *cli_operands(int argc, char **argv, int optind_now)
{
    static const char *const stdin_only[] = {"-", NULL};
    if (optind_now >= argc)
        return stdin_only;
    /* argv is NULL-terminated by the C standard. */
    return (const char *const *)(argv + optind_now);
}

unsigned long long cli_parse_count(const char *text, const char *option,
                                   unsigned long long lo, unsigned long long hi)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    /* strtoull would accept a sign and leading spaces: a count has neither. */
    if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno == ERANGE || v < lo || v > hi)
        die_usage("invalid %s '%s' (a whole number from %llu to %llu)", option, text, lo, hi);
    return v;
}

double cli_parse_real(const char *text, const char *option, double lo, double hi)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end != '\0' || !(v >= lo && v <= hi))
        die_usage("invalid %s '%s' (a number from %g to %g)", option, text, lo, hi);
    return v;
}
