#include "app/view_article.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/article_body.h"
#include "app/podcast.h"
#include "article/render.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Rendered article text is bounded by render; this bounds one header line. */
#define VIEW_ARTICLE_MAX_FIELD 4096

void
view_article_init(struct view_article *v)
{
	memset(v, 0, sizeof *v);
	v->height = 1;
	v->width = 80;
}

static void
view_article_drop_lines(struct view_article *v)
{
	size_t i;

	for (i = 0; i < v->nlines; i++)
		free(v->lines[i].text);
	free(v->lines);
	v->lines = NULL;
	v->nlines = 0;
	for (i = 0; i < v->nlinks; i++)
		free(v->links[i]);
	free(v->links);
	v->links = NULL;
	v->nlinks = 0;
	/* matches are positions in the lines */
	free(v->matches);
	v->matches = NULL;
	v->nmatches = 0;
}

void
view_article_release(struct view_article *v)
{
	view_article_drop_lines(v);
	podcast_free_lines(v->enclosures, v->nenclosures);
	if (v->open)
		item_full_release(&v->item);
	memset(v, 0, sizeof *v);
}

static void
view_article_add(struct view_article *v, const char *s, size_t len,
    enum view_article_style style, size_t label_len)
{
	struct view_article_line *l;

	v->lines = xreallocarray(v->lines, v->nlines + 1, sizeof *v->lines);
	l = &v->lines[v->nlines++];
	l->text = text_sanitize_dup(s, len, 0);
	l->len = strlen(l->text);
	l->style = style;
	l->label_len = label_len <= l->len ? label_len : l->len;
}

/*
 * "Label: value", wrapped at the view's width (a long title is read whole,
 * not cut at the screen's edge); lines after the first are indented under
 * the value.
 */
static void
view_article_header(struct view_article *v, const char *label, const char *value)
{
	struct buf b, line;
	size_t vlen, len, pos = 0, indent = strlen(label) + 2, i;
	size_t width = v->width > 4 ? (size_t)v->width : 4;
	char *clean;

	if (value == NULL || *value == '\0')
		return;
	vlen = strlen(value);
	if (vlen > VIEW_ARTICLE_MAX_FIELD)
		vlen = VIEW_ARTICLE_MAX_FIELD;
	buf_init(&b, 0);
	if (buf_addstr(&b, label) < 0 || buf_addstr(&b, ": ") < 0 ||
	    buf_add(&b, value, vlen) < 0) {
		buf_release(&b);
		return;
	}
	/* a title with newlines is still one header (wrapped, below) */
	for (i = 0; i < b.len; i++)
		if (b.data[i] == '\n' || b.data[i] == '\r' || b.data[i] == '\t')
			b.data[i] = ' ';
	clean = text_sanitize_dup(b.data, b.len, 0);
	buf_release(&b);
	len = strlen(clean);
	if (indent + 10 > width)
		indent = 0;
	buf_init(&line, 0);
	while (pos < len) {
		size_t next, n;

		if (pos == 0) {
			n = text_wrap_next(clean, len, width, &next);
			view_article_add(v, clean, n, VIEW_ARTICLE_HEADER, strlen(label) + 1);
		} else {
			n = text_wrap_next(clean + pos, len - pos, width - indent, &next);
			buf_reset(&line);
			(void)text_spaces(&line, indent);
			buf_add(&line, clean + pos, n);
			view_article_add(v, line.data, line.len, VIEW_ARTICLE_HEADER, 0);
		}
		if (next == 0)
			break;
		pos += next;
	}
	buf_release(&line);
	free(clean);
}

const char *
view_article_author(const char *byline)
{
	/* "by Abbey Fenbert" under the label "Author": the "by" says it twice */
	if (byline != NULL && (byline[0] == 'b' || byline[0] == 'B') &&
	    (byline[1] == 'y' || byline[1] == 'Y') && (byline[2] == ' ' ||
	    byline[2] == '\t' || byline[2] == ':')) {
		const char *p = byline + 3;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '\0')
			return p;
	}
	return byline;
}

static enum view_article_style
view_article_style_of(enum render_style s)
{
	switch (s) {
	case RENDER_HEADING:
		return VIEW_ARTICLE_HEADING;
	case RENDER_QUOTE:
		return VIEW_ARTICLE_QUOTE;
	case RENDER_PRE:
	case RENDER_TABLE:
		return VIEW_ARTICLE_PRE;
	case RENDER_LINK_LIST:
		return VIEW_ARTICLE_LINKS;
	default:
		return VIEW_ARTICLE_TEXT;
	}
}

