#include "article/render.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "article/html.h"
#include "markup/markup.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"

#define MAX_LINKS 10000
#define MIN_WRAP 10	/* never wrap narrower than this, whatever the indent */

struct rstate {
	struct render *r;
	int width;
	int flags;
	struct buf para;	/* inline text so far: collapsed, '\n' = <br> */
	int sp;			/* a space is due before the next text */
	int pending_blank;	/* an empty line is due before the next block */
	int cell;		/* > 0 inside a table cell: blocks are spaces */
};

struct rctx {
	const char *prefix;	/* before every line */
	const char *first;	/* before the first line of the list item */
	int *first_used;
	enum render_style style;
	int level;
	int tight;		/* no empty lines between blocks (lists) */
	int list_depth;
	int quote_depth;
};

static const char *const skip_tags[] = {
	"script", "style", "noscript", "template", "head", "title", "iframe",
	"object", "embed", "applet", "svg", "button", "select", "input",
	"textarea", "form", "canvas", "audio", "video", "source", "track",
	"map", "frame", "frameset", "meta", "link", "nav", "dialog", NULL
};

static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "header", "footer", "aside",
	"address", "center", "hgroup", "details", "summary", "fieldset",
	"legend", "caption", "dt", "dd", "dl", "body", "html", "picture",
	"tbody", "thead", "tfoot", NULL
};

void
render_init(struct render *r)
{
	memset(r, 0, sizeof *r);
}

void
render_release(struct render *r)
{
	size_t i;

	for (i = 0; i < r->nlines; i++)
		free(r->lines[i].text);
	free(r->lines);
	for (i = 0; i < r->nlinks; i++)
		free(r->links[i]);
	free(r->links);
	render_init(r);
}

static void
add_line(struct render *r, const char *prefix, const char *s, size_t len,
    enum render_style style, int level)
{
	struct render_line *l;
	struct buf b;

	if (r->nlines >= RENDER_MAX_LINES)
		return;
	if (r->nlines == r->lines_cap) {
		r->lines_cap = r->lines_cap ? r->lines_cap * 2 : 64;
		r->lines = xreallocarray(r->lines, r->lines_cap, sizeof *r->lines);
	}
	buf_init(&b, 0);
	buf_addstr(&b, prefix);
	buf_add(&b, s, len);
	text_rtrim(&b);
	l = &r->lines[r->nlines++];
	l->len = b.len;
	l->text = buf_take(&b);
	l->style = style;
	l->level = level;
}

static void
blank_if_due(struct rstate *st)
{
	struct render *r = st->r;

	if (st->pending_blank && r->nlines > 0 && r->lines[r->nlines - 1].len > 0)
		add_line(r, "", "", 0, RENDER_TEXT, 0);
	st->pending_blank = 0;
}

/* The prefix for the next line, consuming a list item's bullet. */
static const char *
line_prefix(const struct rctx *cx)
{
	if (cx->first != NULL && cx->first_used != NULL && !*cx->first_used) {
		*cx->first_used = 1;
		return cx->first;
	}
	return cx->prefix;
}

/* Emit one paragraph of text (no newlines) wrapped under the context. */
static void
emit_wrapped(struct rstate *st, const struct rctx *cx, const char *s,
    size_t len, int wrap_indent)
{
	size_t pos = 0, n, next, avail;
	const char *pre = line_prefix(cx);
	size_t pw = text_width(cx->prefix, strlen(cx->prefix));
	char *cont = NULL;

	if (st->width <= 0) {
		add_line(st->r, pre, s, len, cx->style, cx->level);
		return;
	}
	avail = (size_t)st->width > pw ? (size_t)st->width - pw : 0;
	if (avail < MIN_WRAP)	/* deep indents: overflow rather than crush */
		avail = (size_t)st->width < MIN_WRAP ? (size_t)st->width : MIN_WRAP;
	if (wrap_indent > 0)
		cont = xasprintf("%s%*s", cx->prefix, wrap_indent, "");
	while (pos < len) {
		size_t room = avail;

		if (pre != cx->prefix && pre != cont) {
			size_t fw = text_width(pre, strlen(pre));

			room = (size_t)st->width > fw ? (size_t)st->width - fw : 0;
			if (room < MIN_WRAP)
				room = avail;
		} else if (pre == cont && room > (size_t)wrap_indent + MIN_WRAP) {
			room -= (size_t)wrap_indent;
		}
		n = text_wrap_next(s + pos, len - pos, room, &next);
		add_line(st->r, pre, s + pos, n, cx->style, cx->level);
		if (next == 0)
			break;
		pos += next;
		pre = cont != NULL ? cont : cx->prefix;
	}
	free(cont);
}

