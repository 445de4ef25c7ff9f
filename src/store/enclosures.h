/*
 * enclosures (store): every enclosure of an item (RSS <enclosure>, Atom
 * rel="enclosure", media:content, JSON Feed attachments), in document
 * order, with type, length and duration; the podcast queue and the views
 * read them from here.  items.enclosure_url keeps the first one's URL for
 * old readers of the cache; this table has them all.
 *
 * Rows belong to their item: deleting the item deletes them (foreign key
 * with ON DELETE CASCADE).
 */
#ifndef TIDINGS_STORE_ENCLOSURES_H
#define TIDINGS_STORE_ENCLOSURES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "feed/feed.h"
#include "store/db.h"
#include "util/err.h"

/* An enclosure read back from the cache; strings owned by the row. */
struct enclosure_row {
	int64_t item_id;
	int position;		/* 0 for the item's first */
	char *url;
	char *type;		/* or NULL */
	long long length;	/* bytes, or -1 */
	long duration;		/* seconds, or -1 */
};

/*
 * The statements an item write needs, prepared once per batch: a poll
 * writes thousands of items and most have the enclosures they had.
 */
struct enclosures_writer;

/* NULL with *e when the cache cannot prepare them. */
struct enclosures_writer *enclosures_writer_new(struct db *db, struct err *e);
/*
 * Make item_id's enclosures en[0..n) (n may be 0): rows are rewritten only
 * when they differ from the cached ones.  Inside the caller's transaction.
 * 0, or -1 with *e.
 */
int enclosures_put(struct enclosures_writer *w, int64_t item_id,
    const struct enclosure *en, size_t n, struct err *e);
void enclosures_writer_free(struct enclosures_writer *w);

/* item_id's enclosures in order into new *rows (free with
 * enclosures_free_rows); 0, or -1 with *e. */
int enclosures_list(struct db *db, int64_t item_id, struct enclosure_row **rows,
    size_t *n, struct err *e);
void enclosures_free_rows(struct enclosure_row *rows, size_t n);
/* The length the feeds give url (the largest), or -1 when none does; -2 on error (*e). */
long long enclosures_length(struct db *db, const char *url, struct err *e);
/*
 * The items with enclosures first seen at or after since, oldest first,
 * into new *ids (free them); 0, or -1 with *e.  For podcast-auto-enqueue.
 */
int enclosures_items_since(struct db *db, time_t since, int64_t **ids, size_t *n,
    struct err *e);

#endif
