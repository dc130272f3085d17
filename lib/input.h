/* input.h — reading the bytes of one input: a file, or stdin as "-".
 *
 * Owns: opening, gzip detection and decompression, buffering, line splitting
 * and line numbering. Gzip is recognised by its magic bytes (1f 8b), never by
 * the file name, and multi-member streams (as Common Crawl ships WARC files)
 * are read to the end. A gzip stream that ends early is an error
 * ("truncated gzip input"), not a silent short read.
 *
 * Lines may be of any length (the buffer grows to hold the longest line and
 * is reused). input_getline strips the "\n" and a "\r" before it; a UTF-8
 * byte-order mark at the very start of the input is skipped.
 *
 * An input owns its file descriptor, its buffers and its zlib state;
 * input_close releases all of them. Plain (not gzipped) bytes held in
 * memory (input_open_memory) are read where they are: no buffer, no copy.
 * Files and pipes are read in blocks of 256 KiB straight into the line
 * buffer; a pipe is enlarged to 1 MiB (F_SETPIPE_SZ) where allowed.
 */
#ifndef WINNOW_INPUT_H
#define WINNOW_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct input;

/* Open path ("-" or NULL for stdin). On failure prints
 * "program: PATH: reason" and returns NULL. */
struct input *input_open(const char *path);
/* Wrap bytes held in memory (not copied; they must outlive the input),
 * gzip-detected like a file. `name` is used in messages. */
struct input *input_open_memory(const char *name, const void *data, size_t len);
/* Closes and frees; returns 0, or -1 if a read error was seen. */
int input_close(struct input *in);

/* Name for messages: the path, or "stdin". */
const char *input_name(const struct input *in);
/* True when the data is gzip-compressed. */
bool input_is_gzip(const struct input *in);

/* Look at up to `want` decompressed bytes without consuming them. Sets *p
 * and returns how many are available (fewer at end of input), -1 on error. */
ssize_t input_peek(struct input *in, const char **p, size_t want);

/* Next line, without its terminator. Returns 1 with line and len set (valid
 * until the next call), 0 at end of input, -1 on a read or gzip error
 * (already reported). A final line without "\n" is still a line. */
int input_getline(struct input *in, const char **line, size_t *len);
/* The loop over lines every line reader runs: hand each line of in (as
 * input_getline gives it; in for its name and line number) to fn until fn
 * returns false. True when every line was read and fn never said stop; a
 * read error is reported as input_getline reports it. */
typedef bool (*input_line_fn)(struct input *in, const char *line, size_t len, void *ctx);
bool input_lines(struct input *in, input_line_fn fn, void *ctx);
/* The same over the file path ("-" for stdin), opened and closed here:
 * false also when it cannot be opened (reported) or closes with an error. */
bool input_each_line(const char *path, input_line_fn fn, void *ctx);
/* Number of the line last returned by input_getline (1-based). */
long input_lineno(const struct input *in);
/* True when the last line returned ended without a newline at end of input. */
bool input_last_line_unterminated(const struct input *in);

/* Read up to n decompressed bytes into dst; returns bytes read, 0 at end,
 * -1 on error (already reported). Lines counted by input_getline are not
 * advanced by raw reads. */
ssize_t input_read(struct input *in, void *dst, size_t n);
/* The same without a copy: *p points at up to n bytes inside the input,
 * valid until the next call on it. */
ssize_t input_read_view(struct input *in, const char **p, size_t n);
/* Append everything left to out. Returns 0, or -1 on error. */
struct buf;
int input_slurp(struct input *in, struct buf *out);
/* For an input that reads plain bytes held in memory (input_open_memory,
 * not gzipped): point *p at everything left, *len bytes, without a copy
 * (valid as long as that memory), consume it and return true. Any other
 * input: false, nothing consumed (use input_slurp). */
bool input_whole(struct input *in, const char **p, size_t *len);

/* Decompressed bytes consumed so far; for progress meters. */
unsigned long long input_bytes_out(const struct input *in);

#endif
