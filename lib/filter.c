/* filter.c — the record-to-record loop (see filter.h). */
#include "filter.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "input.h"
#include "output.h"
#include "progress.h"
#include "record.h"

struct loop {
    const struct cli_common *common;
    filter_fn fn;
    void *ctx;
    struct output *out;
    struct record *record;
    struct rejects *rejects;
    struct progress progress;
    struct buf reason;
    struct filter_totals *totals;
    unsigned long long bytes;
    struct input *in; /* the input being read, for the fatal hook */
    unsigned long long *tally; /* filter_run_parallel's totals, or NULL */
};

static bool is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

/* Count a record's verdict, after a kept one was written; false when the
 * run must stop. Both loops settle their records here. */
static bool settle(struct loop *lp, enum filter_verdict v, const char *file, long lineno,
                   const char *reason, const char *line, size_t len)
{
    switch (v) {
    case FILTER_KEEP:
    case FILTER_WRITTEN:
        lp->totals->counts.out++;
        return true;
    case FILTER_DROP:
        lp->totals->dropped++;
        return true;
    case FILTER_REJECT:
        return rejects_add(lp->rejects, file, lineno, reason && *reason ? reason : "bad record",
                           line, len);
    case FILTER_STOP:
        break;
    }
    return false;
}

/* Returns false when the run must stop. */
static bool handle_line(struct loop *lp, struct input *in, const char *line, size_t len)
{
    if (is_blank(line, len)) {
        lp->totals->counts.blank++;
        return true;
    }
    lp->totals->counts.in++;
    const char *file = input_name(in);
    long lineno = input_lineno(in);
    /* The line stays valid until the next input_getline, and the record
     * is parsed again before it is used again: no copy is needed. */
    buf_reset(&lp->reason);
    enum filter_verdict v = FILTER_REJECT;
    if (record_parse_view(lp->record, line, len, &lp->reason) == 0) {
        buf_reset(&lp->reason);
        struct filter_context fc = {file, lineno, &lp->reason, lp->out, lp->tally};
        v = lp->fn(lp->record, &fc, lp->ctx);
        if (v == FILTER_KEEP)
            record_write(lp->record, lp->out);
    }
    return settle(lp, v, file, lineno, lp->reason.data, line, len);
}

/* One line of an input (input_line_fn); false when the run must stop. */
static bool filter_line(struct input *in, const char *line, size_t len, void *ctx)
{
    struct loop *lp = ctx;
    lp->in = in;
    lp->bytes += len + 1;
    bool go_on = handle_line(lp, in, line, len);
    progress_update(&lp->progress, lp->totals->counts.in, lp->bytes);
    return go_on;
}

/* The fatal hook while the loop runs (diag.h): a fatal error in the middle
 * of a record (out of memory) still writes every record before it, as bad
 * input would, and names the line it stopped on. */
static void stop_mid_record(void *ctx)
{
    struct loop *lp = ctx;
    output_flush_finished_lines(lp->out);
    if (lp->in)
        warn_at(input_name(lp->in), input_lineno(lp->in),
                "stopped at this record; every record before it was written");
}

int filter_run(const struct cli_common *common, const char *const *paths,
               filter_fn fn, void *ctx, struct filter_totals *totals)
{
    struct output *out = output_stdout();
    int status = filter_run_to(common, paths, fn, ctx, totals, out);
    output_close(out);
    return status;
}

static void loop_init(struct loop *lp, const struct cli_common *common, filter_fn fn, void *ctx,
                      struct filter_totals *totals, struct output *out)
{
    memset(lp, 0, sizeof *lp);
    lp->common = common;
    lp->fn = fn;
    lp->ctx = ctx;
    lp->totals = totals;
    lp->out = out;
    lp->record = record_new();
    lp->rejects = rejects_open(common->rejects_path);
    progress_init(&lp->progress, common->quiet);
}

static void loop_end(struct loop *lp)
{
    progress_end(&lp->progress);
    lp->totals->counts.rejected = rejects_count(lp->rejects);
    rejects_close(lp->rejects);
    record_free(lp->record);
    buf_free(&lp->reason);
}

