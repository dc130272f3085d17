/* progress.c — a progress meter on a terminal (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, bool quiet)
{
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->start = p->last_draw = p->enabled ? now() : 0;
    p->drawn = false;
}

void progress_update(struct progress *p, unsigned long long records,
                     unsigned long long bytes)
{
    if (!p->enabled || (records & 4095) != 0)
        return;
    double t = now();
    if (t - p->last_draw < 0.5)
        return;
    p->last_draw = t;
    double mb = (double)bytes / 1e6;
    double elapsed = t - p->start;
    fprintf(stderr, "\r%s: %llu records, %.1f MB, %.1f MB/s\033[K",
            diag_program(), records, mb, elapsed > 0 ? mb / elapsed : 0.0);
    p->drawn = true;
}

void progress_end(struct progress *p)
{
    if (p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = false;
}
