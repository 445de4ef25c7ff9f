#include "app/view_feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/format.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/xalloc.h"

void
view_feeds_init(struct view_feeds *v, int show_read)
{
	memset(v, 0, sizeof *v);
	view_list_init(&v->list);
	v->show_read = show_read;
}

void
view_feeds_release(struct view_feeds *v)
{
	views_free_feeds(v->rows, v->nrows);
	views_free_strings(v->tags, v->ntags);
	free(v->tag);
	memset(v, 0, sizeof *v);
}

static int
view_feeds_has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);
	const char *p = tags;

	/* tags is "a, b, c" (group_concat with ", ") */
	while (p != NULL && *p != '\0') {
		if (strncmp(p, tag, n) == 0 && (p[n] == '\0' || p[n] == ','))
			return 1;
		p = strchr(p, ',');
		if (p != NULL)
			p += 2;
	}
	return 0;
}

int
view_feeds_load(struct view_feeds *v, struct db *db, struct err *e)
{
	struct views_feed *all, *rows;
	char **tags;
	size_t n, ntags, i, k;
	int64_t keep = -1, seen = 0;

	if (v->nrows > 0)
		keep = v->rows[v->list.cursor].id;
	/* before the counts: an item arriving in between is counted but never
	 * marked read unseen, never the other way round */
	if (views_max_item_id(db, &seen, e) < 0)
		return -1;
	if (views_feeds_sorted(db, v->sort, v->sort_asc, &all, &n, e) < 0)
		return -1;
	if (views_tags(db, &tags, &ntags, e) < 0) {
		views_free_feeds(all, n);
		return -1;
	}
	/* the title bar says how far the downloads lag behind */
	if (articles_backlog(db, &v->backlog, e) < 0) {
		views_free_feeds(all, n);
		views_free_strings(tags, ntags);
		return -1;
	}
	rows = xcalloc(n + 1, sizeof *rows);
	rows[0].title = xstrdup(v->tag ? v->tag : "All items");
	v->total = v->total_unread = 0;
	for (i = 0, k = 1; i < n; i++) {
		/* a failing feed stays listed (marked "!") even with nothing unread:
		 * hiding it would hide that it fails */
		int show = (v->show_read || all[i].unread > 0 || all[i].failed) &&
		    (v->tag == NULL || view_feeds_has_tag(all[i].tags, v->tag));

		if (!show) {
			free(all[i].title);
			free(all[i].url);
			free(all[i].tags);
			free(all[i].last_error);
			continue;
		}
		if (v->tag == NULL || view_feeds_has_tag(all[i].tags, v->tag)) {
			rows[0].unread += all[i].unread;
			rows[0].total += all[i].total;
		}
		rows[k++] = all[i];
	}
	if (v->tag != NULL) {
		free(rows[0].title);
		rows[0].title = xasprintf("All items tagged %s", v->tag);
	}
	free(all);
	views_free_feeds(v->rows, v->nrows);
	views_free_strings(v->tags, v->ntags);
	v->rows = rows;
	v->nrows = k;
	v->tags = tags;
	v->ntags = ntags;
	v->seen_max_id = seen;
	v->total = rows[0].total;
	v->total_unread = rows[0].unread;
	view_list_set_count(&v->list, (int)k);
	if (keep >= 0)
		view_feeds_select(v, keep);
	return 0;
}

const struct views_feed *
view_feeds_current(const struct view_feeds *v)
{
	if (v->nrows == 0)
		return NULL;
	return &v->rows[v->list.cursor];
}

int
view_feeds_select(struct view_feeds *v, int64_t id)
{
	size_t i;

	for (i = 0; i < v->nrows; i++) {
		if (v->rows[i].id == id) {
			view_list_goto(&v->list, (int)i);
			return 1;
		}
	}
	return 0;
}

void
view_feeds_set_tag(struct view_feeds *v, const char *tag)
{
	/* copy first: tag may be v->tag itself, or one of v->tags */
	char *copy = tag ? xstrdup(tag) : NULL;

	free(v->tag);
	v->tag = copy;
	v->list.cursor = 0;
	v->list.top = 0;
}

const char *
view_feeds_next_tag(const struct view_feeds *v)
{
	size_t i;

	if (v->ntags == 0)
		return NULL;
	if (v->tag == NULL)
		return v->tags[0];
	for (i = 0; i + 1 < v->ntags; i++)
		if (strcmp(v->tags[i], v->tag) == 0)
			return v->tags[i + 1];
	return NULL;
}

