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
 *
 * struct db is opaque: outside store/ the cache is reached through store
 * functions that speak in rows and ids; SQL, statements and <sqlite3.h>
 * stay in store/ (store/db_priv.h).
 */
#ifndef TIDINGS_DB_H
#define TIDINGS_DB_H

#include <stdint.h>

#include "util/err.h"

#define DB_SCHEMA_VERSION 13
/* PRAGMA application_id of a tidings cache: "TIDG". */
#define DB_APPLICATION_ID 0x54494447

/* The open cache; its fields are store's (store/db_priv.h). */
struct db;

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

/* The cache file's path, as given to db_open (owned by db). */
const char *db_path(const struct db *db);
/* 1 when the cache was opened read-only (DB_OPEN_READONLY, or
 * DB_OPEN_READ_ENOUGH on a cache that cannot be written): writes fail. */
int db_readonly(const struct db *db);

#endif
