/*
 * feed_elements: RSS/Atom elements mapped to fields.  Owns the element
 * table (namespace, name and where an element may appear, the field it
 * fills with a priority), the text constructs (Atom's type and mode,
 * base64), the capture of a field's text and child markup into one
 * capped buffer, and the SAX callbacks that walk the document.
 */
#include "feed/feed_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markup/charref.h"
#include "markup/markup.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

static const struct {
	const char *uri;
	enum feed_ns ns;
} feed_namespaces[] = {
	{ NS_ATOM10, NS_ATOM },
	{ NS_ATOM03, NS_ATOM },
	{ "http://purl.org/rss/1.0/", NS_CORE },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_CORE },
	{ "http://backend.userland.com/rss2", NS_CORE },
	{ "http://backend.userland.com/rss", NS_CORE },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_CORE },
	{ "http://purl.org/net/rss1.1#", NS_CORE },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ NS_XHTML_URI, NS_XHTML },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
};

enum { W_FEED = 1, W_ITEM = 2, W_BOTH = 3 };

static const struct feed_rule {
	unsigned char ns;
	const char *name;
	unsigned char where;
	unsigned char field;
	signed char prio;
} feed_rules[] = {
	{ NS_CORE, "title", W_BOTH, F_TITLE, 3 },
	{ NS_CORE, "link", W_BOTH, F_LINK, 3 },
	{ NS_CORE, "description", W_BOTH, F_SUMMARY, 3 },
	{ NS_CORE, "summary", W_ITEM, F_SUMMARY, 3 },
	{ NS_CORE, "subtitle", W_FEED, F_SUMMARY, 3 },
	{ NS_CORE, "tagline", W_FEED, F_SUMMARY, 3 },
	{ NS_CORE, "abstract", W_ITEM, F_SUMMARY, 2 },
	{ NS_CORE, "content", W_ITEM, F_CONTENT, 3 },
	{ NS_CORE, "guid", W_ITEM, F_GUID, 3 },
	{ NS_CORE, "id", W_ITEM, F_GUID, 3 },
	{ NS_CORE, "author", W_BOTH, F_AUTHOR, 3 },
	{ NS_CORE, "managingEditor", W_FEED, F_AUTHOR, 1 },
	{ NS_CORE, "pubDate", W_ITEM, F_PUBLISHED, 3 },
	{ NS_CORE, "pubDate", W_FEED, F_UPDATED, 1 },
	{ NS_CORE, "published", W_ITEM, F_PUBLISHED, 3 },
	{ NS_CORE, "issued", W_ITEM, F_PUBLISHED, 3 },
	{ NS_CORE, "created", W_ITEM, F_PUBLISHED, 1 },
	{ NS_CORE, "updated", W_BOTH, F_UPDATED, 3 },
	{ NS_CORE, "modified", W_BOTH, F_UPDATED, 3 },
	{ NS_CORE, "lastBuildDate", W_FEED, F_UPDATED, 3 },
	{ NS_CORE, "category", W_ITEM, F_CATEGORY, 0 },
	{ NS_CORE, "enclosure", W_ITEM, F_ENCLOSURE, 0 },
	{ NS_CONTENT, "encoded", W_ITEM, F_CONTENT, 3 },
	{ NS_XHTML, "body", W_ITEM, F_CONTENT, 2 },
	{ NS_XHTML, "div", W_ITEM, F_CONTENT, 1 },
	{ NS_DC, "title", W_BOTH, F_TITLE, 2 },
	{ NS_DC, "creator", W_BOTH, F_AUTHOR, 2 },
	{ NS_DC, "description", W_BOTH, F_SUMMARY, 2 },
	{ NS_DC, "date", W_BOTH, F_UPDATED, 2 },
	{ NS_DC, "subject", W_ITEM, F_CATEGORY, 0 },
	{ NS_DCTERMS, "issued", W_ITEM, F_PUBLISHED, 2 },
	{ NS_DCTERMS, "created", W_ITEM, F_PUBLISHED, 1 },
	{ NS_DCTERMS, "modified", W_BOTH, F_UPDATED, 2 },
	{ NS_MEDIA, "content", W_ITEM, F_MEDIA, 0 },
	{ NS_MEDIA, "thumbnail", W_ITEM, F_THUMB, 0 },
	{ NS_MEDIA, "description", W_ITEM, F_SUMMARY, 1 },
	{ NS_MEDIA, "title", W_ITEM, F_TITLE, 1 },
	{ NS_MEDIA, "group", W_ITEM, F_GROUP, 0 },
	{ NS_ITUNES, "author", W_BOTH, F_AUTHOR, 1 },
	{ NS_ITUNES, "summary", W_BOTH, F_SUMMARY, 1 },
	{ NS_ITUNES, "subtitle", W_FEED, F_SUMMARY, 1 },
	{ NS_ITUNES, "duration", W_ITEM, F_DURATION, 0 },
};

