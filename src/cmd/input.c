/*
 * cmd/input: what add, extract and import read: a file (or standard
 * input), or one URL fetched synchronously.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "net/fetch.h"
#include "util/buf.h"
#include "util/err.h"

int
read_file(const char *path, size_t max, struct buf *b, struct err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[16384];
	size_t n;
	int rc = 0;

	if (f == NULL)
		return err_set(e, "%s: %s", path, strerror(errno));
	buf_init(b, max);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_add(b, chunk, n) < 0) {
			rc = err_set(e, "%s: larger than %zu bytes", path, max);
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = err_set(e, "%s: %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (rc < 0)
		buf_release(b);
	return rc;
}

static void
fetched_done(struct fetch *f, struct fetch_result *r, void *arg)
{
	struct fetched *out = arg;

	(void)f;
	out->done = 1;
	out->status = r->status;
	out->body = r->body;
	buf_init(&r->body, r->body.max);
	out->charset = r->charset;
	r->charset = NULL;
	out->effective_url = r->effective_url;
	r->effective_url = NULL;
	out->err = r->err;
}

int
fetch_one(const char *url, size_t max_size, struct fetched *out, struct err *e)
{
	struct fetch_request req = { .url = url };
	struct fetch_opts fo;
	struct fetch *f;
	int rc;

	memset(out, 0, sizeof *out);
	buf_init(&out->body, 0);
	fetch_opts_init(&fo);
	if (max_size)
		fo.max_size = max_size;
	f = fetch_new(&fo, fetched_done, out);
	fetch_add(f, &req);
	rc = fetch_run(f, e);
	fetch_free(f);
	if (rc < 0)
		return -1;
	if (out->status != FETCH_OK) {
		*e = out->err;
		return -1;
	}
	return 0;
}

void
fetched_release(struct fetched *f)
{
	buf_release(&f->body);
	free(f->charset);
	free(f->effective_url);
}
