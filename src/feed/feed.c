#include "feed/feed.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "markup/charref.h"
#include "markup/markup.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

/*
 * The document is read with libxml2's SAX2 interface: no tree is built,
 * each element is classified when it starts, and the text of the elements
 * we keep is collected into one capped buffer.
 *
 * Entities: libxml2 asks us (getEntity) for every reference that is not
 * one of the five predefined ones.  We answer with the replacement text of
 * internal entities the DTD declared, or of an HTML entity (&nbsp; in RSS
 * is common), always as plain text that is not parsed again: no external
 * entity is ever loaded and no entity expands into more references, so
 * neither XXE nor "billion laughs" can happen.  A budget caps the bytes all
 * expansions may produce.
 */

#define FEED_MAX_DEPTH		256
#define FEED_MAX_FIELD		(1024 * 1024)
#define FEED_MAX_ITEMS		10000
#define FEED_MAX_CATEGORIES	64
#define FEED_MAX_ENCLOSURES	32
#define FEED_MAX_AUTHORS_LEN	4096
#define FEED_MAX_ENTITIES	64
#define FEED_MAX_ENTITY_LEN	4096
#define FEED_ENTITY_BUDGET	(1024 * 1024)
#define FEED_MAX_ATTR		(64 * 1024)

#define NS_ATOM10	"http://www.w3.org/2005/Atom"
#define NS_ATOM03	"http://purl.org/atom/ns#"
#define NS_XHTML_URI	"http://www.w3.org/1999/xhtml"

enum feed_ns {
	NS_CORE,	/* no namespace, the root's, RSS and Atom */
	NS_ATOM,	/* Atom, when it must be told from RSS */
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_ITUNES,
	NS_XHTML,
	NS_RDF,
	NS_OTHER,
};

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

enum feed_field {
	F_NONE,
	F_TITLE,
	F_LINK,
	F_SUMMARY,	/* item summary, feed description */
	F_CONTENT,
	F_GUID,
	F_AUTHOR,
	F_PUBLISHED,
	F_UPDATED,
	F_CATEGORY,
	F_ENCLOSURE,	/* attributes only */
	F_MEDIA,	/* media:content, attributes only */
	F_THUMB,	/* media:thumbnail, attributes only */
	F_GROUP,	/* media:group: its children count as the item's */
	F_PERSON_NAME,
	F_PERSON_EMAIL,
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
};

/* What the children of an element are. */
enum feed_ctx {
	CTX_DOC,	/* before the root */
	CTX_TOP,	/* inside <rss> or <rdf:RDF> */
	CTX_CHANNEL,	/* feed-level fields */
	CTX_ITEM,	/* item fields */
	CTX_PERSON,	/* Atom author: name, email */
	CTX_SKIP,	/* nothing of interest below */
	CTX_CAPTURE,	/* inside a field whose text we collect */
};

/* How text and child elements go into the capture buffer. */
enum feed_cap_mode {
	CAP_TEXT,	/* text of all descendants, as is */
	CAP_ESCTEXT,	/* text of all descendants, HTML-escaped */
	CAP_HTML,	/* own text is HTML source; children serialised */
	CAP_XHTML,	/* children serialised, all text escaped */
};

/* Text constructs: Atom's type (and Atom 0.3's mode). */
enum feed_ctype { CT_TEXT, CT_HTML, CT_XHTML };

struct feed_level {
	unsigned char ctx;
	unsigned char own_base;
	unsigned char skip_tag;		/* a wrapper div we do not serialise */
	const xmlChar *uri;		/* the element's namespace (parser dict) */
	char *base;			/* xml:base in effect for the children */
};

struct feed_prio {
	signed char title, link, summary, content, guid, author, published,
	    updated;
};

struct feed_capture {
	int active;
	int depth;		/* depth of the element being captured */
	enum feed_field field;
	int prio;
	enum feed_cap_mode mode;
	int plain;		/* the result is plain text, not HTML */
	int html_src;		/* the text is HTML source */
	int base64;
	int rss_entities;	/* decode HTML entities left in RSS text */
	int strip_div;		/* Atom 1.0 xhtml: drop the wrapping div */
	int permalink;		/* guid isPermaLink */
	int overflow;
	struct buf b;
};

struct feed_entity {
	char *name;
	char *value;
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	struct feed *f;
	size_t max_items;
	size_t items_cap;
	int depth;
	int root_seen;
	int not_feed;
	char *root_ns;
	int atom;		/* the document is Atom */
	struct feed_level lv[FEED_MAX_DEPTH + 2];

	int in_item;
	struct item it;
	struct feed_prio ip;
	size_t cat_cap, enc_cap;
	int permalink;		/* the guid may serve as link */
	char *about;		/* rdf:about */
	char *date_raw;		/* first date text, for the fallback id */
	struct feed_prio fp;

