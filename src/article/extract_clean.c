/*
 * extract_clean: the cleaning walk before scoring: unlikely candidates,
 * hidden and negative-hint elements, bylines and headings dropped, divs
 * read as paragraphs, nesting capped.
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

/* ------------------------------------------------------ cleaning walk */

const char *const drop_tags[] = {
	"script", "style", "noscript", "template", "link", "meta", "iframe",
	"object", "embed", "applet", "svg", "canvas", "nav", "form", "button",
	"input", "select", "textarea", "aside", "footer", "dialog", "menu",
	"head", "title", "audio", "video", "source", "track", "map", "frame",
	"frameset", NULL
};

static const char *const unlikely_hints[] = {
	"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header",
	"legends", "menu", "related", "remark", "replies", "rss", "shoutbox",
	"sidebar", "skyscraper", "social", "sponsor", "supplemental",
	"ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
	"newsletter", "subscribe", "signup", "paywall", NULL
};

static const char *const maybe_hints[] = {
	"and", "article", "body", "column", "content", "main", "mathjax",
	"shadow", NULL
};

static const char *const positive_hints[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story", NULL
};

static const char *const negative_hints[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
	"related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
	"sponsor", "shopping", "tags", "widget", "newsletter", "audio",
	"player", "card", NULL
};

static const char *const unlikely_roles[] = {
	"menu", "menubar", "complementary", "navigation", "alert",
	"alertdialog", "dialog", NULL
};

/* Elements that keep a <div> from being read as a paragraph. */
static const char *const block_tags[] = {
	"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul",
	"section", "article", "header", "figure", "h1", "h2", "h3", "h4", "h5",
	"h6", "main", "aside", "hr", "li", "picture", NULL
};

/* Does s hold a negative hint (one the page does not carry everywhere,
 * under F_COMMON_HINTS)? */
static int
negative_hint(const struct ctx *c, const char *s)
{
	size_t i;

	if (!(c->flags & F_COMMON_HINTS))
		return contains_any(s, negative_hints);
	for (i = 0; negative_hints[i] != NULL; i++)
		if (!(c->common_hints & ((uint64_t)1 << i)) &&
		    contains_ci(s, negative_hints[i]))
			return 1;
	return 0;
}

int
class_weight(const struct ctx *c, const xmlNode *n)
{
	const char *s;
	int w = 0;

	if (!(c->flags & F_WEIGHT_CLASSES))
		return 0;
	if ((s = markup_attr(n, "class")) != NULL && *s != '\0') {
		if (negative_hint(c, s) || has_token_ci(s, "hid"))
			w -= CLASS_WEIGHT;
		if (contains_any(s, positive_hints))
			w += CLASS_WEIGHT;
	}
	if ((s = markup_attr(n, "id")) != NULL && *s != '\0') {
		if (negative_hint(c, s) || has_token_ci(s, "hid"))
			w -= CLASS_WEIGHT;
		if (contains_any(s, positive_hints))
			w += CLASS_WEIGHT;
	}
	return w;
}

/* Count, for each negative hint, the elements under n whose class holds it. */
static void
count_hints(const xmlNode *n, unsigned *counts, int depth)
{
	const xmlNode *k;
	const char *cl;
	size_t i;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if ((cl = markup_attr(k, "class")) != NULL && *cl != '\0') {
			char low[256];
			size_t j;

			/* lower-cased once, cut to the buffer: hints sit early */
			for (j = 0; cl[j] != '\0' && j + 1 < sizeof low; j++)
				low[j] = (char)text_tolower((unsigned char)cl[j]);
			low[j] = '\0';
			for (i = 0; negative_hints[i] != NULL; i++)
				if (strstr(low, negative_hints[i]) != NULL)
					counts[i]++;
		}
		count_hints(k, counts, depth + 1);
	}
}

/* Which negative hints dozens of the page's elements carry: a page
 * builder's vocabulary ("elementor-widget" on every block) rather than a
 * sign of furniture. */
