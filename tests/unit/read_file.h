/*
 * For the tests that read fixtures and corpora: read_file_into appends a
 * whole file to a buffer whose cap the caller chose.  No cmocka here, so
 * tests/extract-driver.c uses it too; a test turns -1 into a failure or
 * a skip as it needs.
 */
#ifndef TIDINGS_TEST_READ_FILE_H
#define TIDINGS_TEST_READ_FILE_H

#include <stdio.h>

#include "util/buf.h"

/*
 * Append the file at path to b.  0, or -1 when it cannot be opened or
 * read, or does not fit b's cap (b then holds what fitted; the caller
 * releases b either way).
 */
static inline int
read_file_into(const char *path, struct buf *b)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (fp == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (buf_add(b, chunk, n) < 0) {
			rc = -1;
			break;
		}
	if (ferror(fp))
		rc = -1;
	fclose(fp);
	return rc;
}

#endif
