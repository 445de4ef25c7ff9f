/*
 * search_rank (store): how search orders items: tidings_rank, FTS5's bm25
 * with an estimated document frequency, and the age factor that breaks
 * near ties towards newer items.
 */
#include "store/search_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "util/xalloc.h"

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

void
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