	int person_depth;
	int person_in_item;
	char *person_name, *person_email;

	struct feed_capture cap;

	struct feed_entity ents[FEED_MAX_ENTITIES];
	int nents;
	size_t ent_used;
	xmlEntity ent;
	char ent_text[FEED_MAX_ENTITY_LEN * 2];

	int err_line;
	char err_msg[200];
};

/* ---- small text helpers ---- */

static int
feed_ieq(const xmlChar *a, const char *b)
{
	return a != NULL && strcasecmp((const char *)a, b) == 0;
}

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

/* 64-bit FNV-1a, for ids of items that have neither guid nor link. */
static uint64_t
feed_fnv(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;	/* field separator */
	h *= 0x100000001b3ULL;
	return h;
}

static int
feed_url_attr(const char *name, size_t n)
{
	static const char *const names[] = {
		"href", "src", "poster", "cite", "background", "longdesc"
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Resolve relative href/src values inside HTML source against base.
 * Returns a new string, or NULL when nothing changed.
 */
static char *
feed_html_rebase(const char *html, const char *base)
{
	struct buf b;
	const char *s = html, *copied = html, *name, *val;
	char *v, *abs;
	size_t nlen, vlen;
	char q;
	int changed = 0, fail = 0;

	if (base == NULL || !url_is_absolute(base))
		return NULL;
	buf_init(&b, FEED_MAX_FIELD);
	while ((s = strchr(s, '<')) != NULL && !fail) {
		s++;
		if (!text_isalpha((unsigned char)*s))
			continue;
		while (*s != '\0' && !text_ishtmlspace((unsigned char)*s) &&
		    *s != '>' && *s != '/')
			s++;
		for (;;) {
			while (text_ishtmlspace((unsigned char)*s) || *s == '/')
				s++;
			if (*s == '\0' || *s == '>' || *s == '<')
				break;
			name = s;
			while (*s != '\0' && !text_ishtmlspace((unsigned char)*s) &&
			    *s != '=' && *s != '>' && *s != '/' && *s != '<')
				s++;
			nlen = (size_t)(s - name);
			while (text_ishtmlspace((unsigned char)*s))
				s++;
			if (*s != '=')
				continue;
			s++;
			while (text_ishtmlspace((unsigned char)*s))
				s++;
			q = (*s == '"' || *s == '\'') ? *s++ : '\0';
			val = s;
			while (*s != '\0' && (q ? *s != q :
			    !text_ishtmlspace((unsigned char)*s) && *s != '>'))
				s++;
			vlen = (size_t)(s - val);
			if (q && *s == q)
				s++;
			if (nlen == 0 || vlen == 0 || !feed_url_attr(name, nlen) ||
			    val[0] == '#')
				continue;
			v = xstrndup(val, vlen);
			if (!url_is_absolute(v) && (abs = url_resolve(base, v)) != NULL) {
				if (strcmp(abs, v) != 0) {
					fail = buf_add(&b, copied, (size_t)(val - copied)) < 0 ||
					    markup_escape(&b, abs, strlen(abs), 1) < 0;
					copied = val + vlen;
					changed = 1;
				}
				free(abs);
			}
			free(v);
		}
	}
	if (!changed || fail || buf_addstr(&b, copied) < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_take(&b);
}

static const char *
feed_memmem(const char *h, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	const char *p = h, *end = h + n;

	while ((size_t)(end - p) >= k) {
		p = memchr(p, needle[0], (size_t)(end - p) - k + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, k) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* ---- building the result ---- */

static void
feed_set(char **dst, signed char *dprio, char *val, int prio)
{
	if (val == NULL)
		return;
	if (*dst == NULL || prio > *dprio) {
		free(*dst);
		*dst = val;
		*dprio = (signed char)prio;
	} else {
		free(val);
	}
}

/* "jo@example.com (Jo Bloggs)" names Jo Bloggs. */
static char *
feed_author_name(char *s)
{
	size_t n = strlen(s);
	char *open = strchr(s, '(');

	if (open != NULL && n > 2 && s[n - 1] == ')' && memchr(s, '@', (size_t)(open - s)) != NULL &&
	    open + 1 < s + n - 1) {
		char *r = xstrndup(open + 1, (size_t)(s + n - 1 - (open + 1)));

		text_squeeze(r);
		if (r[0] != '\0') {
			free(s);
			return r;
		}
		free(r);
	}
	return s;
}

/* Authors of equal rank accumulate: "A, B". */
static void
feed_add_author(char **dst, signed char *dprio, char *val, int prio)
{
	size_t n;
	char *joined;

	if (val == NULL)
		return;
	val = feed_author_name(val);
	if (*dst == NULL || prio > *dprio) {
		free(*dst);
		*dst = val;
		*dprio = (signed char)prio;
		return;
	}
	n = strlen(val);
	if (prio < *dprio || strlen(*dst) + n + 2 > FEED_MAX_AUTHORS_LEN ||
	    strcmp(*dst, val) == 0) {
		free(val);
		return;
	}
	joined = xasprintf("%s, %s", *dst, val);
	free(*dst);
	free(val);
	*dst = joined;
}

static void
feed_add_category(struct feed_parser *p, char *val)
{
	struct item *it = &p->it;
	size_t i;

	if (val == NULL)
		return;
	for (i = 0; i < it->ncategories; i++) {
		if (strcmp(it->categories[i], val) == 0) {
			free(val);
			return;
		}
	}
	if (it->ncategories >= FEED_MAX_CATEGORIES) {
		free(val);
		return;
	}
	if (it->ncategories == p->cat_cap) {
		p->cat_cap = p->cat_cap ? p->cat_cap * 2 : 4;
		it->categories = xreallocarray(it->categories, p->cat_cap,
		    sizeof *it->categories);
	}
	it->categories[it->ncategories++] = val;
}

static void
feed_add_enclosure(struct feed_parser *p, char *url, char *type, long long length)
{
	struct item *it = &p->it;
	struct enclosure *en;
	size_t i;

	if (url == NULL)
		goto drop;
	for (i = 0; i < it->nenclosures; i++) {
		en = &it->enclosures[i];
		if (strcmp(en->url, url) == 0) {
			if (en->type == NULL) {
				en->type = type;
				type = NULL;
			}
			if (en->length < 0)
				en->length = length;
			goto drop;
		}
	}
	if (it->nenclosures >= FEED_MAX_ENCLOSURES)
		goto drop;
	if (it->nenclosures == p->enc_cap) {
		p->enc_cap = p->enc_cap ? p->enc_cap * 2 : 2;
		it->enclosures = xreallocarray(it->enclosures, p->enc_cap,
		    sizeof *it->enclosures);
	}
	en = &it->enclosures[it->nenclosures++];
	en->url = url;
	en->type = type;
	en->length = length;
	return;
drop:
	free(url);
	free(type);
}

static void
feed_item_release(struct item *it)
{
	size_t i;

	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->image);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
}

void
feed_free(struct feed *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		feed_item_release(&f->items[i]);
	free(f->items);
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->author);
	free(f);
}

/* ---- attributes and entities ---- */

/*
 * Attribute values arrive with references to entities other than the
 * predefined ones left in place ("&eacute;"), and "&amp;" as "&#38;":
 * decode them, declared entities first.
 */
static char *
feed_decode_attr(struct feed_parser *p, const char *s, size_t n)
{
	struct buf b;
	char *r;
	size_t i = 0, start = 0, k, tl;
	uint32_t cp;
	int j;
	char tmp[4];

	buf_init(&b, FEED_MAX_ATTR);
	if (memchr(s, '&', n) == NULL) {
		if (buf_add(&b, s, n) < 0)
			goto fail;
	} else {
		while (i < n) {
			if (s[i] != '&') {
				i++;
				continue;
			}
			for (j = 0; j < p->nents; j++) {
				k = strlen(p->ents[j].name);
				if (i + k + 2 <= n && strncmp(s + i + 1, p->ents[j].name, k) == 0 &&
				    s[i + k + 1] == ';')
					break;
			}
			if (j < p->nents) {
				tl = strlen(p->ents[j].value);
				if (buf_add(&b, s + start, i - start) < 0 ||
				    (p->ent_used + tl <= FEED_ENTITY_BUDGET &&
				    buf_add(&b, p->ents[j].value, tl) < 0))
					goto fail;
				p->ent_used += tl;
				i += k + 2;
				start = i;
				continue;
			}
			k = charref_parse(s + i, n - i, &cp);
			if (k == 0) {
				i++;
				continue;
			}
			if (buf_add(&b, s + start, i - start) < 0 ||
			    (cp != CHARREF_NONE &&
			    buf_add(&b, tmp, text_encode(cp, tmp)) < 0))
				goto fail;
			i += k;
			start = i;
		}
		if (buf_add(&b, s + start, n - start) < 0)
			goto fail;
	}
	r = text_utf8_dup(b.data, b.len);
	buf_release(&b);
	return r;
fail:
	buf_release(&b);
	return NULL;
}

/* The value of attribute name (in namespace uri, or none), or NULL. */
static char *
feed_attr(struct feed_parser *p, int nattrs, const xmlChar **attrs,
    const char *name, const char *uri)
{
	const xmlChar **a;
	char *v;
	int i;

	for (i = 0; i < nattrs; i++) {
		a = attrs + 5 * i;
		if (!feed_ieq(a[0], name))
			continue;
		if (uri == NULL ? a[2] != NULL :
		    a[2] == NULL || strcmp((const char *)a[2], uri) != 0)
			continue;
		v = feed_decode_attr(p, (const char *)a[3], (size_t)(a[4] - a[3]));
		if (v != NULL)
			text_trim(v);
		if (v != NULL && v[0] == '\0') {
			free(v);
			v = NULL;
		}
		return v;
	}
	return NULL;
}

static xmlEntityPtr
feed_get_entity(void *ctx, const xmlChar *name)
{
	struct feed_parser *p = ctx;
	const char *val = NULL;
	char ref[40];
	uint32_t cp;
	size_t n;
	int i;

	/*
	 * libxml2 also asks while it parses a declaration, to hang the raw
	 * value on the entity it gets back (which would leak here): only
	 * references in content and attribute values are answered.
	 */
	if (p->ctxt->instate == XML_PARSER_ENTITY_DECL ||
	    p->ctxt->instate == XML_PARSER_ENTITY_VALUE ||
	    p->ctxt->instate == XML_PARSER_DTD)
		return NULL;
	if (p->ent.orig != NULL) {
		xmlFree(p->ent.orig);
		p->ent.orig = NULL;
	}
	for (i = 0; i < p->nents; i++) {
		if (strcmp(p->ents[i].name, (const char *)name) == 0) {
			val = p->ents[i].value;
			break;
		}
	}
	/* an HTML entity (&nbsp; in RSS is common), as charref names them */
	if (val == NULL && (n = strlen((const char *)name)) + 2 < sizeof ref) {
		ref[0] = '&';
		memcpy(ref + 1, name, n);
		ref[n + 1] = ';';
		if (charref_parse(ref, n + 2, &cp) == n + 2 && cp != CHARREF_NONE) {
			n = text_encode(cp, p->ent_text);
			p->ent_text[n] = '\0';
			val = p->ent_text;
		}
	}
	if (val == NULL)
		return NULL;
	memset(&p->ent, 0, sizeof p->ent);
	p->ent.type = XML_ENTITY_DECL;
	p->ent.name = name;
	if (p->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE) {
		/*
		 * In attribute values libxml2 would keep only the first byte
		 * of a "predefined" entity; an internal one is left as a
		 * reference that feed_decode_attr resolves.
		 */
		p->ent.etype = XML_INTERNAL_GENERAL_ENTITY;
		p->ent.content = (xmlChar *)"x";
		p->ent.length = 1;
		return &p->ent;
	}
	n = strlen(val);
	if (p->ent_used + n > FEED_ENTITY_BUDGET) {
		val = "";
		n = 0;
	}
	p->ent_used += n;
	/* Inlined as character data, never parsed again. */
	p->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	p->ent.content = (xmlChar *)val;
	p->ent.length = (int)n;
	return &p->ent;
}

static void
feed_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	struct feed_parser *p = ctx;
	struct buf b;
	size_t n;
	int i;

	(void)publicId;
	(void)systemId;
	if (type != XML_INTERNAL_GENERAL_ENTITY || content == NULL ||
	    p->nents >= FEED_MAX_ENTITIES)
		return;
	n = strlen((const char *)content);
	if (n > FEED_MAX_ENTITY_LEN)
		return;
	for (i = 0; i < p->nents; i++)
		if (strcmp(p->ents[i].name, (const char *)name) == 0)
			return;	/* the first declaration binds */
	buf_init(&b, FEED_MAX_ENTITY_LEN * 2);
	if (charref_decode(&b, (const char *)content, n) < 0) {
		buf_release(&b);
		return;
	}
	p->ents[p->nents].name = xstrdup((const char *)name);
	p->ents[p->nents].value = buf_take(&b);
	p->nents++;
}

static void
feed_serror(void *ctx, xmlErrorPtr e)
{
	struct feed_parser *p = ctx;
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR || p->err_msg[0] != '\0')
		return;
	p->err_line = e->line;
	/* a long message may be cut: it is only shown */
	snprintf(p->err_msg, sizeof p->err_msg, "%s",
	    e->message != NULL ? e->message : "unknown error");
	n = strlen(p->err_msg);
	while (n > 0 && (p->err_msg[n - 1] == '\n' || p->err_msg[n - 1] == ' '))
		p->err_msg[--n] = '\0';
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
	c->overflow = 0;
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

static void
feed_cap_add(struct feed_capture *c, const char *s, size_t n, int esc)
{
	int rc;

	if (c->overflow)
		return;
	rc = esc ? markup_escape(&c->b, s, n, 0) : buf_add(&c->b, s, n);
	if (rc < 0)
		c->overflow = 1;
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
		if (!c->overflow && markup_escape(&c->b, v, strlen(v), 1) < 0)
			c->overflow = 1;
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

static void
feed_store(struct feed_parser *p, enum feed_field field, int prio, char *val,
    const char *base)
{
	struct feed *f = p->f;
	struct item *it = p->in_item ? &p->it : NULL;
	struct feed_prio *pr = it ? &p->ip : &p->fp;
	char *abs;
	time_t t;

	switch (field) {
	case F_TITLE:
		feed_set(it ? &it->title : &f->title, &pr->title, val, prio);
		return;
	case F_LINK:
		abs = url_resolve(base, val);
		free(val);
		feed_set(it ? &it->link : &f->link, &pr->link, abs, prio);
		return;
	case F_SUMMARY:
		feed_set(it ? &it->summary : &f->description, &pr->summary, val, prio);
		return;
	case F_CONTENT:
		if (it != NULL)
			feed_set(&it->content, &pr->content, val, prio);
		else
			free(val);
		return;
	case F_GUID:
		if (it != NULL) {
			if (it->guid == NULL || prio > pr->guid)
				p->permalink = p->cap.permalink;
			feed_set(&it->guid, &pr->guid, val, prio);
		} else {
			free(val);
		}
		return;
	case F_AUTHOR:
		feed_add_author(it ? &it->author : &f->author, &pr->author, val, prio);
		return;
	case F_PUBLISHED:
	case F_UPDATED:
		if (val == NULL)
			return;
		if (it != NULL && p->date_raw == NULL)
			p->date_raw = xstrdup(val);
		if (date_parse(val, &t) == 0) {
			if (field == F_PUBLISHED && it != NULL) {
				if (it->published == 0 || prio > pr->published) {
					it->published = t;
					pr->published = (signed char)prio;
				}
			} else if (it ? it->updated == 0 || prio > pr->updated :
			    f->updated == 0 || prio > pr->updated) {
				*(it ? &it->updated : &f->updated) = t;
				pr->updated = (signed char)prio;
			}
		}
		free(val);
		return;
	case F_CATEGORY:
		if (it != NULL)
			feed_add_category(p, val);
		else
			free(val);
		return;
	case F_PERSON_NAME:
		if (p->person_name == NULL)
			p->person_name = val;
		else
			free(val);
		return;
	case F_PERSON_EMAIL:
		if (p->person_email == NULL)
			p->person_email = val;
		else
			free(val);
		return;
	default:
		free(val);
		return;
	}
}

static void
feed_cap_end(struct feed_parser *p)
{
	struct feed_capture *c = &p->cap;
	const char *raw;
	char *dec = NULL, *val, *rebased;
	size_t rawlen;
	struct buf t;

	c->active = 0;
	if (c->overflow)
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
			(void)charref_decode(&t, raw, rawlen);
			val = buf_take(&t);
		} else {
			val = xstrndup(raw, rawlen);
		}
		text_squeeze(val);
	} else {
		if (c->base64 && !c->html_src) {
			buf_init(&t, FEED_MAX_FIELD);
			(void)markup_escape(&t, raw, rawlen, 0);
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

/* ---- items, people, the root ---- */

static void
feed_item_begin(struct feed_parser *p, struct feed_level *lv, int nattrs,
    const xmlChar **attrs)
{
	char *v;
	time_t t;

	if (p->in_item || p->f->nitems >= p->max_items) {
		lv->ctx = CTX_SKIP;
		return;
	}
	memset(&p->it, 0, sizeof p->it);
	memset(&p->ip, 0, sizeof p->ip);
	p->cat_cap = p->enc_cap = 0;
	p->in_item = p->depth;
	p->permalink = 0;
	lv->ctx = CTX_ITEM;
	p->about = feed_attr(p, nattrs, attrs, "about",
	    "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	/* CDF: <ITEM HREF="..." LASTMOD="..."> */
	if ((v = feed_attr(p, nattrs, attrs, "href", NULL)) != NULL) {
		p->it.link = url_resolve(lv->base, v);
		p->ip.link = 2;
		free(v);
	}
	if ((v = feed_attr(p, nattrs, attrs, "lastmod", NULL)) != NULL) {
		if (date_parse(v, &t) == 0)
			p->it.updated = t;
		free(v);
	}
}

static void
feed_item_end(struct feed_parser *p)
{
	struct item *it = &p->it;
	struct feed *f = p->f;
	uint64_t h;

	if (it->link == NULL && it->guid != NULL && p->permalink &&
	    url_is_http(it->guid))
		it->link = xstrdup(it->guid);
	if (it->guid == NULL && p->about != NULL) {
		it->guid = p->about;
		p->about = NULL;
	}
	if (it->guid == NULL && it->link != NULL)
		it->guid = xstrdup(it->link);
	if (it->guid == NULL) {
		h = feed_fnv(0xcbf29ce484222325ULL, it->title);
		h = feed_fnv(h, p->date_raw);
		if (it->title == NULL && p->date_raw == NULL) {
			h = feed_fnv(h, it->summary);
			h = feed_fnv(h, it->content);
		}
		it->guid = xasprintf("hash:%016llx", (unsigned long long)h);
	}
	if (f->nitems == p->items_cap) {
		p->items_cap = p->items_cap ? p->items_cap * 2 : 16;
		f->items = xreallocarray(f->items, p->items_cap, sizeof *f->items);
	}
	f->items[f->nitems++] = *it;
	memset(it, 0, sizeof *it);
	free(p->about);
	free(p->date_raw);
	p->about = p->date_raw = NULL;
	p->in_item = 0;
}

static void
feed_person_end(struct feed_parser *p)
{
	char *who = p->person_name != NULL ? p->person_name : p->person_email;
	struct feed_prio *pr = p->in_item ? &p->ip : &p->fp;

	if (who == p->person_name)
		free(p->person_email);
	else
		free(p->person_name);
	p->person_name = p->person_email = NULL;
	p->person_depth = 0;
	feed_add_author(p->in_item ? &p->it.author : &p->f->author, &pr->author,
	    who, 3);
}

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
		feed_add_enclosure(p, abs, type, n);
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
		    feed_length(p, nattrs, attrs, "length"));
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
		feed_add_enclosure(p, url_resolve(lv->base, v), type,
		    feed_length(p, nattrs, attrs, "fileSize"));
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

static void
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

static void
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

static void
feed_chars(void *ctx, const xmlChar *ch, int len)
{
	struct feed_parser *p = ctx;
	struct feed_capture *c = &p->cap;
	int esc;

	if (!c->active || c->overflow || len <= 0 || p->depth > FEED_MAX_DEPTH)
		return;
	esc = c->mode == CAP_ESCTEXT || c->mode == CAP_XHTML ||
	    (c->mode == CAP_HTML && p->depth > c->depth);
	feed_cap_add(c, (const char *)ch, (size_t)len, esc);
}

/* ---- entry point ---- */

static int
feed_namechar(int c)
{
	return text_isalnum(c) || c == '_' || c == ':' ||
	    c == '.' || c == '-' || c >= 0x80;
}

/* Length of a well-formed reference at s ("&name;", "&#10;", "&#x1F;"), or 0. */
static size_t
feed_ref_len(const char *s, const char *end)
{
	const char *p = s + 1;

	if (p < end && *p == '#') {
		p++;
		if (p < end && (*p == 'x' || *p == 'X')) {
			p++;
			while (p < end && text_isxdigit((unsigned char)*p))
				p++;
		} else {
			while (p < end && text_isdigit((unsigned char)*p))
				p++;
		}
		if (p == s + 2 || (p == s + 3 && (s[2] == 'x' || s[2] == 'X')))
			return 0;
	} else {
		if (p >= end || !(text_isalpha((unsigned char)*p) || *p == '_' ||
		    *p == ':' || (unsigned char)*p >= 0x80))
			return 0;
		while (p < end && feed_namechar((unsigned char)*p))
			p++;
	}
	return p < end && *p == ';' ? (size_t)(p - s + 1) : 0;
}

/*
 * The end of the first CDATA section, comment or processing instruction
 * that starts in [s, q), or NULL.
 */
static const char *
feed_literal_section(const char *s, const char *q, const char *end)
{
	const char *lt = s, *pat, *close;

	while ((lt = memchr(lt, '<', (size_t)(q - lt))) != NULL) {
		if (end - lt >= 9 && memcmp(lt, "<![CDATA[", 9) == 0)
			pat = "]]>";
		else if (end - lt >= 4 && memcmp(lt, "<!--", 4) == 0)
			pat = "-->";
		else if (end - lt >= 2 && lt[1] == '?')
			pat = "?>";
		else {
			lt++;
			continue;
		}
		close = feed_memmem(lt, (size_t)(end - lt), pat);
		return close != NULL ? close + strlen(pat) : end;
	}
	return NULL;
}

/*
 * Feeds often carry a bare '&' ("Tom & Jerry", "?a=1&b=2"), which
 * libxml2's recovery drops together with what follows.  Escape them first,
 * outside CDATA sections, comments and processing instructions.  Only for
 * ASCII-compatible encodings; returns NULL when there was nothing to fix.
 */
static const char *
feed_next_bare_amp(const char *s, const char *end)
{
	const char *q, *skip;
	size_t k;

	while (s < end && (q = memchr(s, '&', (size_t)(end - s))) != NULL) {
		/* a CDATA section, comment or PI before the '&' is skipped whole */
		if ((skip = feed_literal_section(s, q, end)) != NULL) {
			s = skip;
			continue;
		}
		if ((k = feed_ref_len(q, end)) == 0)
			return q;
		s = q + k;
	}
	return NULL;
}

static char *
feed_fix_amps(const char *data, size_t len, size_t *outlen)
{
	const char *s = data, *end = data + len, *q;
	struct buf b;

	if ((q = feed_next_bare_amp(s, end)) == NULL)
		return NULL;
	buf_init(&b, 0);
	do {
		if (buf_add(&b, s, (size_t)(q - s)) < 0 || buf_add(&b, "&amp;", 5) < 0)
			goto fail;
		s = q + 1;
	} while ((q = feed_next_bare_amp(s, end)) != NULL);
	if (buf_add(&b, s, (size_t)(end - s)) < 0)
		goto fail;
	*outlen = b.len;
	return buf_take(&b);
fail:
	buf_release(&b);
	return NULL;
}

/* A C0 control XML 1.0 forbids (all but TAB, LF, CR), NUL included. */
static int
feed_is_c0(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

static int
feed_has_c0(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (feed_is_c0((unsigned char)s[i]))
			return 1;
	return 0;
}

/*
 * Rewrite the raw bytes where libxml2 would lose or garble text, for
 * ASCII-compatible encodings only (a UTF-16 or UTF-32 document is left
 * alone): numeric references get the one policy of markup/charref.h,
 * terminal escape sequences are removed whole (libxml2 would drop
 * the ESC byte, not being an XML character, and keep "]0;title" as text),
 * the other C0 controls XML forbids are removed (libxml2 stops reading at
 * a NUL, and in recovery mode a control in an attribute value drops the
 * rest of the document), and bare '&' are escaped.  Returns a new buffer, or NULL when nothing changed.
 */
static char *
feed_prepare(const char *data, size_t len, size_t *outlen)
{
	struct buf b;
	char *cur = NULL, *fixed;
	size_t n = len, i, o;

	if (len >= 2 && (data[0] == '\0' || data[1] == '\0' ||
	    ((unsigned char)data[0] == 0xfe && (unsigned char)data[1] == 0xff) ||
	    ((unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe)))
		return NULL;	/* UTF-16 or UTF-32 */
	/*
	 * References first: libxml2 drops "&#x1b;" and "&#7;" (not XML
	 * characters) and keeps the "]0;title" between them, so they become
	 * bytes here and go with the sequence below; "&#146;" becomes the
	 * windows-1252 character it means (markup/charref.h).
	 */
	buf_init(&b, 0);
	if (charref_prepare(&b, data, len, 1) > 0) {
		n = b.len;
		cur = buf_take(&b);
	}
	buf_release(&b);
	if (memchr(cur != NULL ? cur : data, 0x1b, n) != NULL) {
		buf_init(&b, 0);
		if (text_strip_escapes(&b, cur != NULL ? cur : data, n) < 0) {
			buf_release(&b);
			free(cur);
			return NULL;
		}
		free(cur);
		n = b.len;
		cur = buf_take(&b);
	}
	if (feed_has_c0(cur != NULL ? cur : data, n)) {
		if (cur == NULL) {
			cur = xmalloc(n + 1);
			memcpy(cur, data, n);
		}
		for (i = o = 0; i < n; i++)
			if (!feed_is_c0((unsigned char)cur[i]))
				cur[o++] = cur[i];
		n = o;
		cur[n] = '\0';
	}
	fixed = feed_fix_amps(cur != NULL ? cur : data, n, outlen);
	if (fixed != NULL) {
		free(cur);
		return fixed;
	}
	*outlen = n;
	return cur;
}

static struct feed *
feed_parse_try(const char *data, size_t len, const struct feed_parse_opts *opts,
    int ignore_enc, int *bad_enc, struct err *e)
{
	struct feed_parser *p;
	struct feed *f = NULL;
	xmlSAXHandler sax;
	xmlDocPtr doc;
	const char *url = opts != NULL ? opts->url : NULL;
	const char *enc;
	char *fixed = NULL;
	size_t fixed_len = 0;
	struct markup_quiet quiet;
	int options, d, i;

	if (len == 0)
		return err_set(e, "empty document"), NULL;
	if (len > INT32_MAX)
		return err_set(e, "document too large (%zu bytes)", len), NULL;
	xmlInitParser();
	p = xcalloc(1, sizeof *p);
	p->f = xcalloc(1, sizeof *p->f);
	p->max_items = opts != NULL && opts->max_items ? opts->max_items : FEED_MAX_ITEMS;
	p->lv[0].ctx = CTX_DOC;
	if (url != NULL) {
		p->lv[0].base = xstrdup(url);
		p->lv[0].own_base = 1;
	}
	buf_init(&p->cap.b, FEED_MAX_FIELD);

	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = feed_start;
	sax.endElementNs = feed_end;
	sax.characters = feed_chars;
	sax.cdataBlock = feed_chars;
	sax.getEntity = feed_get_entity;
	sax.entityDecl = feed_entity_decl;
	sax.serror = feed_serror;

	/* errors go to feed_serror, and nowhere else */
	markup_quiet_begin(&quiet);
	p->ctxt = xmlNewParserCtxt();
	if (p->ctxt == NULL) {
		err_set(e, "out of memory creating the XML parser");
		goto out;
	}
	memcpy(p->ctxt->sax, &sax, sizeof sax);
	p->ctxt->userData = p;
	options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    MARKUP_QUIET_OPTIONS;
	enc = markup_xml_charset(opts != NULL ? opts->charset : NULL, data, len);
	if (enc != NULL || ignore_enc)
		options |= XML_PARSE_IGNORE_ENC;
	fixed = feed_prepare(data, len, &fixed_len);
	if (fixed != NULL && fixed_len <= INT32_MAX) {
		data = fixed;
		len = fixed_len;
	}
	doc = xmlCtxtReadMemory(p->ctxt, data, (int)len, url, enc, options);
	if (doc != NULL)
		xmlFreeDoc(doc);

	/* A truncated document: keep what was read. */
	if (p->cap.active)
		feed_cap_end(p);
	if (p->person_depth)
		feed_person_end(p);
	if (p->in_item)
		feed_item_end(p);
	if (!p->root_seen && strncmp(p->err_msg, "Unsupported encoding", 20) == 0)
		*bad_enc = 1;
	if (!p->root_seen || p->not_feed) {
		if (p->not_feed)
			err_set(e, "%s", p->err_msg);
		else if (p->err_msg[0] != '\0')
			err_set(e, "XML error at line %d: %s", p->err_line, p->err_msg);
		else
			err_set(e, "not a feed: no root element");
		goto out;
	}
	f = p->f;
	p->f = NULL;
	f->recovered = p->err_msg[0] != '\0' || fixed != NULL;
out:
	free(fixed);
	if (p->ctxt != NULL)
		xmlFreeParserCtxt(p->ctxt);
	if (p->ent.orig != NULL)
		xmlFree(p->ent.orig);
	markup_quiet_end(&quiet);
	d = p->depth < FEED_MAX_DEPTH ? p->depth : FEED_MAX_DEPTH;
	for (i = 0; i <= d; i++)
		if (p->lv[i].own_base)
			free(p->lv[i].base);
	for (i = 0; i < p->nents; i++) {
		free(p->ents[i].name);
		free(p->ents[i].value);
	}
	feed_item_release(&p->it);
	free(p->about);
	free(p->date_raw);
	free(p->person_name);
	free(p->person_email);
	free(p->root_ns);
	buf_release(&p->cap.b);
	feed_free(p->f);
	free(p);
	return f;
}

/*
 * A UTF-32 document (by its BOM, or '<' as its first 4-byte unit) as
 * UTF-8, or NULL for any other.  libxml2 reads UTF-32 in only some of its
 * forms and reports the others as an empty document; a feed is read the
 * same whichever form it takes.  Code points that are not characters
 * become U+FFFD; a trailing partial unit is dropped.
 */
static char *
feed_from_utf32(const char *data, size_t len, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0;
	struct buf b;
	char u8[4];
	int be;

	if (len >= 4 && memcmp(s, "\0\0\xfe\xff", 4) == 0)
		be = 1, i = 4;
	else if (len >= 4 && memcmp(s, "\xff\xfe\0\0", 4) == 0)
		be = 0, i = 4;
	else if (len >= 4 && memcmp(s, "\0\0\0<", 4) == 0)
		be = 1;
	else if (len >= 4 && memcmp(s, "<\0\0\0", 4) == 0)
		be = 0;
	else
		return NULL;
	buf_init(&b, 0);
	for (; i + 4 <= len; i += 4) {
		uint32_t cp = be ? (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 |
		    (uint32_t)s[i + 2] << 8 | s[i + 3] : (uint32_t)s[i + 3] << 24 |
		    (uint32_t)s[i + 2] << 16 | (uint32_t)s[i + 1] << 8 | s[i];

		/* text_encode makes U+FFFD of what is no character */
		(void)buf_add(&b, u8, text_encode(cp, u8));
	}
	*outlen = b.len;
	return buf_take(&b);
}

struct feed *
feed_parse(const char *data, size_t len, const struct feed_parse_opts *opts,
    struct err *e)
{
	struct feed_parse_opts utf8 = { 0 };
	struct feed *f;
	size_t u8len = 0;
	char *u8 = feed_from_utf32(data, len, &u8len);
	int bad_enc = 0;

	if (u8 != NULL) {
		/* read as UTF-8, whatever the declaration or the server says */
		if (opts != NULL)
			utf8 = *opts;
		utf8.charset = "UTF-8";
		opts = &utf8;
		data = u8;
		len = u8len;
	}
	f = feed_parse_try(data, len, opts, 0, &bad_enc, e);
	if (f == NULL && bad_enc) {
		/* a declaration naming an encoding nobody knows: try without */
		f = feed_parse_try(data, len, opts, 1, &bad_enc, e);
		if (f != NULL)
			f->recovered = 1;
	}
	free(u8);
	return f;
}
