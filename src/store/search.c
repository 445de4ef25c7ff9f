#include "store/search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/db_priv.h"
#include "store/feeds.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Keep in step with the tokenize= option of items_fts in store/db.c. */
static const char *const search_tokenizer_args[] = { "remove_diacritics", "2" };

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

enum search_col {
	COL_ANY = -1,
	COL_TITLE,
	COL_AUTHOR,
	COL_FEED,
};

static const char *const search_col_names[] = { "title", "author", "feed" };

enum search_filter_kind {
	FILTER_TAG,
	FILTER_READ,
	FILTER_UNREAD,
	FILTER_STARRED,
	FILTER_UNSTARRED,
	FILTER_SINCE,
	FILTER_BEFORE,
};

struct search_term {
	int col;		/* enum search_col */
	char *text;		/* as the user typed it, without quotes and '*' */
	int prefix;
	int neg;
	int or_next;		/* joined to the next term by OR */
	int ntokens;
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

static void search_tok_close(struct search_tok *t);
static void search_rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int nval, sqlite3_value **val);

static int
search_tok_open(struct db *db, struct search_tok *t, struct err *e)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	void *ud = NULL;

	memset(t, 0, sizeof *t);
	st = db_prepare(db, "SELECT fts5(?1)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2 ||
	    api->xFindTokenizer(api, "unicode61", &ud, &t->api) != SQLITE_OK ||
	    t->api.xCreate(ud, (const char **)search_tokenizer_args, 2, &t->tok) != SQLITE_OK)
		return err_set(e, "cache %s: this SQLite has no FTS5 unicode61 tokenizer",
		    db->path);
	if (!db->search_cache) {
		char sql[64];

		snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", SEARCH_CACHE_KB);
		if (db_exec(db, sql, e) < 0) {
			search_tok_close(t);
			return -1;
		}
		db->search_cache = 1;
	}
	if (!db->rank_fn) {
		if (api->xCreateFunction(api, "tidings_rank", NULL, search_rank_fn,
		    NULL) != SQLITE_OK) {
			search_tok_close(t);
			return err_set(e, "cache %s: cannot register the ranking function",
			    db->path);
		}
		db->rank_fn = 1;
	}
	return 0;
}

/* --- ranking --- */

/*
 * tidings_rank(items_fts, w_title, w_author, w_feed, w_body, min_id, max_id,
 * sample) is FTS5's bm25() (the same formula, k1 1.2, b 0.75, column
 * weights, a negative score: lower is better) except for how it learns each
 * phrase's document frequency for the IDF.  bm25() counts every item the
 * phrase matches before it scores the first row; for a common word or a
 * short prefix on 1,000,000 items that count is most of the query (9 ms of
 * 13 for "li", 24 of 28 for "re*").  Here the count stops after `sample`
 * items (SEARCH_DF_SAMPLE; the oldest, FTS5 counts in rowid order) and the
 * rest is extrapolated from the share of the id range (min_id..max_id, the
 * cache's) they took up.  A phrase in fewer items than the sample gets the
 * exact count and so bm25()'s exact score (tests/unit/test_search.c checks
 * the two agree).  Only a phrase in more than 20,000 items is estimated; its
 * IDF is small anyway, and the estimate is off when its items bunch up in
 * time (a word of an old story reads as commoner than it is, so it weighs
 * even less).  sample 0, or no usable id range, counts everything.
 */
struct search_rank {
	int nphrase;
	double avgdl;		/* average tokens an item, all columns */
	double *idf;
	double *freq;		/* per phrase, this row */
};

struct search_df {
	sqlite3_int64 hits;
	sqlite3_int64 last;	/* rowid of the last one counted */
	sqlite3_int64 sample;	/* stop after this many (0: never) */
};

static int
search_df_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	struct search_df *df = arg;

	df->last = api->xRowid(fts);
	return ++df->hits == df->sample ? SQLITE_DONE : SQLITE_OK;
}

