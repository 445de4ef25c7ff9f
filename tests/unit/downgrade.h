/*
 * SQL that takes a cache of today's schema back to an older one, one
 * migration of store/db_schema.c at a time, for the tests that open an
 * older cache and watch it migrate.  A new migration adds its UNDO here
 * and to the front of the DOWNGRADE_TO chain: the tests of every older
 * migration then keep working as they are.
 */
#ifndef TIDINGS_TEST_DOWNGRADE_H
#define TIDINGS_TEST_DOWNGRADE_H

/* 13 -> 12: the index's own copy of its text (items_fts_content) back,
 * made from items.fts, which goes */
#define DOWNGRADE_UNDO_13 "DROP TRIGGER items_fts_delete; " \
    "CREATE VIRTUAL TABLE items_fts11 USING fts5(title, author, feed, body, " \
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'); " \
    "INSERT INTO items_fts11(rowid, title, author, feed, body) SELECT id, " \
    "tidings_fts_col(fts, 0), tidings_fts_col(fts, 1), tidings_fts_col(fts, 2), " \
    "tidings_fts_col(fts, 3) FROM items WHERE fts IS NOT NULL; " \
    "DROP TABLE items_fts; DROP VIEW items_fts_text; ALTER TABLE items DROP COLUMN fts; " \
    "ALTER TABLE items_fts11 RENAME TO items_fts; " \
    "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN " \
    "DELETE FROM items_fts WHERE rowid = old.id; END; "
/* 12 -> 11: deletes logged, the deleted items' columns kept, unread titles indexed */
#define DOWNGRADE_UNDO_12 "DROP TRIGGER filter_log_items_delete; DROP TABLE filter_dead; " \
    "CREATE TRIGGER filter_gen_items_delete AFTER DELETE ON items BEGIN " \
    "UPDATE filter_gen SET n = n + 1 WHERE id = 1; END; " \
    "DROP INDEX items_unread; CREATE INDEX items_unread ON items(feed_id) WHERE read = 0; "
/* 11 -> 10: the flag change log; schema 10's flag trigger back */
#define DOWNGRADE_UNDO_11 "DROP TRIGGER filter_log_items_flags; DROP TABLE filter_log; " \
    "CREATE TRIGGER filter_gen_items_flags AFTER UPDATE OF read, starred ON items WHEN " \
    "old.read IS NOT new.read OR old.starred IS NOT new.starred BEGIN " \
    "UPDATE filter_gen SET n = n + 1 WHERE id = 1; END; "
/* 10 -> 9: each feed's kept counts */
#define DOWNGRADE_UNDO_10 "DROP TRIGGER items_count_delete; DROP TRIGGER items_count_read; " \
    "ALTER TABLE feeds DROP COLUMN n_total; ALTER TABLE feeds DROP COLUMN n_unread; " \
    "ALTER TABLE feeds DROP COLUMN n_pending; "
/* 9 -> 8: query feeds' kept counts */
#define DOWNGRADE_UNDO_9 "DROP TRIGGER filter_gen_items_delete; " \
    "DROP TRIGGER filter_gen_items_flags; DROP TRIGGER filter_gen_tags_insert; " \
    "DROP TRIGGER filter_gen_tags_delete; DROP TABLE filter_gen; DROP TABLE filter_counts; " \
    "DROP INDEX items_by_author; "
/* 8 -> 7: syncing with a feed server */
#define DOWNGRADE_UNDO_8 "DROP TRIGGER sync_journal_read; DROP TRIGGER sync_journal_starred; " \
    "DROP TABLE sync_feeds; DROP TABLE sync_items; DROP TABLE sync_journal; " \
    "DROP TABLE sync_state; "
/* 7 -> 6: every enclosure of an item */
#define DOWNGRADE_UNDO_7 "DROP TABLE enclosures; "
/* 6 -> 5: the body hash */
#define DOWNGRADE_UNDO_6 "ALTER TABLE feeds DROP COLUMN body_hash; "
/* 5 -> 4: deleted items' guids */
#define DOWNGRADE_UNDO_5 "DROP TABLE deleted_items; "

/* The whole way to schema N (the caller sets user_version = N after). */
#define DOWNGRADE_TO_12 DOWNGRADE_UNDO_13
#define DOWNGRADE_TO_11 DOWNGRADE_TO_12 DOWNGRADE_UNDO_12
#define DOWNGRADE_TO_9 DOWNGRADE_TO_11 DOWNGRADE_UNDO_11 DOWNGRADE_UNDO_10
#define DOWNGRADE_TO_6 DOWNGRADE_TO_9 DOWNGRADE_UNDO_9 DOWNGRADE_UNDO_8 DOWNGRADE_UNDO_7
#define DOWNGRADE_TO_4 DOWNGRADE_TO_6 DOWNGRADE_UNDO_6 DOWNGRADE_UNDO_5

#endif
