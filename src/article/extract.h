/*
 * extract: a web page's HTML -> the readable article (title, byline,
 * date, body).
 *
 * The page is parsed with libxml2's HTML parser (recovering, no network).
 * Metadata comes from JSON-LD (Article, NewsArticle, BlogPosting and
 * friends, also inside @graph), OpenGraph / article / Dublin Core meta
 * tags, <time datetime> and visible byline elements.  The body is found by
 * scoring blocks for text length, commas, link density and class/id hints
 * and keeping the best block with its related siblings (the approach of
 * Mozilla's Readability, implemented here from its description), then
 * cleaned of share bars, cards, forms and other furniture.
 *
 * Everything in struct article is owned by it and freed by
 * extract_release.  Strings are UTF-8 with control characters removed and
 * are never NULL ("" when unknown).
 *
 * The input is hostile: it is capped at EXTRACT_MAX_INPUT bytes, the body
 * at EXTRACT_MAX_BODY, element nesting deeper than EXTRACT_MAX_DEPTH is cut
 * off, and script/style text never reaches the output.
 */
#ifndef TIDINGS_EXTRACT_H
#define TIDINGS_EXTRACT_H

#include <stddef.h>
#include <time.h>

struct buf;
struct err;

#define EXTRACT_MAX_INPUT (32u * 1024 * 1024)
#define EXTRACT_MAX_DEPTH 256
/* The body's HTML, in bytes: what render_html takes (RENDER_MAX_INPUT),
 * so the body can always be shown.  Past it the rest is left out and
 * struct article's truncated is set. */
#define EXTRACT_MAX_BODY (16u * 1024 * 1024)
/* Below this many characters of body text the caller should prefer the
 * feed's own content (status EXTRACT_TOO_SHORT). */
#define EXTRACT_MIN_TEXT 200

enum extract_status {
	EXTRACT_OK = 0,
	EXTRACT_TOO_SHORT = 1	/* extracted, but too little text to trust */
};

struct article {
	char *title;
	char *byline;
	time_t published;	/* (time_t)-1 when unknown */
	/* Seconds east of UTC in which the page wrote that date (0 for UTC
	 * or no zone given): extract_format shows the page's own day and
	 * time, which UTC can move to the day before or after. */
	int published_offset;
	/*
	 * The body as an HTML fragment holding only safe markup: p, h1-h6,
	 * ul/ol/li, blockquote, pre/code, table/tr/th/td, figure/figcaption,
	 * em/strong/b/i, br, a href (absolute http, https or mailto) and
	 * img src (absolute http or https) alt.  No other attributes.
	 */
	char *html;
	/* The body as plain text: one line a paragraph, paragraphs joined by
	 * "\n\n" (for full-text search). */
	char *text;
	size_t text_chars;	/* characters (not bytes) in text */
	/* 1 when the body was cut at EXTRACT_MAX_BODY: extract_format says
	 * so after it, since a reader would otherwise take it as the end */
	int truncated;
	enum extract_status status;
};

/*
 * Extract the article from html[0..len).  url is the page's address, used
 * to resolve relative links (may be NULL: links stay as written when they
 * are absolute and are dropped otherwise); a <base href> in the page takes
 * precedence, as in a browser.  charset is the HTTP Content-Type charset,
 * or NULL; without it the encoding comes from a BOM, then <meta charset> or
 * http-equiv, else UTF-8 when the bytes are valid UTF-8, else windows-1252.
 *
 * Returns EXTRACT_OK or EXTRACT_TOO_SHORT and fills *a (release it with
 * extract_release either way), or -1 with e set when the page cannot be
 * used at all (empty, too large, not parseable); *a is then empty but
 * still safe to release.
 */
int extract_article(struct article *a, const char *html, size_t len,
    const char *url, const char *charset, struct err *e);
void extract_release(struct article *a);

/*
 * The text form used by `tidings extract` and `tidings show`: line 1 the
 * title, line 2 the byline, line 3 the date as 2024-07-10T04:26:53Z (empty
 * when unknown), line 4 empty, then the body rendered at width columns
 * (see render.h).  width 0 is the plain form: one line a paragraph,
 * paragraphs separated by one empty line, link text without numbers, no
 * link list and no image markers; width > 0 wraps, shows images as
 * "[image: alt]" and numbers links, listing their URLs at the end.
 * A truncated body is followed by an empty line and "[article cut at
 * 16 MB]" (EXTRACT_MAX_BODY).
 * The output ends with one newline.  Returns 0, or -1 past out's cap.
 */
int extract_format(const struct article *a, int width, struct buf *out);

#endif