static int
search_rank_setup(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_int64 min_id,
    sqlite3_int64 max_id, sqlite3_int64 sample, struct search_rank **out)
{
	struct search_rank *r;
	sqlite3_int64 nrow = 0, ntok = 0;
	int i, rc;

	r = xcalloc(1, sizeof *r);
	r->nphrase = api->xPhraseCount(fts);
	r->idf = xcalloc((size_t)r->nphrase + 1, sizeof *r->idf);
	r->freq = xcalloc((size_t)r->nphrase + 1, sizeof *r->freq);
	if ((rc = api->xRowCount(fts, &nrow)) != SQLITE_OK ||
	    (rc = api->xColumnTotalSize(fts, -1, &ntok)) != SQLITE_OK)
		goto fail;
	r->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
	for (i = 0; i < r->nphrase; i++) {
		struct search_df df = { 0, 0, max_id > min_id && sample > 0 ? sample : 0 };
		double n, idf;

		rc = api->xQueryPhrase(fts, i, &df, search_df_cb);
		if (rc != SQLITE_OK)
			goto fail;
		n = (double)df.hits;
		if (df.sample > 0 && df.hits == df.sample && df.last >= min_id)
			n = n * (double)(max_id - min_id + 1) / (double)(df.last - min_id + 1);
		if (n > (double)nrow)
			n = (double)nrow;
		idf = log(((double)nrow - n + 0.5) / (n + 0.5));
		r->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	*out = r;
	return SQLITE_OK;
fail:
	free(r->idf);
	free(r->freq);
	free(r);
	return rc;
}

static void
search_rank_free(void *p)
{
	struct search_rank *r = p;

	if (r != NULL) {
		free(r->idf);
		free(r->freq);
		free(r);
	}
}

static void
search_rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	const double k1 = 1.2, b = 0.75;
	struct search_rank *r = api->xGetAuxdata(fts, 0);
	int ncol = api->xColumnCount(fts), ninst = 0, i, rc;
	int nw = nval - 3 < ncol ? nval - 3 : ncol;
	double score = 0, d;

	if (nval < 3) {
		sqlite3_result_error(ctx, "tidings_rank: min_id, max_id and sample are needed", -1);
		return;
	}
	if (r == NULL) {
		rc = search_rank_setup(api, fts, sqlite3_value_int64(val[nval - 3]),
		    sqlite3_value_int64(val[nval - 2]), sqlite3_value_int64(val[nval - 1]), &r);
		if (rc == SQLITE_OK)
			rc = api->xSetAuxdata(fts, r, search_rank_free);
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	memset(r->freq, 0, (size_t)r->nphrase * sizeof *r->freq);
	if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (i = 0; i < ninst; i++) {
		int ip, ic, io;

		if ((rc = api->xInst(fts, i, &ip, &ic, &io)) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
		if (ip >= 0 && ip < r->nphrase)
			r->freq[ip] += ic < nw ? sqlite3_value_double(val[ic]) : 1.0;
	}
	{
		int ntok = 0;

		if ((rc = api->xColumnSize(fts, -1, &ntok)) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
		d = (double)ntok;
	}
	for (i = 0; i < r->nphrase; i++)
		score += r->idf[i] * (r->freq[i] * (k1 + 1.0)) /
		    (r->freq[i] + k1 * (1.0 - b + b * d / r->avgdl));
	sqlite3_result_double(ctx, -score);
}

static void
search_tok_close(struct search_tok *t)
{
	if (t->tok)
		t->api.xDelete(t->tok);
	t->tok = NULL;
}

struct search_token {
	char *text;		/* folded: lower case, no accents */
	size_t start, end;	/* in the tokenized text */
};

struct search_tokens {
	struct search_token *v;
	size_t n, cap;
	int count_only;
};

static int
search_tok_cb(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct search_tokens *ts = ctx;

	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (!ts->count_only) {
		if (ts->n == ts->cap) {
			ts->cap = ts->cap ? ts->cap * 2 : 16;
			ts->v = xreallocarray(ts->v, ts->cap, sizeof *ts->v);
		}
		ts->v[ts->n].text = xstrndup(tok, (size_t)(ntok > 0 ? ntok : 0));
		ts->v[ts->n].start = (size_t)(start > 0 ? start : 0);
		ts->v[ts->n].end = (size_t)(end > start ? end : start);
	}
	ts->n++;
	return SQLITE_OK;
}

static void
search_tokens_release(struct search_tokens *ts)
{
	size_t i;

	if (!ts->count_only)
		for (i = 0; i < ts->n; i++)
			free(ts->v[i].text);
	free(ts->v);
	memset(ts, 0, sizeof *ts);
}

static int
search_tokenize(struct search_tok *t, int mode, const char *s, size_t len,
    struct search_tokens *ts)
{
	if (len > (size_t)0x7fffffff)
		len = 0x7fffffff;
	return t->api.xTokenize(t->tok, ts, mode, s, (int)len, search_tok_cb) == SQLITE_OK
	    ? 0 : -1;
}

/* --- parsing --- */

struct search_parse {
	struct search_term *terms;
	size_t nterms;
	struct search_filter *filters;
	size_t nfilters;
	size_t nclauses;
	int last_was_word;	/* the clause before an OR was a wanted word */
	int last_was_term;	/* the last clause was a word, phrase or field word */
	int pending_or;
};

static int
search_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
search_isalpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
search_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

static void
search_parse_release(struct search_parse *p)
{
	size_t i;

	for (i = 0; i < p->nterms; i++)
		free(p->terms[i].text);
	for (i = 0; i < p->nfilters; i++)
		free(p->filters[i].text);
	free(p->terms);
	free(p->filters);
}

static int
search_add_term(struct search_parse *p, int col, const char *s, size_t len, int prefix,
    int neg, struct err *e)
{
	struct search_term *t;

	if (p->pending_or) {
		if (neg)
			return err_set(e, "OR must stand between two words");
		p->terms[p->nterms - 1].or_next = 1;
		p->pending_or = 0;
	}
	p->terms = xreallocarray(p->terms, p->nterms + 1, sizeof *p->terms);
	t = &p->terms[p->nterms++];
	memset(t, 0, sizeof *t);
	t->col = col;
	t->text = xstrndup(s, len);
	t->prefix = prefix;
	t->neg = neg;
	p->last_was_word = !neg;
	p->last_was_term = 1;
	return 0;
}

static int
search_add_filter(struct search_parse *p, enum search_filter_kind kind, int neg,
    const char *text, int64_t value, struct err *e)
{
	struct search_filter *f;

	if (p->pending_or)
		return err_set(e, "OR must stand between two words");
	p->filters = xreallocarray(p->filters, p->nfilters + 1, sizeof *p->filters);
	f = &p->filters[p->nfilters++];
	f->kind = kind;
	f->neg = neg;
	f->text = text ? xstrdup(text) : NULL;
	f->value = value;
	p->last_was_word = 0;
	p->last_was_term = 0;
	return 0;
}

static int
search_digits(const char *s, size_t n, int *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++) {
		if (!search_isdigit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* A since:/before: value: 7d, 12h, 2w, 3m, 1y, YYYY-MM-DD, today, yesterday. */
static int
search_parse_when(const char *s, time_t now, int64_t *out)
{
	size_t len = strlen(s);
	int y, m, d;
	time_t t;
	int64_t midnight = ((int64_t)now / 86400) * 86400;

	if ((int64_t)now < 0)
		midnight -= 86400;
	if (strcmp(s, "today") == 0) {
		*out = midnight;
		return 0;
	}
	if (strcmp(s, "yesterday") == 0) {
		*out = midnight - 86400;
		return 0;
	}
	if (len >= 2 && len <= 7) {
		int64_t unit = 0;
		int n;

		switch (s[len - 1]) {
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		case 'm': unit = 30 * 86400; break;
		case 'y': unit = 365 * 86400; break;
		}
		if (unit && search_digits(s, len - 1, &n) == 0) {
			*out = (int64_t)now - (int64_t)n * unit;
			return 0;
		}
		return -1;
	}
	if (len != 10 || s[4] != '-' || s[7] != '-' || search_digits(s, 4, &y) < 0 ||
	    search_digits(s + 5, 2, &m) < 0 || search_digits(s + 8, 2, &d) < 0)
		return -1;
	if (y < 1900 || date_from_ymd(y, m, d, &t) < 0)
		return -1;
	*out = (int64_t)t;
	return 0;
}

static int
search_filter(struct search_parse *p, const char *name, const char *value, size_t vlen,
    int quoted, int prefix, int neg, time_t now, struct err *e)
{
	char *v;
	int64_t when;
	int rc = 0;

	if (strcmp(name, "title") == 0)
		return search_add_term(p, COL_TITLE, value, vlen, prefix, neg, e);
	if (strcmp(name, "author") == 0)
		return search_add_term(p, COL_AUTHOR, value, vlen, prefix, neg, e);
	if (strcmp(name, "feed") == 0)
		return search_add_term(p, COL_FEED, value, vlen, prefix, neg, e);

	v = xstrndup(value, vlen);
	if (prefix && !quoted) {
		/* the '*' was part of the value after all */
		free(v);
		v = xasprintf("%.*s*", (int)vlen, value);
	}
	if (strcmp(name, "tag") == 0) {
		rc = search_add_filter(p, FILTER_TAG, neg, v, 0, e);
	} else if (strcmp(name, "is") == 0) {
		if (strcasecmp(v, "unread") == 0 || strcasecmp(v, "new") == 0)
			rc = search_add_filter(p, FILTER_UNREAD, neg, NULL, 0, e);
		else if (strcasecmp(v, "read") == 0)
			rc = search_add_filter(p, FILTER_READ, neg, NULL, 0, e);
		else if (strcasecmp(v, "starred") == 0)
			rc = search_add_filter(p, FILTER_STARRED, neg, NULL, 0, e);
		else if (strcasecmp(v, "unstarred") == 0)
			rc = search_add_filter(p, FILTER_UNSTARRED, neg, NULL, 0, e);
		else
			rc = err_set(e, "unknown value in is:%.40s (use is:unread, is:read, "
			    "is:starred or is:unstarred)", v);
	} else if (strcmp(name, "since") == 0 || strcmp(name, "before") == 0) {
		if (search_parse_when(v, now, &when) < 0)
			rc = err_set(e, "bad date in %s: '%.40s' (use 7d, 12h, 2w, 3m, 1y, "
			    "today or a date like 2024-07-01)", name, v);
		else
			rc = search_add_filter(p, name[0] == 's' ? FILTER_SINCE : FILTER_BEFORE,
			    neg, NULL, when, e);
	} else {
		rc = err_set(e, "unknown filter '%.40s:' (filters: title: author: feed: tag: "
		    "is: since: before:; put a word with ':' in quotes to search for it)", name);
	}
	free(v);
	return rc;
}

/*
 * Split text into clauses.  Grammar (whitespace separates clauses):
 *   clause := ['-'] (name ':' value | '"' phrase '"' ['*'] | word ['*']) | OR | AND | NOT
 */
static int
search_lex(struct search_parse *p, const char *s, time_t now, int flags, struct err *e)
{
	size_t len = strlen(s), i = 0;
	int pending_not = 0;

	for (;;) {
		const char *w;
		size_t wlen, j;
		int neg = pending_not, prefix = 0, quoted = 0;

		while (i < len && search_isspace(s[i]))
			i++;
		if (i == len)
			break;
		if (++p->nclauses > SEARCH_TERMS_MAX)
			return err_set(e, "too many words in the query (at most %d)",
			    SEARCH_TERMS_MAX);
		pending_not = 0;
		if (s[i] == '-' && i + 1 < len && !search_isspace(s[i + 1])) {
			neg = !neg;
			i++;
		}

		/* a filter: ASCII letters, then ':' and a value */
		for (j = i; j < len && search_isalpha(s[j]); j++)
			;
		if (j > i && j < len && s[j] == ':') {
			char name[16];
			size_t n = j - i, k;

			if (n >= sizeof name)
				return err_set(e, "unknown filter '%.*s:'", (int)(n > 40 ? 40 : n),
				    s + i);
			for (k = 0; k < n; k++)
				name[k] = (char)(s[i + k] | 0x20);	/* ASCII lower case */
			name[n] = '\0';
			i = j + 1;
			if (i < len && s[i] == '"') {
				const char *q = memchr(s + i + 1, '"', len - i - 1);

				quoted = 1;
				w = s + i + 1;
				if (q == NULL) {
					if (!(flags & SEARCH_LIVE))
						return err_set(e, "unbalanced quote");
					wlen = len - i - 1;
					i = len;
				} else {
					wlen = (size_t)(q - w);
					i = (size_t)(q - s) + 1;
				}
			} else {
				w = s + i;
				while (i < len && !search_isspace(s[i]))
					i++;
				wlen = (size_t)(s + i - w);
			}
			while (i < len && s[i] == '*') {
				prefix = 1;
				i++;
			}
			while (!quoted && wlen > 0 && w[wlen - 1] == '*') {
				prefix = 1;
				wlen--;
			}
			if (wlen == 0)
				return err_set(e, "%s: needs a value", name);
			if (search_filter(p, name, w, wlen, quoted, prefix, neg, now, e) < 0)
				return -1;
			continue;
		}

		if (s[i] == '"') {
			const char *q = memchr(s + i + 1, '"', len - i - 1);

			w = s + i + 1;
			if (q == NULL) {
				if (!(flags & SEARCH_LIVE))
					return err_set(e, "unbalanced quote");
				wlen = len - i - 1;
				i = len;
			} else {
				wlen = (size_t)(q - w);
				i = (size_t)(q - s) + 1;
			}
			while (i < len && s[i] == '*') {
				prefix = 1;
				i++;
			}
		} else {
			w = s + i;
			while (i < len && !search_isspace(s[i]) && s[i] != '"')
				i++;
			wlen = (size_t)(s + i - w);
			if (!neg && wlen == 2 && memcmp(w, "OR", 2) == 0) {
				if (!p->last_was_word || p->pending_or)
					return err_set(e, "OR must stand between two words");
				p->pending_or = 1;
				continue;
			}
			if (!neg && wlen == 3 && memcmp(w, "AND", 3) == 0)
				continue;
			if (wlen == 3 && memcmp(w, "NOT", 3) == 0) {
				pending_not = !neg;
				continue;
			}
			while (wlen > 0 && w[wlen - 1] == '*') {
				prefix = 1;
				wlen--;
			}
		}
		if (search_add_term(p, COL_ANY, w, wlen, prefix, neg, e) < 0)
			return -1;
	}
	/* while typing, a trailing OR or NOT waits for the next word */
	if (p->pending_or && !(flags & SEARCH_LIVE))
		return err_set(e, "OR must stand between two words");
	p->pending_or = 0;
	if (pending_not && !(flags & SEARCH_LIVE))
		return err_set(e, "NOT needs a word after it");
	/* while typing, the word under the cursor is not finished yet */
	if ((flags & SEARCH_LIVE) && len > 0 && !search_isspace(s[len - 1]) &&
	    p->last_was_term)
		p->terms[p->nterms - 1].prefix = 1;
	return 0;
}

/* --- building the FTS5 expression and the SQL --- */

static void
search_add_str(struct buf *b, const char *s)
{
	if (buf_addstr(b, s) < 0)
		abort();	/* BUF_NOLIMIT: cannot happen */
}

/* One term: [column :] "text with "" doubled" [*] */
static void
search_fts_term(struct buf *b, const struct search_term *t)
{
	const char *s;

	if (t->col != COL_ANY) {
		search_add_str(b, search_col_names[t->col]);
		search_add_str(b, " : ");
	}
	search_add_str(b, "\"");
	for (s = t->text; *s; s++) {
		if (buf_addc(b, *s) < 0 || (*s == '"' && buf_addc(b, '"') < 0))
			abort();
	}
	search_add_str(b, t->prefix ? "\" *" : "\"");
}

/* The wanted terms: groups joined by OR, the groups joined by AND. */
static void
search_fts_wanted(struct buf *b, const struct search_parse *p)
{
	size_t i, j;
	int first = 1;

	for (i = 0; i < p->nterms; i = j) {
		size_t n = 0, k;
		int firstk = 1;

		/* a group: i .. j-1, linked by or_next */
		for (j = i; j < p->nterms; j++) {
			if (!p->terms[j].neg && p->terms[j].ntokens > 0)
				n++;
			if (!p->terms[j].or_next) {
				j++;
				break;
			}
		}
		if (p->terms[i].neg || n == 0)
			continue;
		if (!first)
			search_add_str(b, " AND ");
		first = 0;
		if (n > 1)
			search_add_str(b, "(");
		for (k = i; k < j; k++) {
			if (p->terms[k].ntokens == 0)
				continue;
			if (!firstk)
				search_add_str(b, " OR ");
			firstk = 0;
			search_fts_term(b, &p->terms[k]);
		}
		if (n > 1)
			search_add_str(b, ")");
	}
}

static void
search_fts_unwanted(struct buf *b, const struct search_parse *p)
{
	size_t i;
	int first = 1;

	for (i = 0; i < p->nterms; i++) {
		if (!p->terms[i].neg || p->terms[i].ntokens == 0)
			continue;
		if (!first)
			search_add_str(b, " OR ");
		first = 0;
		search_fts_term(b, &p->terms[i]);
	}
}

static void
search_sql_filters(struct buf *b, const struct search_parse *p)
{
	size_t i;

	for (i = 0; i < p->nfilters; i++) {
		const struct search_filter *f = &p->filters[i];
		int param = SEARCH_PARAM_BASE + (int)i;
		int rc = 0;

		if (i > 0)
			search_add_str(b, " AND ");
		if (f->neg)
			search_add_str(b, "NOT ");
		switch (f->kind) {
		case FILTER_TAG:
			rc = buf_printf(b, "(i.feed_id IN (SELECT feed_id FROM feed_tags "
			    "WHERE tag = ?%d COLLATE NOCASE))", param);
			break;
		case FILTER_READ:
			search_add_str(b, "(i.read = 1)");
			break;
		case FILTER_UNREAD:
			search_add_str(b, "(i.read = 0)");
			break;
		case FILTER_STARRED:
			search_add_str(b, "(i.starred = 1)");
			break;
		case FILTER_UNSTARRED:
			search_add_str(b, "(i.starred = 0)");
			break;
		case FILTER_SINCE:
			rc = buf_printf(b, "(i.published >= ?%d)", param);
			break;
		case FILTER_BEFORE:
			rc = buf_printf(b, "(i.published < ?%d)", param);
			break;
		}
		if (rc < 0)
			abort();
	}
}

static void
search_bind_filters(sqlite3_stmt *st, const struct search_query *q)
{
	size_t i;

	for (i = 0; i < q->nfilters; i++) {
		const struct search_filter *f = &q->filters[i];
		int param = SEARCH_PARAM_BASE + (int)i;

		if (f->kind == FILTER_TAG)
			db_bind_text(st, param, f->text);
		else if (f->kind == FILTER_SINCE || f->kind == FILTER_BEFORE)
			sqlite3_bind_int64(st, param, (sqlite3_int64)f->value);
	}
}

/*
 * Ranking joins every candidate to items for its date and filters.  Item
 * rows are wide (they hold the feed's HTML), so on a big cache that join
 * reads a page per candidate; the narrow index items_search of schema 2
 * (store/db.c, search-migration.sql) holds the same columns in a few MB,
 * in id order.  SQLite's planner
 * prefers the rowid lookup, hence INDEXED BY, used only when the index is
 * there (a cache from before the migration still works, more slowly).
 */
static const char *
search_items_source(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'index' AND name = 'items_search' AND tbl_name = 'items'", NULL);
	int have = 0;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return have ? "items i INDEXED BY items_search" : "items i";
}

static int
search_has_field_words(const struct search_parse *p)
{
	size_t i;

	for (i = 0; i < p->nterms; i++)
		if (!p->terms[i].neg && p->terms[i].ntokens > 0 && p->terms[i].col != COL_ANY)
			return 1;
	return 0;
}

static void
search_phrases_free(struct search_phrase *ph, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < ph[i].n; k++)
			free(ph[i].tokens[k]);
		free(ph[i].tokens);
	}
	free(ph);
}

struct search_query *
search_compile(struct db *db, const char *text, time_t now, int flags, struct err *e)
{
	struct search_parse p;
	struct search_query *q = NULL;
	struct search_tok tok;
	struct buf b;
	size_t i, nwanted = 0, nunwanted = 0;

	memset(&p, 0, sizeof p);
	if (text == NULL)
		text = "";
	if (strlen(text) > SEARCH_QUERY_MAX) {
		err_set(e, "query too long (at most %d bytes)", SEARCH_QUERY_MAX);
		return NULL;
	}
	if (search_lex(&p, text, now, flags, e) < 0) {
		search_parse_release(&p);
		return NULL;
	}
	if (search_tok_open(db, &tok, e) < 0) {
		search_parse_release(&p);
		return NULL;
	}

	q = xcalloc(1, sizeof *q);
	q->now = now;
	q->items = search_items_source(db);
	/* A term the index would see no word in ("--", "…") matches nothing
	 * and is left out, as search engines ignore punctuation. */
	for (i = 0; i < p.nterms; i++) {
		struct search_term *t = &p.terms[i];
		struct search_tokens ts = { .count_only = t->neg };

		if (search_tokenize(&tok, FTS5_TOKENIZE_QUERY, t->text, strlen(t->text), &ts) < 0) {
			search_tokens_release(&ts);
			err_set(e, "cannot read the words of the query");
			goto fail;
		}
		t->ntokens = (int)(ts.n > 1000 ? 1000 : ts.n);
		if (t->ntokens == 0) {
			search_tokens_release(&ts);
			continue;
		}
		if (t->neg) {
			nunwanted++;
		} else {
			struct search_phrase *ph;
			size_t k;

			nwanted++;
			q->phrases = xreallocarray(q->phrases, q->nphrases + 1, sizeof *q->phrases);
			ph = &q->phrases[q->nphrases++];
			ph->n = ts.n;
			ph->prefix = t->prefix;
			ph->tokens = xcalloc(ts.n, sizeof *ph->tokens);
			for (k = 0; k < ts.n; k++) {
				ph->tokens[k] = ts.v[k].text;
				ts.v[k].text = NULL;
			}
		}
		search_tokens_release(&ts);
	}
	if (nwanted == 0 && nunwanted == 0 && p.nfilters == 0) {
		err_set(e, "nothing to search for");
		goto fail;
	}

	buf_init(&b, 0);
	if (nwanted > 0) {
		if (nunwanted > 0)
			search_add_str(&b, "(");
		search_fts_wanted(&b, &p);
		if (nunwanted > 0) {
			search_add_str(&b, ") NOT (");
			search_fts_unwanted(&b, &p);
			search_add_str(&b, ")");
		}
	} else if (nunwanted > 0) {
		search_fts_unwanted(&b, &p);
		q->neg_fts = buf_take(&b);
	}
	q->fts = buf_take(&b);
	if (nwanted > 0 && !search_has_field_words(&p)) {
		search_add_str(&b, "(title : (");
		search_fts_wanted(&b, &p);
		search_add_str(&b, "))");
		if (nunwanted > 0) {
			search_add_str(&b, " NOT (");
			search_fts_unwanted(&b, &p);
			search_add_str(&b, ")");
		}
		q->title_fts = buf_take(&b);
	}
	search_sql_filters(&b, &p);
	/* feeds no longer in the feeds file are hidden (store/feeds.h) */
	if (feeds_any_unlisted(db, NULL) > 0)
		search_add_str(&b, b.len ? " AND " FEEDS_LISTED_ONLY : FEEDS_LISTED_ONLY);
	q->sql = buf_take(&b);
	buf_release(&b);

	q->filters = p.filters;
	q->nfilters = p.nfilters;
	p.filters = NULL;
	p.nfilters = 0;
	search_tok_close(&tok);
	search_parse_release(&p);
	return q;
fail:
	search_tok_close(&tok);
	search_parse_release(&p);
	search_query_free(q);
	return NULL;
}

void
search_query_free(struct search_query *q)
{
	size_t i;

	if (q == NULL)
		return;
	free(q->fts);
	free(q->neg_fts);
	free(q->title_fts);
	free(q->sql);
	for (i = 0; i < q->nfilters; i++)
		free(q->filters[i].text);
	free(q->filters);
	search_phrases_free(q->phrases, q->nphrases);
	free(q);
}

const char *
search_query_fts(const struct search_query *q)
{
	return q->fts ? q->fts : "";
}

const char *
search_query_sql(const struct search_query *q)
{
	return q->sql ? q->sql : "";
}

/* --- running --- */

struct search_progress {
	int (*cancel)(void *);
	void *arg;
	int fired;
};

static int
search_progress_cb(void *arg)
{
	struct search_progress *pr = arg;

	if (!pr->fired && pr->cancel(pr->arg))
		pr->fired = 1;
	return pr->fired;
}

struct search_cand {
	int64_t id;
	double score;
	double key;		/* higher is better */
	int64_t published;
};

static int
search_cand_cmp(const void *a, const void *b)
{
	const struct search_cand *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	if (x->published != y->published)
		return x->published > y->published ? -1 : 1;
	if (x->id != y->id)
		return x->id > y->id ? -1 : 1;
	return 0;
}

/*
 * Why a multiplicative age factor rather than ORDER BY round(bm25), published:
 * bm25's scale changes with the query (more words, rarer words: larger
 * scores), so a fixed rounding step is a different tolerance for every
 * query.  A factor is scale-free: two items within a few percent of each
 * other come out newest first, and no age can outweigh more than
 * SEARCH_AGE_COST of relevance, so a title match still beats a newer
 * mention in passing.
 */
static double
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

/* Copy s into a one-line string: control characters (tabs and newlines
 * too) and runs of white space become one space; invalid UTF-8 becomes
 * U+FFFD.  At most SEARCH_FIELD_MAX bytes, cut at a character. */
static char *
search_clean(const char *s)
{
	struct buf b;
	size_t len, i = 0;
	int space = 1;		/* swallow leading white space */

	buf_init(&b, SEARCH_FIELD_MAX);
	if (s == NULL)
		return buf_take(&b);
	len = strlen(s);
	while (i < len) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		char enc[4];

		i += n;
		if (cp == ' ' || text_is_removed(cp, 0) || cp == 0x85 || cp == 0x2028 ||
		    cp == 0x2029) {
			if (!space && buf_addc(&b, ' ') < 0)
				break;
			space = 1;
			continue;
		}
		if (buf_add(&b, enc, text_encode(cp, enc)) < 0)
			break;
		space = 0;
	}
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	return buf_take(&b);
}

/* A place a wanted phrase occurs: tokens first..last of a tokenized text. */
struct search_match {
	size_t first, last;
	size_t phrase;
};

static int
search_match_cmp(const void *a, const void *b)
{
	const struct search_match *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->last < y->last ? -1 : x->last > y->last;
}

/* Every occurrence of a wanted phrase in ts, in text order. */
static size_t
search_matches(const struct search_query *q, const struct search_tokens *ts,
    struct search_match **out)
{
	struct search_match *v = NULL;
	size_t nv = 0, cap = 0, i, j, k;

	for (i = 0; i < q->nphrases; i++) {
		const struct search_phrase *ph = &q->phrases[i];
		size_t plen = strlen(ph->tokens[ph->n - 1]);

		for (j = 0; j + ph->n <= ts->n; j++) {
			for (k = 0; k < ph->n; k++) {
				const char *want = ph->tokens[k], *have = ts->v[j + k].text;

				if (k + 1 == ph->n && ph->prefix ? strncmp(have, want, plen) != 0
				    : strcmp(have, want) != 0)
					break;
			}
			if (k < ph->n)
				continue;
			if (nv == cap) {
				cap = cap ? cap * 2 : 16;
				v = xreallocarray(v, cap, sizeof *v);
			}
			v[nv].first = j;
			v[nv].last = j + ph->n - 1;
			v[nv].phrase = i;
			nv++;
		}
	}
	if (nv > 1)
		qsort(v, nv, sizeof *v, search_match_cmp);
	*out = v;
	return nv;
}

/* The byte ranges of the matches within tokens [from, to), moved by
 * add - base, overlapping ones merged, appended to *spans. */
static void
search_match_spans(const struct search_tokens *ts, const struct search_match *m, size_t nm,
    size_t from, size_t to, size_t base, size_t add, struct search_span **spans,
    size_t *nspans)
{
	size_t i, cap = *nspans;

	for (i = 0; i < nm; i++) {
		size_t s, e;

		if (m[i].first < from || m[i].last >= to)
			continue;
		s = ts->v[m[i].first].start - base + add;
		e = ts->v[m[i].last].end - base + add;
		if (*nspans > 0 && s <= (*spans)[*nspans - 1].end) {
			if (e > (*spans)[*nspans - 1].end)
				(*spans)[*nspans - 1].end = e;
			continue;
		}
		if (*nspans == cap) {
			cap = cap ? cap * 2 : 8;
			*spans = xreallocarray(*spans, cap, sizeof **spans);
		}
		(*spans)[*nspans].start = s;
		(*spans)[(*nspans)++].end = e;
	}
}

/*
 * raw as one clean line with the query's matches as spans.  words > 0
 * makes a snippet: the window of that many words holding the most
 * different wanted phrases (then the most matches), "…" where text was
 * cut.  Matching tokenizes the way the index does, so it agrees with
 * what FTS5 matched; the index's own snippet() would re-run the whole
 * query (prefix expansion included) once per hit.
 */
static char *
search_excerpt(struct search_tok *tok, const struct search_query *q, const char *raw,
    int words, struct search_span **spans, size_t *nspans)
{
	struct search_tokens ts = { 0 };
	struct search_match *m = NULL;
	size_t nm = 0, len, begin = 0, end, bstart, bend, i, j, lead, pre;
	size_t best_distinct = 0, best_count = 0;
	char *clean, *cut;
	struct buf b;

	*spans = NULL;
	*nspans = 0;
	if (raw == NULL)
		return xstrdup("");
	len = strlen(raw);
	if (len > SEARCH_SNIPPET_SCAN) {
		len = SEARCH_SNIPPET_SCAN;
		while (len > 0 && ((unsigned char)raw[len] & 0xC0) == 0x80)
			len--;
	}
	cut = xstrndup(raw, len);
	clean = search_clean(cut);
	free(cut);
	len = strlen(clean);
	if (search_tokenize(tok, FTS5_TOKENIZE_DOCUMENT, clean, len, &ts) < 0 || ts.n == 0) {
		search_tokens_release(&ts);
		return clean;
	}
	nm = search_matches(q, &ts, &m);
	if (words <= 0 || ts.n <= (size_t)words) {
		search_match_spans(&ts, m, nm, 0, ts.n, 0, 0, spans, nspans);
		free(m);
		search_tokens_release(&ts);
		return clean;
	}

	lead = (size_t)words / 4;
	for (i = 0; i < nm && i < 256; i++) {
		size_t b0 = m[i].first > lead ? m[i].first - lead : 0, e0 = b0 + (size_t)words;
		size_t count = 0, distinct = 0;
		uint64_t seen = 0;

		if (e0 > ts.n) {
			e0 = ts.n;
			b0 = e0 - (size_t)words;
		}
		for (j = 0; j < nm && m[j].first < e0; j++) {
			if (m[j].first < b0 || m[j].last >= e0)
				continue;
			count++;
			if (!(seen & (1ULL << (m[j].phrase & 63)))) {
				seen |= 1ULL << (m[j].phrase & 63);
				distinct++;
			}
		}
		if (distinct > best_distinct ||
		    (distinct == best_distinct && count > best_count)) {
			best_distinct = distinct;
			best_count = count;
			begin = b0;
		}
	}
	end = begin + (size_t)words;
	bstart = begin == 0 ? 0 : ts.v[begin].start;
	bend = end >= ts.n ? len : ts.v[end].start;
	while (bend > bstart && clean[bend - 1] == ' ')
		bend--;
	buf_init(&b, 0);
	pre = begin > 0 ? strlen("\xe2\x80\xa6") : 0;
	if ((pre && buf_addstr(&b, "\xe2\x80\xa6") < 0) ||
	    buf_add(&b, clean + bstart, bend - bstart) < 0 ||
	    (end < ts.n && buf_addstr(&b, "\xe2\x80\xa6") < 0))
		abort();	/* BUF_NOLIMIT */
	search_match_spans(&ts, m, nm, begin, end, bstart, pre, spans, nspans);
	free(m);
	free(clean);
	search_tokens_release(&ts);
	clean = buf_take(&b);
	buf_release(&b);
	return clean;
}

static int
search_fill_hit(struct db *db, const struct search_query *q, struct search_tok *tok,
    sqlite3_stmt *item, sqlite3_stmt *body, int words, struct search_hit *h, struct err *e)
{
	int rc;

	sqlite3_reset(item);
	sqlite3_bind_int64(item, 1, h->id);
	rc = sqlite3_step(item);
	if (rc == SQLITE_DONE)
		return 0;	/* deleted since it was ranked */
	if (rc != SQLITE_ROW)
		return db_fail(db, e, "reading a search result");
	h->feed_id = sqlite3_column_int64(item, 0);
	h->published = (time_t)sqlite3_column_int64(item, 1);
	h->read = sqlite3_column_int(item, 2);
	h->starred = sqlite3_column_int(item, 3);
	h->feed_title = search_clean((const char *)sqlite3_column_text(item, 4));
	h->title = search_excerpt(tok, q, (const char *)sqlite3_column_text(item, 5), 0,
	    &h->title_spans, &h->ntitle_spans);
	h->url = search_clean((const char *)sqlite3_column_text(item, 6));

	sqlite3_reset(body);
	sqlite3_bind_int64(body, 1, h->id);
	rc = sqlite3_step(body);
	if (rc == SQLITE_ROW)
		h->snippet = search_excerpt(tok, q, (const char *)sqlite3_column_text(body, 0),
		    words, &h->spans, &h->nspans);
	else if (rc != SQLITE_DONE)
		return db_fail(db, e, "making a snippet");
	if (h->snippet == NULL)
		h->snippet = xstrdup("");
	return 1;
}

static void
search_hit_release(struct search_hit *h)
{
	free(h->feed_title);
	free(h->title);
	free(h->url);
	free(h->snippet);
	free(h->spans);
	free(h->title_spans);
	memset(h, 0, sizeof *h);
}

void
search_result_release(struct search_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		search_hit_release(&r->hits[i]);
	free(r->hits);
	memset(r, 0, sizeof *r);
}

static int
search_cand_id_cmp(const void *a, const void *b)
{
	const struct search_cand *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * One pass over the index: the newest `window` items matching fts (or, with
 * fts NULL, the newest items passing the filters and not matching neg_fts),
 * appended to *c.  SQLITE_INTERRUPT becomes SEARCH_INTERRUPTED.
 */
static int
search_pass(struct db *db, const struct search_query *q, const char *fts, int64_t window,
    struct search_cand **c, size_t *n, size_t *cap, struct err *e)
{
	sqlite3_stmt *st;
	char *sql;
	int rc;
	const char *and = q->sql[0] ? " AND " : "";

	if (fts)
		sql = xasprintf("SELECT items_fts.rowid, " SEARCH_BM25 ", i.published "
		    "FROM items_fts JOIN %s ON i.id = items_fts.rowid "
		    "WHERE items_fts MATCH ?1%s%s ORDER BY items_fts.rowid DESC LIMIT ?2",
		    q->items, and, q->sql);
	else
		sql = xasprintf("SELECT i.id, 0.0, i.published FROM items i WHERE 1%s%s%s "
		    "ORDER BY i.published DESC, i.id DESC LIMIT ?2",
		    and, q->sql, q->neg_fts ? " AND i.id NOT IN (SELECT rowid FROM items_fts "
		    "WHERE items_fts MATCH ?1)" : "");
	st = db_prepare(db, sql, e);
	free(sql);
	if (st == NULL)
		return -1;
	if (fts) {
		/* two subqueries: min() and max() together would scan the table */
		sqlite3_stmt *ids = db_prepare(db, "SELECT (SELECT min(id) FROM items), "
		    "(SELECT max(id) FROM items)", e);

		if (ids == NULL) {
			sqlite3_finalize(st);
			return -1;
		}
		/* no row (or an empty cache): ?3 = ?4 = 0, and tidings_rank counts all */
		if (sqlite3_step(ids) == SQLITE_ROW) {
			sqlite3_bind_int64(st, 3, sqlite3_column_int64(ids, 0));
			sqlite3_bind_int64(st, 4, sqlite3_column_int64(ids, 1));
		}
		sqlite3_finalize(ids);
		sqlite3_bind_int64(st, 5, SEARCH_DF_SAMPLE);
		db_bind_text(st, 1, fts);
	} else if (q->neg_fts)
		db_bind_text(st, 1, q->neg_fts);
	sqlite3_bind_int64(st, 2, window);
	search_bind_filters(st, q);

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_cand *x;

		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*c = xreallocarray(*c, *cap, sizeof **c);
		}
		x = &(*c)[(*n)++];
		x->id = sqlite3_column_int64(st, 0);
		x->score = sqlite3_column_double(st, 1);
		x->published = sqlite3_column_int64(st, 2);
		x->key = fts ? search_rank_key(x->score, x->published, q->now) : 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_INTERRUPT)
			return SEARCH_INTERRUPTED;
		return db_fail(db, e, "searching");
	}
	return 0;
}

