/* progress.h — a progress meter on stderr, for long runs on a terminal.
 *
 * Owns: deciding whether to show progress (only when stderr is a terminal
 * and --quiet was not given) and drawing it at most a few times a second:
 * "program: 1234567 records, 412.3 MB, 95.1 MB/s". Nothing is ever written
 * when stderr is not a tty, so logs and tests never see it.
 */
#ifndef WINNOW_PROGRESS_H
#define WINNOW_PROGRESS_H

#include <stdbool.h>

struct progress {
    bool enabled;
    double start;      /* monotonic seconds */
    double last_draw;
    bool drawn;
};

void progress_init(struct progress *p, bool quiet);
/* Cheap to call per record: it reads the clock only every 4096 calls. */
void progress_update(struct progress *p, unsigned long long records,
                     unsigned long long bytes);
/* Erase the meter line if one was drawn. */
void progress_end(struct progress *p);

#endif