uint64_t
common_hints(const xmlNode *body)
{
	unsigned counts[64];
	uint64_t common = 0;
	size_t i;

	memset(counts, 0, sizeof counts);
	count_hints(body, counts, 0);
	for (i = 0; negative_hints[i] != NULL && i < 64; i++)
		if (counts[i] >= COMMON_HINT)
			common |= (uint64_t)1 << i;
	return common;
}

/* Does an inline style leave the element visible? */
static int
is_visible_style(const char *s)
{
	char flat[256];
	size_t i, k = 0;

	for (i = 0; s[i] != '\0' && k + 1 < sizeof flat; i++)
		if (!text_ishtmlspace((unsigned char)s[i]))
			flat[k++] = (char)text_tolower((unsigned char)s[i]);
	flat[k] = '\0';
	return strstr(flat, "display:none") == NULL &&
	    strstr(flat, "visibility:hidden") == NULL;
}

/*
 * Is n the folded part of an accordion or a tab set, which the page shows
 * when the reader opens it: a region labelled by its header, a tab panel,
 * or a class that names one?  Its text is the article's as much as the
 * open parts are.
 */
static int
is_folded_panel(const xmlNode *n)
{
	static const char *const folds[] = {
		"accordion", "collaps", "tab-pane", "tabpanel", NULL
	};
	const char *s;

	if (markup_attr(n, "aria-labelledby") != NULL)
		return 1;
	if ((s = markup_attr(n, "role")) != NULL &&
	    (equal_ci(s, "region") || equal_ci(s, "tabpanel")))
		return 1;
	return ((s = markup_attr(n, "class")) != NULL && contains_any(s, folds)) ||
	    ((s = markup_attr(n, "id")) != NULL && contains_any(s, folds));
}

static int
is_visible(const xmlNode *n)
{
	const char *s;

	/* hidden="until-found" is how pages fold text that find-in-page opens */
	if ((s = markup_attr(n, "hidden")) != NULL && !equal_ci(s, "until-found"))
		return 0;
	s = markup_attr(n, "aria-hidden");
	if (s != NULL && equal_ci(s, "true")) {
		const char *cl = markup_attr(n, "class");

		if (cl == NULL || strstr(cl, "fallback-image") == NULL)
			return 0;
	}
	if ((s = markup_attr(n, "style")) != NULL && !is_visible_style(s) &&
	    !is_folded_panel(n))
		return 0;
	return 1;
}

int
inside(const xmlNode *n, const char *name, int maxdepth)
{
	for (n = n->parent; n != NULL && maxdepth-- != 0; n = n->parent)
		if (html_is(n, name))
			return 1;
	return 0;
}

static int
is_unlikely(const struct ctx *c, const xmlNode *n)
{
	const char *cl = markup_attr(n, "class"), *id = markup_attr(n, "id"), *role;
	char both[512];

	role = markup_attr(n, "role");
	if (role != NULL) {
		size_t i;

		for (i = 0; unlikely_roles[i] != NULL; i++)
			if (equal_ci(role, unlikely_roles[i]))
				return 1;
	}
	if (!(c->flags & F_STRIP_UNLIKELY))
		return 0;
	if ((cl == NULL || *cl == '\0') && (id == NULL || *id == '\0'))
		return 0;
	if (html_is(n, "body") || html_is(n, "a"))
		return 0;
	/* cut to the buffer: hints sit in the first few hundred bytes */
	(void)snprintf(both, sizeof both, "%s %s", cl ? cl : "", id ? id : "");
	if (!contains_any(both, unlikely_hints) || contains_any(both, maybe_hints))
		return 0;
	return !inside(n, "table", -1) && !inside(n, "code", -1);
}

/* The text length of the paragraphs under n (used to judge <header>). */
size_t
paragraph_chars(const xmlNode *n, int depth)
{
	const xmlNode *c;
	size_t sum = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return 0;
	for (c = n->children; c != NULL; c = c->next) {
		if (html_is(c, "p"))
			sum += node_chars(c);
		else if (c->type == XML_ELEMENT_NODE) {
			sum += paragraph_chars(c, depth + 1);
		}
	}
	return sum;
}

