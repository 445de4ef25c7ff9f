/*
 * For the unit tests that need files: a fresh temporary directory, and in
 * it a real cache (DIR/cache.db) or small files, removed again with
 * everything in it.
 * Include after cmocka.h (the functions are inline so that a test may use
 * only some of them).  The fixture keeps its own fields (dir, path,
 * db) so the tests read them as before; these functions fill and free
 * them, and report a failure on stderr so a cmocka setup can return -1.
 *
 *	if (tmp_cache_open(f->dir, sizeof f->dir, "store", &f->path, &f->db) < 0)
 *		return -1;
 *	...
 *	tmp_cache_remove(f->dir, f->path, f->db);
 */
#ifndef TIDINGS_TEST_TMP_CACHE_H
#define TIDINGS_TEST_TMP_CACHE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "util/err.h"
#include "util/xalloc.h"

/* Room for $TMPDIR/tidings-NAME-XXXXXX and a file name below it. */
#define TMP_CACHE_DIR_MAX 256

/*
 * Make $TMPDIR/tidings-NAME-XXXXXX (/tmp when TMPDIR is unset, empty or
 * too long for size) in dir.  0, or -1 with a message on stderr.
 */
static inline int
tmp_dir_make(char *dir, size_t size, const char *name)
{
	const char *base = getenv("TMPDIR");
	int n;

	if (base == NULL || *base == '\0' || strlen(base) + strlen(name) + 64 > size)
		base = "/tmp";
	n = snprintf(dir, size, "%s/tidings-%s-XXXXXX", base, name);
	if (n < 0 || (size_t)n >= size || mkdtemp(dir) == NULL) {
		print_error("cannot make a temporary directory for %s\n", name);
		return -1;
	}
	return 0;
}

/*
 * Remove dir and the files in it (the tests make no subdirectories; a
 * left-over one makes rmdir fail, which is reported, not fatal).
 */
static inline void
tmp_dir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *p;

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
	if (rmdir(dir) < 0)
		print_error("could not remove %s\n", dir);
}

/* Write text to a new file at path (one below a tmp_dir_make directory).
 * 0, or -1 when it cannot be written. */
static inline int
tmp_file_put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		return -1;
	fputs(text, fp);
	return fclose(fp) == 0 ? 0 : -1;
}

/*
 * tmp_dir_make, then *path = DIR/cache.db (the caller frees it, or
 * tmp_cache_remove does) and, when db is not NULL, *db = the cache opened
 * there.  0, or -1 with a message on stderr.
 */
static inline int
tmp_cache_open(char *dir, size_t size, const char *name, char **path, struct db **db)
{
	struct err e;

	if (tmp_dir_make(dir, size, name) < 0)
		return -1;
	*path = xasprintf("%s/cache.db", dir);
	if (db == NULL)
		return 0;
	*db = db_open(*path, 0, &e);
	if (*db == NULL) {
		print_error("%s: %s\n", *path, e.msg);
		return -1;
	}
	return 0;
}

/* Close db (NULL: none), remove dir with the cache in it, free path. */
static inline void
tmp_cache_remove(const char *dir, char *path, struct db *db)
{
	if (db != NULL)
		db_close(db);
	tmp_dir_remove(dir);
	free(path);
}

#endif
