/*
 * items_fts (store): the indexed text kept once, deflated in items.fts
 * (store/items_fts.h says why and the rule its writers keep).
 *
 * A blob: a format byte (1), the packed text's size (4 bytes, little
 * endian) and the packed text as one zlib stream.  Packed: each column as
 * 'N' (NULL) or 'T' and its text, then a NUL (text holds no NUL: it came
 * through SQLite's text binding as C strings).
 */
#include "store/items_fts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/xalloc.h"

#define ITEMS_FTS_FORMAT 1
#define ITEMS_FTS_HEAD 5
/* no packed text is this big (a feed's body and a page are capped far
 * below it); a blob that says more is not ours */
#define ITEMS_FTS_MAX ((size_t)1 << 30)

unsigned char *
items_fts_pack(const char *const cols[ITEMS_FTS_NCOLS], size_t *len)
{
	size_t plen = 0, off = 0, i;
	z_stream zs;
	uLong zlen;
	int zrc;
	unsigned char *plain, *out;

	for (i = 0; i < ITEMS_FTS_NCOLS; i++)
		plen += 2 + (cols[i] ? strlen(cols[i]) : 0);
	if (plen > ITEMS_FTS_MAX)
		return NULL;
	plain = xmalloc(plen);
	memset(&zs, 0, sizeof zs);
	for (i = 0; i < ITEMS_FTS_NCOLS; i++) {
		size_t n = cols[i] ? strlen(cols[i]) : 0;

		plain[off++] = cols[i] ? 'T' : 'N';
		if (n > 0)
			memcpy(plain + off, cols[i], n);
		off += n;
		plain[off++] = '\0';
	}
	/*
	 * The fastest level, and a window and hash table sized for a few KB
	 * of text: zlib's defaults (32 KB window, memLevel 8) clear 64 KB of
	 * hash table at every call, which was 40% of the cost on texts of
	 * 2.5 KB, for 0.1% better packing.  Level 6 packs this text 3%
	 * smaller for 30% more CPU.  Deflating is about 11% of a first poll's
	 * CPU (bench/README, lever 24).
	 */
	if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 14, 5, Z_DEFAULT_STRATEGY) != Z_OK) {
		free(plain);
		return NULL;
	}
	zlen = deflateBound(&zs, (uLong)plen);
	out = xmalloc(ITEMS_FTS_HEAD + (size_t)zlen);
	zs.next_in = plain;
	zs.avail_in = (uInt)plen;
	zs.next_out = out + ITEMS_FTS_HEAD;
	zs.avail_out = (uInt)zlen;
	zrc = deflate(&zs, Z_FINISH);
	zlen = zs.total_out;
	deflateEnd(&zs);
	free(plain);
	if (zrc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	out[0] = ITEMS_FTS_FORMAT;
	for (i = 0; i < 4; i++)
		out[1 + i] = (unsigned char)(plen >> (8 * i));
	*len = ITEMS_FTS_HEAD + (size_t)zlen;
	return out;
}

/*
 * The last blob inflated, per connection: FTS5 reads the view's four
 * columns of a row one call each, and each would inflate the same blob.
 */
struct items_fts_cache {
	unsigned char *key;	/* the blob */
	size_t keylen;
	unsigned char *plain;
	size_t plen;
};

static void
items_fts_cache_free(void *p)
{
	struct items_fts_cache *c = p;

	if (c != NULL) {
		free(c->key);
		free(c->plain);
		free(c);
	}
}

/* Inflate blob into the cache (or find it there); -1 when it is not one of ours. */
static int
items_fts_unpack(struct items_fts_cache *c, const unsigned char *blob, size_t n)
{
	size_t plen = 0, i;
	uLongf got;

	if (c->key != NULL && c->keylen == n && memcmp(c->key, blob, n) == 0)
		return 0;
	if (n < ITEMS_FTS_HEAD || blob[0] != ITEMS_FTS_FORMAT)
		return -1;
	for (i = 0; i < 4; i++)
		plen |= (size_t)blob[1 + i] << (8 * i);
	if (plen > ITEMS_FTS_MAX)
		return -1;
	free(c->key);
	free(c->plain);
	c->key = NULL;
	c->plain = xmalloc(plen ? plen : 1);
	got = (uLongf)plen;
	if (uncompress(c->plain, &got, blob + ITEMS_FTS_HEAD, (uLong)(n - ITEMS_FTS_HEAD)) != Z_OK ||
	    (size_t)got != plen) {
		free(c->plain);
		c->plain = NULL;
		return -1;
	}
	c->plen = plen;
	c->key = xmalloc(n);
	memcpy(c->key, blob, n);
	c->keylen = n;
	return 0;
}

/* tidings_fts_col(blob, i): column i of the packed text, NULL for NULL */
static void
fn_fts_col(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct items_fts_cache *c = sqlite3_user_data(ctx);
	const unsigned char *blob;
	sqlite3_int64 want;
	size_t n, off = 0, col;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	want = sqlite3_value_int64(argv[1]);
	blob = sqlite3_value_blob(argv[0]);
	n = (size_t)sqlite3_value_bytes(argv[0]);
	if (want < 0 || want >= ITEMS_FTS_NCOLS || blob == NULL ||
	    items_fts_unpack(c, blob, n) < 0)
		goto corrupt;
	for (col = 0; ; col++) {
		const unsigned char *end;

		if (off >= c->plen || (c->plain[off] != 'T' && c->plain[off] != 'N'))
			goto corrupt;
		end = memchr(c->plain + off + 1, '\0', c->plen - off - 1);
		if (end == NULL)
			goto corrupt;
		if (col == (size_t)want) {
			if (c->plain[off] == 'N')
				sqlite3_result_null(ctx);
			else
				sqlite3_result_text(ctx, (const char *)c->plain + off + 1,
				    (int)(end - (c->plain + off + 1)), SQLITE_TRANSIENT);
			return;
		}
		off = (size_t)(end - c->plain) + 1;
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
	struct items_fts_cache *c = xcalloc(1, sizeof *c);

	/* on failure SQLite calls the destructor itself */
	if (sqlite3_create_function_v2(db->h, "tidings_fts_col", 2, flags, c, fn_fts_col,
	    NULL, NULL, items_fts_cache_free) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->h, "tidings_fts_pack", ITEMS_FTS_NCOLS, flags, NULL,
	    fn_fts_pack, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "registering the index's text functions");
	return 0;
}
