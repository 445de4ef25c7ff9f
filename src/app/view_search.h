/*
 * view_search: the search screen's model.  The query line (with its
 * history, kept in a file beside the cache), the hits of the last query
 * that compiled (fetched a page at a time as the cursor goes down), the
 * cursor, and why the query does not compile when it does not.  It also
 * marks an article opened from the hits with where the query matches it.
 *
 * How the hits are laid out: each hit takes two lines, the title line and
 * a line of context from the article with the matched words, so that the
 * match is readable at 80 columns too.  The context line starts far
 * enough into the snippet that its first match is on screen, with some
 * words before it.  No curses here.  Owns everything it points to.
 */
#ifndef TIDINGS_VIEW_SEARCH_H
#define TIDINGS_VIEW_SEARCH_H

#include <stddef.h>

#include "app/view_article.h"
#include "app/view_cmdline.h"
#include "app/filters.h"
#include "app/view_list.h"
#include "store/search.h"
#include "util/err.h"

/* Screen lines a hit takes, and the indent of its context line. */
#define VIEW_SEARCH_LINES 2
#define VIEW_SEARCH_INDENT 7
/* Hits fetched at least, beyond what the screen shows. */
#define VIEW_SEARCH_PAGE 50

struct view_search {
	struct view_cmdline line;	/* the query as typed */
	struct view_list list;		/* a row a hit */
	struct search_query *query;	/* the last query that compiled, or NULL */
	struct search_result res;	/* hits from res_offset */
	int res_offset;
	int dirty;			/* the text changed: run again */
	int editing;			/* keys go to the query line */
	char error[ERR_MSG_MAX + 8];	/* why the query does not compile ("": it does) */
	char *history_path;		/* where the line's history is kept, or NULL */
	/* the killfile (ignore-mode display) hides hits as in tidings
	 * search: set by the reader (ui_filter.c), NULL for none */
	const struct filters *filters;
	size_t res_all;			/* hits in res before the killfile's */
};

void view_search_init(struct view_search *s);
void view_search_release(struct view_search *s);
/* A new search: an empty query being edited, no hits, height rows of screen. */
void view_search_start(struct view_search *s, int height);

/*
 * Run the query for hits 0 .. need (at least VIEW_SEARCH_PAGE).  cancel
 * (may be NULL) is search_run's: nonzero stops the search.  Returns 0
 * when done, or 1 when cancel stopped it (dirty stays set: run again).
 * A query that does not compile or fails leaves its reason in s->error,
 * and drops the hits of an earlier query, so that nothing shown (or under
 * ENTER) belongs to another query; an empty line has no hits.
 */
int view_search_run(struct view_search *s, struct db *db, int need,
    int (*cancel)(void *), void *cancel_arg);
/* As view_search_run for more hits, when the cursor reached the last one
 * held; keeps the cursor and the scroll position.  0 when nothing ran. */
int view_search_more(struct view_search *s, struct db *db,
    int (*cancel)(void *), void *cancel_arg);
/* The hit under the cursor, or NULL. */
struct search_hit *view_search_current(struct view_search *s);
/* Set the current hit's read (star 0) or starred (star 1) flag to value
 * (-1 toggles), in the cache and in the hit: 0, or -1 with *e (the hit
 * is left as it was).  0 when there is no current hit. */
int view_search_set_flag(struct view_search *s, struct db *db, int star, int value,
    struct err *e);

/*
 * Mark where the query matches article a's lines, tokenized the way the
 * index is (view_article_next_match goes from one to the next, and the
 * article screen highlights them).  Computed once per layout: call it when
 * the article opens and when view_article_set_width laid it out again.
 * No query: no marks.
 */
void view_search_mark_article(const struct view_search *s, struct db *db,
    struct view_article *a);

/* The line's history, in a file "search-history" beside the cache:
 * load (a missing file is an empty history) and save.  0 or -1 with *e. */
int view_search_history_load(struct view_search *s, const struct db *db, struct err *e);
int view_search_history_save(struct view_search *s, struct err *e);

/* Hits that fit in height lines (at least 1). */
int view_search_rows(int height);

/*
 * Where the context line starts in snippet s (len bytes, sanitised, one
 * line) to show its first match (spans, in order) within cols columns:
 * 0 when the match fits from the start, else the byte offset of a word
 * start leaving about a third of the line before the match (the caller
 * shows "…" in front).
 */
size_t view_search_snippet_start(const char *s, size_t len, const struct search_span *spans,
    size_t nspans, size_t cols);

/* keys: delete the current hit's item (store/items.h items_delete) and
 * mark the query to run again.  0, or -1 and *e. */
int view_search_delete(struct view_search *s, struct db *db, struct err *e);

#endif