/* Does n's markup say it holds the author's name? */
static int
byline_hint(const xmlNode *n)
{
	const char *s, *cl = markup_attr(n, "class"), *id = markup_attr(n, "id");
	char both[512];

	s = markup_attr(n, "rel");
	if (s != NULL && has_token_ci(s, "author"))
		return 1;
	s = markup_attr(n, "itemprop");
	if (s != NULL && contains_ci(s, "author"))
		return 1;
	if (cl == NULL && id == NULL)
		return 0;
	/* cut to the buffer: hints sit in the first few hundred bytes */
	(void)snprintf(both, sizeof both, "%s %s", cl ? cl : "", id ? id : "");
	return contains_ci(both, "byline") || contains_ci(both, "author") ||
	    contains_ci(both, "dateline") || contains_ci(both, "writtenby") ||
	    contains_ci(both, "p-author");
}

static const xmlNode *
itemprop_name(const xmlNode *n, int depth)
{
	const xmlNode *k, *f;
	const char *ip;

	if (depth > 8)
		return NULL;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if ((ip = markup_attr(k, "itemprop")) != NULL && contains_ci(ip, "name"))
			return k;
		if ((f = itemprop_name(k, depth + 1)) != NULL)
			return f;
	}
	return NULL;
}


/* The text nodes of n, each collapsed and trimmed (empty ones left out):
 * a byline's markup parts the name from its label, role and date. */
void
byline_segments(const xmlNode *n, char **seg, size_t *nseg, int depth)
{
	const xmlNode *c;

	if (depth > 16)
		return;
	for (c = n->children; c != NULL && *nseg < BYLINE_SEGMENTS; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			char *t = clean_string((const char *)c->content,
			    strlen((const char *)c->content));

			if (*t != '\0')
				seg[(*nseg)++] = t;
			else
				free(t);
		} else if (c->type == XML_ELEMENT_NODE && !html_is(c, "script") &&
		    !html_is(c, "style")) {
			byline_segments(c, seg, nseg, depth + 1);
		}
	}
}

/* The byline text of n (caller frees), or NULL when n is not a byline. */
static char *
byline_of(const xmlNode *n)
{
	char *t, *seg[BYLINE_SEGMENTS];
	size_t len, nseg = 0, i;

	if (!byline_hint(n))
		return NULL;
	t = node_text(n);
	len = utf8_chars(t, strlen(t));
	if (len > 0 && len < 200) {
		char *name;

		byline_segments(n, seg, &nseg, 0);
		name = byline_clean(seg, nseg);
		for (i = 0; i < nseg; i++)
			free(seg[i]);
		free(t);
		if (name == NULL)
			return NULL;
		t = name;
		len = utf8_chars(t, strlen(t));
	}
	if (len > 0 && len < 100) {
		/* a schema.org name inside says it more exactly than the
		 * whole line with its dates and labels */
		const xmlNode *nm = itemprop_name(n, 0);

		if (nm != NULL) {
			char *u = node_text(nm);

			if (*u != '\0') {
				free(t);
				return u;
			}
			free(u);
		}
	}
	if (len > 0 && len < 100)
		return t;
	free(t);
	return NULL;
}

/* Lowercase alphanumeric words of s, for comparing a heading and a title. */
int
similar_title(const char *a, const char *b)
{
	struct buf x, y;
	int same;
	size_t i;

	buf_init(&x, 0);
	buf_init(&y, 0);
	for (i = 0; a[i] != '\0'; i++)
		if ((unsigned char)a[i] >= 0x80 || text_isalnum((unsigned char)a[i]))
			buf_addc(&x, (char)text_tolower((unsigned char)a[i]));
	for (i = 0; b[i] != '\0'; i++)
		if ((unsigned char)b[i] >= 0x80 || text_isalnum((unsigned char)b[i]))
			buf_addc(&y, (char)text_tolower((unsigned char)b[i]));
	same = x.len > 0 && (strcmp(x.data, y.data) == 0 ||
	    (x.len * 4 >= y.len * 3 && strstr(y.data, x.data) != NULL) ||
	    (y.len * 4 >= x.len * 3 && strstr(x.data, y.data) != NULL));
	buf_release(&x);
	buf_release(&y);
	return same;
}

