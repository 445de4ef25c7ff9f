/*
 * search (store): running a compiled query: the candidate passes over the
 * index, the rank window, paging and cancelling, and filling in the hits.
 * The query language is in search_query.c, ranking in search_rank.c,
 * snippets in search_snippet.c (store/search_priv.h).
 */
#include "store/search_priv.h"

#include <stdlib.h>
#include <string.h>
#include "util/xalloc.h"

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