static int
view_article_layout(struct view_article *v, struct err *e)
{
	const struct item_full *it = &v->item;
	struct article_body body;
	const char *html, *why;
	char note[128], *joined = NULL;
	struct render r;
	int rc;
	char date[64] = "";
	size_t i;
	int width = v->width > 4 ? v->width : 4;

	view_article_drop_lines(v);
	view_article_header(v, "Feed", it->row.feed_title);
	/* the same choice of body, title and byline as `tidings show` */
	article_body_choose(it, &body);
	view_article_header(v, "Title", body.title);
	view_article_header(v, "Author", view_article_author(body.byline));
	if (body.published > 0) {
		time_t t = body.published;
		struct tm tm;

		if (localtime_r(&t, &tm) != NULL)
			strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
	}
	view_article_header(v, "Date", date);
	view_article_header(v, "Link", it->row.url);
	for (i = 0; i < v->nenclosures; i++)
		view_article_header(v, "Enclosure", v->enclosures[i]);
	view_article_add(v, "", 0, VIEW_ARTICLE_TEXT, 0);

	v->cached = body.source == ARTICLE_BODY_ARTICLE;
	html = body.html;
	/* always-display-description: the feed's summary after the body, as
	 * newsboat appends it to content:encoded */
	if (v->always_description && body.source != ARTICLE_BODY_SUMMARY &&
	    it->summary_html != NULL && *it->summary_html != '\0') {
		joined = xasprintf("%s<hr>%s", html ? html : "", it->summary_html);
		html = joined;
	}
	why = article_body_why(it);
	if (!v->cached && why != NULL) {
		snprintf(note, sizeof note, "[article not cached: %s; the feed's %s follows]", why,
		    body.source == ARTICLE_BODY_CONTENT ? "text" : "summary");
		view_article_add(v, note, strlen(note), VIEW_ARTICLE_NOTE, 0);
		view_article_add(v, "", 0, VIEW_ARTICLE_TEXT, 0);
	}
	if (html == NULL || *html == '\0') {
		view_article_add(v, "(no text)", 9, VIEW_ARTICLE_NOTE, 0);
		return 0;
	}
	render_init(&r);
	rc = render_html(&r, html, strlen(html), width, RENDER_NUMBER_LINKS | RENDER_IMAGES, e);
	free(joined);
	if (rc < 0) {
		render_release(&r);
		return -1;
	}
	for (i = 0; i < r.nlines; i++)
		view_article_add(v, r.lines[i].text, r.lines[i].len,
		    view_article_style_of(r.lines[i].style), 0);
	/* the link list is kept for "open link N" */
	v->links = r.links;
	v->nlinks = r.nlinks;
	r.links = NULL;
	r.nlinks = 0;
	render_release(&r);
	return 0;
}

/* text-width: the window's width, or less */
static int
view_article_clamp(const struct view_article *v, int width)
{
	return v->text_width > 0 && v->text_width < width ? v->text_width : width;
}

int
view_article_open(struct view_article *v, struct db *db, int64_t id, int width,
    struct err *e)
{
	struct item_full it;
	int rc;

	char **encl;
	size_t nencl;

	rc = items_get(db, id, &it, e);
	if (rc <= 0)
		return rc;
	if (podcast_item_lines(db, id, &encl, &nencl, e) < 0) {
		item_full_release(&it);
		return -1;
	}
	view_article_drop_lines(v);
	podcast_free_lines(v->enclosures, v->nenclosures);
	v->enclosures = encl;
	v->nenclosures = nencl;
	if (v->open)
		item_full_release(&v->item);
	v->item = it;
	v->open = 1;
	v->top = 0;
	v->width = view_article_clamp(v, width);
	if (view_article_layout(v, e) < 0)
		return -1;
	return 1;
}

int
view_article_set_width(struct view_article *v, int width, struct err *e)
{
	size_t old = v->nlines;
	int top = v->top;

	width = view_article_clamp(v, width);
	if (!v->open || width == v->width)
		return 0;
	v->width = width;
	if (view_article_layout(v, e) < 0)
		return -1;
	/* the same fraction of the text */
	v->top = old > 0 ? (int)((double)top * (double)v->nlines / (double)old) : 0;
	view_article_scroll(v, 0);
	return 1;
}

void
view_article_set_height(struct view_article *v, int height)
{
	v->height = height > 0 ? height : 1;
	view_article_scroll(v, 0);
}

void
view_article_scroll(struct view_article *v, int delta)
{
	long top = (long)v->top + delta, max = (long)v->nlines - v->height;

	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	v->top = (int)top;
}

void
view_article_page(struct view_article *v, int pages)
{
	view_article_scroll(v, pages * (v->height > 1 ? v->height - 1 : 1));
}

void
view_article_home(struct view_article *v)
{
	v->top = 0;
}

void
view_article_end(struct view_article *v)
{
	view_article_scroll(v, (int)(v->nlines > 0 ? v->nlines : 0));
}

int
view_article_at_end(const struct view_article *v)
{
	return (size_t)v->top + (size_t)v->height >= v->nlines;
}

int
view_article_set_flag(struct view_article *v, struct db *db, int star, int value,
    struct err *e)
{
	if (!v->open)
		return 0;
	if ((star ? items_set_starred(db, v->item.row.id, value, e)
	    : items_set_read(db, v->item.row.id, value, e)) < 0)
		return -1;
	if (star)
		v->item.row.starred = value;
	else
		v->item.row.read = value;
	return 0;
}

void
view_article_take_matches(struct view_article *v, struct view_article_match *m, size_t n)
{
	free(v->matches);
	v->matches = m;
	v->nmatches = n;
}

const struct view_article_match *
view_article_line_matches(const struct view_article *v, size_t line, size_t *n)
{
	size_t lo = 0, hi = v->nmatches, end;

	/* the first match on line or after it */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->matches[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < v->nmatches && v->matches[end].line == line; end++)
		;
	*n = end - lo;
	return *n > 0 ? &v->matches[lo] : NULL;
}

int
view_article_next_match(struct view_article *v, int dir)
{
	/* the line under the one line of context the last jump left above it */
	long cur = (long)v->top + 1, best = -1;
	size_t i;

	for (i = 0; i < v->nmatches; i++) {
		long line = (long)v->matches[i].line;

		if (dir > 0 && line > cur) {
			best = line;
			break;
		}
		if (dir < 0 && line < cur)
			best = line;
	}
	if (best < 0 || (dir > 0 && view_article_at_end(v)))
		return 0;
	v->top = (int)best;
	view_article_scroll(v, -1);
	return 1;
}

void
view_article_show_first_match(struct view_article *v)
{
	if (v->nmatches > 0 && v->matches[0].line >= (size_t)v->height)
		view_article_scroll(v, (int)v->matches[0].line - 2);
}