/* filter_run_to, with fc->tally. */
static int run_serial(const struct cli_common *common, const char *const *paths, filter_fn fn,
                      void *ctx, struct filter_totals *totals, struct output *out,
                      unsigned long long *tally)
{
    struct loop lp;
    loop_init(&lp, common, fn, ctx, totals, out);
    lp.tally = tally;
    int status = EXIT_OK;
    diag_set_fatal_hook(stop_mid_record, &lp);
    for (; *paths; paths++) {
        lp.in = NULL; /* set at the first line: lp.in is gone with its file */
        if (!input_each_line(*paths, filter_line, &lp)) {
            status = EXIT_BAD_INPUT;
            if (!common->rejects_path)
                break; /* stop after every good record before the bad one */
        }
    }
    diag_set_fatal_hook(NULL, NULL);
    loop_end(&lp);
    return status;
}

int filter_run_to(const struct cli_common *common, const char *const *paths,
                  filter_fn fn, void *ctx, struct filter_totals *totals,
                  struct output *out)
{
    return run_serial(common, paths, fn, ctx, totals, out, NULL);
}

/* ---- several threads (see filter.h) ------------------------------------ */

enum {
    BATCH_BYTES = 256 * 1024,
    BATCH_LINES = 1024,
    SERIAL_LINE = 1024 * 1024 /* a line this long runs on the main thread */
};

struct batch_line {
    size_t at, len;  /* in the batch's lines */
    long lineno;
    bool blank;
    enum filter_verdict verdict; /* once a thread has run it */
    size_t out_at, out_len; /* the record in out, or the reason in reasons */
    unsigned long long tally[FILTER_TALLIES];
};

struct batch {
    struct buf lines;
    struct batch_line *line;
    size_t n, cap;
    char *file; /* owned */
    struct buf out, reasons;
    bool done;
};

struct pool {
    struct loop *lp;
    const struct filter_workers *w;
    struct batch *ring;
    size_t slots;
    /* Batches filled (head), taken by a thread (taken), written (tail):
     * batch k is ring[k % slots]. */
    unsigned long long head, taken, tail;
    bool quit;    /* no more batches: the threads end */
    bool stopped; /* a bad line stopped the run: nothing more is written */
    pthread_mutex_t lock;
    pthread_cond_t ready, finished;
    pthread_mutex_t out_lock; /* held while results are written (recursive) */
    size_t next_line;         /* the tail batch's first line not written */
    bool writing;             /* in write_lines: a write that fails ends it */
    const char *at_file;      /* the first line not yet written, for messages */
    long at_line;
    pthread_key_t self;       /* on a thread: its struct worker, for the fatal hook */
};

struct worker {
    struct pool *pool;
    void *ctx;
    struct record *record;
    struct buf reason;
    pthread_t thread;
    struct batch *batch; /* the batch being run, and its line */
    size_t line;
};

/* Run the program on one line of b (a worker thread). */
static void run_line(struct worker *wk, struct batch *b, struct batch_line *l)
{
    struct loop *lp = wk->pool->lp;
    const char *line = b->lines.data + l->at;
    buf_reset(&wk->reason);
    l->verdict = FILTER_REJECT;
    if (record_parse_view(wk->record, line, l->len, &wk->reason) == 0) {
        buf_reset(&wk->reason);
        struct filter_context fc = {b->file, l->lineno, &wk->reason, NULL, l->tally};
        l->verdict = lp->fn(wk->record, &fc, wk->ctx);
    }
    if (l->verdict == FILTER_KEEP) {
        l->out_at = b->out.len;
        record_serialize(wk->record, &b->out);
        buf_append_char(&b->out, '\n');
        l->out_len = b->out.len - l->out_at;
    } else if (l->verdict == FILTER_REJECT) {
        l->out_at = b->reasons.len;
        buf_append(&b->reasons, wk->reason.data ? wk->reason.data : "", wk->reason.len);
        buf_append_char(&b->reasons, '\0');
    } else if (l->verdict != FILTER_DROP) {
        die(EXIT_BAD_INPUT, "internal error: a record loop on threads got verdict %d",
            (int)l->verdict);
    }
}

