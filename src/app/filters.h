/*
 * filters (app): the config's filter lines made usable: ignore-article
 * rules and ignore-mode (the killfile), define-filter's named filters.
 *
 * filters_check is what reports bad lines (once, at load, with the line
 * that holds them); filters_load compiles the good ones for a command, a
 * poll or the reader, skipping the bad silently.  No curses, no SQL:
 * store/filter runs the trees over the cache, filters_keep over a poll's
 * parsed items.
 */
#ifndef TIDINGS_APP_FILTERS_H
#define TIDINGS_APP_FILTERS_H

#include <stddef.h>
#include <time.h>

#include "app/settings.h"
#include "feed/feed.h"
#include "filter/filter.h"
#include "store/db.h"
#include "store/filter.h"

struct filters_named {
	char *name;
	struct filter *f;
};

struct filters {
	struct filter_ignore *ignore;	/* ignore-article, in config order */
	size_t nignore;
	int display;			/* ignore-mode display: hide, do not drop */
	struct filters_named *named;	/* define-filter */
	size_t nnamed;
	struct filter **hl;		/* highlight-article, in config order */
	size_t *hl_line;		/* ... each one's index in its settings_lines */
	size_t nhl;
};

/*
 * Append "config:12: filter: line 1, column 9: ..." to cfg->errors for
 * every ignore-article and define-filter line whose expression (or feed
 * pattern) is bad.
 */
void filters_check(struct settings *cfg);
/* Compile cfg's filter lines into fs (bad lines left out). */
void filters_load(struct filters *fs, const struct settings *cfg);
void filters_release(struct filters *fs);
/* define-filter NAME's tree, or NULL. */
const struct filter *filters_named(const struct filters *fs, const char *name);

/*
 * The killfile a list should apply: fs's rules in display mode, none in
 * download mode (the poll dropped those items already).  Sets s->ignore
 * and s->nignore.
 */
void filters_scope(const struct filters *fs, struct filter_scope *s);

/*
 * Download mode: the items of a parsed feed (feed_id, its URL and parsed
 * title) that no rule ignores, as new arrays of shallow copies (*kept,
 * and *kept_texts when texts is not NULL; free both with free, not the
 * items).  Returns how many were kept.  Tags, site and counts come from
 * the cache's row of the feed.
 */
size_t filters_keep(const struct filters *fs, struct db *db, int64_t feed_id,
    const char *feed_url, const char *feed_title, const struct item *items,
    char *const *texts, size_t n, time_t now, struct item **kept, char ***kept_texts);

/*
 * highlight-article: for each of the n items ids[i], which rule colours
 * its row: rule[i] = the index of the first matching highlight-article
 * line in settings_lines(cfg, SETTINGS_L_HIGHLIGHT_ARTICLE) (its argv
 * holds the colours), or -1 (newsboat's first match wins).  For the item
 * list's drawing (app/highlight, ui_draw): one query a rule for a screen
 * of rows.  0, or -1 with *e.
 */
int filters_highlight_rows(const struct filters *fs, struct db *db, const int64_t *ids,
    size_t n, int *rule, struct err *e);

/*
 * search's "filter:NAME" words: taken out of query (a NUL-terminated
 * string, edited in place) into *match (the define-filter's tree, owned
 * by fs; NULL when the query names none).  -1 with *e for a name no
 * define-filter line defines.
 */
int filters_search_words(const struct filters *fs, char *query, const struct filter **match,
    struct err *e);
/*
 * Reorder r's hits so that the ones match keeps and the killfile (display
 * mode) does not hide come first, in their order: how many those are, at
 * most limit (0: all).  r->n is left as it is (search_result_release frees
 * every hit).  -1 with *e.
 */
struct search_result;
int filters_search_keep(const struct filters *fs, struct db *db, const struct filter *match,
    struct search_result *r, int limit, struct err *e);

/*
 * The reader's filtering of its item lists: the killfile in display mode
 * and the filter of set-filter/select-filter (newsboat's F), until
 * clear-filter.  A plain model: ui/ui_filter draws nothing of it.
 */
/* A query feed: "query:TITLE:EXPRESSION" [tags] in the feeds file. */
struct filters_query {
	char *title;
	char *expr;		/* as written in the feeds file */
	struct filter *f;
	int unread, total;	/* counted by filters_view_count */
	int counted;		/* unread and total hold its counts */
	int opened;		/* its list was opened (lazy counting) */
};

struct filters_view {
	struct filters fs;
	struct filter *active;	/* set-filter's, or NULL */
	char *active_text;	/* as typed, or the define-filter's name */
	struct filters_query *queries;	/* the feeds file's query feeds */
	size_t nqueries;
	const struct filter *query;	/* the query feed on screen, or NULL */
	/* the killfile's table was made with the items up to this id (0: not
	 * made): it is made again only when new items came */
	int64_t hidden_max_id;
	/* "prepopulate-query-feeds no" written in the config: a query feed
	 * is counted only once its list was opened (newsboat's meaning), so
	 * that a huge cache starts without a query a feed.  Unset, tidings
	 * counts every one (as newsboat's yes): it is an indexed query. */
	int lazy;
};

/*
 * The query feeds of a feeds file (path; NULL or missing: none), kept in
 * fv in file order.  A line whose expression is bad is left out; its
 * message goes to *bad (a new string, the first one only) when not NULL.
 */
void filters_view_queries(struct filters_view *fv, const char *path, char **bad);
/* The same from a feeds file already read (tidings feeds). */
struct feedlist;
void filters_view_queries_of(struct filters_view *fv, const struct feedlist *fl, char **bad);
/* Count each query feed's items (unread, total) for the feed list (when
 * fv->lazy, only the ones opened: the others keep counted 0). */
int filters_view_count(struct filters_view *fv, struct db *db, struct err *e);
/* The id a feed-list row gives a query feed (negative), and back. */
#define FILTERS_QUERY_ID(i) (-2 - (int64_t)(i))
#define FILTERS_QUERY_INDEX(id) ((size_t)(-2 - (id)))

void filters_view_init(struct filters_view *fv, const struct settings *cfg);
void filters_view_release(struct filters_view *fv);
/*
 * Set the active filter from text: a define-filter name, else an
 * expression.  0, or -1 with *e (the position of the mistake); the old
 * filter stays then.
 */
int filters_view_set(struct filters_view *fv, const char *text, struct err *e);
void filters_view_clear(struct filters_view *fv);
/* Mark read what q's list shows when a filter shapes it: 1 when done (or
 * -1 with *e), 0 when q has no filter (the caller marks as usual). */
int filters_view_mark_read(struct filters_view *fv, struct db *db, struct items_query *q,
    int64_t max_id, struct err *e);
/* Fill the cache's view tables for fv and put the flags in q.  The
 * killfile's table is made again only when new items came in (or after
 * filters_view_changed: a poll, a mark-read). */
int filters_view_apply(struct filters_view *fv, struct db *db, struct items_query *q,
    struct err *e);
/* The cache changed under the killfile's table (read state): make it again. */
void filters_view_changed(struct filters_view *fv);

#endif