int
view_feeds_next_unread(struct view_feeds *v, int dir)
{
	int i;

	/* row 0 (All items) is not a feed to jump to */
	for (i = v->list.cursor + (dir > 0 ? 1 : -1); i >= 1 && i < (int)v->nrows;
	    i += dir > 0 ? 1 : -1) {
		if (v->rows[i].unread > 0) {
			view_list_goto(&v->list, i);
			return 1;
		}
	}
	return 0;
}

int
view_feeds_mark_read(struct view_feeds *v, struct db *db, int64_t feed_id, struct err *e)
{
	return items_mark_read_upto(db, feed_id, v->seen_max_id, e);
}

void
view_feeds_format(const struct view_feeds *v, int row, const char *fmt, size_t width,
    struct buf *out, size_t *mark_start, size_t *mark_end)
{
	const struct views_feed *f = &v->rows[row];
	struct format_vars vars;
	char idx[32], counts[64], unread[32], total[32], *first = NULL;

	format_vars_init(&vars);
	idx[0] = '\0';
	if (row > 0)
		snprintf(idx, sizeof idx, "%d", row);
	snprintf(counts, sizeof counts, "(%d/%d)", f->unread, f->total);
	snprintf(unread, sizeof unread, "%d", f->unread);
	snprintf(total, sizeof total, "%d", f->total);
	if (f->tags != NULL)
		first = xstrndup(f->tags, strcspn(f->tags, ","));
	format_set(&vars, 'i', idx);
	format_set(&vars, 'n', f->unread > 0 ? "N" : " ");
	format_set(&vars, 'u', counts);
	format_set(&vars, 'U', unread);
	format_set(&vars, 'c', total);
	format_set(&vars, 'S', f->failed ? "x" : " ");
	format_set(&vars, 't', f->title);
	format_set(&vars, 'T', first);
	format_set(&vars, 'L', row > 0 ? f->url : NULL);
	format_set(&vars, 'E', f->failed ? "! " : NULL);
	format_set(&vars, 'G', f->tags);
	vars.mark = 'E';
	(void)format_expand(out, fmt, &vars, width);
	*mark_start = vars.mark_start;
	*mark_end = vars.mark_end;
	free(first);
}

void
view_feeds_format_title(const struct view_feeds *v, const char *program,
    const char *version, const char *fmt, size_t width, struct buf *out)
{
	struct format_vars vars;
	char unread_feeds[32], shown[32], unread[32], total[32], backlog[32];
	size_t i;
	int n = 0;

	for (i = 1; i < v->nrows; i++)
		n += v->rows[i].unread > 0;
	snprintf(unread_feeds, sizeof unread_feeds, "%d", n);
	snprintf(shown, sizeof shown, "%zu", v->nrows > 0 ? v->nrows - 1 : 0);
	snprintf(unread, sizeof unread, "%d", v->total_unread);
	snprintf(total, sizeof total, "%d", v->total);
	snprintf(backlog, sizeof backlog, "%d", v->backlog);
	format_vars_init(&vars);
	format_set(&vars, 'N', program);
	format_set(&vars, 'V', version);
	format_set(&vars, 'u', unread_feeds);
	format_set(&vars, 't', shown);
	format_set(&vars, 'U', unread);
	format_set(&vars, 'c', total);
	format_set(&vars, 'T', v->tag);
	format_set(&vars, 'B', v->backlog > 0 ? backlog : NULL);
	(void)format_expand(out, fmt, &vars, width);
}

int
view_feeds_set_sort(struct view_feeds *v, const char *order)
{
	static const char *const names[] = {
		[VIEWS_FEEDS_NONE] = "none", [VIEWS_FEEDS_FIRSTTAG] = "firsttag",
		[VIEWS_FEEDS_TITLE] = "title", [VIEWS_FEEDS_ARTICLECOUNT] = "articlecount",
		[VIEWS_FEEDS_UNREADARTICLECOUNT] = "unreadarticlecount",
		[VIEWS_FEEDS_LASTUPDATED] = "lastupdated",
		[VIEWS_FEEDS_LATESTUNREAD] = "latestunread",
	};
	size_t len = strcspn(order, "-"), i;
	const char *dir = order + len;

	if (*dir != '\0' && strcmp(dir, "-asc") != 0 && strcmp(dir, "-desc") != 0)
		return -1;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strlen(names[i]) == len && strncmp(order, names[i], len) == 0) {
			v->sort = (enum views_feed_sort)i;
			v->sort_asc = strcmp(dir, "-asc") == 0;
			return 0;
		}
	}
	return -1;
}
