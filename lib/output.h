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

void output_write(struct output *o, const void *data, size_t n);
void output_puts(struct output *o, const char *s);
void output_putc(struct output *o, char c);
/* Push buffered bytes to the file descriptor. */
void output_flush(struct output *o);
/* Flush, close (checked, as a full disk may only show here) and free. */
void output_close(struct output *o);

#endif
