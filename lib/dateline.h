/* dateline.h — the date lines that open blog posts.
 *
 * Owns: which lines read as a date (SPEC "Splitting": "Thursday, 14
 * December 2017", weekday and comma optional) and their ISO 8601 form.
 * Month and weekday names are English, matched without regard to case and
 * never through the locale.
 */
#ifndef WINNOW_DATELINE_H
#define WINNOW_DATELINE_H

#include <stddef.h>

/* Parse a date line: the whole line must be the date (surrounding spaces
 * aside). Accepted: "Thursday, 14 December 2017", "Thursday 14 December
 * 2017", "14 December 2017", "14th of December 2017", "December 14, 2017",
 * "Thursday, December 14th, 2017", "Thu 14 Dec 2017", "Dec. 14, 2017",
 * "Thurs 14 Sept 2017", "2017-12-14" and "14/12/2017" (day first, unless
 * only month first makes a date). Years 1900-2100, real calendar days.
 * Writes "YYYY-MM-DD" to iso and returns 1, or returns 0. */
int parse_date_line(const char *line, size_t len, char iso[11]);

#endif
