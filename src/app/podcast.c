/*
 * podcast (app): enclosures described for people (podcast.h).
 */
#include "config.h"

#include "app/podcast.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"

void
podcast_duration(long seconds, char *out, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", seconds / 3600,
		    seconds / 60 % 60, seconds % 60);
	else
		snprintf(out, size, "%ld:%02ld", seconds / 60, seconds % 60);
}

void
podcast_size(long long bytes, char *out, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes;
	size_t u = 0;

	if (bytes < 1024) {
		snprintf(out, size, "%lld B", bytes < 0 ? 0 : bytes);
		return;
	}
	v /= 1024;
	while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1024;
		u++;
	}
	snprintf(out, size, "%.1f %s", v, units[u]);
}

void
podcast_describe(const struct enclosure_row *r, struct buf *out)
{
	char tmp[32];
	int parts = 0;

	(void)buf_addstr(out, r->url);
	if (r->type != NULL && *r->type != '\0') {
		(void)buf_addstr(out, " (");
		(void)buf_addstr(out, r->type);
		parts++;
	}
	if (r->length > 0) {
		podcast_size(r->length, tmp, sizeof tmp);
		(void)buf_addstr(out, parts++ ? ", " : " (");
		(void)buf_addstr(out, tmp);
	}
	if (r->duration >= 0) {
		podcast_duration(r->duration, tmp, sizeof tmp);
		(void)buf_addstr(out, parts++ ? ", " : " (");
		(void)buf_addstr(out, tmp);
	}
	if (parts)
		(void)buf_addstr(out, ")");
}

int
podcast_item_lines(struct db *db, int64_t item_id, char ***lines, size_t *n,
    struct err *e)
{
	struct enclosure_row *rows;
	size_t nrows, i;
	struct buf b;

	*lines = NULL;
	*n = 0;
	if (enclosures_list(db, item_id, &rows, &nrows, e) < 0)
		return -1;
	if (nrows == 0)
		return 0;
	*lines = xcalloc(nrows, sizeof **lines);
	for (i = 0; i < nrows; i++) {
		buf_init(&b, 0);
		podcast_describe(&rows[i], &b);
		(*lines)[i] = buf_take(&b);
	}
	*n = nrows;
	enclosures_free_rows(rows, nrows);
	return 0;
}

void
podcast_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
