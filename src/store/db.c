#include "store/db_priv.h"
#include "store/items_fts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xalloc.h"

#define DB_BUSY_MS 10000

/* the schema's migrations: store/db_schema.c */
#define NMIGRATIONS db_nmigrations

int
db_fail(struct db *db, struct err *e, const char *what)
{
	return err_set(e, "cache %s: %s: %s", db->path, what, sqlite3_errmsg(db->h));
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

int
db_readonly(const struct db *db)
{
	return db->readonly;
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

int
db_row_exists(struct db *db, const char *sql, int64_t id, struct err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "looking up a row");
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

/* Read exactly n bytes (short only at end of file); -1 on error. */
static ssize_t
db_read_full(int fd, unsigned char *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* SQLite's WAL checksum over n bytes (n a multiple of 8), continuing s. */
static void
db_wal_checksum(int big_endian, const unsigned char *p, size_t n, uint32_t s[2])
{
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		uint32_t x0, x1;

		if (big_endian) {
			x0 = db_be32(p + i);
			x1 = db_be32(p + i + 4);
		} else {
			x0 = (uint32_t)p[i + 3] << 24 | (uint32_t)p[i + 2] << 16 |
			    (uint32_t)p[i + 1] << 8 | p[i];
			x1 = (uint32_t)p[i + 7] << 24 | (uint32_t)p[i + 6] << 16 |
			    (uint32_t)p[i + 5] << 8 | p[i + 4];
		}
		s[0] += x0 + s[1];
		s[1] += x1 + s[0];
	}
}

/*
 * The first 100 bytes of the newest committed page 1 in path's write-ahead
 * log, read as SQLite reads it (frames of this WAL's salt, checksums
 * chained, up to the last commit frame) but without opening the database:
 * a WAL-mode database's schema lives in its -wal until a checkpoint, so
 * the main file's header alone can make another program's database look
 * empty.  1 and head filled when the log holds a committed page 1, 0 when
 * it does not (no log, an empty or stale one), -1 with *e when unreadable.
 */
static int
db_wal_page1(const char *path, unsigned char head[100], struct err *e)
{
	unsigned char wh[32], fh[24], *page = NULL, cand[100];
	char *wal = xasprintf("%s-wal", path);
	uint32_t magic, pagesize, s[2] = { 0, 0 };
	struct stat sb;
	int fd, big, have_cand = 0, found = 0;

	fd = open(wal, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int gone = errno == ENOENT;

		if (!gone)
			err_set(e, "cache %s: %s", wal, strerror(errno));
		free(wal);
		return gone ? 0 : -1;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		err_set(e, "cache %s: not a regular file", wal);
		goto fail;
	}
	if (db_read_full(fd, wh, sizeof wh) != (ssize_t)sizeof wh)
		goto done;
	magic = db_be32(wh);
	pagesize = db_be32(wh + 8);
	if ((magic & ~1u) != 0x377f0682u || pagesize < 512 || pagesize > 65536 ||
	    (pagesize & (pagesize - 1)) != 0)
		goto done;
	big = (int)(magic & 1);
	db_wal_checksum(big, wh, 24, s);
	if (s[0] != db_be32(wh + 24) || s[1] != db_be32(wh + 28))
		goto done;
	page = xmalloc(pagesize);
	for (;;) {
		if (db_read_full(fd, fh, sizeof fh) != (ssize_t)sizeof fh ||
		    db_read_full(fd, page, pagesize) != (ssize_t)pagesize)
			break;
		/* a frame of an older generation of the log, or torn: the end */
		if (memcmp(fh + 8, wh + 16, 8) != 0)
			break;
		db_wal_checksum(big, fh, 8, s);
		db_wal_checksum(big, page, pagesize, s);
		if (s[0] != db_be32(fh + 16) || s[1] != db_be32(fh + 20))
			break;
		if (db_be32(fh) == 1) {
			memcpy(cand, page, sizeof cand);
			have_cand = 1;
		}
		if (db_be32(fh + 4) != 0 && have_cand) {	/* a commit frame */
			memcpy(head, cand, 100);
			found = 1;
		}
	}
done:
	free(page);
	close(fd);
	free(wal);
	return found;
fail:
	close(fd);
	free(wal);
	return -1;
}

/*
 * Look at an existing file without writing to it, or even opening it with
 * SQLite (a read-only open of a WAL database still creates files beside
 * it): read the 100-byte database header ourselves, and the newest page 1
 * in the -wal beside it when the file's own header is not ours.  The file
 * must be an SQLite database that is either empty of tables (schema cookie
 * 0) or carries our application_id, at a schema version we know.
 */
static int
db_check_existing(const char *path, struct err *e)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[100];
	uint32_t pagesize, cookie, version, appid;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return err_set(e, "cache %s: %s", path, strerror(errno));
	n = db_read_full(fd, head, sizeof head);
	close(fd);
	if (n < 0)
		return err_set(e, "cache %s: %s", path, strerror(errno));
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
	if (db_be32(head + 68) != DB_APPLICATION_ID && db_wal_page1(path, head, e) < 0)
		return -1;
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
		if (db_exec(db, db_migrations[i], e) < 0) {
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
	if (db_commit(db, e) < 0)
		return -1;
	/*
	 * Schema 12 rebuilt the index and dropped its copy of the text, which
	 * leaves that much free space inside the file (100,000 items: the
	 * file 247 MB before, 297 MB after, 230 MB once vacuumed).  Given
	 * back once, here; a VACUUM that cannot run now (another process
	 * reading) only leaves the space to be reused by later polls.
	 */
	if (version >= 1 && version < DB_SCHEMA_TEXT_ONCE)
		(void)sqlite3_exec(db->h, "VACUUM", NULL, NULL, NULL);
	return 0;
}

/*
 * Run a statement of the opening sequence, retrying while another process
 * holds a lock it cannot wait for: when several tidings start on a new
 * cache at once, each reads the empty file and then wants it exclusively
 * (application_id, WAL mode) -- a deadlock SQLite breaks by answering
 * SQLITE_BUSY at once, without the busy handler.
 */
static int
db_exec_opening(struct db *db, const char *sql, struct err *e)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	int waited = 0, rc;

	while ((rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL)) != SQLITE_OK &&
	    (rc & 0xff) == SQLITE_BUSY && waited < DB_BUSY_MS) {
		nanosleep(&pause, NULL);
		waited += 10;
	}
	if (rc != SQLITE_OK)
		return db_fail(db, e, "query failed");
	return 0;
}