static int
has_block_child(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (html_in(c, block_tags))
			return 1;
	return 0;
}

static int
is_phrasing(const xmlNode *c)
{
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
		return 1;
	return c->type == XML_ELEMENT_NODE && !html_in(c, block_tags);
}

static int
run_has_text(xmlNode *from, xmlNode *to)
{
	xmlNode *c;
	const unsigned char *s;

	for (c = from; c != to; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !html_is(c, "br"))
			return 1;
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			for (s = c->content; *s != '\0'; s++)
				if (!text_ishtmlspace(*s))
					return 1;
	}
	return 0;
}

/* Is c a <br> followed (past whitespace) by another <br>? */
static int
is_double_br(const xmlNode *c)
{
	const xmlNode *d;

	if (!html_is(c, "br"))
		return 0;
	for (d = c->next; d != NULL; d = d->next) {
		if (html_is(d, "br"))
			return 1;
		if (d->type == XML_TEXT_NODE && d->content != NULL) {
			const unsigned char *s;

			for (s = d->content; *s != '\0'; s++)
				if (!text_ishtmlspace(*s))
					return 0;
			continue;
		}
		return 0;
	}
	return 0;
}

/*
 * Give a container's loose inline content paragraphs of its own: runs of
 * text and inline elements between block children, or between "<br><br>",
 * are wrapped in new <p> elements.
 */
static void
wrap_runs(xmlDoc *doc, xmlNode *n)
{
	xmlNode *c = n->children, *start, *next, *p;

	while (c != NULL) {
		if (!is_phrasing(c) || is_double_br(c)) {
			/* drop a run of brs that separates paragraphs */
			if (is_double_br(c)) {
				while (c != NULL && (html_is(c, "br") ||
				    (c->type == XML_TEXT_NODE && !run_has_text(c, c->next)))) {
					next = c->next;
					remove_node(c);
					c = next;
				}
				continue;
			}
			c = c->next;
			continue;
		}
		start = c;
		while (c != NULL && is_phrasing(c) && !is_double_br(c))
			c = c->next;
		if (!run_has_text(start, c))
			continue;
		p = xmlNewDocNode(doc, NULL, (const xmlChar *)"p", NULL);
		xmlAddPrevSibling(start, p);
		while (start != c) {
			next = start->next;
			xmlUnlinkNode(start);
			xmlAddChild(p, start);	/* may merge text nodes: fine */
			start = next;
		}
	}
}

static int
has_brbr(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (is_double_br(c))
			return 1;
	return 0;
}

/* Drop subtrees nested deeper than EXTRACT_MAX_DEPTH, without recursion. */
void
cut_depth(xmlNode *root)
{
	xmlNode *n = root, *next;
	int depth = 0;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			if (depth >= EXTRACT_MAX_DEPTH) {
				xmlNode *kid = n->children;

				while (kid != NULL) {
					next = kid->next;
					remove_node(kid);
					kid = next;
				}
			} else {
				n = n->children;
				depth++;
				continue;
			}
		}
		while (n != NULL && n != root && n->next == NULL) {
			n = n->parent;
			depth--;
		}
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
}

int
is_empty_block(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !html_is(c, "br") &&
		    !html_is(c, "hr"))
			return 0;
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			const unsigned char *s;

			for (s = c->content; *s != '\0'; s++)
				if (!text_ishtmlspace(*s))
					return 0;
		}
	}
	return 1;
}