/* Turn the collected inline text into lines. */
static void
flush(struct rstate *st, const struct rctx *cx)
{
	size_t start = 0, end, a, b;
	int any = 0;

	if (st->cell) {
		st->sp = 1;
		return;
	}
	text_rtrim(&st->para);
	for (a = 0; a < st->para.len && (st->para.data[a] == ' ' ||
	    st->para.data[a] == '\n'); a++)
		;
	if (a == st->para.len) {
		buf_reset(&st->para);
		st->sp = 0;
		return;
	}
	blank_if_due(st);
	start = a;
	while (start < st->para.len) {
		end = start;
		while (end < st->para.len && st->para.data[end] != '\n')
			end++;
		a = start;
		b = end;
		while (a < b && st->para.data[a] == ' ')
			a++;
		while (b > a && st->para.data[b - 1] == ' ')
			b--;
		if (b > a) {
			emit_wrapped(st, cx, st->para.data + a, b - a, 0);
			any = 1;
		}
		start = end + 1;
	}
	buf_reset(&st->para);
	st->sp = 0;
	if (any)
		st->pending_blank = !cx->tight;
}

static void
add_text(struct rstate *st, const char *s, size_t len)
{
	struct buf clean;

	buf_init(&clean, 0);
	(void)text_sanitize(&clean, s, len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	(void)text_collapse(&st->para, clean.data, clean.len, &st->sp);
	buf_release(&clean);
}

static void
add_break(struct rstate *st)
{
	if (st->width <= 0 || st->cell) {
		st->sp = 1;
		return;
	}
	text_rtrim(&st->para);
	buf_addc(&st->para, '\n');
	st->sp = 0;
}

static int
link_allowed(const char *u)
{
	return strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0 || strncasecmp(u, "mailto:", 7) == 0;
}

static size_t
link_number(struct render *r, const char *url)
{
	size_t i;

	for (i = 0; i < r->nlinks; i++)
		if (strcmp(r->links[i], url) == 0)
			return i + 1;
	if (r->nlinks >= MAX_LINKS)
		return 0;
	if (r->nlinks == r->links_cap) {
		r->links_cap = r->links_cap ? r->links_cap * 2 : 16;
		r->links = xreallocarray(r->links, r->links_cap, sizeof *r->links);
	}
	r->links[r->nlinks++] = text_sanitize_dup(url, strlen(url), 0);
	return r->nlinks;
}

static void walk(struct rstate *st, const xmlNode *n, const struct rctx *cx,
    int depth);

static void
walk_children(struct rstate *st, const xmlNode *n, const struct rctx *cx,
    int depth)
{
	const xmlNode *k;

	if (depth > RENDER_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next)
		walk(st, k, cx, depth + 1);
}

/* The raw text of a <pre>, with <br> and block ends as newlines. */
static void
pre_text(const xmlNode *n, struct buf *out, int depth)
{
	const xmlNode *k;

	if (depth > RENDER_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			if (k->content != NULL)
				buf_addstr(out, (const char *)k->content);
		} else if (k->type == XML_ELEMENT_NODE && !html_in(k, skip_tags)) {
			if (html_is(k, "br")) {
				buf_addc(out, '\n');
				continue;
			}
			pre_text(k, out, depth + 1);
			if (html_is(k, "p") || html_is(k, "div"))
				buf_addc(out, '\n');
		}
	}
}

