/*
 * items_fts (store, private): the text the full-text index holds, stored
 * once.  items_fts is an external-content FTS5 table (schema 13) whose
 * content is the view items_fts_text over items.fts: the four indexed
 * columns (title, author, feed, body) exactly as they were indexed, packed
 * and deflated into one blob.  FTS5 reads that text back to delete or
 * update a row's index entries, for snippets and for 'rebuild' and
 * 'integrity-check'; because it is the very text that was indexed (not the
 * HTML rendered again), no change of rendering can make a delete remove
 * other words than the insert added.
 *
 * The rule every writer keeps: items.fts changes only between a DELETE of
 * the row from items_fts (which reads the old blob through the view) and
 * an INSERT of the new text.  Deleting an item is done by the schema's
 * BEFORE DELETE trigger, while the row is still there to be read.
 */
#ifndef TIDINGS_STORE_ITEMS_FTS_H
#define TIDINGS_STORE_ITEMS_FTS_H

#include <stddef.h>

#include "store/db_priv.h"
#include "util/err.h"

/* The columns of items_fts, in order. */
enum { ITEMS_FTS_NCOLS = 4 };

/*
 * The blob for items.fts holding cols[0..3] (NULL: SQL NULL), malloc'd,
 * its size in *len; NULL when the text is too large to be one.  zlib's
 * fastest level: about 40 us an item of the bench corpus (2.5 KB of text).
 */
unsigned char *items_fts_pack(const char *const cols[ITEMS_FTS_NCOLS], size_t *len);

/*
 * Register tidings_fts_col(blob, i) (column i of a blob, as text, NULL for
 * NULL) and tidings_fts_pack(title, author, feed, body) on the connection:
 * the view items_fts_text and the migration to schema 13 call them, so
 * every connection that opens a cache needs them (db_setup).
 */
int items_fts_register(struct db *db, struct err *e);

#endif
