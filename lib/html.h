/* html.h — the plain text of an HTML page.
 *
 * Owns: reducing an HTML body to the text a reader sees. Scripts, styles,
 * the <head>, comments and other invisible parts are dropped; block-level
 * elements (p, div, h1-h6, li, tr, blockquote, pre, section, ...) end a
 * line, paragraphs are separated by one blank line, every other tag is
 * removed. Outside <pre> runs of white space become one space, as a browser
 * shows them. Character entities (&amp;, &#8217;) are left as written: a
 * later program decodes them.
 *
 * Any byte string is accepted: malformed HTML (unclosed tags, a stray '<',
 * an unterminated comment or quote) never fails and keeps its text. Time is
 * linear in the input; nothing is read past `len`.
 */
#ifndef WINNOW_HTML_H
#define WINNOW_HTML_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* Append the text of html[0..len) to out; it ends with "\n" unless empty. */
void html_to_text(const char *html, size_t len, struct buf *out);

/* True when the bytes look like an HTML document (for bodies that come
 * without a Content-Type): the first thing after white space is markup
 * and one of <html, <!doctype, <head or <body is near the start. */
bool html_looks_like(const char *s, size_t len);

#endif
