/*
 * items_fts (store): the indexed text kept once, in items.fts
 * (store/items_fts.h says why and the rule its writers keep).
 *
 * A blob: a format byte (1), then each column as 'N' (NULL) or 'T' and its
 * text, each ended by a NUL (text holds no NUL: it reaches the store as C
 * strings).  Not deflated: zlib's fastest level packs this text to half
 * for 12% more CPU a poll (bench/README, lever 19); the format byte leaves
 * room for that if it is ever worth it.
 */
#include "store/items_fts.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define ITEMS_FTS_FORMAT 1
/* no packed text is this big (a feed's body and a page are capped far
 * below it): SQLite's bind takes an int's worth */
#define ITEMS_FTS_MAX ((size_t)1 << 30)

unsigned char *
items_fts_pack(const char *const cols[ITEMS_FTS_NCOLS], size_t *len)
{
	size_t plen = 1, off = 0, i;
	unsigned char *out;

	for (i = 0; i < ITEMS_FTS_NCOLS; i++)
		plen += 2 + (cols[i] ? strlen(cols[i]) : 0);
	if (plen > ITEMS_FTS_MAX)
		return NULL;
	out = xmalloc(plen);
	out[off++] = ITEMS_FTS_FORMAT;
	for (i = 0; i < ITEMS_FTS_NCOLS; i++) {
		size_t n = cols[i] ? strlen(cols[i]) : 0;

		out[off++] = cols[i] ? 'T' : 'N';
		if (n > 0)
			memcpy(out + off, cols[i], n);
		off += n;
		out[off++] = '\0';
	}
	*len = plen;
	return out;
}

/* tidings_fts_col(blob, i): column i of the packed text, NULL for NULL */
static void
fn_fts_col(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *blob, *p, *end;
	sqlite3_int64 want, col;
	size_t n;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	want = sqlite3_value_int64(argv[1]);
	blob = sqlite3_value_blob(argv[0]);
	n = (size_t)sqlite3_value_bytes(argv[0]);
	if (want < 0 || want >= ITEMS_FTS_NCOLS || blob == NULL || n < 1 ||
	    blob[0] != ITEMS_FTS_FORMAT)
		goto corrupt;
	end = blob + n;
	for (p = blob + 1, col = 0; ; col++) {
		const unsigned char *nul;

		if (p + 1 >= end || (*p != 'T' && *p != 'N'))
			goto corrupt;
		nul = memchr(p + 1, '\0', (size_t)(end - p - 1));
		if (nul == NULL)
			goto corrupt;
		if (col == want) {
			if (*p == 'N')
				sqlite3_result_null(ctx);
			else
				sqlite3_result_text(ctx, (const char *)p + 1, (int)(nul - p - 1),
				    SQLITE_TRANSIENT);
			return;
		}
		p = nul + 1;
	}
corrupt:
	sqlite3_result_error(ctx, "the index's copy of an item's text (items.fts) is damaged", -1);
}

/* tidings_fts_pack(title, author, feed, body): the blob items.fts holds */
static void
fn_fts_pack(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *cols[ITEMS_FTS_NCOLS];
	unsigned char *blob;
	size_t len;
	int i;

	if (argc != ITEMS_FTS_NCOLS) {
		sqlite3_result_error(ctx, "tidings_fts_pack: four columns", -1);
		return;
	}
	for (i = 0; i < ITEMS_FTS_NCOLS; i++)
		cols[i] = sqlite3_value_type(argv[i]) == SQLITE_NULL ? NULL :
		    (const char *)sqlite3_value_text(argv[i]);
	blob = items_fts_pack(cols, &len);
	if (blob == NULL) {
		sqlite3_result_error(ctx, "tidings_fts_pack: text too large", -1);
		return;
	}
	sqlite3_result_blob64(ctx, blob, len, free);
}

int
items_fts_register(struct db *db, struct err *e)
{
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function_v2(db->h, "tidings_fts_col", 2, flags, NULL, fn_fts_col,
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->h, "tidings_fts_pack", ITEMS_FTS_NCOLS, flags, NULL,
	    fn_fts_pack, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "registering the index's text functions");
	return 0;
}