/* The open connection's settings for every mode. */
static int
db_setup(struct db *db, struct err *e)
{
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
		return -1;
	/* the index reads its text through them (schema 13), migrations too */
	return items_fts_register(db, e);
}

static struct db *
db_new(const char *path)
{
	struct db *db = xcalloc(1, sizeof *db);

	db->path = xstrdup(path);
	return db;
}

static int
db_connect(struct db *db, const char *name, int oflags, struct err *e)
{
	if (sqlite3_open_v2(name, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return err_set(e, "cache %s: cannot open: %s", db->path,
		    db->h ? sqlite3_errmsg(db->h) : "out of memory");
	return 0;
}

/*
 * Open read-only, for a command that only reads.  A WAL database is read
 * through its -shm, which SQLite creates when missing: in a read-only
 * directory (or a full one) it cannot, and the open fails.  When no -wal
 * holds writes (a cache closed cleanly has none) the file alone is the
 * whole database, and nobody can be writing it (a writer would need that
 * same directory for its -wal): open it immutable, without -shm or locks.
 */
static struct db *
db_open_readonly(const char *path, struct err *e)
{
	struct db *db = db_new(path);
	struct stat sb;
	char *wal, *uri;
	struct buf b;
	const char *p;
	int version = -1;

	if (db_connect(db, path, SQLITE_OPEN_READONLY, e) == 0 &&
	    db_pragma_int(db, "PRAGMA user_version", &version) == 0)
		goto opened;
	wal = xasprintf("%s-wal", path);
	if (stat(wal, &sb) == 0 && sb.st_size > 0) {
		err_set(e, "cache %s: cannot be read here: %s holds writes not yet copied "
		    "into it, and reading them needs a -shm file that cannot be made (%s); "
		    "run tidings once where the directory can be written", path, wal,
		    db->h ? sqlite3_errmsg(db->h) : "out of memory");
		free(wal);
		db_close(db);
		return NULL;
	}
	free(wal);
	sqlite3_close(db->h);
	db->h = NULL;
	/* a URI file name: the path with %, ? and # escaped */
	buf_init(&b, 0);
	buf_addstr(&b, "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02x", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_addstr(&b, "?immutable=1");
	uri = buf_take(&b);
	if (db_connect(db, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, e) < 0 ||
	    db_pragma_int(db, "PRAGMA user_version", &version) < 0) {
		if (db->h)
			db_fail(db, e, "cannot read");
		free(uri);
		db_close(db);
		return NULL;
	}
	free(uri);
opened:
	if (version != (int)NMIGRATIONS) {
		err_set(e, "cache %s: cannot be written, and it is from %s tidings (schema "
		    "%d, this one reads %d)", path, version < (int)NMIGRATIONS ? "an older" :
		    "a newer", version, (int)NMIGRATIONS);
		db_close(db);
		return NULL;
	}
	if (db_setup(db, e) < 0) {
		db_close(db);
		return NULL;
	}
	db->readonly = 1;
	return db;
}

/* Is rc (extended) a failure to write the file: permissions, a read-only
 * file system, a full disk, an I/O error, a -shm that cannot be made? */
static int
db_cannot_write(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_PERM:
		return 1;
	}
	return 0;
}

struct db *
db_open(const char *path, int flags, struct err *e)
{
	struct db *db;
	struct stat sb;
	int created = 0, fd, rc;

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
	} else {
		/* made here, not by SQLite: SQLite creates 0644 less the umask,
		 * and the cache holds the feeds file's (0600) URLs; the -wal and
		 * -shm take the mode of the file */
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			err_set(e, "cache %s: cannot create: %s", path, strerror(errno));
			return NULL;
		}
		if (fd >= 0) {
			close(fd);
			created = 1;
		} else if (db_check_existing(path, e) < 0) {
			return NULL;	/* another process made it meanwhile */
		}
	}
	if (flags & DB_OPEN_READONLY)
		return db_open_readonly(path, e);

	db = db_new(path);
	if (db_connect(db, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, e) < 0)
		goto fail;
	/* SQLite opens a file it cannot write read-only without a word (a
	 * read-only mount, a 0444 file): a command that writes would find out
	 * at its first write, mid-poll; say it here, once */
	if (sqlite3_db_readonly(db->h, "main") == 1) {
		err_set(e, "cache %s: cannot be written (a read-only file or file system)", path);
		rc = SQLITE_READONLY;
		goto fail_rc;
	}
	/*
	 * 16 KiB pages for a new cache (a page size holds only until the
	 * first write): items and the index's content rows are 2-4 KB, and
	 * at SQLite's 4 KiB default each sits on a page of its own with the
	 * rest unused; 16 KiB packs them (bench/README, lever 4).  An
	 * existing cache keeps the page size it was made with.  Before
	 * db_setup: SQLite turns cache_size's KiB into pages at the page size
	 * of that moment and keeps the count when the size changes, so set
	 * after it, 8 MiB would become 32.
	 */
	if (created && db_exec_opening(db, "PRAGMA page_size = 16384", e) < 0)
		goto fail;
	if (db_setup(db, e) < 0)
		goto fail;
	/*
	 * A new cache carries its application_id in the file itself before
	 * WAL mode keeps its schema in the -wal until a checkpoint, so a
	 * crash right after creation leaves a file db_check_existing knows.
	 */
	if ((created && db_exec_opening(db, "PRAGMA application_id = 1414087751", e) < 0) ||
	    db_exec_opening(db, "PRAGMA journal_mode = WAL", e) < 0 ||
	    db_exec(db, "PRAGMA synchronous = NORMAL", e) < 0 ||
	    db_migrate(db, e) < 0)
		goto fail;
	return db;
fail:
	rc = db->h ? sqlite3_extended_errcode(db->h) : SQLITE_NOMEM;
fail_rc:
	db_close(db);
	/* a command that only reads gets what can be read */
	if ((flags & DB_OPEN_READ_ENOUGH) && !created && db_cannot_write(rc)) {
		struct err ro;

		db = db_open_readonly(path, &ro);
		if (db != NULL)
			return db;
		if (e)
			*e = ro;	/* says why reading failed too */
	}
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