/*
 * Candidates: ranked (wanted words) or newest first (filters only).
 * Ranking costs a few microseconds an item, so a word found in a large
 * part of a big cache is ranked over its newest SEARCH_RANK_WINDOW items,
 * plus the newest SEARCH_RANK_WINDOW with every wanted word in the title,
 * so an older item about exactly that is not lost to recency.
 */
static int
search_candidates(struct db *db, const struct search_query *q, size_t want,
    struct search_cand **out, size_t *nout, int *windowed, struct err *e)
{
	struct search_cand *c = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if (q->fts[0] == '\0') {
		rc = search_pass(db, q, NULL, (int64_t)want, &c, &n, &cap, e);
		if (rc != 0) {
			free(c);
			return rc;
		}
		*out = c;
		*nout = n;
		return 0;
	}
	rc = search_pass(db, q, q->fts, SEARCH_RANK_WINDOW, &c, &n, &cap, e);
	if (rc == 0 && n >= SEARCH_RANK_WINDOW) {
		*windowed = 1;
		if (q->title_fts) {
			size_t first = n, i, m;

			rc = search_pass(db, q, q->title_fts, SEARCH_RANK_WINDOW, &c, &n, &cap, e);
			/* drop title matches that the first pass already has */
			if (rc == 0 && n > first) {
				qsort(c, first, sizeof *c, search_cand_id_cmp);
				for (m = first, i = first; i < n; i++)
					if (bsearch(&c[i], c, first, sizeof *c,
					    search_cand_id_cmp) == NULL)
						c[m++] = c[i];
				n = m;
			}
		}
	}
	if (rc != 0) {
		free(c);
		return rc;
	}
	if (n > 1)
		qsort(c, n, sizeof *c, search_cand_cmp);
	*out = c;
	*nout = n;
	return 0;
}