static void
render_pre(struct rstate *st, const xmlNode *n, const struct rctx *cx)
{
	struct buf raw, clean, line;
	size_t i, start, end, col;
	uint32_t cp;

	buf_init(&raw, 0);
	buf_init(&clean, 0);
	buf_init(&line, 0);
	pre_text(n, &raw, 0);
	(void)text_sanitize(&clean, raw.data, raw.len,
	    TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	/* one newline right after <pre> is not content; neither are the
	 * blank lines at the end */
	start = clean.len > 0 && clean.data[0] == '\n' ? 1 : 0;
	end = clean.len;
	while (end > start && (clean.data[end - 1] == '\n' ||
	    clean.data[end - 1] == ' ' || clean.data[end - 1] == '\t'))
		end--;
	if (end > start) {
		flush(st, cx);
		blank_if_due(st);
		i = start;
		while (i <= end) {
			size_t e = i;

			while (e < end && clean.data[e] != '\n')
				e++;
			/* expand tabs to 8-column stops */
			buf_reset(&line);
			col = 0;
			while (i < e) {
				size_t n2 = text_decode(clean.data + i, e - i, &cp);

				if (cp == '\t') {
					size_t sp = 8 - col % 8;

					(void)text_spaces(&line, sp);
					col += sp;
				} else {
					buf_add(&line, clean.data + i, n2);
					col += (size_t)text_cp_width(cp);
				}
				i += n2;
			}
			add_line(st->r, line_prefix(cx), line.data, line.len,
			    RENDER_PRE, cx->level);
			i = e + 1;
		}
		st->pending_blank = !cx->tight;
	}
	buf_release(&raw);
	buf_release(&clean);
	buf_release(&line);
}

/* ------------------------------------------------------------- tables */

struct trow {
	char **cells;
	size_t n;
};

struct table {
	struct trow *rows;
	size_t n, cap;
};

static void
cell_text(struct rstate *st, const xmlNode *cell, const struct rctx *cx,
    struct trow *row, int depth)
{
	struct buf saved = st->para;
	int saved_sp = st->sp;

	buf_init(&st->para, 0);
	st->sp = 0;
	st->cell++;
	walk_children(st, cell, cx, depth);
	st->cell--;
	text_rtrim(&st->para);
	row->cells = xreallocarray(row->cells, row->n + 1, sizeof *row->cells);
	row->cells[row->n++] = buf_take(&st->para);
	buf_release(&st->para);
	st->para = saved;
	st->sp = saved_sp;
}

static void
collect_rows(struct rstate *st, const xmlNode *n, const struct rctx *cx,
    struct table *t, int depth)
{
	const xmlNode *k, *c;

	if (depth > RENDER_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (html_is(k, "tbody") || html_is(k, "thead") || html_is(k, "tfoot")) {
			collect_rows(st, k, cx, t, depth + 1);
		} else if (html_is(k, "tr")) {
			struct trow row = { NULL, 0 };

			if (t->n >= 10000)
				return;
			for (c = k->children; c != NULL; c = c->next)
				if ((html_is(c, "td") || html_is(c, "th")) && row.n < 256)
					cell_text(st, c, cx, &row, depth + 2);
			if (row.n == 0)
				continue;
			if (t->n == t->cap) {
				t->cap = t->cap ? t->cap * 2 : 8;
				t->rows = xreallocarray(t->rows, t->cap, sizeof *t->rows);
			}
			t->rows[t->n++] = row;
		}
	}
}

static void
render_table(struct rstate *st, const xmlNode *n, const struct rctx *cx,
    int depth)
{
	struct table t = { NULL, 0, 0 };
	size_t i, j, ncols = 0, total = 0, *colw;
	struct buf line;
	struct rctx rc = *cx;

	flush(st, cx);
	collect_rows(st, n, cx, &t, depth);
	for (i = 0; i < t.n; i++)
		ncols = t.rows[i].n > ncols ? t.rows[i].n : ncols;
	colw = xcalloc(ncols ? ncols : 1, sizeof *colw);
	for (i = 0; i < t.n; i++)
		for (j = 0; j < t.rows[i].n; j++) {
			size_t w = text_width(t.rows[i].cells[j],
			    strlen(t.rows[i].cells[j]));

			colw[j] = w > colw[j] ? w : colw[j];
		}
	for (j = 0; j < ncols; j++)
		total += colw[j] + (j > 0 ? 2 : 0);
	buf_init(&line, 0);
	rc.style = RENDER_TABLE;
	if (ncols == 1) {
		/* a one-column table is a layout device: show paragraphs */
		rc.style = cx->style;
		for (i = 0; i < t.n; i++) {
			if (t.rows[i].cells[0][0] == '\0')
				continue;
			blank_if_due(st);
			emit_wrapped(st, &rc, t.rows[i].cells[0],
			    strlen(t.rows[i].cells[0]), 0);
			st->pending_blank = !cx->tight;
		}
	} else if (t.n > 0) {
		int padded = st->width > 0 &&
		    text_width(cx->prefix, strlen(cx->prefix)) + total <= (size_t)st->width;

		blank_if_due(st);
		for (i = 0; i < t.n; i++) {
			buf_reset(&line);
			for (j = 0; j < t.rows[i].n; j++) {
				const char *c = t.rows[i].cells[j];

				if (padded) {
					if (j > 0)
						buf_addstr(&line, "  ");
					if (j + 1 < t.rows[i].n)
						(void)text_pad(&line, c, strlen(c), colw[j]);
					else
						buf_addstr(&line, c);
				} else {
					if (j > 0)
						buf_addstr(&line, " | ");
					buf_addstr(&line, c);
				}
			}
			text_rtrim(&line);
			if (padded || st->width <= 0)
				add_line(st->r, line_prefix(cx), line.data, line.len,
				    RENDER_TABLE, cx->level);
			else
				emit_wrapped(st, &rc, line.data, line.len, 2);
		}
		st->pending_blank = !cx->tight;
	}
	buf_release(&line);
	for (i = 0; i < t.n; i++) {
		for (j = 0; j < t.rows[i].n; j++)
			free(t.rows[i].cells[j]);
		free(t.rows[i].cells);
	}
	free(t.rows);
	free(colw);
}

/* -------------------------------------------------------------- lists */

static void
render_list(struct rstate *st, const xmlNode *n, const struct rctx *cx,
    int depth)
{
	const xmlNode *k;
	int ordered = html_is(n, "ol");
	long num = 1;
	const char *s;

	flush(st, cx);
	if (cx->list_depth == 0)
		st->pending_blank = 1;
	if (ordered && (s = markup_attr(n, "start")) != NULL) {
		char *end;
		long v = strtol(s, &end, 10);

		if (end != s && v > -1000000 && v < 1000000)
			num = v;
	}
	for (k = n->children; k != NULL; k = k->next) {
		struct rctx ic = *cx;
		char bullet[32], *first, *prefix;
		int used = 0;

		if (k->type != XML_ELEMENT_NODE || html_in(k, skip_tags))
			continue;
		if (ordered)
			snprintf(bullet, sizeof bullet, "%ld. ", num++);
		else
			snprintf(bullet, sizeof bullet, "%s", "\xE2\x80\xA2 ");
		first = xasprintf("%s%s", cx->prefix, bullet);
		prefix = xasprintf("%s%*s", cx->prefix,
		    (int)text_width(bullet, strlen(bullet)), "");
		ic.prefix = prefix;
		ic.first = first;
		ic.first_used = &used;
		ic.style = cx->style == RENDER_QUOTE ? RENDER_QUOTE : RENDER_LIST;
		ic.level = cx->style == RENDER_QUOTE ? cx->level : cx->list_depth + 1;
		ic.tight = 1;
		ic.list_depth = cx->list_depth + 1;
		if (html_is(k, "li"))
			walk_children(st, k, &ic, depth + 1);
		else
			walk(st, k, &ic, depth + 1);
		flush(st, &ic);
		free(first);
		free(prefix);
	}
	if (cx->list_depth == 0)
		st->pending_blank = 1;
}

/* ------------------------------------------------------------- walker */

static void
render_block(struct rstate *st, const xmlNode *n, const struct rctx *cx,
    int depth)
{
	struct rctx bc = *cx;
	int h = html_heading(n);
	char *prefix = NULL;

	if (st->cell) {
		st->sp = 1;
		walk_children(st, n, cx, depth);
		st->sp = 1;
		return;
	}
	flush(st, cx);
	if (h > 0) {
		bc.style = RENDER_HEADING;
		bc.level = h;
	} else if (html_is(n, "blockquote")) {
		prefix = xasprintf("%s> ", cx->prefix);
		bc.prefix = prefix;
		bc.first = NULL;
		bc.style = RENDER_QUOTE;
		bc.level = cx->quote_depth + 1;
		bc.quote_depth = cx->quote_depth + 1;
		st->pending_blank = !cx->tight;
	} else if (html_is(n, "figcaption")) {
		bc.style = RENDER_CAPTION;
	} else if (html_is(n, "dd")) {
		prefix = xasprintf("%s  ", cx->prefix);
		bc.prefix = prefix;
	}
	walk_children(st, n, &bc, depth);
	flush(st, &bc);
	if (html_is(n, "blockquote"))
		st->pending_blank = !cx->tight;
	free(prefix);
}

static void
walk(struct rstate *st, const xmlNode *n, const struct rctx *cx, int depth)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			add_text(st, (const char *)n->content,
			    strlen((const char *)n->content));
		return;
	}
	if (n->type != XML_ELEMENT_NODE || html_in(n, skip_tags))
		return;
	if (depth > RENDER_MAX_DEPTH)
		return;
	if (html_is(n, "br")) {
		add_break(st);
	} else if (html_is(n, "img")) {
		const char *alt = markup_attr(n, "alt");
		struct buf a;
		int sp = 0;

		if (!(st->flags & RENDER_IMAGES))
			return;
		buf_init(&a, 0);
		if (alt != NULL)
			(void)text_collapse(&a, alt, strlen(alt), &sp);
		text_rtrim(&a);
		add_text(st, " ", 1);
		if (a.len > 0) {
			add_text(st, "[image: ", 8);
			add_text(st, a.data, a.len);
			add_text(st, "]", 1);
		} else {
			add_text(st, "[image]", 7);
		}
		add_text(st, " ", 1);
		buf_release(&a);
	} else if (html_is(n, "a")) {
		const char *href = markup_attr(n, "href");
		size_t before = st->para.len;

		walk_children(st, n, cx, depth);
		if ((st->flags & RENDER_NUMBER_LINKS) && href != NULL &&
		    link_allowed(href) && st->para.len > before) {
			size_t num = link_number(st->r, href);

			if (num > 0)
				buf_printf(&st->para, "[%zu]", num);
		}
	} else if (html_is(n, "pre")) {
		if (st->cell)
			walk_children(st, n, cx, depth);
		else
			render_pre(st, n, cx);
	} else if (html_is(n, "ul") || html_is(n, "ol") || html_is(n, "menu")) {
		if (st->cell)
			render_block(st, n, cx, depth);
		else
			render_list(st, n, cx, depth);
	} else if (html_is(n, "li")) {
		render_block(st, n, cx, depth);
	} else if (html_is(n, "table")) {
		if (st->cell)
			render_block(st, n, cx, depth);
		else
			render_table(st, n, cx, depth);
	} else if (html_is(n, "hr")) {
		flush(st, cx);
		st->pending_blank = 1;
	} else if (html_heading(n) > 0 || html_is(n, "blockquote") ||
	    html_is(n, "figure") || html_is(n, "figcaption") ||
	    html_in(n, block_tags) || html_is(n, "tr") || html_is(n, "td") ||
	    html_is(n, "th")) {
		render_block(st, n, cx, depth);
	} else {
		walk_children(st, n, cx, depth);
	}
}

