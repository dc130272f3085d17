/* winnow — run one of the winnow programs: `winnow split ...` runs
 * `winnow-split ...`.
 *
 * The program is looked up first beside this executable (so that an
 * installed or a source-tree winnow runs its own programs), then on PATH.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"

static const char usage[] =
    "Usage: winnow COMMAND [ARG]...\n"
    "Run the winnow program COMMAND: 'winnow split ...' runs 'winnow-split ...'.\n"
    "\n"
    "Commands:\n"
    "  split           documents in, post, quote and comment records out\n"
    "  normalize       clean the text of records\n"
    "  extract-stats   measure text and extract the figures it cites\n"
    "  dedupe          drop exact and near duplicates\n"
    "  emit-json       write the final JSON: projections, threads, summary\n"
    "\n"
    "  -h, --help      show this help and exit\n"
    "      --version   show the version and exit\n"
    "\n"
    "'winnow COMMAND --help' shows the options of a command. See winnow(1).\n";

/* Directory of this executable, or "" when it cannot be known. */
static void own_directory(char *dir, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", dir, size - 1);
    dir[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
}

int main(int argc, char **argv)
{
    diag_init("winnow");
    if (argc < 2)
        die_usage("no command given");
    const char *command = argv[1];
    if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0)
        cli_print_and_exit(usage);
    if (strcmp(command, "--version") == 0)
        cli_print_and_exit("winnow " WINNOW_VERSION "\n");
    if (command[0] == '-' || strchr(command, '/'))
        die_usage("invalid command '%s'", command);

    char program[256];
    if ((size_t)snprintf(program, sizeof program, "winnow-%s", command) >= sizeof program)
        die_usage("invalid command '%s'", command);
    argv[1] = program;

    char path[PATH_MAX + 256];
    own_directory(path, PATH_MAX);
    if (path[0]) {
        strcat(path, program);
        execv(path, argv + 1);
    }
    execvp(program, argv + 1);
    if (errno == ENOENT)
        die_usage("unknown command '%s'", command);
    die(EXIT_BAD_INPUT, "cannot run %s: %s", program, strerror(errno));
}
