/*
 * extract_sanitise: the sanitiser: the kept tree serialised as an HTML
 * fragment holding only the safe markup extract.h lists.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include "article/extract_priv.h"
#include "article/html.h"
#include "article/render.h"
#include "markup/charref.h"
#include "markup/markup.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

/* ------------------------------------------------------- serialising */

static const char *const inline_keep[] = {
	"a", "em", "strong", "b", "i", "code", "br", "img", NULL
};
static const char *const block_keep[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
	"pre", "table", "tr", "td", "th", "figure", "figcaption", NULL
};
/* Unknown-to-us elements that still separate blocks. */
static const char *const block_other[] = {
	"div", "section", "article", "main", "header", "footer", "address",
	"center", "dl", "dt", "dd", "hgroup", "details", "summary", "fieldset",
	"tbody", "thead", "tfoot", "caption", "body", "html", "hr", "picture",
	"nav", "aside", "form", "legend", "caption", NULL
};

/* s as HTML text (an attribute value in double quotes when quote is
 * set), controls removed first. */
static void
esc(struct buf *out, const char *s, int quote)
{
	struct buf clean;

	buf_init(&clean, 0);
	text_sanitize(&clean, s, strlen(s), TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	markup_escape(out, clean.data, clean.len, quote);
	buf_release(&clean);
}

/*
 * href resolved against base (util/url), with the bytes a URL cannot
 * hold percent-encoded; NULL unless the result is an http(s) URL, or a
 * mailto one when allow_mailto is set.
 */
static char *
resolve(const char *base, const char *href, int allow_mailto)
{
	char *u = url_resolve(base, href), *res = NULL;
	struct buf b;
	size_t i;

	if (u == NULL)
		return NULL;
	if (strlen(u) <= URL_MAX && (url_is_http(u) || (allow_mailto &&
	    strncasecmp(u, "mailto:", 7) == 0 && u[7] != '\0'))) {
		buf_init(&b, 0);
		for (i = 0; u[i] != '\0'; i++) {
			unsigned char ch = (unsigned char)u[i];

			if (ch <= 0x20 || ch >= 0x7F || ch == '"' || ch == '<' ||
			    ch == '>' || ch == '\\' || ch == '^' || ch == '`' ||
			    ch == '{' || ch == '|' || ch == '}')
				buf_printf(&b, "%%%02X", ch);
			else
				buf_addc(&b, (char)ch);
		}
		res = buf_take(&b);
	}
	free(u);
	return res;
}

static const char *
image_src(const xmlNode *n)
{
	static const char *const lazy[] = {
		"data-src", "data-original", "data-lazy-src", "data-url",
		"data-hi-res-src", NULL
	};
	const char *src = markup_attr(n, "src");
	size_t i;

	if (src != NULL && *src != '\0' && strncmp(src, "data:", 5) != 0)
		return src;
	for (i = 0; lazy[i] != NULL; i++)
		if ((src = markup_attr(n, lazy[i])) != NULL && *src != '\0')
			return src;
	return NULL;
}

int
has_visible_text(const char *s)
{
	for (; *s != '\0'; s++)
		if (!text_ishtmlspace((unsigned char)*s))
			return 1;
	return 0;
}


static void
ser_img(struct ser *s, const xmlNode *n)
{
	const char *src = image_src(n), *alt = markup_attr(n, "alt");
	char *url = src != NULL ? resolve(s->base, src, 0) : NULL;

	if (url == NULL && (alt == NULL || !has_visible_text(alt)))
		return;
	buf_addstr(s->out, "<img");
	if (url != NULL) {
		buf_addstr(s->out, " src=\"");
		esc(s->out, url, 1);
		buf_addc(s->out, '"');
	}
	if (alt != NULL) {
		char *a = clean_string(alt, strlen(alt));

		buf_addstr(s->out, " alt=\"");
		esc(s->out, a, 1);
		buf_addc(s->out, '"');
		free(a);
	}
	buf_addstr(s->out, ">");
	free(url);
	s->content++;
}

/* Emit <tag>children</tag>, or nothing when the children showed nothing. */
static void
ser_wrapped(struct ser *s, const xmlNode *n, const char *tag, enum sctx inner,
    int depth)
{
	size_t mark = s->out->len, before = s->content;

	buf_printf(s->out, "<%s>", tag);
	ser_children(s, n, inner, depth);
	if (s->content == before) {
		buf_truncate(s->out, mark);
		return;
	}
	buf_printf(s->out, "</%s>", tag);
}

static void
ser_element(struct ser *s, const xmlNode *n, enum sctx cx, int *autop,
    int depth)
{
	const char *name = (const char *)n->name;
	int block = html_in(n, block_keep) || html_in(n, block_other);

	if (html_is(n, "br")) {
		if (cx == S_FLOW || cx == S_LIST || cx == S_TABLE || cx == S_ROW)
			return;
		buf_addstr(s->out, "<br>");
		return;
	}
	if (html_is(n, "img")) {
		if (cx == S_TABLE || cx == S_ROW || cx == S_LIST)
			return;
		if (cx == S_AUTOP && !*autop) {
			buf_addstr(s->out, "<p>");
			*autop = 1;
		}
		ser_img(s, n);
		return;
	}
	/* structure of tables and lists */
	if (cx == S_TABLE) {
		if (html_is(n, "tr"))
			ser_wrapped(s, n, "tr", S_ROW, depth);
		else if (html_is(n, "tbody") || html_is(n, "thead") ||
		    html_is(n, "tfoot"))
			ser_children(s, n, S_TABLE, depth);
		return;
	}
	if (cx == S_ROW) {
		if (html_is(n, "td") || html_is(n, "th"))
			ser_wrapped(s, n, name, S_FLOW, depth);
		return;
	}
	if (cx == S_LIST && !html_is(n, "li")) {
		/* anything else straight inside a list becomes an item */
		ser_wrapped(s, n, "li", S_FLOW, depth);
		return;
	}
	if (block && (cx == S_PHRASING || cx == S_PRE)) {
		/* a block inside a paragraph: keep its text, with a space */
		if (cx == S_PHRASING)
			buf_addc(s->out, ' ');
		ser_children(s, n, cx, depth);
		if (cx == S_PHRASING)
			buf_addc(s->out, ' ');
		return;
	}
	if (block && *autop) {
		buf_addstr(s->out, "</p>");
		*autop = 0;
	}
	if (html_is(n, "p") || html_heading(n) || html_is(n, "figcaption")) {
		ser_wrapped(s, n, name, S_PHRASING, depth);
	} else if (html_is(n, "dt") || html_is(n, "dd") || html_is(n, "summary") ||
	    html_is(n, "caption") || html_is(n, "legend")) {
		ser_wrapped(s, n, "p", S_PHRASING, depth);
	} else if (html_is(n, "pre")) {
		ser_wrapped(s, n, "pre", S_PRE, depth);
	} else if (html_is(n, "ul") || html_is(n, "ol")) {
		ser_wrapped(s, n, name, S_LIST, depth);
	} else if (html_is(n, "li")) {
		ser_wrapped(s, n, "li", S_FLOW, depth);
	} else if (html_is(n, "blockquote") || html_is(n, "figure")) {
		ser_wrapped(s, n, name, S_AUTOP, depth);
	} else if (html_is(n, "table")) {
		ser_wrapped(s, n, "table", S_TABLE, depth);
	} else if (block) {
		ser_children(s, n, cx, depth);
	} else {
		/* inline */
		char *url = NULL;
		const char *tag = NULL;

		if (cx == S_AUTOP && !*autop) {
			buf_addstr(s->out, "<p>");
			*autop = 1;
		}
		if (html_is(n, "a")) {
			const char *h = markup_attr(n, "href");

			if (h != NULL && (url = resolve(s->base, h, 1)) != NULL) {
				buf_addstr(s->out, "<a href=\"");
				esc(s->out, url, 1);
				buf_addstr(s->out, "\">");
				tag = "a";
			}
		} else if (html_in(n, inline_keep)) {
			tag = name;
			buf_printf(s->out, "<%s>", tag);
		} else if (html_is(n, "tt") || html_is(n, "kbd") || html_is(n, "samp")) {
			tag = "code";
			buf_addstr(s->out, "<code>");
		} else if (html_is(n, "cite") || html_is(n, "dfn") || html_is(n, "var")) {
			tag = "i";
			buf_addstr(s->out, "<i>");
		}
		ser_children(s, n, cx == S_PRE ? S_PRE : S_PHRASING, depth);
		if (tag != NULL)
			buf_printf(s->out, "</%s>", tag);
		free(url);
	}
}

void
ser_children(struct ser *s, const xmlNode *n, enum sctx cx, int depth)
{
	const xmlNode *k;
	int autop = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	/* past the cap nothing more: a later, smaller piece that still fit
	 * would leave a hole in the text */
	for (k = n->children; k != NULL && !s->out->overflow; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)k->content;

			if (t == NULL)
				continue;
			if (cx == S_TABLE || cx == S_ROW || cx == S_LIST) {
				if (!has_visible_text(t))
					continue;
				if (cx == S_LIST) {
					buf_addstr(s->out, "<li>");
					esc(s->out, t, 0);
					buf_addstr(s->out, "</li>");
					s->content++;
				}
				continue;
			}
			if (cx == S_AUTOP && !autop) {
				if (!has_visible_text(t))
					continue;
				buf_addstr(s->out, "<p>");
				autop = 1;
			}
			esc(s->out, t, 0);
			if (has_visible_text(t))
				s->content++;
			continue;
		}
		if (k->type != XML_ELEMENT_NODE || html_in(k, drop_tags))
			continue;
		ser_element(s, k, cx, &autop, depth + 1);
	}
	if (autop)
		buf_addstr(s->out, "</p>");
}