int
search_run(struct db *db, const struct search_query *q, const struct search_opts *o,
    struct search_result *r, struct err *e)
{
	struct search_progress pr = { 0 };
	struct search_cand *c = NULL;
	sqlite3_stmt *item = NULL, *body = NULL;
	struct search_tok tok = { 0 };
	size_t nc = 0, limit, offset, i;
	int words, rc;

	memset(r, 0, sizeof *r);
	limit = o && o->limit > 0 ? (size_t)o->limit : SEARCH_DEFAULT_LIMIT;
	offset = o && o->offset > 0 ? (size_t)o->offset : 0;
	words = o && o->snippet_words > 0 ? o->snippet_words : SEARCH_SNIPPET_WORDS;
	if (words > 1000)
		words = 1000;
	if (o && o->cancel) {
		pr.cancel = o->cancel;
		pr.arg = o->cancel_arg;
		sqlite3_progress_handler(db->h, SEARCH_PROGRESS_STEPS, search_progress_cb, &pr);
	}

	rc = search_candidates(db, q, offset + limit + 1, &c, &nc, &r->windowed, e);
	if (rc != 0)
		goto out;
	rc = -1;
	item = db_prepare(db, "SELECT i.feed_id, i.published, i.read, i.starred, "
	    "coalesce(f.title, f.url), i.title, i.url FROM items i "
	    "JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1", e);
	if (item == NULL)
		goto out;
	body = db_prepare(db, "SELECT body FROM items_fts WHERE rowid = ?1", e);
	if (body == NULL || search_tok_open(db, &tok, e) < 0)
		goto out;