static void *worker_main(void *arg)
{
    struct worker *wk = arg;
    struct pool *pool = wk->pool;
    pthread_setspecific(pool->self, wk);
    for (;;) {
        pthread_mutex_lock(&pool->lock);
        while (!pool->quit && pool->taken == pool->head)
            pthread_cond_wait(&pool->ready, &pool->lock);
        if (pool->taken == pool->head) { /* quit, and nothing left */
            pthread_mutex_unlock(&pool->lock);
            return NULL;
        }
        struct batch *b = &pool->ring[pool->taken++ % pool->slots];
        pthread_mutex_unlock(&pool->lock);
        buf_reset(&b->out);
        buf_reset(&b->reasons);
        wk->batch = b;
        for (wk->line = 0; wk->line < b->n; wk->line++)
            if (!b->line[wk->line].blank)
                run_line(wk, b, &b->line[wk->line]);
        pthread_mutex_lock(&pool->lock);
        wk->batch = NULL;
        b->done = true;
        pthread_cond_broadcast(&pool->finished);
        pthread_mutex_unlock(&pool->lock);
    }
}

/* Write one line's result, as handle_line would have; false when the run
 * must stop. */
static bool write_result(struct pool *pool, const struct batch *b, const struct batch_line *l)
{
    struct loop *lp = pool->lp;
    lp->bytes += l->len + 1;
    if (l->blank) {
        lp->totals->counts.blank++;
        return true;
    }
    lp->totals->counts.in++;
    for (size_t t = 0; t < FILTER_TALLIES; t++)
        lp->tally[t] += l->tally[t];
    if (l->verdict == FILTER_KEEP)
        output_write(lp->out, b->out.data + l->out_at, l->out_len);
    const char *reason = l->verdict == FILTER_REJECT ? b->reasons.data + l->out_at : NULL;
    bool go_on = settle(lp, l->verdict, b->file, l->lineno, reason, b->lines.data + l->at, l->len);
    progress_update(&lp->progress, lp->totals->counts.in, lp->bytes);
    return go_on;
}

/* Write the results of the tail batch b from pool->next_line up to line
 * `upto` (or, after a stop, drop them); out_lock held. at_file and
 * at_line end at the first line not written. */
static void write_lines(struct pool *pool, const struct batch *b, size_t upto)
{
    pool->writing = true;
    for (; pool->next_line < upto && !pool->stopped; pool->next_line++) {
        pool->at_file = b->file;
        pool->at_line = b->line[pool->next_line].lineno;
        if (!write_result(pool, b, &b->line[pool->next_line]))
            pool->stopped = true;
    }
    if (pool->next_line < b->n) {
        pool->at_file = b->file;
        pool->at_line = b->line[pool->next_line].lineno;
    }
    pool->writing = false;
}

/* The tail batch is written: the next one is the tail. out_lock held, so
 * that the fatal hook never sees a batch both written and in flight. */
static void next_tail(struct pool *pool)
{
    pool->next_line = 0;
    pool->tail++;
}

static bool batch_done(struct pool *pool, const struct batch *b)
{
    pthread_mutex_lock(&pool->lock);
    bool done = b->done;
    pthread_mutex_unlock(&pool->lock);
    return done;
}

/* Wait for the oldest batch in flight and write it (or, after a stop,
 * drop it). */
static void retire_oldest(struct pool *pool)
{
    struct batch *b = &pool->ring[pool->tail % pool->slots];
    pthread_mutex_lock(&pool->lock);
    while (!b->done)
        pthread_cond_wait(&pool->finished, &pool->lock);
    pthread_mutex_unlock(&pool->lock);
    pthread_mutex_lock(&pool->out_lock);
    write_lines(pool, b, b->n);
    next_tail(pool);
    pthread_mutex_unlock(&pool->out_lock);
}

static void retire_all(struct pool *pool)
{
    while (pool->tail < pool->head)
        retire_oldest(pool);
}

/* Hand the batch being filled to the threads, and make the next slot
 * free, writing the batches that are done. */