int
render_html(struct render *r, const char *html, size_t len, int width,
    int flags, struct err *e)
{
	struct rstate st;
	struct rctx cx;
	xmlDoc *doc;
	const xmlNode *body;
	size_t i;

	render_release(r);
	if (len > RENDER_MAX_INPUT)
		return err_set(e, "HTML fragment larger than %u bytes",
		    RENDER_MAX_INPUT);
	if (len == 0)
		return 0;
	doc = markup_html_parse(html, len, NULL, "UTF-8");
	if (doc == NULL)
		return 0;
	memset(&st, 0, sizeof st);
	st.r = r;
	st.width = width < 0 ? 0 : width;
	st.flags = flags;
	buf_init(&st.para, 0);
	memset(&cx, 0, sizeof cx);
	cx.prefix = "";
	cx.style = RENDER_TEXT;
	if ((body = html_body(doc)) != NULL)
		walk_children(&st, body, &cx, 0);
	flush(&st, &cx);
	buf_release(&st.para);
	xmlFreeDoc(doc);

	if ((flags & RENDER_NUMBER_LINKS) && r->nlinks > 0) {
		if (r->nlines > 0)
			add_line(r, "", "", 0, RENDER_TEXT, 0);
		add_line(r, "", "Links:", 6, RENDER_LINK_LIST, 0);
		for (i = 0; i < r->nlinks; i++) {
			char num[32];

			snprintf(num, sizeof num, "[%zu] ", i + 1);
			add_line(r, num, r->links[i], strlen(r->links[i]),
			    RENDER_LINK_LIST, 0);
		}
	}
	return 0;
}

int
render_to_buf(const struct render *r, struct buf *out)
{
	size_t i;

	for (i = 0; i < r->nlines; i++)
		if (buf_add(out, r->lines[i].text, r->lines[i].len) < 0 ||
		    buf_addc(out, '\n') < 0)
			return -1;
	return 0;
}