	r->more = nc > offset + limit;
	for (i = offset; i < nc && i < offset + limit; i++) {
		struct search_hit *h;
		int got;

		r->hits = xreallocarray(r->hits, r->n + 1, sizeof *r->hits);
		h = &r->hits[r->n];
		memset(h, 0, sizeof *h);
		h->id = c[i].id;
		h->score = c[i].score;
		got = search_fill_hit(db, q, &tok, item, body, words, h, e);
		if (got < 0) {
			search_hit_release(h);
			goto out;
		}
		if (got == 0)
			search_hit_release(h);
		else
			r->n++;
	}
	rc = 0;
out:
	search_tok_close(&tok);
	sqlite3_finalize(item);
	sqlite3_finalize(body);
	free(c);
	if (o && o->cancel)
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
	if (pr.fired) {
		search_result_release(r);
		err_clear(e);
		return SEARCH_INTERRUPTED;
	}
	if (rc != 0)
		search_result_release(r);
	return rc;
}

/* --- highlighting text outside the index --- */

int
search_highlight(struct db *db, const struct search_query *q, const char *text,
    size_t len, struct search_span **spans, size_t *n, struct err *e)
{
	struct search_tokens ts = { 0 };
	struct search_match *m = NULL;
	struct search_tok tok;
	size_t nm;

	*spans = NULL;
	*n = 0;
	if (q->nphrases == 0 || len == 0)
		return 0;
	if (search_tok_open(db, &tok, e) < 0)
		return -1;
	if (search_tokenize(&tok, FTS5_TOKENIZE_DOCUMENT, text, len, &ts) < 0) {
		search_tokens_release(&ts);
		search_tok_close(&tok);
		return err_set(e, "cannot split the text into words");
	}
	search_tok_close(&tok);
	nm = search_matches(q, &ts, &m);
	search_match_spans(&ts, m, nm, 0, ts.n, 0, 0, spans, n);
	free(m);
	search_tokens_release(&ts);
	return 0;
}