/* Find (and remove) a byline in a subtree about to be dropped. */
static int
find_byline(struct ctx *c, xmlNode *n, int depth)
{
	xmlNode *k;

	if (depth > EXTRACT_MAX_DEPTH)
		return 0;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || html_in(k, drop_tags) ||
		    !is_visible(k) || is_unlikely(c, k))
			continue;
		if ((c->byline = byline_of(k)) != NULL)
			return 1;
		if (find_byline(c, k, depth + 1))
			return 1;
	}
	return 0;
}

/*
 * Does n hold most of the page's paragraph text?  Such an element is not
 * furniture whatever its tag, class or visibility says: ASP.NET pages wrap
 * the whole page in a <form>, the HTML parser nests everything after an
 * unclosed <button> or <header> inside it, and streamed React pages keep
 * the article in a hidden <div> until a script moves it into place.
 */
static int
holds_most_text(const struct ctx *c, const xmlNode *n)
{
	static const char *const never[] = {
		"script", "style", "head", "template", "ul", "ol", "dl", "table",
		NULL
	};
	const char *st;

	if (c->page_pchars < 500 || html_in(n, never))
		return 0;
	/* what a stylesheet hides stays hidden (only scripts lift the
	 * hidden attribute) */
	if ((st = markup_attr(n, "style")) != NULL && !is_visible_style(st))
		return 0;
	return paragraph_chars(n, 0) * 2 > c->page_pchars;
}

void
prep(struct ctx *c, xmlNode *n)
{
	xmlNode *k, *next;

	for (k = n->children; k != NULL; k = next) {
		next = k->next;
		if (k->type == XML_COMMENT_NODE || k->type == XML_PI_NODE ||
		    k->type == XML_DTD_NODE) {
			remove_node(k);
			continue;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		/* some pages hide <body> until a script runs: never drop it */
		if (html_in(k, drop_tags) || ((!is_visible(k) || is_unlikely(c, k)) &&
		    !html_is(k, "body") && !html_is(k, "html"))) {
			if (!holds_most_text(c, k)) {
				remove_node(k);
				continue;
			}
			/* a wrapper, not furniture: read it as a plain block */
			xmlNodeSetName(k, (const xmlChar *)"div");
		}
		if (c->byline == NULL && !html_is(k, "body") && !html_is(k, "html") &&
		    (c->byline = byline_of(k)) != NULL) {
			remove_node(k);
			continue;
		}
		if (!c->title_header_seen && c->title != NULL && *c->title != '\0' &&
		    (html_is(k, "h1") || html_is(k, "h2"))) {
			char *t = node_text(k);
			int dup = 0;
			size_t i;

			for (i = 0; i < 4 && !dup; i++)
				dup = c->titles[i] != NULL && *c->titles[i] != '\0' &&
				    similar_title(t, c->titles[i]);

			free(t);
			if (dup) {
				c->title_header_seen = 1;
				remove_node(k);
				continue;
			}
		}
		if (html_is(k, "header") && paragraph_chars(k, 0) < 200) {
			if (c->byline == NULL)
				(void)find_byline(c, k, 0);
			remove_node(k);
			continue;
		}
		if (html_is(k, "div")) {
			if (!has_block_child(k) && !has_brbr(k)) {
				xmlNodeSetName(k, (const xmlChar *)"p");
			} else {
				wrap_runs(c->doc, k);
			}
		} else if ((html_is(k, "section") || html_is(k, "article") ||
		    html_is(k, "main") || html_is(k, "body") || html_is(k, "td") ||
		    html_is(k, "blockquote")) && (has_brbr(k) || has_block_child(k))) {
			wrap_runs(c->doc, k);
		}
		prep(c, k);
		if ((html_is(k, "div") || html_is(k, "section") || html_is(k, "header") ||
		    html_heading(k) || html_is(k, "p")) && is_empty_block(k)) {
			remove_node(k);
			continue;
		}
		if (html_is(k, "p") || html_is(k, "pre") || html_is(k, "td") ||
		    html_is(k, "section") || (html_heading(k) && !html_is(k, "h1")))
			push_node(&c->score_list, &c->nscore, &c->score_cap, k);
	}
}
