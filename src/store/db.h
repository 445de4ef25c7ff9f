/*
 * db: the cache file.  Owns the SQLite connection, the schema and its
 * migrations (PRAGMA user_version), WAL mode, the busy timeout and the
 * one-writer rule (every write transaction is BEGIN IMMEDIATE).
 *
 * Knows nothing of curses, feeds or HTTP.  Opening a file that is not a
 * tidings cache, or a cache from a newer tidings, fails with a one-line
 * message naming the file and leaves the file's bytes untouched: the file
 * is checked read-only before anything is written to it, the -wal beside
 * it included.  A new cache is created mode 0600 (its -wal and -shm follow).
 */
#ifndef TIDINGS_DB_H
#define TIDINGS_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "util/err.h"

#define DB_SCHEMA_VERSION 4
/* PRAGMA application_id of a tidings cache: "TIDG". */
#define DB_APPLICATION_ID 0x54494447

struct db {
	sqlite3 *h;
	char *path;
	int in_tx;
	int rank_fn;		/* store/search's ranking function is registered */
	int search_cache;	/* store/search has enlarged the page cache */
	int readonly;		/* opened read-only: writes fail, skip them */
};

enum db_open_flags {
	DB_OPEN_READONLY = 1,	/* never create or migrate; fail if absent */
	/*
	 * The caller only reads: a cache that cannot be written (read-only
	 * file, directory or file system, full disk) is opened read-only
	 * instead (db->readonly), when it needs no migration; otherwise the
	 * message says what stops it.
	 */
	DB_OPEN_READ_ENOUGH = 2,
};

/* Open (creating and migrating as needed) the cache at path.  NULL + *e on failure. */
struct db *db_open(const char *path, int flags, struct err *e);
void db_close(struct db *db);

/* BEGIN IMMEDIATE (waiting up to the busy timeout for another writer). */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
/* Roll back the open transaction, if any. */
void db_rollback(struct db *db);

/* Prepare sql; on failure fill *e with "cache FILE: MESSAGE" and return NULL. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct err *e);
/* Run sql that takes no parameters and returns no rows. */
int db_exec(struct db *db, const char *sql, struct err *e);
/* Fill *e from the connection's last error with a prefix; returns -1. */
int db_fail(struct db *db, struct err *e, const char *what);

/* Bind helpers: NULL strings bind NULL. */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* 1 when sql (with the id as ?1) returns a row, 0 when none, -1 with *e. */
int db_row_exists(struct db *db, const char *sql, int64_t id, struct err *e);
/* Column as a new string (caller frees) or NULL for SQL NULL. */
char *db_column_dup(sqlite3_stmt *st, int col);

#endif
