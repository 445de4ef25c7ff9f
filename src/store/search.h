/*
 * search (store): the query language over the cache's full-text index
 * (items_fts, see store/db.c), ranking, snippets and match positions.
 *
 * Query language (words are case- and accent-insensitive: "cafe" finds
 * "Café", "київ" finds "Київ"):
 *
 *   word word         every word must match (in title, author, feed or text)
 *   "exact phrase"    the words next to each other, in this order
 *   a OR b            either; OR binds tighter than the implicit AND, so
 *                     "iran a OR b" is iran AND (a OR b)
 *   -word  NOT word   must not match (also -"phrase", -title:x, -is:read ...)
 *   pref*             any word starting with pref ("pref"* for phrases)
 *   title:x author:x feed:x   the word (or "phrase", or prefix*) in that field
 *   tag:x             items of feeds tagged x (feeds file tags)
 *   is:unread is:read is:starred is:unstarred
 *   since:7d before:2024-07-01   published in the last 7 days, before a day;
 *                     units h d w m(onth = 30 d) y(ear = 365 d), a date
 *                     YYYY-MM-DD (UTC midnight), today, yesterday
 *
 * A query is compiled into an FTS5 expression in which every user word is a
 * double-quoted string (so FTS5 syntax in user text is only ever text), and
 * into SQL conditions whose values are bound parameters; user text never
 * becomes SQL.  A malformed query fails with a plain message in struct err
 * ("unbalanced quote", "nothing to search for", "unknown filter 'foo:'",
 * "bad date in since: '7x' ..."), never an SQLite error string.
 *
 * Ranking: bm25 with weights title 10, author 3, feed 2, text 1 (our own
 * tidings_rank, which estimates how many items a very common word is in
 * rather than counting them all; search.c says how), scaled by
 * an age factor that costs an item at most 15% of its score (a log curve
 * over two years), so near ties go to the newer item while a clearly
 * better match still wins.  To keep every query fast on a big cache, a
 * query matching more than SEARCH_RANK_WINDOW items ranks the newest
 * SEARCH_RANK_WINDOW of them (by id, the order items arrived in) plus the
 * newest SEARCH_RANK_WINDOW with all the wanted words in the title;
 * r->windowed says when that cut applied.
 *
 * Use from an interactive view (results as you type): compile with
 * SEARCH_LIVE on every keystroke (an open quote is closed, the last word
 * is a prefix), run with limit = rows on screen and a cancel callback that
 * returns nonzero when a key is waiting (e.g. poll(2) on the terminal with
 * a zero timeout).  search_run then stops within a few milliseconds with
 * SEARCH_INTERRUPTED, the view handles the key and runs the new query;
 * typing never waits for a search.  Page with offset.  Keep the compiled
 * query to mark matches in the article (search_highlight).
 */
#ifndef TIDINGS_STORE_SEARCH_H
#define TIDINGS_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"
#include "util/err.h"

#define SEARCH_QUERY_MAX 2000		/* bytes of query text */
#define SEARCH_TERMS_MAX 64		/* clauses: words, phrases, filters, OR/AND/NOT */
#define SEARCH_DEFAULT_LIMIT 50
#define SEARCH_RANK_WINDOW 2000	/* matching items ranked, newest first */
#define SEARCH_INTERRUPTED 1		/* search_run: the cancel callback said stop */

enum search_flags {
	/* The query is still being typed: an unclosed quote is closed at the
	 * end, and the last word (when no space follows it) is a prefix. */
	SEARCH_LIVE = 1,
};

struct search_query;

/*
 * Compile text.  now is the time since:/before: count back from.  The db
 * is needed for the index's tokenizer (to know which words are empty).
 * Returns a new query (free with search_query_free) or NULL and *e.
 */
struct search_query *search_compile(struct db *db, const char *text, time_t now, int flags,
    struct err *e);
void search_query_free(struct search_query *q);
/* The FTS5 MATCH expression for the wanted words, "" when there are none
 * (a query of filters and -words only).  Owned by q. */
const char *search_query_fts(const struct search_query *q);

/* A byte range [start, end) of a string. */
struct search_span {
	size_t start;
	size_t end;
};

struct search_hit {
	int64_t id;
	int64_t feed_id;
	time_t published;
	int read;
	int starred;
	double score;		/* lower is better; 0 when the query has no words */
	/* Strings are UTF-8 with control characters (tabs and newlines too)
	 * replaced by spaces, so they are one line; owned by the hit. */
	char *feed_title;	/* the feed's title, else its URL */
	char *title;
	char *url;
	char *snippet;		/* text around the best match */
	struct search_span *spans;	/* the matched words in snippet, in order */
	size_t nspans;
	struct search_span *title_spans;	/* the matched words in title */
	size_t ntitle_spans;
};

struct search_result {
	struct search_hit *hits;	/* best first */
	size_t n;
	int more;		/* there are hits after these (offset + n) */
	int windowed;		/* more than SEARCH_RANK_WINDOW items matched: the
				 * ranking saw the newest of them (see above) */
};

struct search_opts {
	int limit;		/* hits wanted; 0: SEARCH_DEFAULT_LIMIT */
	int offset;		/* hits to skip */
	int snippet_words;	/* words in a snippet; 0: 24 */
	/* Called every few thousand SQLite steps (well under a millisecond);
	 * nonzero stops the search.  search_run owns the connection's progress
	 * handler for the call and clears it before returning. */
	int (*cancel)(void *arg);
	void *cancel_arg;
};

/*
 * Run q.  Returns 0 with *r filled (release with search_result_release;
 * hits may be 0), SEARCH_INTERRUPTED with *r empty when cancel stopped it,
 * or -1 with *e.  o may be NULL.  Reads only; needs no transaction.
 */
int search_run(struct db *db, const struct search_query *q, const struct search_opts *o,
    struct search_result *r, struct err *e);
void search_result_release(struct search_result *r);

/*
 * The ranges of text (any UTF-8, e.g. a line of the rendered article) that
 * the query's wanted words match, tokenized the way the index is (so
 * "Café" in the text matches cafe in the query).  *spans is a new array
 * (caller frees), in order and not overlapping; *n may be 0.
 */
int search_highlight(struct db *db, const struct search_query *q, const char *text,
    size_t len, struct search_span **spans, size_t *n, struct err *e);

#endif
