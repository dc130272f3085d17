/* cli.c — shared options and operands (see cli.h). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

static void print_and_exit(const char *text)
{
    if (fputs(text, stdout) == EOF || fflush(stdout) != 0 || ferror(stdout))
        exit(EXIT_BAD_INPUT);
    exit(EXIT_OK);
}

bool cli_common_option(int opt, const char *arg, struct cli_common *common,
                       const struct cli_program *program)
{
    char version[128];
    switch (opt) {
    case 'h':
    case CLI_OPT_HELP:
        print_and_exit(program->usage);
        break;
    case CLI_OPT_VERSION:
        snprintf(version, sizeof version, "%s %s\n", program->name, WINNOW_VERSION);
        print_and_exit(version);
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
