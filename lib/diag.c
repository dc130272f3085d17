/* diag.c — diagnostics on stderr (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once at start-up, before any message; read-only afterwards. */
static const char *program_name = "winnow";

void diag_init(const char *name)
{
    const char *slash = strrchr(name, '/');
    program_name = slash ? slash + 1 : name;
}

const char *diag_program(void)
{
    return program_name;
}

static void vmessage(const char *file, long line, const char *fmt, va_list ap)
{
    /* One fprintf per piece into an unbuffered stderr could interleave with
     * other programs of a pipeline; build the line first. */
    char text[4096];
    int n;
    if (file && line > 0)
        n = snprintf(text, sizeof text, "%s: %s:%ld: ", program_name, file, line);
    else if (file)
        n = snprintf(text, sizeof text, "%s: %s: ", program_name, file);
    else
        n = snprintf(text, sizeof text, "%s: ", program_name);
    if (n < 0 || (size_t)n >= sizeof text)
        n = 0;
    vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
    fprintf(stderr, "%s\n", text);
}

void warnf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(NULL, 0, fmt, ap);
    va_end(ap);
}

void warn_at(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(file, line, fmt, ap);
    va_end(ap);
}

/* Set and cleared by the record loop around its run (diag_set_fatal_hook);
 * taken, and so cleared, by the die() that runs it. */
static struct {
    diag_fatal_fn fn;
    void *ctx;
} fatal_hook;

void diag_set_fatal_hook(diag_fatal_fn fn, void *ctx)
{
    fatal_hook.fn = fn;
    fatal_hook.ctx = ctx;
}

void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(NULL, 0, fmt, ap);
    va_end(ap);
    diag_fatal_fn fn = fatal_hook.fn;
    void *ctx = fatal_hook.ctx;
    diag_set_fatal_hook(NULL, NULL);
    if (fn)
        fn(ctx);
    exit(status);
}

void die_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(NULL, 0, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s --help' for more information.\n", program_name);
    exit(EXIT_USAGE);
}
