/*
 * store/db_schema: the cache's schema, as the migrations that build it
 * (split from store/db.c, which opens, checks and upgrades caches with
 * them: the 800-line limit).  tests/unit/downgrade.h undoes each migration
 * for the upgrade tests: a new migration adds its undo there.
 */
#include "store/db_priv.h"

/*
 * Schema 12's delete trigger (on items' old row): log the delete when a
 * kept count can use it (its log_seq at most 5,000 rows behind, as
 * filter_count.c's FILTER_LOG_MAX) and the item is not the newest.
 */
#define FILTER_DEAD_LOGGED "(old.id < (SELECT coalesce(max(id), 0) FROM items) AND " \
	"EXISTS (SELECT 1 FROM filter_counts WHERE log_seq >= (SELECT coalesce(max(seq), 0) " \
	"FROM sqlite_sequence WHERE name = 'filter_log') - 5000))"

/*
 * Migrations, one entry a version: db_migrations[i] takes user_version i to
 * i + 1.  Never edit a released entry; add a new one.
 */
const char *const db_migrations[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT,"			/* for display: custom_title, else the feed's */
	"  custom_title TEXT,"		/* "~Title" in the feeds file */
	"  site TEXT,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  last_poll INTEGER NOT NULL DEFAULT 0,"
	"  last_status TEXT,"		/* ok, not modified, HTTP 404, network error, parse error */
	"  last_error TEXT,"
	"  error_count INTEGER NOT NULL DEFAULT 0,"
	"  next_poll INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE feed_tags ("		/* from the feeds file */
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (feed_id, tag)"
	") WITHOUT ROWID;"
	"CREATE INDEX feed_tags_by_tag ON feed_tags(tag);"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  guid TEXT NOT NULL,"
	"  url TEXT,"
	"  title TEXT,"
	"  author TEXT,"
	"  published INTEGER NOT NULL DEFAULT 0,"
	"  updated INTEGER NOT NULL DEFAULT 0,"
	"  first_seen INTEGER NOT NULL DEFAULT 0,"
	"  last_seen INTEGER NOT NULL DEFAULT 0,"	/* last poll whose document held it */
	"  summary_html TEXT,"
	"  content_html TEXT,"
	"  categories TEXT,"
	"  enclosure_url TEXT,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (feed_id, guid)"
	");"
	"CREATE INDEX items_by_date ON items(published DESC, id DESC);"
	"CREATE INDEX items_by_feed ON items(feed_id, published DESC, id DESC);"
	"CREATE INDEX items_unread ON items(feed_id) WHERE read = 0;"
	"CREATE TABLE articles ("
	"  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
	"  status TEXT NOT NULL,"	/* ok, failed, short (fell back to the feed) */
	"  error TEXT,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  title TEXT,"
	"  byline TEXT,"
	"  published INTEGER NOT NULL DEFAULT 0,"
	"  html TEXT,"
	"  text TEXT,"
	"  fetched_at INTEGER NOT NULL DEFAULT 0"
	");"
	/* rowid = items.id; kept in step by store/items in the same transaction */
	"CREATE VIRTUAL TABLE items_fts USING fts5("
	"  title, author, feed, body,"
	"  tokenize = 'unicode61 remove_diacritics 2',"
	"  prefix = '2 3'"
	");"
	"CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
	"  DELETE FROM items_fts WHERE rowid = old.id;"
	"END;",
	/*
	 * 1 -> 2: a narrow copy of what search ranks and filters on.  Ranking
	 * joins each match to items for its date and flags; item rows are wide
	 * (HTML), so on a big cache that join read a page per candidate.  On
	 * 1,000,000 generated items: 45 ms through the table, 7 ms through this.
	 */
	"CREATE INDEX items_search ON items(id, published, feed_id, read, starred);",
	/*
	 * 2 -> 3: the feeds file is the list of subscriptions; a feed taken out
	 * of it by hand keeps its rows (read and starred state come back if it
	 * is put back) but is hidden from every view and from search
	 * (listed = 0), and `tidings cleanup` deletes it.  position orders the
	 * feed list as the file does.  Both are set at start-up from the file.
	 */
	"ALTER TABLE feeds ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE feeds ADD COLUMN position INTEGER NOT NULL DEFAULT 0;",
	/*
	 * 3 -> 4: the articles still to fetch (store/items.h, ARTICLES_PENDING:
	 * an http(s) link whose article is absent or failed fewer than 3
	 * times) are counted for `tidings feeds` and the reader's title bar.
	 * Through the tables that read every item and article row, both wide
	 * (100,000 items: 370 ms); through these two narrow indexes, 60 ms.
	 */
	"CREATE INDEX items_pages ON items(feed_id) "
	"WHERE url LIKE 'http://%' OR url LIKE 'https://%';"
	"CREATE INDEX articles_done ON articles(item_id) WHERE status != 'failed' OR attempts >= 3;",
	/*
	 * 4 -> 5 (keys: delete-article): an item the reader deleted leaves its
	 * feed's guid here, so the next poll does not bring it back while the
	 * feed still lists it (newsboat keeps its rows with deleted = 1 for
	 * the same reason); the rest of the row goes, and with it the article
	 * and the index entry.
	 */
	"CREATE TABLE deleted_items ("
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  guid TEXT NOT NULL,"
	"  PRIMARY KEY (feed_id, guid)"
	") WITHOUT ROWID;",
	/*
	 * 5 -> 6: a hash of the last document stored for a feed (with the URL
	 * and charset it was parsed with), so a server that answers 200 with
	 * the same body (no ETag, no Last-Modified: many do) is seen to have
	 * nothing new before the document is parsed, rendered and indexed
	 * again.  500 such feeds (bench/poll): 3.3 s a poll before, 0.5 s after.
	 * NULL (every feed after this migration): parse the next answer.
	 */
	"ALTER TABLE feeds ADD COLUMN body_hash INTEGER;",
	/*
	 * 6 -> 7 (issue 17, podcasts): every enclosure of an item, not only
	 * the first (items.enclosure_url stays, written as before), with
	 * type, length and duration (-1: unknown), in document order.  The
	 * first URLs already cached come over, so the queue sees old items.
	 * Indexed by URL for the queue, which names episodes by URL.
	 */
	"CREATE TABLE enclosures ("
	"  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  url TEXT NOT NULL,"
	"  type TEXT,"
	"  length INTEGER NOT NULL DEFAULT -1,"
	"  duration INTEGER NOT NULL DEFAULT -1,"
	"  PRIMARY KEY (item_id, position)"
	") WITHOUT ROWID;"
	"INSERT INTO enclosures(item_id, position, url) "
	"SELECT id, 0, enclosure_url FROM items WHERE enclosure_url IS NOT NULL;"
	/* the podcast queue knows its episodes by URL (sizes for progress) */
	"CREATE INDEX enclosures_by_url ON enclosures(url);",
	/*
	 * 7 -> 8 (issue 18): syncing with a feed server (store/sync.h).  The server's
	 * ids of feeds and items, the server's read/starred as last seen (a
	 * conflict is judged against it), the journal of local changes
	 * waiting to be pushed (written by triggers, so every path that sets
	 * read or starred journals it) and small named values.  The triggers
	 * touch only synced items: a cache without a server is unchanged.
	 */
	"CREATE TABLE sync_feeds ("
	"  feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,"
	"  remote TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE sync_items ("
	"  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,"
	"  remote TEXT NOT NULL UNIQUE,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE sync_journal ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  remote TEXT NOT NULL,"
	"  field TEXT NOT NULL,"	/* read, starred */
	"  value INTEGER NOT NULL,"
	"  base INTEGER NOT NULL"	/* the server's value when it was made */
	");"
	"CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TRIGGER sync_journal_read AFTER UPDATE OF read ON items "
	"WHEN new.read IS NOT old.read BEGIN"
	"  INSERT INTO sync_journal(remote, field, value, base)"
	"  SELECT remote, 'read', new.read, read FROM sync_items WHERE item_id = new.id;"
	"END;"
	"CREATE TRIGGER sync_journal_starred AFTER UPDATE OF starred ON items "
	"WHEN new.starred IS NOT old.starred BEGIN"
	"  INSERT INTO sync_journal(remote, field, value, base)"
	"  SELECT remote, 'starred', new.starred, starred FROM sync_items WHERE item_id = new.id;"
	"END;",
	/*
	 * 8 -> 9 (filters): query feeds' counts kept between runs.  Counting
	 * 20 query feeds over 1,000,000 items reads every row for the ones a
	 * regex decides (2-3 s); filter_gen.n moves with every change to what
	 * a cached count reads (store/filter.c: filter_counts_key), so a count
	 * stored with the n it was made at is the fresh count while n has not
	 * moved.  Triggers move it for deletes, read and starred and tags
	 * (which feeds are listed is part of a count's key: a trigger on
	 * feeds' columns would keep older schemas' tests from dropping
	 * them); items_store moves it once a call for changed
	 * items (a trigger there would open a statement savepoint on every
	 * write, at which FTS5 writes a segment: issue 15's cost).  New items
	 * move max(items.id) instead, and only they need counting then.
	 */
	"CREATE TABLE filter_gen (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
	"INSERT INTO filter_gen VALUES (1, 0);"
	"CREATE TABLE filter_counts ("
	"  key TEXT PRIMARY KEY,"	/* the scope: expressions, killfile, list */
	"  gen INTEGER NOT NULL,"	/* filter_gen.n when counted */
	"  now_at INTEGER NOT NULL,"	/* the clock the count read (age) */
	"  valid_until INTEGER NOT NULL,"	/* when an age comparison may flip */
	"  unread INTEGER NOT NULL,"
	"  total INTEGER NOT NULL,"
	"  max_id INTEGER NOT NULL"	/* the newest item counted */
	") WITHOUT ROWID;"
	/*
	 * author = "x" and author =~ "^x" (store/filter: author_index_sql)
	 * find their items here instead of reading every row: on 1,000,000
	 * items, 0.7 s to a few ms for a count and for opening the list.
	 */
	"CREATE INDEX items_by_author ON items(author COLLATE NOCASE);"
	"CREATE TRIGGER filter_gen_items_delete AFTER DELETE ON items BEGIN"
	"  UPDATE filter_gen SET n = n + 1 WHERE id = 1;"
	"END;"
	"CREATE TRIGGER filter_gen_items_flags AFTER UPDATE OF read, starred ON items WHEN"
	"  old.read IS NOT new.read OR old.starred IS NOT new.starred BEGIN"
	"  UPDATE filter_gen SET n = n + 1 WHERE id = 1;"
	"END;"
	"CREATE TRIGGER filter_gen_tags_insert AFTER INSERT ON feed_tags BEGIN"
	"  UPDATE filter_gen SET n = n + 1 WHERE id = 1;"
	"END;"
	"CREATE TRIGGER filter_gen_tags_delete AFTER DELETE ON feed_tags BEGIN"
	"  UPDATE filter_gen SET n = n + 1 WHERE id = 1;"
	"END;",
	/*
	 * 9 -> 10 (issue 15): each feed's item counts kept, not counted at every screen:
	 * the feed list and the title bar's count of articles still to fetch
	 * read a row a feed instead of every item (1,000,000 items: the first
	 * screen spent 240 ms in those counts).  They change in the statements
	 * that change items, so in the same transactions: deletes (however
	 * they come: retention, delete-article, a feed removed) and read
	 * changes (whoever makes them) through these triggers; items_store
	 * adds what it inserts and articles_store what an attempt changes,
	 * in C, because a trigger on those statements would open a statement
	 * journal at every row, at which FTS5 writes out its pending index
	 * (bench/README, lever 8: twice the instructions of a poll).  BEFORE
	 * DELETE: the item's article still exists then (the cascade deletes it
	 * before AFTER triggers run).  No statement changes an item's feed
	 * or, outside items_store, its url; feeds_recount (tidings cleanup)
	 * puts anything else right.
	 */
	"ALTER TABLE feeds ADD COLUMN n_total INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN n_unread INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN n_pending INTEGER NOT NULL DEFAULT 0;"
	FEEDS_RECOUNT_SQL ";"
	"CREATE TRIGGER items_count_delete BEFORE DELETE ON items BEGIN"
	"  UPDATE feeds SET n_total = n_total - 1, n_unread = n_unread - (old.read = 0),"
	"  n_pending = n_pending - " ITEMS_PENDING_OF("old") " WHERE id = old.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_read AFTER UPDATE OF read ON items"
	"  WHEN (old.read = 0) != (new.read = 0) BEGIN"
	"  UPDATE feeds SET n_unread = n_unread + (new.read = 0) - (old.read = 0)"
	"  WHERE id = new.feed_id;"
	"END;",
	/*
	 * 10 -> 11 (issue 14): a read or starred change no longer throws away
	 * every kept count of the query feeds (1.5 s to count 20 of them again
	 * on 1,000,000 items, at each return to the feed list).  The trigger
	 * logs the item's flags from before the change; a kept count (made at
	 * log position log_seq) is brought up to date by evaluating its
	 * expression on the logged items alone, with their old flags and with
	 * their current ones (store/filter_count.c).  filter_gen's row 2 says
	 * how far the log has been trimmed (the rows no kept count needs): a
	 * count made before that point is counted again.  filter_counts is a
	 * cache: made again with the new column, nothing of the user's in it.
	 */
	"DROP TRIGGER filter_gen_items_flags;"
	"DROP TABLE filter_counts;"
	"CREATE TABLE filter_counts ("
	"  key TEXT PRIMARY KEY,"
	"  gen INTEGER NOT NULL,"
	"  now_at INTEGER NOT NULL,"
	"  valid_until INTEGER NOT NULL,"
	"  unread INTEGER NOT NULL,"
	"  total INTEGER NOT NULL,"
	"  max_id INTEGER NOT NULL,"
	"  log_seq INTEGER NOT NULL"	/* filter_log's last seq when counted */
	") WITHOUT ROWID;"
	/* AUTOINCREMENT: a seq is never used twice, even once the log is empty */
	"CREATE TABLE filter_log (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  item INTEGER NOT NULL, read0 INTEGER NOT NULL, starred0 INTEGER NOT NULL);"
	"INSERT OR REPLACE INTO filter_gen VALUES (2, 0);"
	/*
	 * With no kept count there is nothing to bring up to date: the
	 * generation moves as before (a count being made meanwhile is then
	 * not kept), and a cache without query feeds logs nothing.  The log
	 * never holds more than 10,000 rows: a count further behind than
	 * 5,000 (filter_count.c: FILTER_LOG_MAX) is made again anyway, and
	 * twice that leaves a count being brought up to date its rows.
	 */
	"CREATE TRIGGER filter_log_items_flags AFTER UPDATE OF read, starred ON items WHEN"
	"  old.read IS NOT new.read OR old.starred IS NOT new.starred BEGIN"
	"  INSERT INTO filter_log(item, read0, starred0) SELECT old.id, old.read, old.starred"
	"  WHERE EXISTS (SELECT 1 FROM filter_counts);"
	"  UPDATE filter_gen SET n = n + 1 WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM filter_counts);"
	"  DELETE FROM filter_log WHERE seq <= (SELECT max(seq) FROM filter_log) - 10000;"
	"END;",
	/*
	 * 11 -> 12 (issue 14): a delete (retention at every poll) no longer
	 * throws away the query feeds' kept counts (1.8 s to count 20 again on
	 * 1,000,000 items).  It is logged as a flag change is, and the columns
	 * a filter reads of the item are kept in filter_dead, so a kept count
	 * takes away what the deleted items counted (store/filter_count.c;
	 * content is not kept: a scope that reads it is counted again).  An
	 * item with the newest id moves the generation instead (SQLite may
	 * give its id to the next item); so does a delete with no kept count
	 * able to use the log (none, or all over 5,000 rows behind: a big
	 * delete-read-articles-on-quit logs 5,000 rows, then moves n).
	 * items_unread holds the titles too (covering "title =~ X and
	 * unread = \"yes\"": the unread items' titles read from the index,
	 * not from rows that carry the HTML: 210 -> 20 ms on 1,000,000 items
	 * of which 100,000 unread; +6 MB there).  read after title, not
	 * before: an equality on (feed_id, read) looked so selective to the
	 * planner (no statistics) that it took this index over the date's
	 * for "unread and age < 5" (20 -> 240 ms).
	 */
	"DROP INDEX items_unread;"
	"CREATE INDEX items_unread ON items(feed_id, title, read) WHERE read = 0;"
	"CREATE TABLE filter_dead (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL,"
	"  feed_id INTEGER NOT NULL, guid TEXT, url TEXT, title TEXT, author TEXT,"
	"  published INTEGER, read INTEGER, starred INTEGER, enclosure_url TEXT);"
	"CREATE INDEX filter_dead_by_seq ON filter_dead(seq);"
	"DROP TRIGGER filter_gen_items_delete;"
	"CREATE TRIGGER filter_log_items_delete AFTER DELETE ON items BEGIN"
	"  INSERT INTO filter_log(item, read0, starred0) SELECT old.id, old.read, old.starred"
	"  WHERE " FILTER_DEAD_LOGGED ";"
	"  INSERT OR REPLACE INTO filter_dead SELECT old.id, (SELECT max(seq) FROM filter_log),"
	"  old.feed_id, old.guid, old.url, old.title, old.author, old.published, old.read,"
	"  old.starred, old.enclosure_url WHERE " FILTER_DEAD_LOGGED ";"
	"  UPDATE filter_gen SET n = n + 1 WHERE id = 1 AND NOT " FILTER_DEAD_LOGGED ";"
	"  DELETE FROM filter_log WHERE seq <= (SELECT max(seq) FROM filter_log) - 10000;"
	"  DELETE FROM filter_dead WHERE seq <= (SELECT max(seq) FROM filter_log) - 10000;"
	"END;",
	/*
	 * 12 -> 13 (issue 15): the index's text stored once.  items_fts kept
	 * its own copy of every indexed column (items_fts_content: 90 MB of a
	 * 293 MB cache of 25,000 items, a quarter of it empty page space); now
	 * its content is the view items_fts_text over items.fts, the same text
	 * deflated in the item's own row (store/items_fts.h; 25,000 items of
	 * bench/poll: 293 -> 230 MB, bench/README lever 24).  The blob is what
	 * was indexed, not something made again from the HTML, so FTS5's
	 * deletes read back exactly the words the insert added whatever a
	 * later tidings renders.  The index is built again from it ('rebuild':
	 * about 60 us an item, once); its words, ranks and snippets are those
	 * of the text it held.  BEFORE DELETE: FTS5 reads the row's text to
	 * delete its entries, so the item must still be there.
	 */
	"ALTER TABLE items ADD COLUMN fts BLOB;"
	"UPDATE items SET fts = tidings_fts_pack(c.c0, c.c1, c.c2, c.c3) "
	"FROM items_fts_content c WHERE c.id = items.id;"
	"DROP TRIGGER items_fts_delete;"
	"DROP TABLE items_fts;"
	"CREATE VIEW items_fts_text(id, title, author, feed, body) AS SELECT id, "
	"  tidings_fts_col(fts, 0), tidings_fts_col(fts, 1), tidings_fts_col(fts, 2), "
	"  tidings_fts_col(fts, 3) FROM items;"
	"CREATE VIRTUAL TABLE items_fts USING fts5("
	"  title, author, feed, body,"
	"  tokenize = 'unicode61 remove_diacritics 2',"
	"  prefix = '2 3',"
	"  content = 'items_fts_text', content_rowid = 'id'"
	");"
	"INSERT INTO items_fts(items_fts) VALUES ('rebuild');"
	"CREATE TRIGGER items_fts_delete BEFORE DELETE ON items BEGIN"
	"  DELETE FROM items_fts WHERE rowid = old.id;"
	"END;",
};

const size_t db_nmigrations = sizeof db_migrations / sizeof db_migrations[0];
_Static_assert(sizeof db_migrations / sizeof db_migrations[0] == DB_SCHEMA_VERSION,
    "one migration a schema version");
