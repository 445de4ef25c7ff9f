#include "app/view_items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/format.h"
#include "store/views.h"
#include "util/buf.h"
#include "util/xalloc.h"

void
view_items_init(struct view_items *v)
{
	memset(v, 0, sizeof *v);
	view_list_init(&v->list);
}

static void
view_items_drop_rows(struct view_items *v)
{
	items_free_rows(v->rows, v->nrows);
	v->rows = NULL;
	v->nrows = 0;
	v->first = 0;
}

void
view_items_release(struct view_items *v)
{
	view_items_drop_rows(v);
	free(v->tag);
	free(v->title);
	memset(v, 0, sizeof *v);
}

int
view_items_open(struct view_items *v, struct db *db, int64_t feed_id, const char *tag,
    int unread_only, const char *title, struct err *e)
{
	int height = v->list.height, count;
	struct views_sort sort = v->sort;

	view_items_release(v);
	v->sort = sort;
	view_list_init(&v->list);
	v->list.height = height > 0 ? height : 1;
	v->tag = tag ? xstrdup(tag) : NULL;
	v->title = xstrdup(title ? title : "All items");
	v->q.feed_id = feed_id;
	v->q.tag = feed_id == 0 ? v->tag : NULL;
	v->q.unread_only = unread_only;
	if (views_max_item_id(db, &v->seen_max_id, e) < 0 ||
	    views_count(db, &v->q, &count, e) < 0)
		return -1;
	view_list_set_count(&v->list, count);
	return view_items_sync(v, db, e);
}

int
view_items_sync(struct view_items *v, struct db *db, struct err *e)
{
	int top = v->list.top, h = v->list.height, start, limit;
	struct item_row *rows;
	size_t n;

	int end = top + h < v->list.count ? top + h : v->list.count;

	if (v->list.count == 0) {
		view_items_drop_rows(v);
		return 0;
	}
	if (v->nrows > 0 && top >= v->first && end <= v->first + (int)v->nrows)
		return 0;
	/* a screen above and below too, so scrolling a line rarely queries */
	start = top - h > 0 ? top - h : 0;
	limit = 3 * h;
	if (views_items_sorted(db, &v->q, &v->sort, start, limit, v->list.count, &rows, &n, e) < 0)
		return -1;
	view_items_drop_rows(v);
	v->rows = rows;
	v->nrows = n;
	v->first = start;
	/* the cache changed under us (a poll, another reader): trust the rows */
	if (start + (int)n < v->list.count && (int)n < limit)
		view_list_set_count(&v->list, start + (int)n);
	return 0;
}

int
view_items_reload(struct view_items *v, struct db *db, struct err *e)
{
	const struct item_row *cur = view_items_current(v);
	int64_t keep = cur ? cur->id : 0;
	int count, cursor = v->list.cursor;

	if (views_max_item_id(db, &v->seen_max_id, e) < 0 ||
	    views_count(db, &v->q, &count, e) < 0)
		return -1;
	view_items_drop_rows(v);
	view_list_set_count(&v->list, count);
	if (keep != 0) {
		int rc = view_items_select(v, db, keep, e);

		if (rc < 0)
			return -1;
		if (rc == 0)
			view_list_goto(&v->list, cursor);
	}
	return view_items_sync(v, db, e);
}

const struct item_row *
view_items_row(const struct view_items *v, int row)
{
	if (row < v->first || row >= v->first + (int)v->nrows || row >= v->list.count)
		return NULL;
	return &v->rows[row - v->first];
}

const struct item_row *
view_items_current(const struct view_items *v)
{
	return view_items_row(v, v->list.cursor);
}

int
view_items_select(struct view_items *v, struct db *db, int64_t id, struct err *e)
{
	int pos, rc;

	rc = views_position_sorted(db, &v->q, &v->sort, id, &pos, e);
	if (rc <= 0)
		return rc;
	view_list_goto(&v->list, pos);
	if (view_items_sync(v, db, e) < 0)
		return -1;
	return 1;
}

int
view_items_next_unread(struct view_items *v, struct db *db, int dir, struct err *e)
{
	const struct item_row *cur = view_items_current(v);
	int64_t found;
	int rc;

	if (cur == NULL)
		return 0;
	rc = views_next_unread_sorted(db, &v->q, &v->sort, cur->id, cur->published, dir, &found,
	    e);
	if (rc <= 0)
		return rc;
	return view_items_select(v, db, found, e);
}

static struct item_row *
view_items_current_mut(struct view_items *v)
{
	return (struct item_row *)view_items_current(v);
}