static void submit(struct pool *pool)
{
    struct batch *b = &pool->ring[pool->head % pool->slots];
    if (b->n == 0)
        return;
    pthread_mutex_lock(&pool->lock);
    b->done = false;
    pool->head++;
    pthread_cond_signal(&pool->ready);
    pthread_mutex_unlock(&pool->lock);
    for (;;) {
        struct batch *oldest = &pool->ring[pool->tail % pool->slots];
        pthread_mutex_lock(&pool->lock);
        bool done = pool->tail < pool->head && oldest->done;
        pthread_mutex_unlock(&pool->lock);
        if (!done && pool->head - pool->tail < pool->slots)
            break;
        retire_oldest(pool);
    }
    struct batch *next = &pool->ring[pool->head % pool->slots];
    next->n = 0;
    buf_reset(&next->lines);
}

static void stop_parallel(void *ctx);

/* Give back the batches' memory (none is in flight). */
static void free_batches(struct pool *pool)
{
    for (size_t i = 0; i < pool->slots; i++) {
        struct batch *b = &pool->ring[i];
        buf_free(&b->lines);
        buf_free(&b->out);
        buf_free(&b->reasons);
        free(b->line);
        b->line = NULL;
        b->n = b->cap = 0;
    }
}

/* A line of an input (input_line_fn) for the threads; false when the run
 * must stop. */
static bool pool_line(struct input *in, const char *line, size_t len, void *ctx)
{
    struct pool *pool = ctx;
    if (len >= SERIAL_LINE) { /* on this thread, after everything before it */
        submit(pool);
        retire_all(pool);
        if (pool->stopped)
            return false;
        free_batches(pool); /* the huge record costs what it costs filter_run */
        diag_set_fatal_hook(stop_mid_record, pool->lp);
        bool go_on = filter_line(in, line, len, pool->lp);
        diag_set_fatal_hook(stop_parallel, pool);
        return go_on;
    }
    struct batch *b = &pool->ring[pool->head % pool->slots];
    if (b->n == 0) {
        free(b->file);
        b->file = xstrdup(input_name(in));
    }
    b->line = array_reserve(b->line, &b->cap, b->n + 1, sizeof *b->line);
    b->line[b->n++] = (struct batch_line){b->lines.len, len, input_lineno(in),
                                          is_blank(line, len), FILTER_DROP, 0, 0, {0}};
    buf_append(&b->lines, line, len);
    if (b->lines.len >= BATCH_BYTES || b->n >= BATCH_LINES)
        submit(pool);
    return !pool->stopped;
}

/* The fatal hook while threads run, whichever thread ends the program:
 * every record that is certainly done goes out, in order (the batches
 * done, then, when it is next, what the dying thread finished of its
 * own), and the first line not written is named. It never waits for a
 * thread, which might be dying too. */
static void stop_parallel(void *ctx)
{
    struct pool *pool = ctx;
    pthread_mutex_lock(&pool->out_lock); /* recursive: this thread may hold it */
    const struct worker *me = pthread_getspecific(pool->self); /* NULL: the main thread */
    if (pool->writing) { /* this thread died writing a line: nothing after it goes out */
        output_flush_finished_lines(pool->lp->out);
        warn_at(pool->at_file, pool->at_line,
                "stopped here or after; every record before this line was written");
        return;
    }
    pthread_mutex_lock(&pool->lock);
    unsigned long long head = pool->head;
    pthread_mutex_unlock(&pool->lock);
    while (pool->tail < head && !pool->stopped) {
        struct batch *b = &pool->ring[pool->tail % pool->slots];
        if (!batch_done(pool, b)) {
            write_lines(pool, b, me && me->batch == b ? me->line : 0);
            break;
        }
        write_lines(pool, b, b->n);
        next_tail(pool);
    }
    if (pool->tail == head && !pool->stopped) {
        /* Only the main thread gets here (a dying thread's own batch is
         * not done): what it was reading is the first line not written. */
        const struct batch *filling = &pool->ring[head % pool->slots];
        if (filling->n > 0) {
            pool->at_file = filling->file;
            pool->at_line = filling->line[0].lineno;
        } else if (pool->lp->in) {
            pool->at_file = input_name(pool->lp->in);
            pool->at_line = input_lineno(pool->lp->in);
        } else {
            pool->at_file = NULL;
        }
    }
    output_flush_finished_lines(pool->lp->out);
    if (pool->at_file)
        warn_at(pool->at_file, pool->at_line,
                "stopped here or after; every record before this line was written");
}

