/*
 * search_tok (store): the index's own tokenizer (unicode61 with the options
 * of items_fts), so the query, snippets and highlights split text into
 * words exactly as FTS5 did; opening it also sets up a searching
 * connection (page cache, tidings_rank).
 */
#include "store/search_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/xalloc.h"

/* Keep in step with the tokenize= option of items_fts in store/db.c. */
static const char *const search_tokenizer_args[] = { "remove_diacritics", "2" };

int
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

void
search_tok_close(struct search_tok *t)
{
	if (t->tok)
		t->api.xDelete(t->tok);
	t->tok = NULL;
}

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

void
search_tokens_release(struct search_tokens *ts)
{
	size_t i;

	if (!ts->count_only)
		for (i = 0; i < ts->n; i++)
			free(ts->v[i].text);
	free(ts->v);
	memset(ts, 0, sizeof *ts);
}

int
search_tokenize(struct search_tok *t, int mode, const char *s, size_t len,
    struct search_tokens *ts)
{
	if (len > (size_t)0x7fffffff)
		len = 0x7fffffff;
	return t->api.xTokenize(t->tok, ts, mode, s, (int)len, search_tok_cb) == SQLITE_OK
	    ? 0 : -1;
}
