/* output.h — buffered, checked writing of a program's output.
 *
 * Owns: the output file descriptor and its buffer. Every write is checked.
 * A closed pipe (EPIPE, as under `| head`) ends the program quietly with
 * status 0: the reader asked for no more. Any other failed write (a full
 * disk, an I/O error) is reported as "program: FILE: write error: reason"
 * and ends the program with status 1, so that a failure is never silent.
 * When the output is a pipe it is enlarged (F_SETPIPE_SZ, 1 MiB) where the
 * system allows, and data goes out in blocks of at most half of it, so that
 * chained programs run side by side instead of taking turns.
 *
 * An output may also be a file written atomically (see atomic.h: it appears
 * under its name only when output_close commits it; a failed write or
 * output_abort removes it) and may be gzip-compressed on the way
 * (libdeflate, one gzip member per MiB of text: gzip, zlib and lib/input.c
 * read the members as one stream); a failed write then removes the
 * temporary file before the program ends.
 */
#ifndef WINNOW_OUTPUT_H
#define WINNOW_OUTPUT_H

#include <stddef.h>

struct output;

/* Standard output. SIGPIPE is ignored from here on so that EPIPE is seen. */
struct output *output_stdout(void);
/* A file opened for writing (created or truncated). NULL on failure,
 * reported. */
struct output *output_file(const char *path);

/* A file written atomically (see atomic.h), gzip-compressed at
 * gzip_level 1-9, plain when gzip_level is 0. NULL on failure, reported
 * ("program: PATH: reason"). */
struct output *output_file_atomic(const char *path, int gzip_level);

void output_write(struct output *o, const void *data, size_t n);
void output_puts(struct output *o, const char *s);
void output_putc(struct output *o, char c);
/* Push buffered bytes to the file descriptor. */
void output_flush(struct output *o);
/* After a fatal error: push out the buffered bytes up to the last "\n"
 * (the records finished before it; a record being written stays out) and
 * say how many lines that was. Nothing for an atomic output (it is never
 * committed) or one whose write already failed. */
void output_flush_finished_lines(struct output *o);
/* Flush, close (checked, as a full disk may only show here) and free. An
 * atomic output is committed: it appears under its name now. */
void output_close(struct output *o);
/* Give up: an atomic output's temporary file is removed and its target left
 * as it was; any other output is closed as by output_close. */
void output_abort(struct output *o);

#endif
