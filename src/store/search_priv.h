/*
 * search_priv (store, private to the search files): what the parts of
 * store/search share.  search_query.c parses and compiles the query
 * language, search_rank.c is the ranking (the tidings_rank SQL function;
 * the age factor, search_rank_key, is below), search_tok.c opens the index's tokenizer,
 * search_snippet.c cuts snippets and finds match positions, search.c runs
 * a compiled query.  Nothing outside store/search*.c includes this file.
 */
#ifndef TIDINGS_STORE_SEARCH_PRIV_H
#define TIDINGS_STORE_SEARCH_PRIV_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db_priv.h"
#include "store/search.h"
#include "util/err.h"

/* bm25 weights of the items_fts columns: title, author, feed, body */
#define SEARCH_BM25 "tidings_rank(items_fts, 10.0, 3.0, 2.0, 1.0, ?3, ?4, ?5)"
/* Of a phrase matching more items than this, how many it matches is
 * estimated (see search_rank_setup). */
#define SEARCH_DF_SAMPLE 20000
/* The age factor: an item loses up to SEARCH_AGE_COST of its score,
 * along log(1 + days) up to SEARCH_AGE_DAYS. */
#define SEARCH_AGE_COST 0.15
#define SEARCH_AGE_DAYS 730.0
#define SEARCH_SNIPPET_WORDS 24
#define SEARCH_FIELD_MAX (256 * 1024)	/* bytes kept of one title or snippet */
#define SEARCH_SNIPPET_SCAN (128 * 1024)	/* bytes of a text searched for a snippet */
#define SEARCH_PROGRESS_STEPS 2000	/* VM steps between cancel checks */
/* The page cache of a connection that searches (KB): db_open's 8 MB until
 * the first search.  Ranking reads index and docsize pages all over a big
 * cache; on 1,000,000 items p50 goes from 15-22 ms to 9 ms (bench/search,
 * BENCH_CACHE_KB).  Memory grows only with the pages searches read. */
#define SEARCH_CACHE_KB 65536
/* Filters are bound from this parameter number on (?1..?9 are the query's). */
#define SEARCH_PARAM_BASE 10

enum search_filter_kind {
	FILTER_TAG,
	FILTER_READ,
	FILTER_UNREAD,
	FILTER_STARRED,
	FILTER_UNSTARRED,
	FILTER_SINCE,
	FILTER_BEFORE,
};

struct search_filter {
	enum search_filter_kind kind;
	int neg;
	char *text;		/* tag */
	int64_t value;		/* since/before time */
};

/* The tokens of one wanted term, for search_highlight. */
struct search_phrase {
	char **tokens;
	size_t n;
	int prefix;
};

struct search_query {
	char *fts;		/* wanted words (and NOT the unwanted), or "" */
	char *neg_fts;		/* unwanted words when nothing is wanted, or NULL */
	char *title_fts;	/* fts with every wanted word in the title, or NULL */
	char *sql;		/* filter conditions, or "" */
	struct search_filter *filters;
	size_t nfilters;
	struct search_phrase *phrases;
	size_t nphrases;
	time_t now;
	const char *items;	/* how the candidate passes read items */
};

/* --- the index's tokenizer --- */

struct search_tok {
	fts5_tokenizer api;
	Fts5Tokenizer *tok;
};

struct search_token {
	char *text;		/* folded: lower case, no accents */
	size_t start, end;	/* in the tokenized text */
};

struct search_tokens {
	struct search_token *v;
	size_t n, cap;
	int count_only;
};

/* search_tok.c */
int search_tok_open(struct db *db, struct search_tok *t, struct err *e);
void search_tok_close(struct search_tok *t);
void search_tokens_release(struct search_tokens *ts);
int search_tokenize(struct search_tok *t, int mode, const char *s, size_t len,
    struct search_tokens *ts);

/* search_rank.c */
void search_rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int nval, sqlite3_value **val);

/* search_query.c */
void search_bind_filters(sqlite3_stmt *st, const struct search_query *q);

/* search_snippet.c */
char *search_clean(const char *s);
char *search_excerpt(struct search_tok *tok, const struct search_query *q, const char *raw,
    int words, struct search_span **spans, size_t *nspans);

/*
 * Why a multiplicative age factor rather than ORDER BY round(bm25), published:
 * bm25's scale changes with the query (more words, rarer words: larger
 * scores), so a fixed rounding step is a different tolerance for every
 * query.  A factor is scale-free: two items within a few percent of each
 * other come out newest first, and no age can outweigh more than
 * SEARCH_AGE_COST of relevance, so a title match still beats a newer
 * mention in passing.
 *
 * In this header (inline) rather than search_rank.c: search_pass calls it
 * once per candidate, up to 4,000 a query, and an out-of-line call cost
 * 0.03% more instructions over bench/search's queries.
 */
static inline double
search_rank_key(double bm25, int64_t published, time_t now)
{
	double days = ((double)now - (double)published) / 86400.0;
	double f;

	if (days < 0)
		days = 0;
	f = log1p(days) / log1p(SEARCH_AGE_DAYS);
	if (f > 1)
		f = 1;
	return -bm25 * (1.0 - SEARCH_AGE_COST * f);
}

#endif
