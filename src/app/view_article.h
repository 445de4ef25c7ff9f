/*
 * view_article: the article screen's model.
 *
 * Opens an item from the cache and lays it out at a width: header lines
 * (feed, title, author, date, link; wrapped at the width), then the downloaded article rendered
 * by article/render with its numbered links; when no article was
 * downloaded, a "not cached" note and the feed's own content or summary.
 * Every string is sanitised (util/text) before it is kept.  Holds the
 * scroll position and, for an article opened from a search, where the
 * search matches its lines (view_search_mark_article computes them once a
 * layout) to highlight and jump between.  Owns everything it points to.
 */
#ifndef TIDINGS_VIEW_ARTICLE_H
#define TIDINGS_VIEW_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/items.h"
#include "util/err.h"

enum view_article_style {
	VIEW_ARTICLE_HEADER,	/* "Title: ..." lines; label_len bytes are the label */
	VIEW_ARTICLE_TEXT,
	VIEW_ARTICLE_HEADING,
	VIEW_ARTICLE_QUOTE,
	VIEW_ARTICLE_PRE,
	VIEW_ARTICLE_LINKS,	/* the "Links:" list */
	VIEW_ARTICLE_NOTE	/* "not cached" and similar notes */
};

struct view_article_line {
	char *text;
	size_t len;
	enum view_article_style style;
	size_t label_len;
};

/* A search match: bytes [start, end) of lines[line]. */
struct view_article_match {
	size_t line;
	size_t start;
	size_t end;
};

struct view_article {
	struct item_full item;
	int open;
	int cached;		/* shows a downloaded article */
	struct view_article_line *lines;
	size_t nlines;
	char **links;		/* links[i] is link number i + 1 */
	size_t nlinks;
	int top;
	int height;
	int width;		/* laid out at: the window's, at most text_width */
	int text_width;		/* text-width: 0 for the window's */
	int always_description;	/* always-display-description: the summary after the body */
	struct view_article_match *matches;	/* in line and byte order; none when
					 * not opened from a search */
	size_t nmatches;
	char **enclosures;	/* the item's, described (app/podcast) */
	size_t nenclosures;
};

void view_article_init(struct view_article *v);
void view_article_release(struct view_article *v);
/* Read item id and lay it out at width columns: 1, 0 when there is no such item, -1. */
int view_article_open(struct view_article *v, struct db *db, int64_t id, int width,
    struct err *e);
/*
 * Lay the open item out again at another width, keeping the reading
 * place: 1 when it was laid out again (the search matches are gone: mark
 * them again), 0 when nothing changed, -1 with *e.
 */
int view_article_set_width(struct view_article *v, int width, struct err *e);
void view_article_set_height(struct view_article *v, int height);
/* Scroll by lines or pages (clamped so the last line can reach the bottom). */
void view_article_scroll(struct view_article *v, int delta);
void view_article_page(struct view_article *v, int pages);
void view_article_home(struct view_article *v);
void view_article_end(struct view_article *v);
/* At the end (the last line is on screen)? */
int view_article_at_end(const struct view_article *v);

/* The byline as the Author line shows it: without a leading "by " (the
 * extractor keeps bylines as pages write them, "by A and B").  Borrowed. */
const char *view_article_author(const char *byline);

/* Set the item's read (star 0) or starred (star 1) flag to value in the
 * cache and in v->item: 0, or -1 with *e (v is left as it was). */
int view_article_set_flag(struct view_article *v, struct db *db, int star, int value,
    struct err *e);

/* Take m (n matches, in order; freed with v) as the article's search matches. */
void view_article_take_matches(struct view_article *v, struct view_article_match *m,
    size_t n);
/* The matches on line (in byte order): the first, and *n of them (0: NULL). */
const struct view_article_match *view_article_line_matches(const struct view_article *v,
    size_t line, size_t *n);
/*
 * n/N in an article opened from a search: scroll so that the next (dir >
 * 0) or previous line with a match is the second line on screen (one line
 * of context above it).  1 moved, 0 no more matches that way.
 */
int view_article_next_match(struct view_article *v, int dir);
/* Just opened: scroll to the first match unless it is already on screen. */
void view_article_show_first_match(struct view_article *v);

#endif