static int
feed_b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Decode base64 (whitespace ignored); NULL unless the result is UTF-8 text. */
static char *
feed_base64(const char *s, size_t n)
{
	char *out = xmalloc(n / 4 * 3 + 5), *r;
	unsigned long acc = 0;
	size_t i, o = 0;
	int bits = 0, v;

	for (i = 0; i < n; i++) {
		if (text_ishtmlspace((unsigned char)s[i]))
			continue;
		if (s[i] == '=')
			break;
		v = feed_b64val((unsigned char)s[i]);
		if (v < 0) {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[o] = '\0';
	if (memchr(out, '\0', o) != NULL || !text_utf8_valid(out, o)) {
		free(out);	/* binary, not text */
		return NULL;
	}
	r = xstrndup(out, o);
	free(out);
	return r;
}

/* ---- element classification ---- */

static enum feed_ns
feed_classify(const struct feed_parser *p, const xmlChar *uri)
{
	size_t i;

	if (uri == NULL || uri[0] == '\0')
		return NS_CORE;
	for (i = 0; i < sizeof feed_namespaces / sizeof feed_namespaces[0]; i++)
		if (strcasecmp((const char *)uri, feed_namespaces[i].uri) == 0)
			return feed_namespaces[i].ns;
	if (p->root_ns != NULL && strcmp((const char *)uri, p->root_ns) == 0)
		return NS_CORE;
	return NS_OTHER;
}

static const struct feed_rule *
feed_rule_find(enum feed_ns ns, const xmlChar *lname, int where)
{
	size_t i;
	const struct feed_rule *r;

	if (ns == NS_ATOM)
		ns = NS_CORE;
	for (i = 0; i < sizeof feed_rules / sizeof feed_rules[0]; i++) {
		r = &feed_rules[i];
		if (r->ns == ns && (r->where & where) && feed_ieq(lname, r->name))
			return r;
	}
	return NULL;
}

static int
feed_void_element(const xmlChar *lname)
{
	static const char *const names[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr"
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (feed_ieq(lname, names[i]))
			return 1;
	return 0;
}

/* Atom text construct type (Atom 1.0 type; Atom 0.3 MIME type and mode). */
static enum feed_ctype
feed_ctype(struct feed_parser *p, int nattrs, const xmlChar **attrs, int *base64)
{
	char *type = feed_attr(p, nattrs, attrs, "type", NULL);
	char *mode = feed_attr(p, nattrs, attrs, "mode", NULL);
	enum feed_ctype ct;
	size_t n;

	*base64 = 0;
	if (type == NULL && p->f->kind == FEED_ATOM03)
		ct = CT_HTML;	/* 0.3 feeds put naked HTML in untyped elements */
	else if (type == NULL || strcasecmp(type, "text") == 0 ||
	    strcasecmp(type, "text/plain") == 0 || strcasecmp(type, "plain") == 0)
		ct = CT_TEXT;
	else if (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0)
		ct = CT_HTML;
	else if (strcasecmp(type, "xhtml") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0)
		ct = CT_XHTML;
	else if (strncasecmp(type, "text/", 5) == 0)
		ct = CT_TEXT;
	else if ((n = strlen(type)) >= 3 && strcasecmp(type + n - 3, "xml") == 0)
		ct = CT_XHTML;
	else {
		/*
		 * Atom 1.0: any other MIME type is base64.  Shown only when
		 * it decodes to text (feed_base64 refuses binary).
		 */
		*base64 = 1;
		ct = CT_HTML;
	}
	if (mode != NULL && strcasecmp(mode, "escaped") == 0 && ct == CT_XHTML)
		ct = CT_HTML;
	if (mode != NULL && strcasecmp(mode, "base64") == 0) {
		*base64 = 1;
		if (ct == CT_XHTML)
			ct = CT_HTML;
	}
	free(type);
	free(mode);
	return ct;
}

static void
feed_cap_begin(struct feed_parser *p, struct feed_level *lv,
    enum feed_field field, int prio)
{
	struct feed_capture *c = &p->cap;

	c->active = 1;
	c->depth = p->depth;
	c->field = field;
	c->prio = prio;
	c->mode = CAP_TEXT;
	c->plain = 1;
	c->html_src = c->base64 = c->rss_entities = c->strip_div = 0;
	c->permalink = 0;
	buf_reset(&c->b);
	lv->ctx = CTX_CAPTURE;
}

/* Title, summary, content: how their text is read. */
static void
feed_cap_text(struct feed_parser *p, struct feed_level *lv, enum feed_ns ns,
    const struct feed_rule *r, int nattrs, const xmlChar **attrs)
{
	struct feed_capture *c = &p->cap;
	enum feed_ctype ct;
	char *src;
	int b64 = 0, atomish, plain;

	atomish = p->atom || ns == NS_ATOM;
	plain = r->field == F_TITLE || !p->in_item;
	if (atomish || ns == NS_MEDIA || ns == NS_XHTML)
		ct = feed_ctype(p, nattrs, attrs, &b64);
	else if (ns == NS_ITUNES)
		ct = CT_TEXT;
	else
		ct = r->field == F_TITLE ? CT_TEXT : CT_HTML;
	if (ns == NS_XHTML)
		ct = CT_XHTML;
	src = r->field == F_CONTENT ? feed_attr(p, nattrs, attrs, "src", NULL) : NULL;
	if (src != NULL) {
		/* out-of-line content: nothing to show */
		free(src);
		lv->ctx = CTX_SKIP;
		return;
	}
	feed_cap_begin(p, lv, (enum feed_field)r->field, r->prio);
	c->plain = plain;
	c->base64 = b64;
	c->html_src = ct != CT_TEXT;
	if (b64) {
		c->mode = CAP_TEXT;
	} else if (plain) {
		c->mode = ct == CT_HTML ? CAP_HTML : CAP_TEXT;
		c->html_src = ct == CT_HTML;
		c->rss_entities = !atomish && ct == CT_TEXT;
	} else {
		c->mode = ct == CT_TEXT ? CAP_ESCTEXT : ct == CT_HTML ? CAP_HTML : CAP_XHTML;
		c->strip_div = ct == CT_XHTML && ns != NS_XHTML &&
		    p->f->kind == FEED_ATOM10;
	}
}

/* Appends stop at the first that does not fit: what was kept is a prefix. */
static void
feed_cap_add(struct feed_capture *c, const char *s, size_t n, int esc)
{
	if (c->b.overflow)
		return;
	if (esc)
		markup_escape(&c->b, s, n, 0);
	else
		buf_add(&c->b, s, n);
}

static void
feed_cap_child_start(struct feed_parser *p, struct feed_level *lv,
    const xmlChar *lname, const xmlChar *uri, int nattrs, const xmlChar **attrs)
{
	struct feed_capture *c = &p->cap;
	const struct feed_level *parent = lv - 1;
	const xmlChar **a;
	char *v, *abs;
	int i;

	if (c->mode != CAP_HTML && c->mode != CAP_XHTML)
		return;
	if (c->strip_div && p->depth == c->depth + 1) {
		c->strip_div = 0;
		if (feed_ieq(lname, "div") && uri != NULL &&
		    strcmp((const char *)uri, NS_XHTML_URI) == 0) {
			lv->skip_tag = 1;
			return;
		}
	}
	feed_cap_add(c, "<", 1, 0);
	feed_cap_add(c, (const char *)lname, strlen((const char *)lname), 0);
	if (uri != NULL && strcmp((const char *)uri, NS_XHTML_URI) != 0 &&
	    (parent->uri == NULL || strcmp((const char *)parent->uri,
	    (const char *)uri) != 0 || p->depth == c->depth + 1)) {
		feed_cap_add(c, " xmlns=\"", 8, 0);
		feed_cap_add(c, (const char *)uri, strlen((const char *)uri), 1);
		feed_cap_add(c, "\"", 1, 0);
	}
	for (i = 0; i < nattrs; i++) {
		a = attrs + 5 * i;
		if (a[2] != NULL && strcmp((const char *)a[2],
		    (const char *)XML_XML_NAMESPACE) == 0)
			continue;
		v = feed_decode_attr(p, (const char *)a[3], (size_t)(a[4] - a[3]));
		if (v == NULL)
			continue;
		if (a[2] == NULL && feed_url_attr((const char *)a[0],
		    strlen((const char *)a[0])) && v[0] != '#' && !url_is_absolute(v) &&
		    (abs = url_resolve(lv->base, v)) != NULL) {
			free(v);
			v = abs;
		}
		feed_cap_add(c, " ", 1, 0);
		if (a[1] != NULL) {
			feed_cap_add(c, (const char *)a[1], strlen((const char *)a[1]), 0);
			feed_cap_add(c, ":", 1, 0);
		}
		feed_cap_add(c, (const char *)a[0], strlen((const char *)a[0]), 0);
		feed_cap_add(c, "=\"", 2, 0);
		if (!c->b.overflow)
			markup_escape(&c->b, v, strlen(v), 1);
		feed_cap_add(c, "\"", 1, 0);
		free(v);
	}
	if (feed_void_element(lname))
		feed_cap_add(c, " />", 3, 0);
	else
		feed_cap_add(c, ">", 1, 0);
}

static void
feed_cap_child_end(struct feed_parser *p, const struct feed_level *lv,
    const xmlChar *lname)
{
	struct feed_capture *c = &p->cap;

	if ((c->mode != CAP_HTML && c->mode != CAP_XHTML) || lv->skip_tag ||
	    feed_void_element(lname))
		return;
	feed_cap_add(c, "</", 2, 0);
	feed_cap_add(c, (const char *)lname, strlen((const char *)lname), 0);
	feed_cap_add(c, ">", 1, 0);
}

void
feed_cap_end(struct feed_parser *p)
{
	struct feed_capture *c = &p->cap;
	const char *raw;
	char *dec = NULL, *val, *rebased;
	size_t rawlen;
	struct buf t;

	c->active = 0;
	if (c->b.overflow)
		buf_truncate(&c->b, text_utf8_complete(c->b.data, c->b.len));
	raw = c->b.data;
	rawlen = c->b.len;
	if (c->base64) {
		dec = feed_base64(raw, rawlen);
		if (dec == NULL)
			goto done;
		raw = dec;
		rawlen = strlen(dec);
	}
	if (c->plain) {
		if (c->html_src) {
			val = markup_html_text(raw, rawlen, FEED_MAX_FIELD);
		} else if (c->rss_entities && memchr(raw, '&', rawlen) != NULL) {
			buf_init(&t, FEED_MAX_FIELD);
			charref_decode(&t, raw, rawlen);
			val = buf_take(&t);
		} else {
			val = xstrndup(raw, rawlen);
		}
		text_squeeze(val);
	} else {
		if (c->base64 && !c->html_src) {
			buf_init(&t, FEED_MAX_FIELD);
			markup_escape(&t, raw, rawlen, 0);
			val = buf_take(&t);
		} else {
			val = xstrndup(raw, rawlen);
		}
		text_trim(val);
		if ((rebased = feed_html_rebase(val, p->lv[c->depth].base)) != NULL) {
			free(val);
			val = rebased;
		}
	}
	if (val[0] == '\0') {
		free(val);
		val = NULL;
	} else if (!text_utf8_valid(val, strlen(val))) {
		/* recovery mode lets bytes through that are not UTF-8 */
		rebased = text_utf8_dup(val, strlen(val));
		free(val);
		val = rebased;
	}
	if (c->field == F_LINK && val != NULL)
		feed_store(p, F_LINK, c->prio, val, p->lv[c->depth].base);
	else
		feed_store(p, c->field, c->prio, val, NULL);
done:
	free(dec);
	buf_reset(&c->b);
}

/* ---- the root ---- */

static void
feed_root(struct feed_parser *p, struct feed_level *lv, const xmlChar *lname,
    const xmlChar *uri, int nattrs, const xmlChar **attrs)
{
	struct feed *f = p->f;
	char *v;

	p->root_seen = 1;
	if (feed_ieq(lname, "rss")) {
		f->kind = FEED_RSS;
		lv->ctx = CTX_TOP;
	} else if (feed_ieq(lname, "RDF")) {
		f->kind = FEED_RDF;
		lv->ctx = CTX_TOP;
		uri = NULL;
	} else if (feed_ieq(lname, "feed")) {
		p->atom = 1;
		f->kind = uri != NULL && strcmp((const char *)uri, NS_ATOM10) == 0 ?
		    FEED_ATOM10 : FEED_ATOM03;
		lv->ctx = CTX_CHANNEL;
	} else if (feed_ieq(lname, "entry") && uri != NULL &&
	    (strcmp((const char *)uri, NS_ATOM10) == 0 ||
	    strcmp((const char *)uri, NS_ATOM03) == 0)) {
		/* an Atom entry document: a feed of one */
		p->atom = 1;
		f->kind = strcmp((const char *)uri, NS_ATOM10) == 0 ?
		    FEED_ATOM10 : FEED_ATOM03;
		p->root_ns = xstrdup((const char *)uri);
		feed_item_begin(p, lv, nattrs, attrs);
		return;
	} else if (feed_ieq(lname, "channel")) {
		/* Microsoft's CDF */
		f->kind = FEED_RSS;
		lv->ctx = CTX_CHANNEL;
		if ((v = feed_attr(p, nattrs, attrs, "href", NULL)) != NULL) {
			f->link = url_resolve(lv->base, v);
			p->fp.link = 2;
			free(v);
		}
	} else {
		p->not_feed = 1;
		/* fits: the name is cut to 40 bytes */
		snprintf(p->err_msg, sizeof p->err_msg,
		    "not a feed: root element is <%.40s>", (const char *)lname);
		p->err_line = 0;
		lv->ctx = CTX_SKIP;
		xmlStopParser(p->ctxt);
		return;
	}
	if (uri != NULL && uri[0] != '\0')
		p->root_ns = xstrdup((const char *)uri);
}

/* An Atom link (href attribute), in Atom or RSS. */
static void
feed_atom_link(struct feed_parser *p, const struct feed_level *lv, int nattrs,
    const xmlChar **attrs, char *href)
{
	char *rel = feed_attr(p, nattrs, attrs, "rel", NULL);
	char *type = feed_attr(p, nattrs, attrs, "type", NULL);
	char *len, *end, *abs = url_resolve(lv->base, href);
	struct feed_prio *pr = p->in_item ? &p->ip : &p->fp;
	long long n = -1;
	int prio;

	free(href);
	if (rel == NULL || strcasecmp(rel, "alternate") == 0) {
		prio = type == NULL || strcasecmp(type, "text/html") == 0 ||
		    strcasecmp(type, "application/xhtml+xml") == 0 ? 3 : 2;
		if (p->in_item)
			feed_set(&p->it.link, &pr->link, abs, prio);
		else
			feed_set(&p->f->link, &pr->link, abs, prio);
		abs = NULL;
	} else if (strcasecmp(rel, "enclosure") == 0 && p->in_item) {
		if ((len = feed_attr(p, nattrs, attrs, "length", NULL)) != NULL) {
			n = strtoll(len, &end, 10);
			if (end == len || *end != '\0' || n < 0)
				n = -1;
			free(len);
		}
		feed_add_enclosure(p, abs, type, n, -1);
		abs = type = NULL;
	}
	free(abs);
	free(rel);
	free(type);
}

static long long
feed_length(struct feed_parser *p, int nattrs, const xmlChar **attrs,
    const char *name)
{
	char *v = feed_attr(p, nattrs, attrs, name, NULL), *end;
	long long n = -1;

	if (v != NULL) {
		n = strtoll(v, &end, 10);
		if (end == v || *end != '\0' || n < 0)
			n = -1;
		free(v);
	}
	return n;
}

static void
feed_field_start(struct feed_parser *p, struct feed_level *lv,
    const xmlChar *lname, const xmlChar *uri, int nattrs, const xmlChar **attrs)
{
	enum feed_ns ns = feed_classify(p, uri);
	const struct feed_rule *r;
	char *v, *type, *medium;
	long long dur;
	int where = p->in_item ? W_ITEM : W_FEED;

	lv->ctx = CTX_SKIP;
	if ((r = feed_rule_find(ns, lname, where)) == NULL)
		return;
	switch (r->field) {
	case F_GROUP:
		lv->ctx = CTX_ITEM;
		return;
	case F_LINK:
		if ((v = feed_attr(p, nattrs, attrs, "href", NULL)) != NULL) {
			feed_atom_link(p, lv, nattrs, attrs, v);
			return;
		}
		if (ns == NS_ATOM && p->f->kind != FEED_ATOM10 &&
		    p->f->kind != FEED_ATOM03)
			return;	/* an atom:link without href in RSS */
		feed_cap_begin(p, lv, F_LINK, r->prio);
		return;
	case F_ENCLOSURE:
		if ((v = feed_attr(p, nattrs, attrs, "url", NULL)) == NULL)
			return;
		feed_add_enclosure(p, url_resolve(lv->base, v),
		    feed_attr(p, nattrs, attrs, "type", NULL),
		    feed_length(p, nattrs, attrs, "length"), -1);
		free(v);
		if (p->it.nenclosures > 0 && p->it.image == NULL &&
		    p->it.enclosures[p->it.nenclosures - 1].type != NULL &&
		    strncasecmp(p->it.enclosures[p->it.nenclosures - 1].type,
		    "image/", 6) == 0)
			p->it.image = xstrdup(p->it.enclosures[p->it.nenclosures - 1].url);
		return;
	case F_MEDIA:
		if ((v = feed_attr(p, nattrs, attrs, "url", NULL)) == NULL)
			return;
		type = feed_attr(p, nattrs, attrs, "type", NULL);
		medium = feed_attr(p, nattrs, attrs, "medium", NULL);
		if (p->it.image == NULL && ((medium != NULL &&
		    strcasecmp(medium, "image") == 0) || (type != NULL &&
		    strncasecmp(type, "image/", 6) == 0)))
			p->it.image = url_resolve(lv->base, v);
		free(medium);
		dur = feed_length(p, nattrs, attrs, "duration");
		feed_add_enclosure(p, url_resolve(lv->base, v), type,
		    feed_length(p, nattrs, attrs, "fileSize"),
		    dur >= 0 && dur <= 7 * 24 * 3600 ? (long)dur : -1);
		free(v);
		return;
	case F_THUMB:
		if ((v = feed_attr(p, nattrs, attrs, "url", NULL)) != NULL) {
			/* a thumbnail beats an image found in media:content */
			free(p->it.image);
			p->it.image = url_resolve(lv->base, v);
			free(v);
		}
		return;
	case F_CATEGORY:
		if ((v = feed_attr(p, nattrs, attrs, "label", NULL)) != NULL ||
		    (v = feed_attr(p, nattrs, attrs, "term", NULL)) != NULL) {
			text_squeeze(v);
			feed_add_category(p, v);
			return;
		}
		feed_cap_begin(p, lv, F_CATEGORY, 0);
		return;
	case F_AUTHOR:
		if ((p->atom && ns == NS_CORE) || ns == NS_ATOM) {
			lv->ctx = CTX_PERSON;
			p->person_depth = p->depth;
			return;
		}
		feed_cap_begin(p, lv, F_AUTHOR, r->prio);
		return;
	case F_GUID:
		feed_cap_begin(p, lv, F_GUID, r->prio);
		if (!p->atom && feed_ieq(lname, "guid")) {
			v = feed_attr(p, nattrs, attrs, "isPermaLink", NULL);
			p->cap.permalink = v == NULL || strcasecmp(v, "false") != 0;
			free(v);
		}
		return;
	case F_TITLE:
	case F_SUMMARY:
	case F_CONTENT:
		feed_cap_text(p, lv, ns, r, nattrs, attrs);
		return;
	default:
		feed_cap_begin(p, lv, (enum feed_field)r->field, r->prio);
		return;
	}
}

/* ---- SAX callbacks ---- */

void
feed_start(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nss, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct feed_parser *p = ctx;
	struct feed_level *lv, *parent;
	char *v;

	(void)prefix;
	(void)nns;
	(void)nss;
	(void)ndefaulted;
	p->depth++;
	if (p->depth > FEED_MAX_DEPTH)
		return;
	parent = &p->lv[p->depth - 1];
	lv = &p->lv[p->depth];
	lv->uri = uri;
	lv->own_base = 0;
	lv->skip_tag = 0;
	lv->base = parent->base;
	lv->ctx = CTX_SKIP;
	if (parent->ctx == CTX_SKIP)
		return;
	if ((v = feed_attr(p, nattrs, attrs, "base",
	    (const char *)XML_XML_NAMESPACE)) != NULL) {
		lv->base = url_resolve(parent->base, v);
		lv->own_base = lv->base != NULL;
		if (lv->base == NULL)
			lv->base = parent->base;
		free(v);
	}
	switch (parent->ctx) {
	case CTX_CAPTURE:
		lv->ctx = CTX_CAPTURE;
		feed_cap_child_start(p, lv, lname, uri, nattrs, attrs);
		break;
	case CTX_DOC:
		feed_root(p, lv, lname, uri, nattrs, attrs);
		break;
	case CTX_TOP:
		if (feed_ieq(lname, "channel"))
			lv->ctx = CTX_CHANNEL;
		else if (feed_ieq(lname, "item"))
			feed_item_begin(p, lv, nattrs, attrs);
		break;
	case CTX_CHANNEL:
		if (feed_ieq(lname, "item") || feed_ieq(lname, "entry"))
			feed_item_begin(p, lv, nattrs, attrs);
		else
			feed_field_start(p, lv, lname, uri, nattrs, attrs);
		break;
	case CTX_ITEM:
		feed_field_start(p, lv, lname, uri, nattrs, attrs);
		break;
	case CTX_PERSON:
		if (feed_ieq(lname, "name"))
			feed_cap_begin(p, lv, F_PERSON_NAME, 0);
		else if (feed_ieq(lname, "email"))
			feed_cap_begin(p, lv, F_PERSON_EMAIL, 0);
		break;
	default:
		break;
	}
}

void
feed_end(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_parser *p = ctx;
	struct feed_level *lv;
	int d = p->depth;

	(void)prefix;
	(void)uri;
	if (d <= 0)
		return;
	p->depth--;
	if (d > FEED_MAX_DEPTH)
		return;
	lv = &p->lv[d];
	if (p->cap.active) {
		if (d == p->cap.depth)
			feed_cap_end(p);
		else if (d > p->cap.depth)
			feed_cap_child_end(p, lv, lname);
	}
	if (p->person_depth == d)
		feed_person_end(p);
	if (p->in_item == d)
		feed_item_end(p);
	if (lv->own_base)
		free(lv->base);
	lv->own_base = 0;
	lv->base = NULL;
}

void
feed_chars(void *ctx, const xmlChar *ch, int len)
{
	struct feed_parser *p = ctx;
	struct feed_capture *c = &p->cap;
	int esc;

	if (!c->active || c->b.overflow || len <= 0 || p->depth > FEED_MAX_DEPTH)
		return;
	esc = c->mode == CAP_ESCTEXT || c->mode == CAP_XHTML ||
	    (c->mode == CAP_HTML && p->depth > c->depth);
	feed_cap_add(c, (const char *)ch, (size_t)len, esc);
}
