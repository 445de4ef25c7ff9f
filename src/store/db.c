#include "store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

#define DB_BUSY_MS 10000

/*
 * Migrations, one entry a version: migrations[i] takes user_version i to
 * i + 1.  Never edit a released entry; add a new one.
 */
static const char *const migrations[] = {
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
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])
_Static_assert(NMIGRATIONS == DB_SCHEMA_VERSION, "one migration a schema version");

int
db_fail(struct db *db, struct err *e, const char *what)
{
	return err_set(e, "cache %s: %s: %s", db->path, what, sqlite3_errmsg(db->h));
}

int
db_exec(struct db *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "query failed");
	return 0;
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, e, "prepare failed");
		return NULL;
	}
	return st;
}

int
db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

char *
db_column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? xstrdup((const char *)s) : NULL;
}

static int
db_pragma_int(struct db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static uint32_t
db_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * Look at an existing file without writing to it, or even opening it with
 * SQLite (a read-only open of a WAL database still creates files beside
 * it): read the 100-byte database header ourselves.  The file must be an
 * SQLite database that is either empty of tables (schema cookie 0) or
 * carries our application_id, at a schema version we know.
 */
static int
db_check_existing(const char *path, struct err *e)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[100];
	uint32_t pagesize, cookie, version, appid;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, "cache %s: %s", path, strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0;	/* an empty file: a new cache */
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0)
		return err_set(e, "cache %s: not a tidings cache (not an SQLite database); "
		    "move it away or name another file with --cache", path);
	pagesize = (uint32_t)head[16] << 8 | head[17];
	if (pagesize == 1)
		pagesize = 65536;
	if (pagesize < 512 || (pagesize & (pagesize - 1)) != 0)
		return err_set(e, "cache %s: corrupt (bad page size in the header); "
		    "move it away or name another file with --cache", path);
	cookie = db_be32(head + 40);
	version = db_be32(head + 60);
	appid = db_be32(head + 68);
	if (appid != DB_APPLICATION_ID && (cookie != 0 || version != 0))
		return err_set(e, "cache %s: not a tidings cache (an SQLite database of "
		    "another program); name another file with --cache", path);
	if (version > NMIGRATIONS)
		return err_set(e, "cache %s: made by a newer tidings (schema %u, this one "
		    "knows %u); upgrade tidings", path, (unsigned)version, (unsigned)NMIGRATIONS);
	return 0;
}

static int
db_migrate(struct db *db, struct err *e)
{
	int version = 0;
	size_t i;
	char sql[64];

	if (db_begin(db, e) < 0)
		return -1;
	if (db_pragma_int(db, "PRAGMA user_version", &version) < 0) {
		db_rollback(db);
		return db_fail(db, e, "cannot read schema version");
	}
	if (version > (int)NMIGRATIONS) {
		db_rollback(db);
		return err_set(e, "cache %s: made by a newer tidings (schema %d)", db->path, version);
	}
	for (i = (size_t)version; i < NMIGRATIONS; i++) {
		if (db_exec(db, migrations[i], e) < 0) {
			db_rollback(db);
			return err_prefix(e, "migration to schema %zu", i + 1);
		}
	}
	if (version < (int)NMIGRATIONS) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", (int)NMIGRATIONS);
		if (db_exec(db, sql, e) < 0 ||
		    db_exec(db, "PRAGMA application_id = 1414087751", e) < 0) {
			db_rollback(db);
			return -1;
		}
	}
	return db_commit(db, e);
}

struct db *
db_open(const char *path, int flags, struct err *e)
{
	struct db *db;
	struct stat sb;
	int oflags;

	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			err_set(e, "cache %s: not a regular file", path);
			return NULL;
		}
		if (db_check_existing(path, e) < 0)
			return NULL;
	} else if (errno != ENOENT || (flags & DB_OPEN_READONLY)) {
		err_set(e, "cache %s: %s", path, strerror(errno));
		return NULL;
	}

	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	oflags = (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY
	    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(e, "cache %s: cannot open: %s", path,
		    db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/*
	 * A bigger page cache than SQLite's 2 MB speeds search on a large
	 * cache (1,000,000 items: p50 21 -> 15 ms); read-only connections too,
	 * so bench/search measures what the reader gets.  No mmap: its pages
	 * count in the reader's resident memory (28 MB instead of 10 MB at
	 * 100,000 items, bench/startup) for little gain on the first screen.
	 */
	if (db_exec(db, "PRAGMA foreign_keys = ON", e) < 0 ||
	    db_exec(db, "PRAGMA cache_size = -8192", e) < 0)
		goto fail;
	if (!(flags & DB_OPEN_READONLY)) {
		if (db_exec(db, "PRAGMA journal_mode = WAL", e) < 0 ||
		    db_exec(db, "PRAGMA synchronous = NORMAL", e) < 0 ||
		    db_migrate(db, e) < 0)
			goto fail;
	}
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->in_tx)
		db_rollback(db);
	if (db->h && !sqlite3_db_readonly(db->h, "main"))
		sqlite3_exec(db->h, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

int
db_begin(struct db *db, struct err *e)
{
	if (db_exec(db, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db, struct err *e)
{
	if (db_exec(db, "COMMIT", e) < 0) {
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (db->in_tx) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db->in_tx = 0;
	}
}