int
view_items_set_read(struct view_items *v, struct db *db, int value, struct err *e)
{
	struct item_row *r = view_items_current_mut(v);
	int want;

	if (r == NULL)
		return 0;
	want = value < 0 ? !r->read : !!value;
	if (items_set_read(db, r->id, want, e) < 0)
		return -1;
	r->read = want;
	return 0;
}

int
view_items_set_starred(struct view_items *v, struct db *db, int value, struct err *e)
{
	struct item_row *r = view_items_current_mut(v);
	int want;

	if (r == NULL)
		return 0;
	want = value < 0 ? !r->starred : !!value;
	if (items_set_starred(db, r->id, want, e) < 0)
		return -1;
	r->starred = want;
	return 0;
}

int
view_items_mark_read(struct view_items *v, struct db *db, int all, struct err *e)
{
	return items_mark_read_upto(db, all ? 0 : v->q.feed_id, v->seen_max_id, e);
}

void
view_items_format(const struct view_items *v, const struct item_row *r, int row,
    const char *fmt, const char *datetime_format, time_t now, size_t width, struct buf *out)
{
	struct format_vars vars;
	char idx[32], flags[3], date[FORMAT_DATE_MAX];

	snprintf(idx, sizeof idx, "%d", row + 1);
	flags[0] = r->read ? ' ' : 'N';
	flags[1] = r->starred ? '!' : ' ';
	flags[2] = '\0';
	format_date(date, sizeof date, datetime_format, r->published, now);
	format_vars_init(&vars);
	format_set(&vars, 'i', idx);
	format_set(&vars, 'f', flags);
	format_set(&vars, 'n', r->read ? " " : "N");
	format_set(&vars, 'd', " ");
	format_set(&vars, 'D', date);
	format_set(&vars, 't', r->title ? r->title : "(untitled)");
	format_set(&vars, 'a', r->author);
	/* one feed's list does not repeat its name on every row */
	format_set(&vars, 'T', v->q.feed_id == 0 ? (r->feed_title ? r->feed_title : "") : NULL);
	format_set(&vars, 's', r->starred ? "*" : " ");
	(void)format_expand(out, fmt, &vars, width);
}

void
view_items_format_title(const struct view_items *v, const char *program,
    const char *version, const char *fmt, int unread, int total, const char *url, size_t width,
    struct buf *out)
{
	struct format_vars vars;
	char u[32], t[32], c[64];

	snprintf(u, sizeof u, "%d", unread);
	snprintf(t, sizeof t, "%d", total);
	snprintf(c, sizeof c, "%d %s", v->list.count, v->q.unread_only ? "unread"
	    : v->list.count == 1 ? "item" : "items");
	format_vars_init(&vars);
	format_set(&vars, 'N', program);
	format_set(&vars, 'V', version);
	format_set(&vars, 'T', v->title);
	format_set(&vars, 'u', u);
	format_set(&vars, 't', t);
	format_set(&vars, 'U', url);
	format_set(&vars, 'C', c);
	(void)format_expand(out, fmt, &vars, width);
}

int
view_items_set_sort(struct view_items *v, const char *order, unsigned seed)
{
	static const char *const names[] = {
		[VIEWS_SORT_DATE] = "date", [VIEWS_SORT_TITLE] = "title",
		[VIEWS_SORT_FLAGS] = "flags", [VIEWS_SORT_AUTHOR] = "author",
		[VIEWS_SORT_LINK] = "link", [VIEWS_SORT_GUID] = "guid",
		[VIEWS_SORT_RANDOM] = "random",
	};
	size_t len = strcspn(order, "-"), i;
	const char *dir = order + len;
	int desc = strcmp(dir, "-desc") == 0;

	if (*dir != '\0' && strcmp(dir, "-asc") != 0 && !desc)
		return -1;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strlen(names[i]) == len && strncmp(order, names[i], len) == 0) {
			v->sort.key = (enum views_sort_key)i;
			v->sort.seed = seed;
			/* newsboat: date is desc unless -asc, and its desc is the
			 * oldest first */
			if (v->sort.key == VIEWS_SORT_DATE)
				v->sort.asc = strcmp(dir, "-asc") != 0;
			else
				v->sort.asc = !desc;
			return 0;
		}
	}
	return -1;
}

/* keys: delete-article, delete-all-articles */
int
view_items_delete(struct view_items *v, struct db *db, int all, struct err *e)
{
	const struct item_row *r = view_items_current(v);

	if (all ? items_delete(db, 0, v->q.feed_id, 1, e) < 0
	    : r != NULL && items_delete(db, r->id, 0, 0, e) < 0)
		return -1;
	/* the cursor stays on its row, now the next item */
	return view_items_reload(v, db, e);
}