/* Stop the first `jobs` threads once every batch is taken, and free them. */
static void stop_workers(struct pool *pool, struct worker *wk, unsigned jobs)
{
    pthread_mutex_lock(&pool->lock);
    pool->quit = true;
    pthread_cond_broadcast(&pool->ready);
    pthread_mutex_unlock(&pool->lock);
    for (unsigned i = 0; i < jobs; i++) {
        pthread_join(wk[i].thread, NULL);
        pool->w->done(pool->w->shared, wk[i].ctx);
        record_free(wk[i].record);
        buf_free(&wk[i].reason);
    }
}

/* Start the threads; false (none left running) when one cannot start. */
static bool start_workers(struct pool *pool, struct worker *wk, unsigned jobs)
{
    for (unsigned i = 0; i < jobs; i++) {
        wk[i].pool = pool;
        wk[i].ctx = pool->w->new(pool->w->shared);
        wk[i].record = record_new();
        if (pthread_create(&wk[i].thread, NULL, worker_main, &wk[i]) != 0) {
            pool->w->done(pool->w->shared, wk[i].ctx);
            record_free(wk[i].record);
            stop_workers(pool, wk, i);
            return false;
        }
    }
    return true;
}

static void pool_init(struct pool *pool, struct loop *lp, const struct filter_workers *w)
{
    memset(pool, 0, sizeof *pool);
    pool->lp = lp;
    pool->w = w;
    pool->slots = 2 * (size_t)w->jobs;
    pool->ring = xcalloc(pool->slots, sizeof *pool->ring);
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->ready, NULL);
    pthread_cond_init(&pool->finished, NULL);
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&pool->out_lock, &attr);
    pthread_mutexattr_destroy(&attr);
    if (pthread_key_create(&pool->self, NULL) != 0)
        die(EXIT_BAD_INPUT, "cannot make a thread key");
}

static void pool_free(struct pool *pool)
{
    free_batches(pool);
    for (size_t i = 0; i < pool->slots; i++)
        free(pool->ring[i].file);
    free(pool->ring);
    pthread_mutex_destroy(&pool->lock);
    pthread_cond_destroy(&pool->ready);
    pthread_cond_destroy(&pool->finished);
    pthread_mutex_destroy(&pool->out_lock);
    pthread_key_delete(pool->self);
}

/* Every operand through the threads; the exit status. */
static int pool_run(struct pool *pool, const char *const *paths)
{
    int status = EXIT_OK;
    for (; *paths && !pool->stopped; paths++) {
        pool->lp->in = NULL;
        bool read_all = input_each_line(*paths, pool_line, pool);
        submit(pool); /* a batch holds the lines of one file */
        if (!read_all) {
            retire_all(pool); /* the good records before a read error go out */
            status = EXIT_BAD_INPUT;
            if (!pool->lp->common->rejects_path)
                break;
        }
    }
    retire_all(pool);
    return pool->stopped ? EXIT_BAD_INPUT : status;
}

int filter_run_parallel(const struct cli_common *common, const char *const *paths,
                        filter_fn fn, const struct filter_workers *w,
                        struct filter_totals *totals)
{
    struct output *out = output_stdout();
    struct worker *wk = w->jobs >= 2 ? xcalloc(w->jobs, sizeof *wk) : NULL;
    struct loop lp;
    struct pool pool;
    pool_init(&pool, &lp, w); /* the threads read lp only once a batch comes */
    int status;
    if (wk && start_workers(&pool, wk, w->jobs)) {
        /* A line run on this thread borrows the first thread's ctx: the
         * threads are idle then (every batch before it is written). */
        loop_init(&lp, common, fn, wk[0].ctx, totals, out);
        lp.tally = w->tally;
        diag_set_fatal_hook(stop_parallel, &pool);
        status = pool_run(&pool, paths);
        diag_set_fatal_hook(NULL, NULL);
        loop_end(&lp);
        stop_workers(&pool, wk, w->jobs);
    } else {
        void *ctx = w->new(w->shared);
        status = run_serial(common, paths, fn, ctx, totals, out, w->tally);
        w->done(w->shared, ctx);
    }
    pool_free(&pool);
    output_close(out);
    free(wk);
    return status;
}
