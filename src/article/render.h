/*
 * render: an HTML fragment (a feed item's content or an extracted article)
 * -> terminal lines at a given width.
 *
 * Paragraphs are wrapped by display width (util/text: wide CJK, combining
 * marks and emoji count right) and separated by one empty line; headings,
 * lists (bullets "• ", numbers "1. ", nesting indented by two columns),
 * block quotes ("> " before each line), pre blocks (kept as they are, not
 * wrapped), simple tables (padded columns, or "a | b | c" rows when too
 * wide), images ("[image: alt]") and links ("text[1]" plus a "Links:" list
 * at the end) are laid out as text.  Entities are decoded; every control
 * character and escape sequence is removed, and script/style content is
 * never shown.
 *
 * Each line carries a style so a screen can colour it without parsing the
 * text again.  width 0 means no wrapping: every paragraph is exactly one
 * line (whitespace collapsed, trimmed) and <br> is a space.
 *
 * struct render owns its lines and link URLs; render_release frees them.
 */
#ifndef TIDINGS_RENDER_H
#define TIDINGS_RENDER_H

#include <stddef.h>

struct buf;
struct err;

enum render_style {
	RENDER_TEXT,		/* paragraph text (and empty separator lines) */
	RENDER_HEADING,		/* h1-h6; level in render_line.level */
	RENDER_QUOTE,		/* inside a blockquote; depth in level */
	RENDER_PRE,		/* preformatted, not wrapped */
	RENDER_LIST,		/* a list item's lines; nesting depth in level */
	RENDER_TABLE,		/* table rows */
	RENDER_IMAGE,		/* "[image: alt]" on its own */
	RENDER_CAPTION,		/* figcaption */
	RENDER_LINK_LIST	/* "Links:" and "[n] url" at the end */
};

struct render_line {
	char *text;		/* NUL-terminated, no newline, no controls */
	size_t len;		/* bytes */
	enum render_style style;
	int level;
};

struct render {
	struct render_line *lines;
	size_t nlines;
	size_t lines_cap;
	char **links;		/* links[i] is URL number i + 1 */
	size_t nlinks;
	size_t links_cap;
};

/* Flags for render_html. */
#define RENDER_NUMBER_LINKS 0x1	/* "text[n]" and the Links: list */
#define RENDER_IMAGES 0x2		/* show images as "[image: alt]" */

/* Bounds for hostile input: past them the rest is dropped. */
#define RENDER_MAX_INPUT (16u * 1024 * 1024)
#define RENDER_MAX_LINES 200000
#define RENDER_MAX_DEPTH 256

void render_init(struct render *r);
void render_release(struct render *r);

/*
 * Render html[0..len) (UTF-8) into r, replacing what r held.  Relative
 * URLs are not resolved here (extract does that); links whose scheme is
 * not http, https or mailto are shown as plain text.  Returns 0, or -1
 * with e set when the input is too large.
 */
int render_html(struct render *r, const char *html, size_t len, int width,
    int flags, struct err *e);

/* Append the lines joined by "\n", with a final "\n" (nothing when there
 * are no lines).  Returns 0, or -1 past out's cap. */
int render_to_buf(const struct render *r, struct buf *out);

#endif
