/*
 * For the unit tests on a real cache: count(db, sql) runs a query that
 * returns one integer (a count, a pragma, a column) and fails the test
 * unless it gives exactly one row.  Include after cmocka.h.  White-box:
 * it reads the cache through the store's private header.
 */
#ifndef TIDINGS_TEST_CACHE_COUNT_H
#define TIDINGS_TEST_CACHE_COUNT_H

#include "store/db_priv.h"

static int
count(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int n;

	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

#endif
