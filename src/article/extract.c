#include "article/extract.h"

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

/* Readability's default: an attempt with less text than this is retried
 * with fewer cleaning rules. */
#define RETRY_CHARS 500
#define TOP_CANDIDATES 5
#define JSON_MAX_DEPTH 64
#define JSON_MAX_NODES 100000
#define META_MAX 2048	/* longest metadata string kept, in bytes */

/* Rules an attempt applies; retries drop them one by one. */
#define F_STRIP_UNLIKELY 0x1
#define F_WEIGHT_CLASSES 0x2
#define F_CLEAN_COND 0x4
#define F_ALL (F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_COND)
/* Ignore the negative hints that dozens of the page's elements carry. */
#define F_COMMON_HINTS 0x8
/* Elements carrying a negative hint before F_COMMON_HINTS ignores it. */
#define COMMON_HINT 40

/* ---------------------------------------------------------------- helpers */

/* Case-insensitive substring search. */
static int
contains_ci(const char *hay, const char *needle)
{
	size_t i, j, n = strlen(needle);

	for (i = 0; hay[i] != '\0'; i++) {
		for (j = 0; j < n && hay[i + j] != '\0'; j++)
			if (text_tolower((unsigned char)hay[i + j]) != needle[j])
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

static int
contains_any(const char *hay, const char *const *needles)
{
	for (; *needles != NULL; needles++)
		if (contains_ci(hay, *needles))
			return 1;
	return 0;
}

static int
starts_with_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int
contains_any_prefix(const char *s, const char *const *prefixes)
{
	for (; *prefixes != NULL; prefixes++)
		if (starts_with_ci(s, *prefixes))
			return 1;
	return 0;
}

static int
equal_ci(const char *a, const char *b)
{
	while (*a != '\0' && text_tolower((unsigned char)*a) == text_tolower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

/* True when word (lower case) occurs in s as a whole space-separated token. */
static int
has_token_ci(const char *s, const char *word)
{
	size_t n = strlen(word), i;

	while (*s != '\0') {
		while (text_ishtmlspace((unsigned char)*s))
			s++;
		for (i = 0; s[i] != '\0' && !text_ishtmlspace((unsigned char)s[i]); i++)
			;
		if (i == n) {
			size_t k;

			for (k = 0; k < n; k++)
				if (text_tolower((unsigned char)s[k]) != word[k])
					break;
			if (k == n)
				return 1;
		}
		s += i;
	}
	return 0;
}

static size_t
utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Append the collapsed text of a subtree (no script/style). */
static void
node_text_rec(const xmlNode *n, struct buf *out, int *sp, int depth)
{
	const xmlNode *c;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				(void)text_collapse(out, (const char *)c->content,
				    strlen((const char *)c->content), sp);
		} else if (c->type == XML_ELEMENT_NODE && !html_is(c, "script") &&
		    !html_is(c, "style")) {
			if (html_is(c, "br"))
				*sp = 1;
			node_text_rec(c, out, sp, depth + 1);
		}
	}
}

/* Like node_text_rec, but stops once out holds more than max bytes. */
static void
node_text_upto(const xmlNode *n, struct buf *out, int *sp, size_t max,
    int depth)
{
	const xmlNode *c;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL && out->len <= max; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				(void)text_collapse(out, (const char *)c->content,
				    strlen((const char *)c->content), sp);
		} else if (c->type == XML_ELEMENT_NODE && !html_is(c, "script") &&
		    !html_is(c, "style")) {
			if (html_is(c, "br"))
				*sp = 1;
			node_text_upto(c, out, sp, max, depth + 1);
		}
	}
}

/* The text of n when it is at most max bytes (caller frees), else NULL:
 * for looking at short elements without walking big ones whole. */
static char *
node_text_short(const xmlNode *n, size_t max)
{
	struct buf b, s;
	int sp = 0;

	buf_init(&b, 1u << 24);
	node_text_upto(n, &b, &sp, max, 0);
	text_rtrim(&b);
	if (b.len > max) {
		buf_release(&b);
		return NULL;
	}
	buf_init(&s, 0);
	(void)text_sanitize(&s, b.data, b.len, 0);
	buf_release(&b);
	return buf_take(&s);
}

/* The collapsed, trimmed, sanitised text of n (caller frees). */
static char *
node_text(const xmlNode *n)
{
	struct buf b, s;
	int sp = 0;

	buf_init(&b, 1u << 24);
	node_text_rec(n, &b, &sp, 0);
	text_rtrim(&b);
	buf_init(&s, 0);
	(void)text_sanitize(&s, b.data, b.len, 0);
	buf_release(&b);
	return buf_take(&s);
}

/* Collapse whitespace, trim and sanitise a metadata string (new string). */
static char *
clean_string(const char *s, size_t len)
{
	struct buf b, out;
	int sp = 0;

	if (len > META_MAX)
		len = META_MAX;
	buf_init(&b, 0);
	(void)text_collapse(&b, s, len, &sp);
	text_rtrim(&b);
	buf_init(&out, 0);
	(void)text_sanitize(&out, b.data, b.len, 0);
	buf_release(&b);
	return buf_take(&out);
}

static void
set_string(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

/* ------------------------------------------------------ per-node data */

/*
 * Scores and text measures, hung on xmlNode._private (which the HTML
 * parser leaves alone) and allocated in chunks freed all at once.
 */
struct ninfo {
	double score;
	double text;		/* characters, each whitespace run counted once */
	double link;		/* of which inside links (#fragment links count 0.3) */
	unsigned commas;
	unsigned char candidate;
};

#define CHUNK 512
struct chunk {
	struct chunk *next;
	size_t used;
	struct ninfo v[CHUNK];
};

struct ctx {
	xmlDoc *doc;
	struct chunk *chunks;
	int flags;
	const char *title;	/* for dropping a heading that repeats it */
	const char *titles[4];	/* every title the metadata gives */
	const char *authors[3];	/* every author name it gives */
	int title_header_seen;
	size_t page_pchars;	/* paragraph text of the whole body */
	uint64_t common_hints;	/* negative_hints[i] dozens of elements carry */
	char *byline;		/* visible byline found while cleaning */
	xmlNode **score_list;
	size_t nscore, score_cap;
	xmlNode **cands;
	size_t ncands, cands_cap;
};

static struct ninfo *
info(struct ctx *c, xmlNode *n)
{
	struct chunk *k;

	if (n->_private != NULL)
		return n->_private;
	k = c->chunks;
	if (k == NULL || k->used == CHUNK) {
		k = xcalloc(1, sizeof *k);
		k->next = c->chunks;
		c->chunks = k;
	}
	n->_private = &k->v[k->used++];
	return n->_private;
}

static void
push_node(xmlNode ***v, size_t *n, size_t *cap, xmlNode *x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = x;
}

static void
remove_node(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* ---------------------------------------------------------- charset */

static int
valid_utf8(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			return 0;
		i += n;
	}
	return 1;
}

static int
has_multibyte(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0xC2)
			return 1;
	return 0;
}

/* Copy a charset label from s into out if it looks like one. */
static int
charset_label(const char *s, size_t n, char *out, size_t size)
{
	size_t i;

	while (n > 0 && (text_ishtmlspace((unsigned char)*s) || *s == '"' || *s == '\'')) {
		s++;
		n--;
	}
	for (i = 0; i < n && i + 1 < size; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
		    c == ':'))
			break;
		out[i] = (char)text_tolower((unsigned char)c);
	}
	out[i] = '\0';
	return i > 0;
}

/* Find charset= in the first <meta> tags of the page. */
static int
meta_charset(const char *s, size_t len, char *out, size_t size)
{
	size_t i, end, lim = len < 8192 ? len : 8192;

	for (i = 0; i + 5 < lim; i++) {
		if (s[i] != '<' || text_tolower((unsigned char)s[i + 1]) != 'm' ||
		    text_tolower((unsigned char)s[i + 2]) != 'e' ||
		    text_tolower((unsigned char)s[i + 3]) != 't' ||
		    text_tolower((unsigned char)s[i + 4]) != 'a')
			continue;
		for (end = i; end < lim && s[end] != '>'; end++)
			;
		for (size_t j = i; j + 8 < end; j++) {
			static const char key[] = "charset";
			size_t k;

			for (k = 0; k < 7; k++)
				if (text_tolower((unsigned char)s[j + k]) != key[k])
					break;
			if (k < 7)
				continue;
			k = j + 7;
			while (k < end && text_ishtmlspace((unsigned char)s[k]))
				k++;
			if (k < end && s[k] == '=' &&
			    charset_label(s + k + 1, end - k - 1, out, size))
				return 1;
		}
		i = end;
	}
	return 0;
}

/*
 * Choose the encoding as a browser would, but simpler: BOM, then the HTTP
 * charset, then <meta>, then UTF-8 if the bytes are valid UTF-8, else
 * windows-1252.  *skip is the BOM length.
 */
static void
choose_charset(const char *s, size_t len, const char *http, char *out,
    size_t size, size_t *skip)
{
	*skip = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(out, size, "utf-8");
		*skip = 3;
		return;
	}
	if (len >= 2 && memcmp(s, "\xFE\xFF", 2) == 0) {
		snprintf(out, size, "utf-16be");
		*skip = 2;
		return;
	}
	if (len >= 2 && memcmp(s, "\xFF\xFE", 2) == 0) {
		snprintf(out, size, "utf-16le");
		*skip = 2;
		return;
	}
	out[0] = '\0';
	if (http != NULL)
		(void)charset_label(http, strlen(http), out, size);
	if (out[0] == '\0' && meta_charset(s, len, out, size) &&
	    strcmp(out, "utf-8") != 0 && has_multibyte(s, len) &&
	    valid_utf8(s, len)) {
		/* pages converted to UTF-8 often keep their old <meta>: bytes
		 * that are valid UTF-8 with multibyte characters are UTF-8 */
		snprintf(out, size, "utf-8");
	}
	/* a page cannot be UTF-16 if we could read its meta as ASCII */
	if (strncmp(out, "utf-16", 6) == 0 || strcmp(out, "utf8") == 0)
		snprintf(out, size, "utf-8");
	/* the web's iso-8859-1 and us-ascii mean windows-1252 */
	if (strcmp(out, "iso-8859-1") == 0 || strcmp(out, "us-ascii") == 0 ||
	    strcmp(out, "latin1") == 0 || strcmp(out, "ascii") == 0)
		snprintf(out, size, "windows-1252");
	if (out[0] != '\0') {
		xmlCharEncodingHandler *h = xmlFindCharEncodingHandler(out);

		if (h != NULL) {
			xmlCharEncCloseFunc(h);
			return;
		}
	}
	snprintf(out, size, "%s", valid_utf8(s, len) ? "utf-8" : "windows-1252");
}

/* --------------------------------------------------------------- JSON */

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUM, JSON_STR, JSON_ARR, JSON_OBJ };

struct json {
	enum json_type type;
	char *str;		/* JSON_STR */
	char *key;		/* member name inside an object */
	struct json *child;
	struct json *next;
};

struct json_parser {
	const char *p, *end;
	size_t nodes;
};

static void
json_free(struct json *j)
{
	while (j != NULL) {
		struct json *next = j->next;

		json_free(j->child);
		free(j->str);
		free(j->key);
		free(j);
		j = next;
	}
}

static void
json_ws(struct json_parser *jp)
{
	while (jp->p < jp->end && text_ishtmlspace((unsigned char)*jp->p))
		jp->p++;
}

static int
hex4(const char *p, const char *end, uint32_t *v)
{
	int i;

	if (end - p < 4)
		return -1;
	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = p[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (text_tolower((unsigned char)c) >= 'a' && text_tolower((unsigned char)c) <= 'f')
			*v |= (uint32_t)(text_tolower((unsigned char)c) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

static char *
json_string(struct json_parser *jp)
{
	struct buf b;
	char enc[4];
	uint32_t cp, lo;

	jp->p++;	/* opening quote */
	buf_init(&b, 1u << 20);
	while (jp->p < jp->end && *jp->p != '"') {
		if (*jp->p != '\\') {
			(void)buf_addc(&b, *jp->p++);
			continue;
		}
		if (++jp->p >= jp->end)
			break;
		switch (*jp->p) {
		case 'n': (void)buf_addc(&b, '\n'); break;
		case 't': (void)buf_addc(&b, '\t'); break;
		case 'r': (void)buf_addc(&b, '\r'); break;
		case 'b': case 'f': (void)buf_addc(&b, ' '); break;
		case 'u':
			if (hex4(jp->p + 1, jp->end, &cp) < 0)
				goto fail;
			jp->p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && jp->end - jp->p > 6 &&
			    jp->p[1] == '\\' && jp->p[2] == 'u' &&
			    hex4(jp->p + 3, jp->end, &lo) == 0 &&
			    lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				jp->p += 6;
			}
			(void)buf_add(&b, enc, text_encode(cp, enc));
			break;
		default:
			(void)buf_addc(&b, *jp->p);
		}
		jp->p++;
	}
	if (jp->p >= jp->end)
		goto fail;
	jp->p++;
	return buf_take(&b);
fail:
	buf_release(&b);
	return NULL;
}

static struct json *json_value(struct json_parser *jp, int depth);

/* Parse the members of an array or object (the bracket already seen). */
static int
json_members(struct json_parser *jp, struct json *j, int depth, char close)
{
	struct json **tail = &j->child;
	char *key = NULL;

	jp->p++;
	for (;;) {
		struct json *v;

		json_ws(jp);
		if (jp->p >= jp->end)
			return -1;
		if (*jp->p == close) {
			jp->p++;
			return 0;
		}
		if (close == '}') {
			if (*jp->p != '"' || (key = json_string(jp)) == NULL)
				return -1;
			json_ws(jp);
			if (jp->p >= jp->end || *jp->p != ':') {
				free(key);
				return -1;
			}
			jp->p++;
		}
		if ((v = json_value(jp, depth + 1)) == NULL) {
			free(key);
			return -1;
		}
		v->key = key;
		key = NULL;
		*tail = v;
		tail = &v->next;
		json_ws(jp);
		if (jp->p < jp->end && *jp->p == ',')
			jp->p++;	/* a trailing comma is forgiven */
		else if (jp->p < jp->end && *jp->p != close)
			return -1;
	}
}

static struct json *
json_value(struct json_parser *jp, int depth)
{
	struct json *j;

	json_ws(jp);
	if (jp->p >= jp->end || depth > JSON_MAX_DEPTH ||
	    ++jp->nodes > JSON_MAX_NODES)
		return NULL;
	j = xcalloc(1, sizeof *j);
	switch (*jp->p) {
	case '{':
	case '[':
		j->type = *jp->p == '{' ? JSON_OBJ : JSON_ARR;
		if (json_members(jp, j, depth, *jp->p == '{' ? '}' : ']') < 0)
			goto fail;
		return j;
	case '"':
		j->type = JSON_STR;
		if ((j->str = json_string(jp)) == NULL)
			goto fail;
		return j;
	default:
		/* numbers, true, false, null: skip the token */
		j->type = JSON_NUM;
		if (*jp->p == 't' || *jp->p == 'f')
			j->type = JSON_BOOL;
		else if (*jp->p == 'n')
			j->type = JSON_NULL;
		else if (!(*jp->p == '-' || (*jp->p >= '0' && *jp->p <= '9')))
			goto fail;
		while (jp->p < jp->end && *jp->p != ',' && *jp->p != '}' &&
		    *jp->p != ']' && !text_ishtmlspace((unsigned char)*jp->p))
			jp->p++;
		return j;
	}
fail:
	json_free(j);
	return NULL;
}

static struct json *
json_parse(const char *s, size_t len)
{
	struct json_parser jp = { s, s + len, 0 };

	return json_value(&jp, 0);
}

static const struct json *
json_get(const struct json *obj, const char *key)
{
	const struct json *m;

	if (obj == NULL || obj->type != JSON_OBJ)
		return NULL;
	for (m = obj->child; m != NULL; m = m->next)
		if (m->key != NULL && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

static const char *
json_str(const struct json *j)
{
	return j != NULL && j->type == JSON_STR ? j->str : NULL;
}

/* ----------------------------------------------------------- metadata */

struct meta {
	char *title;		/* chosen title */
	char *jsonld_title, *jsonld_author, *jsonld_date;
	char *jsonld_page_date;	/* a WebPage's datePublished */
	char *jsonld_name, *jsonld_headline;
	int jsonld_seen;	/* an article object was read */
	char *meta_title;	/* og:title and friends */
	char *meta_author;
	char *meta_date;
	char *doc_title;	/* <title> */
	char *itemprop_date;
	char *time_date;	/* first <time datetime> */
	char *time_article;	/* first one inside <article>, or with pubdate */
	char *base;		/* <base href> */
	char *text_byline;	/* a byline found by its wording, not its markup */
	char *site_name;	/* og:site_name and friends */
	time_t text_date;	/* a date as the page shows it, or (time_t)-1 */
	char **h1;		/* texts of h1 elements (up to 4) */
	size_t nh1;
	char **h2;		/* texts of h2 elements (up to 16) */
	size_t nh2;
	int h2_matches_title;
};

static void
meta_release(struct meta *m)
{
	size_t i;

	free(m->title);
	free(m->jsonld_title);
	free(m->jsonld_name);
	free(m->jsonld_headline);
	free(m->jsonld_author);
	free(m->jsonld_date);
	free(m->jsonld_page_date);
	free(m->meta_title);
	free(m->meta_author);
	free(m->meta_date);
	free(m->doc_title);
	free(m->itemprop_date);
	free(m->time_date);
	free(m->time_article);
	free(m->base);
	free(m->text_byline);
	free(m->site_name);
	for (i = 0; i < m->nh1; i++)
		free(m->h1[i]);
	free(m->h1);
	for (i = 0; i < m->nh2; i++)
		free(m->h2[i]);
	free(m->h2);
	memset(m, 0, sizeof *m);
}

static const char *const article_types[] = {
	"Article", "AdvertiserContentArticle", "NewsArticle",
	"AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
	"OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
	"Report", "SatiricalArticle", "ScholarlyArticle",
	"MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
	"LiveBlogPosting", "DiscussionForumPosting", "TechArticle",
	"APIReference", NULL
};

static int
jsonld_is_article(const struct json *obj)
{
	const struct json *t = json_get(obj, "@type"), *e;
	size_t i;

	if (t == NULL)
		return 0;
	for (e = t->type == JSON_ARR ? t->child : t; e != NULL;
	    e = t->type == JSON_ARR ? e->next : NULL) {
		if (e->type != JSON_STR)
			continue;
		for (i = 0; article_types[i] != NULL; i++)
			if (strcmp(e->str, article_types[i]) == 0)
				return 1;
	}
	return 0;
}

/* "A", "A and B", "A, B and C" from a string, an object or an array. */
static char *
jsonld_names(const struct json *a)
{
	const char *names[16];
	size_t n = 0, i;
	const struct json *e;
	struct buf b;

	if (a == NULL)
		return NULL;
	for (e = a->type == JSON_ARR ? a->child : a; e != NULL && n < 16;
	    e = a->type == JSON_ARR ? e->next : NULL) {
		const char *s = e->type == JSON_STR ? e->str :
		    json_str(json_get(e, "name"));

		if (s != NULL && *s != '\0')
			names[n++] = s;
	}
	if (n == 0)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			(void)buf_addstr(&b, i + 1 == n ? " and " : ", ");
		(void)buf_addstr(&b, names[i]);
	}
	return buf_take(&b);
}

/* A metadata string, decoded once more as Readability does (pages
 * double-escape their og:title) with the one reference decoder. */
static char *
meta_value(const char *s)
{
	struct buf b;
	char *c;

	if (s == NULL)
		return NULL;
	buf_init(&b, 0);
	(void)charref_decode(&b, s, strlen(s));
	c = clean_string(b.data, b.len);
	buf_release(&b);
	if (*c == '\0') {
		free(c);
		return NULL;
	}
	return c;
}

/* A JSON-LD string: HTML and references, through the one HTML-to-text path
 * (markup/markup.h) that feed titles take too. */
static char *
jsonld_value(const char *s)
{
	char *d, *c;

	if (s == NULL)
		return NULL;
	d = markup_html_text(s, strlen(s), 0);
	c = clean_string(d, strlen(d));
	free(d);
	if (*c == '\0') {
		free(c);
		return NULL;
	}
	return c;
}

static void
jsonld_take(struct meta *m, const struct json *obj)
{
	if (!m->jsonld_seen) {
		m->jsonld_seen = 1;
		m->jsonld_name = jsonld_value(json_str(json_get(obj, "name")));
		m->jsonld_headline = jsonld_value(json_str(json_get(obj, "headline")));
	}
	if (m->jsonld_author == NULL) {
		char *names = jsonld_names(json_get(obj, "author"));

		if (names != NULL) {
			m->jsonld_author = jsonld_value(names);
			free(names);
		}
	}
	if (m->jsonld_date == NULL)
		m->jsonld_date = jsonld_value(json_str(json_get(obj, "datePublished")));
}

static int
jsonld_is_page(const struct json *obj)
{
	const struct json *t = json_get(obj, "@type"), *e;

	if (t == NULL)
		return 0;
	for (e = t->type == JSON_ARR ? t->child : t; e != NULL;
	    e = t->type == JSON_ARR ? e->next : NULL)
		if (e->type == JSON_STR && (strcmp(e->str, "WebPage") == 0 ||
		    strcmp(e->str, "ItemPage") == 0 ||
		    strcmp(e->str, "MedicalWebPage") == 0))
			return 1;
	return 0;
}

static void
jsonld_scan(struct meta *m, const struct json *j, int depth)
{
	const struct json *e;

	if (j == NULL || depth > 4)
		return;
	if (j->type == JSON_ARR) {
		for (e = j->child; e != NULL; e = e->next)
			jsonld_scan(m, e, depth + 1);
		return;
	}
	if (j->type != JSON_OBJ)
		return;
	if (jsonld_is_article(j))
		jsonld_take(m, j);
	else if (m->jsonld_page_date == NULL && jsonld_is_page(j))
		/* Yoast and others date the WebPage, not an Article */
		m->jsonld_page_date = meta_value(json_str(json_get(j,
		    "datePublished")));
	jsonld_scan(m, json_get(j, "@graph"), depth + 1);
}

static void
meta_jsonld(struct meta *m, const xmlNode *script)
{
	const xmlNode *c;
	struct buf b;
	struct json *j;

	buf_init(&b, 1u << 22);
	for (c = script->children; c != NULL; c = c->next)
		if (c->content != NULL)
			(void)buf_addstr(&b, (const char *)c->content);
	/* some sites wrap JSON-LD in CDATA markers or comments */
	{
		char *p = b.data, *e = b.data + b.len;

		while (p < e && (text_ishtmlspace((unsigned char)*p)))
			p++;
		if (e - p > 12 && strncmp(p, "<![CDATA[", 9) == 0)
			p += 9;
		j = json_parse(p, (size_t)(e - p));
	}
	jsonld_scan(m, j, 0);
	json_free(j);
	buf_release(&b);
}

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* Which meta names we read, in order of preference within each field. */
static const char *const meta_titles[] = {
	"dc:title", "dcterm:title", "og:title", "weibo:article:title",
	"weibo:webpage:title", "title", "twitter:title", "parsely-title", NULL
};
static const char *const meta_authors[] = {
	"dc:creator", "dcterm:creator", "author", "parsely-author",
	"article:author", "sailthru.author", NULL
};
static const char *const meta_dates[] = {
	"article:published_time", "og:published_time", "datepublished",
	"parsely-pub-date", "dc.date.issued", "dcterms.created", "dc.date",
	"sailthru.date", "pubdate", "publishdate", "publish-date",
	"citation_publication_date", "date", NULL
};

static const char *const meta_sites[] = {
	"og:site_name", "application-name", "apple-mobile-web-app-title", NULL
};

struct meta_hit {
	int rank;
	char *value;
};

static void
meta_offer(struct meta_hit *h, const char *const *names, const char *key,
    const char *content)
{
	int i;

	for (i = 0; names[i] != NULL; i++) {
		if (equal_ci(key, names[i]) && (h->value == NULL || i < h->rank)) {
			char *v = meta_value(content);

			if (v == NULL)
				return;
			free(h->value);
			h->value = v;
			h->rank = i;
			return;
		}
	}
}

struct meta_scan {
	struct meta_hit title, author, date, site;
};

static void
meta_tag(struct meta_scan *ms, const xmlNode *n)
{
	const char *content = html_attr(n, "content"), *keys[3];
	char key[128];
	size_t i, k;

	if (content == NULL)
		return;
	keys[0] = html_attr(n, "property");
	keys[1] = html_attr(n, "name");
	keys[2] = html_attr(n, "itemprop");
	for (i = 0; i < 3; i++) {
		const char *s = keys[i];

		if (s == NULL)
			continue;
		/* property may hold several space-separated names */
		while (*s != '\0') {
			while (text_ishtmlspace((unsigned char)*s))
				s++;
			for (k = 0; s[k] != '\0' && !text_ishtmlspace((unsigned char)s[k]) &&
			    k + 1 < sizeof key; k++)
				key[k] = s[k];
			key[k] = '\0';
			s += k;
			while (*s != '\0' && !text_ishtmlspace((unsigned char)*s))
				s++;
			if (k == 0)
				continue;
			meta_offer(&ms->title, meta_titles, key, content);
			meta_offer(&ms->site, meta_sites, key, content);
			if (!(equal_ci(key, "article:author") && is_url(content)))
				meta_offer(&ms->author, meta_authors, key, content);
			meta_offer(&ms->date, meta_dates, key, content);
		}
	}
}

#define BYLINE_SEGMENTS 16
static int date_line(const char *s);
static size_t word_count(const char *s);
static void byline_segments(const xmlNode *n, char **seg, size_t *nseg,
    int depth);
static char *byline_clean(char **seg, size_t n);
static const char *skip_by_label(const char *s);

/* A name as a byline gives it: one to six words, opening with a capital
 * (or a letter of another script), no sentence in it. */
static char *
plausible_name(char *t)
{
	size_t w;

	if (t == NULL)
		return NULL;
	w = word_count(t);
	if (w < 1 || w > 6 || strlen(t) > 80 ||
	    (strstr(t, ". ") != NULL && w > 4) ||
	    !((t[0] >= 'A' && t[0] <= 'Z') || (unsigned char)t[0] >= 0xC3)) {
		free(t);
		return NULL;
	}
	return t;
}

/* The cleaned byline of the text segments under n. */
static char *
segments_byline(const xmlNode *n)
{
	char *seg[BYLINE_SEGMENTS], *name;
	size_t nseg = 0, i;

	byline_segments(n, seg, &nseg, 0);
	name = byline_clean(seg, nseg);
	for (i = 0; i < nseg; i++)
		free(seg[i]);
	return plausible_name(name);
}

/*
 * A byline found by its wording where the markup names no author: a link
 * to an author's page ("/author/jo-doe"), an element opening with "By" or
 * "Written by", or a label element ("Written by", "Author") followed by
 * one holding the name.
 */
static char *
text_byline(const xmlNode *c)
{
	static const char *const author_paths[] = {
		"/author/", "/authors/", "/writer/", "/writers/", "/contributor/",
		"/contributors/", "/staff/", NULL
	};
	const xmlNode *f = c->children, *sib;
	const char *href, *rest;
	char *lead, *t;
	int labelled, label_only;

	if (html_is(c, "a")) {
		if ((href = html_attr(c, "href")) == NULL ||
		    !contains_any(href, author_paths))
			return NULL;
		t = plausible_name(node_text_short(c, 320));
		if (t != NULL && contains_ci(t, "author")) {
			free(t);
			t = NULL;
		}
		return t;
	}
	if (f == NULL || f->type != XML_TEXT_NODE || f->content == NULL)
		return NULL;
	lead = clean_string((const char *)f->content,
	    strlen((const char *)f->content));
	rest = skip_by_label(lead);
	labelled = rest != lead;
	label_only = labelled && *rest == '\0' && f->next == NULL;
	free(lead);
	if (!labelled)
		return NULL;
	t = node_text_short(c, 320);
	if (t == NULL || utf8_chars(t, strlen(t)) > 80) {
		free(t);
		return NULL;
	}
	free(t);
	if (!label_only)
		return segments_byline(c);
	for (sib = c->next; sib != NULL && sib->type != XML_ELEMENT_NODE;
	    sib = sib->next)
		;
	return sib != NULL ? segments_byline(sib) : NULL;
}

/*
 * A date written for people in s: "December 9, 2024", "Dec. 18, 2025",
 * "4th June 2024", "2024-05-31" or "2024/05/31" (numeric day-month orders
 * are ambiguous and left alone).  Returns 0 and *out (midnight UTC), or -1.
 */
static int
text_date(const char *s, time_t *out)
{
	static const char *const months[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	long num[3] = { 0, 0, 0 };	/* the last numbers seen, newest first */
	int nlen[3] = { 0, 0, 0 }, ntok[3] = { -9, -9, -9 };
	int month = 0, month_at = -9, tok = 0;
	const char *p = s;

	while (*p != '\0') {
		const char *w = p;
		size_t n;

		if (*p >= '0' && *p <= '9') {
			long v = 0;

			for (; *p >= '0' && *p <= '9' && p - w < 6; p++)
				v = v * 10 + (*p - '0');
			n = (size_t)(p - w);
			/* "2024-05-31", "2024/05/31" */
			if (n == 4 && (*p == '-' || *p == '/') && p[1] >= '0' &&
			    p[1] <= '9') {
				int y = (int)v, mo = 0, d = 0;
				char sep = *p++;

				for (; *p >= '0' && *p <= '9'; p++)
					mo = mo * 10 + (*p - '0');
				if (*p == sep)
					for (p++; *p >= '0' && *p <= '9'; p++)
						d = d * 10 + (*p - '0');
				if (y >= 1990 && y <= 2100 &&
				    date_from_ymd(y, mo, d, out) == 0)
					return 0;
				continue;
			}
			memmove(num + 1, num, 2 * sizeof *num);
			memmove(nlen + 1, nlen, 2 * sizeof *nlen);
			memmove(ntok + 1, ntok, 2 * sizeof *ntok);
			num[0] = v;
			nlen[0] = (int)n;
			ntok[0] = ++tok;
			/* "December 9, 2024" / "9 December 2024" / "4th June 2024":
			 * the day next to the month, the year right after both */
			if (month > 0 && n == 4 && v >= 1990 && v <= 2100 &&
			    nlen[1] >= 1 && nlen[1] <= 2 &&
			    ((ntok[1] == month_at + 1 && tok == month_at + 2) ||
			    ((ntok[1] == month_at - 1 || ntok[1] == month_at - 2) &&
			    tok == month_at + 1)) &&
			    date_from_ymd((int)v, month, (int)num[1], out) == 0)
				return 0;
			continue;
		}
		if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') {
			int i;

			for (; (*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'; p++)
				;
			n = (size_t)(p - w);
			tok++;
			/* a month's name, its first three letters or "Sept" */
			for (i = 0; i < 12; i++)
				if ((n == 3 || n == strlen(months[i]) ||
				    (n == 4 && i == 8)) &&
				    strncasecmp(w, months[i], n) == 0)
					break;
			if (i < 12) {
				month = i + 1;
				month_at = tok;
			}
			continue;
		}
		p++;
	}
	return -1;
}

/* Hints in a class or id that an element shows the article's date. */
static const char *const date_hints[] = {
	"date", "publish", "posted", "updated", "time", "byline", "meta", NULL
};

/* Look for the date a page shows people at c (its text, when c is a
 * <time> or hinted as a date, or a text opening with "Published"...). */
static void
visible_date(struct meta *m, const xmlNode *c)
{
	static const char *const openers[] = {
		"published", "updated", "posted", "last updated", "date:",
		"last modified", NULL
	};
	const char *cl = html_attr(c, "class"), *id = html_attr(c, "id");
	const xmlNode *f;
	int hinted = html_is(c, "time") ||
	    (cl != NULL && contains_any(cl, date_hints)) ||
	    (id != NULL && contains_any(id, date_hints));

	if (!hinted) {
		for (f = c->children; f != NULL; f = f->next)
			if (f->type == XML_TEXT_NODE && f->content != NULL) {
				const char *t = (const char *)f->content;

				while (text_ishtmlspace((unsigned char)*t))
					t++;
				if (contains_any_prefix(t, openers)) {
					hinted = 1;
					break;
				}
			}
	}
	if (hinted) {
		char *t = node_text_short(c, 400);
		time_t when;

		if (t != NULL && utf8_chars(t, strlen(t)) <= 100 &&
		    text_date(t, &when) == 0)
			m->text_date = when;
		free(t);
	} else if (c->children != NULL && c->children->next == NULL &&
	    c->children->type == XML_TEXT_NODE && c->children->content != NULL) {
		/* an element holding a date and nothing else: "Nov 21, 2018" */
		const char *t = (const char *)c->children->content;
		time_t when;

		if (strlen(t) <= 40 && date_line(t) && text_date(t, &when) == 0)
			m->text_date = when;
	}
}

/* Does one of the metadata dates parse? */
static int
meta_date_usable(const struct meta *m, const char *meta_date)
{
	const char *d[6];
	time_t t;
	size_t i;

	d[0] = m->jsonld_date;
	d[1] = meta_date;
	d[2] = m->itemprop_date;
	d[3] = m->time_article;
	d[4] = m->time_date;
	d[5] = m->jsonld_page_date;
	for (i = 0; i < 6; i++)
		if (d[i] != NULL && date_parse(d[i], &t) == 0)
			return 1;
	return 0;
}

/* Find the first date the page shows under n (document order). */
static void
date_walk(struct meta *m, const xmlNode *n, int depth)
{
	const xmlNode *c;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL && m->text_date == (time_t)-1;
	    c = c->next) {
		if (c->type != XML_ELEMENT_NODE || html_is(c, "head") ||
		    html_is(c, "script") || html_is(c, "style"))
			continue;
		if (!html_is(c, "body") && !html_is(c, "html"))
			visible_date(m, c);
		date_walk(m, c, depth + 1);
	}
}

static void
meta_walk(struct meta *m, struct meta_scan *ms, const xmlNode *n, int depth,
    int in_article)
{
	const xmlNode *c;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		const char *t;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(c, "meta")) {
			meta_tag(ms, c);
		} else if (html_is(c, "script")) {
			t = html_attr(c, "type");
			if (t != NULL && contains_ci(t, "ld+json"))
				meta_jsonld(m, c);
			continue;
		} else if (html_is(c, "title") && m->doc_title == NULL) {
			m->doc_title = node_text(c);
			continue;
		} else if (html_is(c, "base") && m->base == NULL) {
			if ((t = html_attr(c, "href")) != NULL)
				m->base = xstrdup(t);
		} else if (html_is(c, "time")) {
			/* sidebars list times too: prefer the article's own */
			if ((t = html_attr(c, "datetime")) != NULL && *t != '\0') {
				if (m->time_date == NULL)
					m->time_date = xstrdup(t);
				if (m->time_article == NULL && (in_article ||
				    html_attr(c, "pubdate") != NULL))
					m->time_article = xstrdup(t);
			}
		} else if (html_is(c, "h1") && m->nh1 < 4) {
			m->h1 = xreallocarray(m->h1, m->nh1 + 1, sizeof *m->h1);
			m->h1[m->nh1++] = node_text(c);
		} else if (html_is(c, "h2") && m->nh2 < 16) {
			m->h2 = xreallocarray(m->h2, m->nh2 + 1, sizeof *m->h2);
			m->h2[m->nh2++] = node_text(c);
		}
		if (m->itemprop_date == NULL && (t = html_attr(c, "itemprop")) != NULL &&
		    has_token_ci(t, "datepublished")) {
			const char *v = html_attr(c, "datetime");

			if (v == NULL)
				v = html_attr(c, "content");
			if (v != NULL && *v != '\0')
				m->itemprop_date = xstrdup(v);
		}
		if (m->text_byline == NULL && !html_is(c, "head"))
			m->text_byline = text_byline(c);
		meta_walk(m, ms, c, depth + 1, in_article || html_is(c, "article"));
	}
}

static size_t
word_count(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s != '\0'; s++) {
		if (text_ishtmlspace((unsigned char)*s)) {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/* Title separators, each with spaces around it. */
static const char *const title_seps[] = {
	" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \\ ", " / ", " > ",
	" \xC2\xBB ", NULL
};

/* Where the first (first != 0) or last separator starts, and its length. */
static const char *
find_sep(const char *s, int first, size_t *seplen)
{
	const char *best = NULL, *p;
	size_t i;

	for (i = 0; title_seps[i] != NULL; i++) {
		for (p = strstr(s, title_seps[i]); p != NULL;
		    p = strstr(p + 1, title_seps[i])) {
			if (best == NULL || (first ? p < best : p > best)) {
				best = p;
				*seplen = strlen(title_seps[i]);
			}
			if (first)
				break;
		}
	}
	return best;
}

/* The page title from <title>, with the site name cut off when we can tell. */
static char *
title_from_document(const struct meta *m)
{
	const char *orig = m->doc_title, *p;
	char *cur;
	size_t seplen = 0;
	int had_sep = 0;

	if (orig == NULL || *orig == '\0')
		return m->nh1 == 1 ? xstrdup(m->h1[0]) : xstrdup("");
	if ((p = find_sep(orig, 0, &seplen)) != NULL) {
		/* "Section / Site" says more about structure than "Title - Site" */
		had_sep = strstr(orig, " \\ ") != NULL || strstr(orig, " / ") != NULL ||
		    strstr(orig, " > ") != NULL || strstr(orig, " \xC2\xBB ") != NULL;
		cur = xstrndup(orig, (size_t)(p - orig));
		if (word_count(cur) < 3) {
			free(cur);
			p = find_sep(orig, 1, &seplen);
			cur = xstrdup(p + seplen);
		}
	} else if ((p = strstr(orig, ": ")) != NULL) {
		size_t i;
		int match = 0;

		for (i = 0; i < m->nh1; i++)
			if (strcmp(m->h1[i], orig) == 0)
				match = 1;
		for (i = 0; i < m->nh2; i++)
			if (strcmp(m->h2[i], orig) == 0)
				match = 1;
		if (match) {
			cur = xstrdup(orig);
		} else {
			const char *last = strrchr(orig, ':');

			cur = xstrdup(last + 1 + (last[1] == ' '));
			if (word_count(cur) < 3) {
				free(cur);
				cur = xstrdup(p + 2);
			} else if (word_count(p) > 0) {
				char *before = xstrndup(orig, (size_t)(p - orig));

				if (word_count(before) > 5) {
					free(cur);
					cur = xstrdup(orig);
				}
				free(before);
			}
		}
	} else if ((strlen(orig) > 150 || strlen(orig) < 15) && m->nh1 == 1) {
		cur = xstrdup(m->h1[0]);
	} else {
		cur = xstrdup(orig);
	}
	if (word_count(cur) <= 4) {
		/* too short to be the article's title: unless it was cut at the
		 * only separator, keep the original */
		size_t ow = word_count(orig);
		size_t sepwords = 0;
		const char *q;

		for (q = orig; (q = find_sep(q, 1, &seplen)) != NULL; q += seplen)
			sepwords++;
		if (!had_sep || word_count(cur) != ow - sepwords - 1) {
			free(cur);
			cur = xstrdup(orig);
		}
	}
	return cur;
}

/* Append the lower-case words of s (runs of ASCII letters, digits and
 * '_', as Readability's tokenizer sees them) to b, each followed by a
 * space. */
static void
title_words(struct buf *b, const char *s)
{
	int in = 0;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;
		int word = (ch >= '0' && ch <= '9') || ch == '_' ||
		    (text_tolower(ch) >= 'a' && text_tolower(ch) <= 'z');

		if (word) {
			(void)buf_addc(b, (char)text_tolower(ch));
			in = 1;
		} else if (in) {
			(void)buf_addc(b, ' ');
			in = 0;
		}
	}
	if (in)
		(void)buf_addc(b, ' ');
}

/*
 * How much of b's wording is also in a: 1 minus the share (in characters)
 * of b's words that a lacks.
 */
static double
text_similarity(const char *a, const char *b)
{
	struct buf wa, wb;
	size_t total = 0, missing = 0;
	const char *w, *e;
	double sim;

	buf_init(&wa, 0);
	buf_init(&wb, 0);
	(void)buf_addc(&wa, ' ');
	title_words(&wa, a);
	title_words(&wb, b);
	for (w = wb.data; *w != '\0'; w = e + 1) {
		char probe[256];
		size_t n;

		e = strchr(w, ' ');
		n = (size_t)(e - w);
		total += n + 1;
		if (n + 3 > sizeof probe) {
			missing += n + 1;
			continue;
		}
		probe[0] = ' ';
		memcpy(probe + 1, w, n);
		probe[n + 1] = ' ';
		probe[n + 2] = '\0';
		if (strstr(wa.data, probe) == NULL)
			missing += n + 1;
	}
	sim = total > 0 ? 1 - (double)missing / (double)total : 0;
	buf_release(&wa);
	buf_release(&wb);
	return sim;
}

/* JSON-LD's name or headline: name, unless only the headline looks like
 * the page's <title>. */
static char *
jsonld_pick_title(const struct meta *m)
{
	const char *n = m->jsonld_name, *h = m->jsonld_headline;

	if (n != NULL && h != NULL && strcmp(n, h) != 0 && m->doc_title != NULL) {
		int nm = text_similarity(n, m->doc_title) > 0.75;
		int hm = text_similarity(h, m->doc_title) > 0.75;

		return xstrdup(hm && !nm ? h : n);
	}
	if (n != NULL)
		return xstrdup(n);
	return h != NULL ? xstrdup(h) : NULL;
}

/*
 * The title without what follows its first " | ", and without the site's
 * name that pages append or prepend to it ("Best Cloud Stocks of 2025 -
 * The Motley Fool") when og:site_name or application-name says what that
 * name is.
 */
static void
cut_site_name(struct meta *m)
{
	const char *t = m->title, *site = m->site_name, *p;
	size_t tl, sl, i, seplen;

	if (t == NULL)
		return;
	/* " | " parts a title from the site, section or tagline after it
	 * far more often than it is part of the title itself */
	if ((p = strstr(t, " | ")) != NULL) {
		char *head = xstrndup(t, (size_t)(p - t));

		if (word_count(head) >= 3) {
			set_string(&m->title, head);
			return;
		}
		free(head);
	}
	if (site == NULL || *site == '\0')
		return;
	tl = strlen(t);
	sl = strlen(site);
	for (i = 0; title_seps[i] != NULL; i++) {
		seplen = strlen(title_seps[i]);
		if (tl <= sl + seplen)
			continue;
		p = t + tl - sl - seplen;
		/* "Title | Site" */
		if (strncmp(p, title_seps[i], seplen) == 0 &&
		    strcasecmp(p + seplen, site) == 0 && word_count(t) > word_count(site) + 1) {
			set_string(&m->title, xstrndup(t, (size_t)(p - t)));
			return;
		}
		/* "Site | Title" */
		if (strncasecmp(t, site, sl) == 0 &&
		    strncmp(t + sl, title_seps[i], seplen) == 0) {
			set_string(&m->title, xstrdup(t + sl + seplen));
			return;
		}
	}
}

/*
 * The page's visible headline: the <h1> whose words are nearly all in one
 * of the metadata titles and cover a fair part of it.  The metadata says
 * which heading is the article's (a logo or a section name in an <h1>
 * shares few words with it); the heading says how the page words it, without
 * the site name that <title> and og:title often append.
 */
static const char *
headline_h1(const struct meta *m)
{
	const char *cands[4], *best = NULL;
	double best_score = 0;
	size_t i, j;

	cands[0] = m->title;
	cands[1] = m->meta_title;
	cands[2] = m->jsonld_headline;
	cands[3] = m->doc_title;
	for (i = 0; i < m->nh1; i++) {
		const char *h = m->h1[i];

		if (*h == '\0' || strlen(h) > 300)
			continue;
		for (j = 0; j < 4; j++) {
			double in, cover;

			if (cands[j] == NULL || *cands[j] == '\0')
				continue;
			/* the words compared are ASCII ones: the length keeps a
			 * short logo in another script from passing for the title */
			if (strlen(h) * 5 < strlen(cands[j]) * 2)
				continue;
			in = text_similarity(cands[j], h);
			cover = text_similarity(h, cands[j]);
			if (in >= 0.8 && cover >= 0.4 && in + cover > best_score) {
				best = h;
				best_score = in + cover;
			}
		}
	}
	return best;
}

static void
meta_collect(struct meta *m, xmlDoc *doc)
{
	struct meta_scan ms;
	xmlNode *root = xmlDocGetRootElement(doc);

	memset(&ms, 0, sizeof ms);
	m->text_date = (time_t)-1;
	if (root != NULL) {
		xmlNode fake;

		/* walk the root element itself too */
		memset(&fake, 0, sizeof fake);
		fake.children = root;
		meta_walk(m, &ms, &fake, 0, 0);
		/* the date people see, for pages whose metadata gives none
		 * we can read */
		if (!meta_date_usable(m, ms.date.value))
			date_walk(m, &fake, 0);
	}
	m->meta_title = ms.title.value;
	m->site_name = ms.site.value;
	m->meta_author = ms.author.value;
	m->meta_date = ms.date.value;
	m->jsonld_title = jsonld_pick_title(m);
	if (m->jsonld_title != NULL)
		m->title = xstrdup(m->jsonld_title);
	else if (m->meta_title != NULL)
		m->title = xstrdup(m->meta_title);
	else
		m->title = title_from_document(m);
	{
		const char *h = headline_h1(m);

		if (h != NULL && strcmp(h, m->title) != 0)
			set_string(&m->title, xstrdup(h));
		else if (h == NULL)
			cut_site_name(m);
	}
}

/* ------------------------------------------------------ cleaning walk */

static const char *const drop_tags[] = {
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

static int
class_weight(const struct ctx *c, const xmlNode *n)
{
	const char *s;
	int w = 0;

	if (!(c->flags & F_WEIGHT_CLASSES))
		return 0;
	if ((s = html_attr(n, "class")) != NULL && *s != '\0') {
		if (negative_hint(c, s) || has_token_ci(s, "hid"))
			w -= 25;
		if (contains_any(s, positive_hints))
			w += 25;
	}
	if ((s = html_attr(n, "id")) != NULL && *s != '\0') {
		if (negative_hint(c, s) || has_token_ci(s, "hid"))
			w -= 25;
		if (contains_any(s, positive_hints))
			w += 25;
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
		if ((cl = html_attr(k, "class")) != NULL && *cl != '\0') {
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
static uint64_t
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

static int
is_visible(const xmlNode *n)
{
	const char *s;

	if (html_attr(n, "hidden") != NULL)
		return 0;
	s = html_attr(n, "aria-hidden");
	if (s != NULL && equal_ci(s, "true")) {
		const char *cl = html_attr(n, "class");

		if (cl == NULL || strstr(cl, "fallback-image") == NULL)
			return 0;
	}
	if ((s = html_attr(n, "style")) != NULL && !is_visible_style(s))
		return 0;
	return 1;
}

static int
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
	const char *cl = html_attr(n, "class"), *id = html_attr(n, "id"), *role;
	char both[512];

	role = html_attr(n, "role");
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
static size_t
paragraph_chars(const xmlNode *n, int depth)
{
	const xmlNode *c;
	size_t sum = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return 0;
	for (c = n->children; c != NULL; c = c->next) {
		if (html_is(c, "p")) {
			char *t = node_text(c);

			sum += utf8_chars(t, strlen(t));
			free(t);
		} else if (c->type == XML_ELEMENT_NODE) {
			sum += paragraph_chars(c, depth + 1);
		}
	}
	return sum;
}

/* Does n's markup say it holds the author's name? */
static int
byline_hint(const xmlNode *n)
{
	const char *s, *cl = html_attr(n, "class"), *id = html_attr(n, "id");
	char both[512];

	s = html_attr(n, "rel");
	if (s != NULL && has_token_ci(s, "author"))
		return 1;
	s = html_attr(n, "itemprop");
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
		if ((ip = html_attr(k, "itemprop")) != NULL && contains_ci(ip, "name"))
			return k;
		if ((f = itemprop_name(k, depth + 1)) != NULL)
			return f;
	}
	return NULL;
}

static int date_label(const char *s);

/* The text nodes of n, each collapsed and trimmed (empty ones left out):
 * a byline's markup parts the name from its label, role and date. */
static void
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

/* Is s only a joiner between two names: ",", "and", "&", ", and"? */
static int
name_joiner(const char *s)
{
	return strcmp(s, ",") == 0 || strcmp(s, "&") == 0 ||
	    strcmp(s, "and") == 0 || strcmp(s, ", and") == 0 ||
	    strcmp(s, ",and") == 0 || strcmp(s, "&amp;") == 0;
}

/*
 * The name at the start of s, without what bylines put after it: a
 * separator (" | ", " - ", a bullet or a middle dot...), "Updated ...",
 * "Published ...", a date or a reading time.  Appended to b.
 */
static void
byline_name(struct buf *b, const char *s)
{
	static const char *const cuts[] = {
		" | ", " / ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", "|",
		"\xE2\x80\xA2", "\xC2\xB7", " updated", " published", " posted",
		" last updated", " on ", NULL
	};
	size_t end = strlen(s), i;
	const char *p;

	for (i = 0; cuts[i] != NULL; i++) {
		const char *hit = NULL;

		if (i >= 8) {
			/* words: case-insensitive */
			size_t n = strlen(cuts[i]);

			for (p = s; *p != '\0'; p++)
				if (strncasecmp(p, cuts[i], n) == 0) {
					hit = p;
					break;
				}
		} else {
			hit = strstr(s, cuts[i]);
		}
		if (hit != NULL && (size_t)(hit - s) < end && hit > s)
			end = (size_t)(hit - s);
	}
	/* "Tom Talbot October 14, 2025": a date closing the name */
	for (p = s; p < s + end; p++)
		if (*p == ' ' && date_line(p + 1)) {
			end = (size_t)(p - s);
			break;
		}
	while (end > 0 && (text_ishtmlspace((unsigned char)s[end - 1]) ||
	    s[end - 1] == ',' || s[end - 1] == ';' || s[end - 1] == ':' ||
	    s[end - 1] == '-'))
		end--;
	(void)buf_add(b, s, end);
}

/*
 * The author's name out of a byline's text segments, without the "By"
 * label, the role, the date and the reading time that bylines carry
 * ("By Ana Diaz / 2024-05-31 / 11 min read" -> "Ana Diaz"); names
 * joined by ",", "and" or "&" in their own segments stay together.
 * NULL when no name is left.
 */
static char *
byline_clean(char **seg, size_t n)
{
	struct buf b;
	size_t i, half;
	const char *s;

	for (i = 0; i < n; i++) {
		s = skip_by_label(seg[i]);
		if (*s != '\0' && !date_line(s) && !date_label(s))
			break;
	}
	if (i == n)
		return NULL;
	buf_init(&b, META_MAX);
	for (;;) {
		size_t before = b.len;

		s = skip_by_label(seg[i]);
		byline_name(&b, s);
		/* a segment cut short ends the names: a role or date follows */
		if (b.len - before != strlen(s) || i + 2 >= n ||
		    !name_joiner(seg[i + 1]))
			break;
		(void)buf_addstr(&b, seg[i + 1][0] == ',' ? "" : " ");
		(void)buf_addstr(&b, seg[i + 1]);
		(void)buf_addc(&b, ' ');
		i += 2;
	}
	/* "Saru Yeknom Saru Yeknom": a name shown twice */
	half = b.len / 2;
	if (b.len > 2 && b.len % 2 == 1 && b.data[half] == ' ' &&
	    strncmp(b.data, b.data + half + 1, half) == 0)
		buf_truncate(&b, half);
	if (b.len == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_take(&b);
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
static int
similar_title(const char *a, const char *b)
{
	struct buf x, y;
	int same;
	size_t i;

	buf_init(&x, 0);
	buf_init(&y, 0);
	for (i = 0; a[i] != '\0'; i++)
		if ((unsigned char)a[i] >= 0x80 || (a[i] >= '0' && a[i] <= '9') ||
		    (text_tolower((unsigned char)a[i]) >= 'a' && text_tolower((unsigned char)a[i]) <= 'z'))
			(void)buf_addc(&x, (char)text_tolower((unsigned char)a[i]));
	for (i = 0; b[i] != '\0'; i++)
		if ((unsigned char)b[i] >= 0x80 || (b[i] >= '0' && b[i] <= '9') ||
		    (text_tolower((unsigned char)b[i]) >= 'a' && text_tolower((unsigned char)b[i]) <= 'z'))
			(void)buf_addc(&y, (char)text_tolower((unsigned char)b[i]));
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
static void
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

static int
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
	if ((st = html_attr(n, "style")) != NULL && !is_visible_style(st))
		return 0;
	return paragraph_chars(n, 0) * 2 > c->page_pchars;
}

static void
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

/* ------------------------------------------------------------ scoring */

static unsigned
count_commas(const char *s)
{
	unsigned n = 0;
	size_t i = 0, len = strlen(s);
	uint32_t cp;

	while (i < len) {
		if (s[i] == ',') {
			n++;
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += text_decode(s + i, len - i, &cp);
		if (cp == 0x060C || cp == 0xFE50 || cp == 0xFE10 || cp == 0xFE11 ||
		    cp == 0x2E41 || cp == 0x2E34 || cp == 0x2E32 || cp == 0xFF0C ||
		    cp == 0x3001)
			n++;
	}
	return n;
}

/* Characters of s with each whitespace run counted once, ends trimmed. */
static size_t
collapsed_chars(const char *s)
{
	size_t n = 0;
	int sp = 0;

	while (text_ishtmlspace((unsigned char)*s))
		s++;
	for (; *s != '\0'; s++) {
		if (text_ishtmlspace((unsigned char)*s)) {
			sp = 1;
			continue;
		}
		if (sp) {
			n++;
			sp = 0;
		}
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	}
	return n;
}

/* Fill text, link and commas for every element under n (post-order). */
static void
measure(struct ctx *c, xmlNode *n, int in_link)
{
	struct ninfo *ni = info(c, n);
	xmlNode *k;

	ni->text = ni->link = 0;
	ni->commas = 0;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)k->content;
			size_t i, chars = 0;
			int sp = 0;

			if (s == NULL)
				continue;
			for (i = 0; s[i] != '\0'; i++) {
				if (text_ishtmlspace((unsigned char)s[i])) {
					sp = 1;
					continue;
				}
				if (sp) {
					chars++;
					sp = 0;
				}
				if (((unsigned char)s[i] & 0xC0) != 0x80)
					chars++;
				if (s[i] == ',')
					ni->commas++;
			}
			ni->text += (double)chars;
			if (in_link)
				ni->link += (double)chars;
		} else if (k->type == XML_ELEMENT_NODE) {
			struct ninfo *ki;
			int link = in_link;

			if (html_is(k, "a") && !in_link)
				link = 1;
			measure(c, k, link);
			ki = info(c, k);
			ni->text += ki->text;
			ni->commas += ki->commas;
			if (html_is(k, "a") && !in_link) {
				const char *h = html_attr(k, "href");

				ni->link += ki->text * (h != NULL && h[0] == '#' ? 0.3 : 1.0);
			} else {
				ni->link += ki->link;
			}
		}
	}
}

static double
link_density(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = info(c, n);

	return ni->text > 0 ? ni->link / ni->text : 0;
}

static void
init_candidate(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = info(c, n);
	static const char *const plus5[] = { "div", NULL };
	static const char *const plus3[] = { "pre", "td", "blockquote", NULL };
	static const char *const minus3[] = {
		"address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL
	};
	static const char *const minus5[] = {
		"h1", "h2", "h3", "h4", "h5", "h6", "th", NULL
	};

	ni->candidate = 1;
	ni->score = 0;
	if (html_in(n, plus5))
		ni->score += 5;
	else if (html_in(n, plus3))
		ni->score += 3;
	else if (html_in(n, minus3))
		ni->score -= 3;
	else if (html_in(n, minus5))
		ni->score -= 5;
	ni->score += class_weight(c, n);
	push_node(&c->cands, &c->ncands, &c->cands_cap, n);
}

static void
score_paragraphs(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nscore; i++) {
		xmlNode *p = c->score_list[i], *a;
		struct ninfo *pi = info(c, p);
		double s;
		int level;

		if (p->parent == NULL || p->parent->type != XML_ELEMENT_NODE)
			continue;
		if (pi->text < 25)
			continue;
		s = 1 + pi->commas + fmin(floor(pi->text / 100), 3);
		for (a = p->parent, level = 0; a != NULL && level < 5;
		    a = a->parent, level++) {
			struct ninfo *ai;

			if (a->type != XML_ELEMENT_NODE || a->parent == NULL ||
			    a->parent->type != XML_ELEMENT_NODE)
				break;
			ai = info(c, a);
			if (!ai->candidate)
				init_candidate(c, a);
			ai->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		}
	}
}

static int
is_ancestor(const xmlNode *anc, const xmlNode *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

static int
element_children(const xmlNode *n)
{
	const xmlNode *c;
	int k = 0;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			k++;
	return k;
}

static xmlNode *
pick_top(struct ctx *c, xmlNode *body)
{
	xmlNode *top[TOP_CANDIDATES], *best, *p;
	size_t i, j, ntop = 0;
	double last, threshold;

	for (i = 0; i < c->ncands; i++) {
		xmlNode *n = c->cands[i];
		struct ninfo *ni = info(c, n);

		ni->score *= 1 - link_density(c, n);
		for (j = 0; j < ntop; j++)
			if (ni->score > info(c, top[j])->score)
				break;
		if (j < TOP_CANDIDATES) {
			if (ntop < TOP_CANDIDATES)
				ntop++;
			memmove(top + j + 1, top + j, (ntop - 1 - j) * sizeof *top);
			top[j] = n;
		}
	}
	if (ntop == 0 || html_is(top[0], "body"))
		return body;
	best = top[0];

	/* several strong candidates under one ancestor: take the ancestor */
	{
		size_t alt = 0;

		for (i = 1; i < ntop; i++)
			if (info(c, top[i])->score >= 0.75 * info(c, best)->score)
				alt++;
		if (alt >= 3) {
			for (p = best->parent; p != NULL && !html_is(p, "body") &&
			    p->type == XML_ELEMENT_NODE; p = p->parent) {
				size_t hits = 0;

				for (i = 1; i < ntop; i++)
					if (info(c, top[i])->score >= 0.75 * info(c, best)->score &&
					    is_ancestor(p, top[i]))
						hits++;
				if (hits >= 3) {
					best = p;
					break;
				}
			}
		}
	}
	if (!info(c, best)->candidate)
		init_candidate(c, best);

	/* a parent scoring higher than what we climbed from holds more */
	last = info(c, best)->score;
	threshold = last / 3;
	for (p = best->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !html_is(p, "body"); p = p->parent) {
		struct ninfo *pi = info(c, p);

		if (!pi->candidate)
			continue;
		if (pi->score < threshold)
			break;
		if (pi->score > last) {
			best = p;
			break;
		}
		last = pi->score;
	}
	/* an only child says nothing its parent does not */
	for (p = best->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !html_is(p, "body") && element_children(p) == 1; p = best->parent)
		best = p;
	if (!info(c, best)->candidate)
		init_candidate(c, best);
	return best;
}

static int
sentence_end(const char *s)
{
	const char *p;

	for (p = strchr(s, '.'); p != NULL; p = strchr(p + 1, '.'))
		if (p[1] == '\0' || p[1] == ' ')
			return 1;
	return 0;
}

/* The text of n's paragraphs that read as prose (40+ characters, mostly
 * not links), from the measures taken before scoring. */
static double
prose_chars(struct ctx *c, xmlNode *n, int depth)
{
	xmlNode *k;
	double sum = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return 0;
	for (k = n->children; k != NULL; k = k->next) {
		struct ninfo *ki;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		ki = info(c, k);
		if (html_is(k, "p")) {
			if (ki->text >= 40 && ki->link < ki->text * 0.5)
				sum += ki->text;
		} else {
			sum += prose_chars(c, k, depth + 1);
		}
	}
	return sum;
}

/*
 * A page built of layout rows splits one article over many containers,
 * and the best-scoring one holds a part of it.  When the top candidate
 * holds less than half the page's prose, climb to the nearest ancestor
 * that holds more than half, if what that adds is prose too (hardly any
 * links: not a list of teasers for other stories).
 */
static xmlNode *
widen(struct ctx *c, xmlNode *top, xmlNode *body)
{
	double all = prose_chars(c, body, 0);
	struct ninfo *t = info(c, top), *ai;
	xmlNode *a;

	if (all < 500 || top == body || prose_chars(c, top, 0) >= all * 0.5)
		return top;
	for (a = top->parent; a != NULL && a != body && a->type == XML_ELEMENT_NODE;
	    a = a->parent) {
		if (prose_chars(c, a, 0) < all * 0.5)
			continue;
		ai = info(c, a);
		if (ai->link - t->link >= (ai->text - t->text) * 0.15)
			break;
		if (!ai->candidate)
			init_candidate(c, a);
		return a;
	}
	return top;
}

/* Collect the top candidate and its related siblings into a new <div>. */
static xmlNode *
gather(struct ctx *c, xmlNode *top)
{
	xmlNode *out = xmlNewDocNode(c->doc, NULL, (const xmlChar *)"div", NULL);
	xmlNode *parent = top->parent, *s, *next;
	double top_score = info(c, top)->score;
	double threshold = fmax(10, top_score * 0.2);
	const char *top_class = html_attr(top, "class");

	if (parent == NULL || html_is(top, "body") || html_is(top, "html")) {
		/* the whole body: move its children */
		for (s = top->children; s != NULL; s = next) {
			next = s->next;
			xmlUnlinkNode(s);
			xmlAddChild(out, s);
		}
		return out;
	}
	for (s = parent->children; s != NULL; s = next) {
		int keep = 0;

		next = s->next;
		if (s == top) {
			keep = 1;
		} else if (s->type == XML_ELEMENT_NODE) {
			struct ninfo *si = info(c, s);
			double bonus = 0;
			const char *cl = html_attr(s, "class");

			if (top_class != NULL && *top_class != '\0' && cl != NULL &&
			    strcmp(cl, top_class) == 0)
				bonus = top_score * 0.2;
			if (si->candidate && si->score + bonus >= threshold) {
				keep = 1;
			} else if (html_is(s, "p")) {
				double ld = link_density(c, s);

				if (si->text > 80 && ld < 0.25) {
					keep = 1;
				} else if (si->text < 80 && si->text > 0 && ld == 0) {
					char *t = node_text(s);

					keep = sentence_end(t);
					free(t);
				}
			}
		}
		if (keep) {
			xmlUnlinkNode(s);
			xmlAddChild(out, s);
		}
	}
	return out;
}

/* ------------------------------------------------------- post-cleaning */

struct cstat {
	double text, link, heading;
	unsigned commas, p, img, li, input, embed;
};

static int
is_data_table(const xmlNode *t)
{
	const xmlNode *k;
	const char *s;
	unsigned rows = 0, cols = 0;

	s = html_attr(t, "role");
	if (s != NULL && equal_ci(s, "presentation"))
		return 0;
	s = html_attr(t, "datatable");
	if (s != NULL && strcmp(s, "0") == 0)
		return 0;
	if (html_attr(t, "summary") != NULL)
		return 1;
	for (k = t->children; k != NULL; k = k->next) {
		if (html_is(k, "caption") || html_is(k, "thead") ||
		    html_is(k, "tfoot") || html_is(k, "colgroup"))
			return 1;
		if (html_is(k, "tbody")) {
			const xmlNode *r;

			for (r = k->children; r != NULL; r = r->next) {
				if (html_is(r, "tr")) {
					unsigned n = (unsigned)element_children(r);
					const xmlNode *cell;

					rows++;
					cols = n > cols ? n : cols;
					for (cell = r->children; cell != NULL; cell = cell->next)
						if (html_is(cell, "th"))
							return 1;
				}
			}
		} else if (html_is(k, "tr")) {
			unsigned n = (unsigned)element_children(k);

			rows++;
			cols = n > cols ? n : cols;
		}
	}
	if (rows >= 10 || cols > 4)
		return 1;
	return rows * cols > 10;
}

static const char *const cond_tags[] = {
	"table", "ul", "ol", "div", "section", "figure", "form", "fieldset",
	"aside", "dl", "header", "nav", NULL
};

/*
 * Clean n's children (deepest first) and return n's measures.  An element
 * with a negative class weight, or with few commas and the look of
 * furniture (more links than text, more images or list items than
 * paragraphs, forms, embeds), is removed.
 */
static void
clean_cond(struct ctx *c, xmlNode *n, struct cstat *st, int depth)
{
	xmlNode *k, *next;

	memset(st, 0, sizeof *st);
	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = next) {
		struct cstat ks;

		next = k->next;
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			if (k->content == NULL)
				continue;
			st->text += (double)collapsed_chars((const char *)k->content);
			st->commas += count_commas((const char *)k->content);
			continue;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(k, "pre") || html_is(k, "code")) {
			char *t = node_text(k);

			st->text += (double)utf8_chars(t, strlen(t));
			free(t);
			continue;
		}
		clean_cond(c, k, &ks, depth + 1);
		if ((c->flags & F_CLEAN_COND) && html_in(k, cond_tags) &&
		    !(html_is(k, "table") && is_data_table(k))) {
			int weight = class_weight(c, k), remove = 0;
			double ld = ks.text > 0 ? ks.link / ks.text : 0;
			int is_list = html_is(k, "ul") || html_is(k, "ol");
			int in_figure = html_is(k, "figure") || inside(k, "figure", -1);

			if (weight < 0) {
				/* a hint in a class name is weaker than paragraphs of
				 * prose: "widget" or "media" blocks often hold the story */
				remove = !(ks.p >= 2 && ks.text >= 300 && ld < 0.2);
			} else if (ks.commas < 10) {
				double li = (double)ks.li - 100;
				double hd = ks.text > 0 ? ks.heading / ks.text : 0;

				if (ks.img > 1 && ks.p / (double)ks.img < 0.5 && !in_figure)
					remove = 1;
				else if (!is_list && li > ks.p)
					remove = 1;
				else if (ks.input > ks.p / 3)
					remove = 1;
				else if (!is_list && hd < 0.9 && ks.text < 25 &&
				    (ks.img == 0 || ks.img > 2) && !in_figure)
					remove = 1;
				else if (!is_list && weight < 25 && ld > 0.2)
					remove = 1;
				else if (weight >= 25 && ld > 0.5)
					remove = 1;
				else if ((ks.embed == 1 && ks.text < 75) || ks.embed > 1)
					remove = 1;
				/* a card made of links is not article text */
				if (is_list && ld > 0.5 && ks.p == 0 && ks.text < 400)
					remove = 1;
			}
			if (remove) {
				remove_node(k);
				continue;
			}
		}
		if (html_is(k, "a")) {
			ks.link = ks.text;
		}
		if (html_heading(k))
			ks.heading = ks.text;
		if (html_is(k, "p"))
			ks.p++;
		else if (html_is(k, "img"))
			ks.img++;
		else if (html_is(k, "li"))
			ks.li++;
		else if (html_is(k, "input"))
			ks.input++;
		else if (html_is(k, "object") || html_is(k, "embed") ||
		    html_is(k, "iframe"))
			ks.embed++;
		st->text += ks.text;
		st->link += ks.link;
		st->heading += ks.heading;
		st->commas += ks.commas;
		st->p += ks.p;
		st->img += ks.img;
		st->li += ks.li;
		st->input += ks.input;
		st->embed += ks.embed;
	}
}

/* Words a line holding only a date, a time or a reading time is made of;
 * the first DATE_MONTHS are months. */
#define DATE_MONTHS 24
static const char *const date_words[] = {
	"jan", "january", "feb", "february", "mar", "march", "apr", "april",
	"may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept",
	"september", "oct", "october", "nov", "november", "dec", "december",
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu",
	"thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun",
	"sunday", "updated", "update", "published", "posted", "last", "modified",
	"on", "date", "at", "am", "pm", "utc", "gmt", "est", "edt", "pst", "pdt",
	"cst", "cdt", "ist", "cet", "bst", "et", "pt", "ct", "mt",
	"originally", "reviewed", "min",
	"mins", "minute", "minutes", "read", "reading", "time", "estimated",
	"ago", "hour", "hours", "day", "days", "st", "nd", "rd", "th", NULL
};

/*
 * Is s a line of metadata only: a date ("Last updated: April 21, 2025",
 * "2024-05-31 08:00"), a reading time ("11 min read") or both?  It must
 * hold nothing but numbers and date_words, and a month's name, a year or
 * "read" (a price or a count alone is no date).
 */
static int
date_line(const char *s)
{
	int sure = 0, digits = 0, words = 0;

	while (*s != '\0') {
		const char *w;
		size_t n, i;
		int num = 1;

		if (!((*s >= '0' && *s <= '9') || (text_tolower((unsigned char)*s) >= 'a' &&
		    text_tolower((unsigned char)*s) <= 'z'))) {
			if ((unsigned char)*s >= 0x80)
				return 0;	/* letters of other scripts */
			s++;
			continue;
		}
		for (w = s; (*s >= '0' && *s <= '9') ||
		    (text_tolower((unsigned char)*s) >= 'a' && text_tolower((unsigned char)*s) <= 'z'); s++)
			if (!(*s >= '0' && *s <= '9'))
				num = 0;
		n = (size_t)(s - w);
		if (++words > 14)
			return 0;
		if (num) {
			digits = 1;
			if (n == 4 && (strncmp(w, "19", 2) == 0 ||
			    strncmp(w, "20", 2) == 0))
				sure = 1;
			continue;
		}
		for (i = 0; date_words[i] != NULL; i++)
			if (strlen(date_words[i]) == n &&
			    strncasecmp(w, date_words[i], n) == 0)
				break;
		if (date_words[i] == NULL) {
			/* "4th", "21st" */
			if (n >= 3 && w[0] >= '0' && w[0] <= '9')
				continue;
			return 0;
		}
		if (i < DATE_MONTHS || strcmp(date_words[i], "read") == 0 ||
		    strcmp(date_words[i], "am") == 0 ||
		    strcmp(date_words[i], "pm") == 0)
			sure = 1;
	}
	return sure && digits;
}

/* Is s only a date's label ("Updated", "Published on")? */
static int
date_label(const char *s)
{
	static const char *const labels[] = {
		"updated", "published", "posted", "last updated", "modified",
		"published on", "posted on", "updated on", "originally",
		"originally published", NULL
	};
	size_t i, n = strlen(s);

	while (n > 0 && (s[n - 1] == ':' || text_ishtmlspace((unsigned char)s[n - 1])))
		n--;
	for (i = 0; labels[i] != NULL; i++)
		if (strlen(labels[i]) == n && strncasecmp(s, labels[i], n) == 0)
			return 1;
	return 0;
}

/* s without a leading "By", "Written by", "Author:" and the like. */
static const char *
skip_by_label(const char *s)
{
	static const char *const labels[] = {
		"this post was written by", "this article was written by",
		"written by", "posted by", "authored by", "words by", "story by",
		"text by", "recipe by", "reviewed by", "read more about",
		"about the author", "by", "author", "authors", "written",
		NULL
	};
	size_t i, n;

	while (text_ishtmlspace((unsigned char)*s))
		s++;
	for (i = 0; labels[i] != NULL; i++) {
		n = strlen(labels[i]);
		if (strncasecmp(s, labels[i], n) == 0 && (s[n] == ' ' ||
		    s[n] == ':' || s[n] == '\0' || (unsigned char)s[n] == 0xC2)) {
			s += n;
			while (text_ishtmlspace((unsigned char)*s) || *s == ':' ||
			    (unsigned char)*s == 0xC2 || (unsigned char)*s == 0xA0)
				s++;
			return s;
		}
	}
	return s;
}

/*
 * Is block k a line the metadata already gives: the author's name (with or
 * without "By"), or a date or reading time?  What people call the article
 * text holds neither.  (The headline is dropped once, in prep.)
 */
static int
metadata_line(const struct ctx *c, const xmlNode *k)
{
	char *t = node_text(k);
	const char *name;
	size_t i, len = strlen(t);
	int hit = 0;

	if (len == 0 || len > 300) {
		free(t);
		return 0;
	}
	name = skip_by_label(t);
	if (name != t && *name == '\0')
		hit = 1;	/* a lone "Written by" whose name was elsewhere */
	for (i = 0; i < 3 && !hit; i++)
		if (c->authors[i] != NULL && *c->authors[i] != '\0' &&
		    (equal_ci(name, c->authors[i]) ||
		    (name != t && similar_title(name, c->authors[i]))))
			hit = 1;
	if (!hit && len < 120)
		hit = date_line(t);
	free(t);
	return hit;
}

/* How a link to another story inside the text begins. */
static const char *const teaser_openers[] = {
	"related:", "related :", "read more:", "read also:", "also read:",
	"see also:", "read next:", "recommended:", "more:", "suggested:",
	"read:", "also:", "can also read:", "you may also like", "more on this",
	NULL
};

/*
 * Is paragraph k a pointer to another story ("Related: <a>...</a>", "Read
 * more: ..."), or a bare linked headline (mostly link, no sentence)?
 */
static int
inline_teaser(struct ctx *c, xmlNode *k)
{
	char *t;
	size_t chars;
	int hit = 0;

	measure(c, k, 0);
	if (info(c, k)->link == 0)
		return 0;
	t = node_text(k);
	chars = utf8_chars(t, strlen(t));
	if (chars <= 250 && contains_any_prefix(t, teaser_openers))
		hit = 1;
	free(t);
	return hit;
}

/* Share bars, headings with negative hints, empty paragraphs. */
static void
clean_misc(struct ctx *c, xmlNode *n, int depth)
{
	xmlNode *k, *next;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = next) {
		const char *cl, *id;

		next = k->next;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		cl = html_attr(k, "class");
		id = html_attr(k, "id");
		if (((cl != NULL && (contains_ci(cl, "share") ||
		    contains_ci(cl, "sharedaddy"))) ||
		    (id != NULL && (contains_ci(id, "share") ||
		    contains_ci(id, "sharedaddy")))) && info(c, k)->text < 500) {
			remove_node(k);
			continue;
		}
		if (html_is(k, "h1"))
			xmlNodeSetName(k, (const xmlChar *)"h2");
		if (html_heading(k) && class_weight(c, k) < 0) {
			remove_node(k);
			continue;
		}
		if ((html_is(k, "p") || html_heading(k)) && !inside(k, "td", -1) &&
		    !inside(k, "th", -1) && !inside(k, "li", -1) &&
		    metadata_line(c, k)) {
			remove_node(k);
			continue;
		}
		if (html_is(k, "p") && inline_teaser(c, k)) {
			remove_node(k);
			continue;
		}
		clean_misc(c, k, depth + 1);
		if (html_is(k, "p") && is_empty_block(k)) {
			remove_node(k);
			continue;
		}
	}
}

/* ------------------------------------------------------ the tail */

static int has_visible_text(const char *s);

/* How the closing furniture of a page begins: calls to action, related
 * links, sharing, legal lines and author boxes. */
static const char *const tail_openers[] = {
	"related", "read more", "read next", "read also", "learn more",
	"more from", "more on ", "more about", "see also", "you may also",
	"you might also", "other posts", "what to read", "recommended",
	"copyright", "\xC2\xA9", "share", "follow us", "follow me",
	"subscribe", "sign up", "join our", "join the", "join my",
	"newsletter", "written by", "latest posts by", "about the author",
	"back to top", "tags", "filed under", "posted in", "categories",
	"this post may contain", "we use cookies", "click here", "get a demo",
	"book now", "contact us", "talk to us", "start your free",
	"get started", "don't miss", "don\xE2\x80\x99t miss", "leave a comment",
	"comments", NULL
};


static int
has_lower(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return 1;
	return 0;
}

/* Does t open with one of the author's names followed by "is", "has" or
 * "writes" (an author's biography)? */
static int
author_bio(const struct ctx *c, const char *t)
{
	size_t i;

	for (i = 0; i < 4; i++) {
		const char *name = i < 3 ? c->authors[i] : c->byline, *sp;
		size_t n;

		if (name == NULL || *name == '\0')
			continue;
		name = skip_by_label(name);
		/* a one-word author is a company or a user name, and the
		 * company's own sentences are often the article's */
		if (strchr(name, ' ') == NULL)
			continue;
		/* the full name, or the first name alone */
		for (n = strlen(name); n > 0; n = (sp = memchr(name, ' ', n)) ?
		    (size_t)(sp - name) : 0) {
			if (n >= 2 && strncasecmp(t, name, n) == 0 &&
			    (starts_with_ci(t + n, " is ") ||
			    starts_with_ci(t + n, " has ") ||
			    starts_with_ci(t + n, " writes ")))
				return 1;
			if (memchr(name, ' ', n) == NULL)
				break;
			/* a first name alone only when it reads as one
			 * ("Kaavya", not an acronym such as "QCY") */
			sp = memchr(name, ' ', n);
			if (sp != NULL && !has_lower(name, (size_t)(sp - name)))
				break;
		}
	}
	return 0;
}

/* The last block of n holding text, or NULL. */
static xmlNode *
last_block(xmlNode *n, int depth)
{
	static const char *const leaf[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "pre",
		"table", "blockquote", "figure", NULL
	};
	xmlNode *k, *b;

	if (depth > EXTRACT_MAX_DEPTH)
		return NULL;
	for (k = n->last; k != NULL; k = k->prev) {
		if (k->type == XML_TEXT_NODE && k->content != NULL &&
		    has_visible_text((const char *)k->content))
			return NULL;	/* loose text: no block to judge */
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (html_in(k, leaf)) {
			if (!is_empty_block(k))
				return k;
			continue;
		}
		if ((b = last_block(k, depth + 1)) != NULL)
			return b;
	}
	return NULL;
}

/* Is b, the last block of the article, closing furniture? */
static int
tail_junk(struct ctx *c, xmlNode *b)
{
	char *t;
	size_t chars;
	int junk = 0;

	if (html_heading(b))
		return 1;	/* a heading with nothing under it */
	t = node_text(b);
	/* lengths in characters: words are not space-separated everywhere */
	chars = utf8_chars(t, strlen(t));
	measure(c, b, 0);
	if (chars == 0 || (chars <= 80 && link_density(c, b) >= 0.7 &&
	    !sentence_end(t)))
		junk = 1;
	else if (chars <= 250 && contains_any_prefix(t, tail_openers))
		junk = 1;
	else if (chars <= 1000 && author_bio(c, t))
		junk = 1;
	else if (chars <= 250 && (contains_ci(t, "all rights reserved") ||
	    strstr(t, "\xC2\xA9") != NULL))
		junk = 1;
	else if (chars <= 24 && !html_is(b, "pre") && !sentence_end(t) &&
	    strpbrk(t, "!?:") == NULL)
		junk = 1;	/* "Learn More", "Book now" */
	free(t);
	return junk;
}

/*
 * Drop closing furniture from the end of the article, block by block,
 * until a block that reads as the article's own: what is left after the
 * last paragraph is mostly author boxes, calls to action and related links.
 */
static void
trim_tail(struct ctx *c, xmlNode *art)
{
	xmlNode *b;
	double total, cut = 0;
	int n;

	measure(c, art, 0);
	total = info(c, art)->text;
	for (n = 0; n < 16 && (b = last_block(art, 0)) != NULL && b != art; n++) {
		/* furniture is a small part of a page: a rule that would take
		 * more is mistaken about this one */
		if (!tail_junk(c, b) || (cut += info(c, b)->text) > total * 0.25)
			break;
		remove_node(b);
	}
}

/* ------------------------------------------------------- serialising */

struct ser {
	struct buf *out;
	const char *base;
	size_t content;		/* visible units emitted so far */
};

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

static void
esc(struct buf *out, const char *s, int quote)
{
	struct buf clean;
	size_t i;

	buf_init(&clean, 0);
	(void)text_sanitize(&clean, s, strlen(s), TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	for (i = 0; i < clean.len; i++) {
		char ch = clean.data[i];

		if (ch == '&')
			(void)buf_addstr(out, "&amp;");
		else if (ch == '<')
			(void)buf_addstr(out, "&lt;");
		else if (ch == '>')
			(void)buf_addstr(out, "&gt;");
		else if (ch == '"' && quote)
			(void)buf_addstr(out, "&quot;");
		else
			(void)buf_addc(out, ch);
	}
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
	if (strlen(u) <= 8192 && (url_is_http(u) || (allow_mailto &&
	    strncasecmp(u, "mailto:", 7) == 0 && u[7] != '\0'))) {
		buf_init(&b, 0);
		for (i = 0; u[i] != '\0'; i++) {
			unsigned char ch = (unsigned char)u[i];

			if (ch <= 0x20 || ch >= 0x7F || ch == '"' || ch == '<' ||
			    ch == '>' || ch == '\\' || ch == '^' || ch == '`' ||
			    ch == '{' || ch == '|' || ch == '}')
				(void)buf_printf(&b, "%%%02X", ch);
			else
				(void)buf_addc(&b, (char)ch);
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
	const char *src = html_attr(n, "src");
	size_t i;

	if (src != NULL && *src != '\0' && strncmp(src, "data:", 5) != 0)
		return src;
	for (i = 0; lazy[i] != NULL; i++)
		if ((src = html_attr(n, lazy[i])) != NULL && *src != '\0')
			return src;
	return NULL;
}

static int
has_visible_text(const char *s)
{
	for (; *s != '\0'; s++)
		if (!text_ishtmlspace((unsigned char)*s))
			return 1;
	return 0;
}

enum sctx { S_FLOW, S_AUTOP, S_PHRASING, S_LIST, S_TABLE, S_ROW, S_PRE };

static void ser_children(struct ser *s, const xmlNode *n, enum sctx cx,
    int depth);

static void
ser_img(struct ser *s, const xmlNode *n)
{
	const char *src = image_src(n), *alt = html_attr(n, "alt");
	char *url = src != NULL ? resolve(s->base, src, 0) : NULL;

	if (url == NULL && (alt == NULL || !has_visible_text(alt)))
		return;
	(void)buf_addstr(s->out, "<img");
	if (url != NULL) {
		(void)buf_addstr(s->out, " src=\"");
		esc(s->out, url, 1);
		(void)buf_addc(s->out, '"');
	}
	if (alt != NULL) {
		char *a = clean_string(alt, strlen(alt));

		(void)buf_addstr(s->out, " alt=\"");
		esc(s->out, a, 1);
		(void)buf_addc(s->out, '"');
		free(a);
	}
	(void)buf_addstr(s->out, ">");
	free(url);
	s->content++;
}

/* Emit <tag>children</tag>, or nothing when the children showed nothing. */
static void
ser_wrapped(struct ser *s, const xmlNode *n, const char *tag, enum sctx inner,
    int depth)
{
	size_t mark = s->out->len, before = s->content;

	(void)buf_printf(s->out, "<%s>", tag);
	ser_children(s, n, inner, depth);
	if (s->content == before) {
		buf_truncate(s->out, mark);
		return;
	}
	(void)buf_printf(s->out, "</%s>", tag);
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
		(void)buf_addstr(s->out, "<br>");
		return;
	}
	if (html_is(n, "img")) {
		if (cx == S_TABLE || cx == S_ROW || cx == S_LIST)
			return;
		if (cx == S_AUTOP && !*autop) {
			(void)buf_addstr(s->out, "<p>");
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
			(void)buf_addc(s->out, ' ');
		ser_children(s, n, cx, depth);
		if (cx == S_PHRASING)
			(void)buf_addc(s->out, ' ');
		return;
	}
	if (block && *autop) {
		(void)buf_addstr(s->out, "</p>");
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
			(void)buf_addstr(s->out, "<p>");
			*autop = 1;
		}
		if (html_is(n, "a")) {
			const char *h = html_attr(n, "href");

			if (h != NULL && (url = resolve(s->base, h, 1)) != NULL) {
				(void)buf_addstr(s->out, "<a href=\"");
				esc(s->out, url, 1);
				(void)buf_addstr(s->out, "\">");
				tag = "a";
			}
		} else if (html_in(n, inline_keep)) {
			tag = name;
			(void)buf_printf(s->out, "<%s>", tag);
		} else if (html_is(n, "tt") || html_is(n, "kbd") || html_is(n, "samp")) {
			tag = "code";
			(void)buf_addstr(s->out, "<code>");
		} else if (html_is(n, "cite") || html_is(n, "dfn") || html_is(n, "var")) {
			tag = "i";
			(void)buf_addstr(s->out, "<i>");
		}
		ser_children(s, n, cx == S_PRE ? S_PRE : S_PHRASING, depth);
		if (tag != NULL)
			(void)buf_printf(s->out, "</%s>", tag);
		free(url);
	}
}

static void
ser_children(struct ser *s, const xmlNode *n, enum sctx cx, int depth)
{
	const xmlNode *k;
	int autop = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)k->content;

			if (t == NULL)
				continue;
			if (cx == S_TABLE || cx == S_ROW || cx == S_LIST) {
				if (!has_visible_text(t))
					continue;
				if (cx == S_LIST) {
					(void)buf_addstr(s->out, "<li>");
					esc(s->out, t, 0);
					(void)buf_addstr(s->out, "</li>");
					s->content++;
				}
				continue;
			}
			if (cx == S_AUTOP && !autop) {
				if (!has_visible_text(t))
					continue;
				(void)buf_addstr(s->out, "<p>");
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
		(void)buf_addstr(s->out, "</p>");
}

/* ------------------------------------------------------------ driver */

struct attempt {
	char *html;
	char *text;		/* html as plain text: paragraphs joined by "\n\n" */
	size_t chars;		/* characters in text */
	char *byline;
	int common;		/* common_hints, and much text left out */
};

static void
attempt_release(struct attempt *at)
{
	free(at->html);
	free(at->text);
	free(at->byline);
	memset(at, 0, sizeof *at);
}

static xmlDoc *
parse(const char *html, size_t len, const char *url, const char *charset)
{
	char enc[64];
	size_t skip;

	choose_charset(html, len, charset, enc, sizeof enc, &skip);
	return html_parse(html + skip, len - skip, url, enc);
}

/* The plain-text form of an HTML fragment (caller frees); *chars its
 * length in characters. */
static char *
plain_text(const char *html, size_t *chars)
{
	struct render r;
	struct buf b;

	render_init(&r);
	buf_init(&b, 0);
	(void)render_html(&r, html, strlen(html), 0, 0, NULL);
	(void)render_to_buf(&r, &b);
	render_release(&r);
	text_rtrim(&b);
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		buf_truncate(&b, b.len - 1);
	*chars = utf8_chars(b.data, b.len);
	return buf_take(&b);
}
static void
free_chunks(struct chunk *k)
{
	while (k != NULL) {
		struct chunk *next = k->next;

		free(k);
		k = next;
	}
}

/*
 * Content written after </body> or </html> belongs to the body, as a
 * browser reads it; libxml2 puts it in a second <html> after the body,
 * where nothing would look for it.
 */
static void
adopt_trailing(xmlNode *body)
{
	xmlNode *k, *next, *kid, *knext;

	if (!html_is(body, "body"))
		return;
	/* after the body inside <html>, then after <html> itself */
	for (k = body->next != NULL ? body->next : body->parent->next; k != NULL;
	    k = next) {
		next = k->next;
		if (next == NULL && k->parent == body->parent)
			next = body->parent->next;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		xmlUnlinkNode(k);
		if (html_is(k, "html") || html_is(k, "body")) {
			/* unwrap the second html (and a body inside it) */
			for (kid = k->children; kid != NULL; kid = knext) {
				knext = kid->next;
				xmlUnlinkNode(kid);
				if (html_is(kid, "body") || html_is(kid, "head")) {
					xmlNode *g, *gnext;

					for (g = kid->children; g != NULL; g = gnext) {
						gnext = g->next;
						xmlUnlinkNode(g);
						xmlAddChild(body, g);
					}
					xmlFreeNode(kid);
				} else {
					xmlAddChild(body, kid);
				}
			}
			xmlFreeNode(k);
		} else {
			xmlAddChild(body, k);
		}
	}
}

/* One pass of cleaning, scoring and gathering over a fresh parse. */
static int
attempt_run(struct attempt *at, xmlDoc *doc, const struct meta *m,
    const char *base, int flags)
{
	struct ctx c;
	xmlNode *body, *top, *art;
	struct cstat st;
	struct buf out;
	struct ser s;

	memset(&c, 0, sizeof c);
	c.doc = doc;
	c.flags = flags;
	c.title = m->title;
	c.titles[0] = m->title;
	c.titles[1] = m->meta_title;
	c.titles[2] = m->jsonld_title;
	c.titles[3] = m->doc_title;
	c.authors[0] = m->jsonld_author;
	c.authors[1] = m->meta_author;
	c.authors[2] = m->text_byline;
	body = html_body(doc);
	if (body == NULL)
		return -1;
	cut_depth(xmlDocGetRootElement(doc));
	adopt_trailing(body);
	c.page_pchars = paragraph_chars(body, 0);
	/* only the first reading and the second one need them */
	if (flags == F_ALL || (flags & F_COMMON_HINTS))
		c.common_hints = common_hints(body);
	prep(&c, xmlDocGetRootElement(doc));
	body = html_body(doc);
	if (body == NULL) {
		free(c.byline);
		free(c.score_list);
		return -1;
	}
	measure(&c, body, 0);
	score_paragraphs(&c);
	top = pick_top(&c, body);
	top = widen(&c, top, body);
	art = gather(&c, top);
	measure(&c, art, 0);
	clean_misc(&c, art, 0);
	clean_cond(&c, art, &st, 0);
	trim_tail(&c, art);

	buf_init(&out, EXTRACT_MAX_INPUT);
	s.out = &out;
	s.base = base;
	s.content = 0;
	ser_children(&s, art, S_AUTOP, 0);
	xmlFreeNode(art);

	at->html = buf_take(&out);
	at->byline = c.byline;
	/* builder hints, and less than half the page's paragraph text
	 * taken: worth a second reading */
	at->common = c.common_hints != 0 && at->chars * 3 < c.page_pchars;
	at->text = plain_text(at->html, &at->chars);
	free(c.score_list);
	free(c.cands);
	free_chunks(c.chunks);
	return 0;
}

/* Does an author field hold a login ("andrew.keaveney", "kffnirmitap")
 * rather than a name?  Sites fill it from the account that posted. */
static int
user_name(const char *s)
{
	const char *p;
	int upper = 0;

	if (strchr(s, ' ') != NULL)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.' || *p == '_' || *p == '@' || (*p >= '0' && *p <= '9'))
			return 1;
		if ((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80)
			upper = 1;
	}
	return !upper;
}

static void
article_clear(struct article *a)
{
	a->title = xstrdup("");
	a->byline = xstrdup("");
	a->html = xstrdup("");
	a->text = xstrdup("");
	a->text_chars = 0;
	a->published = (time_t)-1;
	a->status = EXTRACT_TOO_SHORT;
}

int
extract_article(struct article *a, const char *html, size_t len,
    const char *url, const char *charset, struct err *e)
{
	static const int tries[] = {
		F_ALL, F_ALL & ~F_STRIP_UNLIKELY, F_CLEAN_COND, 0
	};
	struct attempt best = { NULL, NULL, 0, NULL, 0 };
	struct meta m;
	xmlDoc *doc;
	char *base = NULL;
	const char *date;
	size_t i;

	memset(a, 0, sizeof *a);
	article_clear(a);
	if (len == 0)
		return err_set(e, "%s: empty page", url ? url : "page");
	if (len > EXTRACT_MAX_INPUT)
		return err_set(e, "%s: page larger than %u bytes", url ? url : "page",
		    EXTRACT_MAX_INPUT);
	if (url != NULL && strlen(url) > 8192)
		url = NULL;

	memset(&m, 0, sizeof m);
	doc = parse(html, len, url, charset);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		return err_set(e, "%s: cannot parse HTML", url ? url : "page");
	}
	meta_collect(&m, doc);
	if (m.base != NULL)
		base = url_resolve(url, m.base);
	else if (url != NULL)
		base = xstrdup(url);

	for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		struct attempt at = { NULL, NULL, 0, NULL, 0 };

		if (i > 0 && (doc = parse(html, len, url, charset)) == NULL)
			break;
		if (attempt_run(&at, doc, &m, base, tries[i]) == 0) {
			if (best.html == NULL || at.chars > best.chars) {
				attempt_release(&best);
				best = at;
			} else {
				attempt_release(&at);
			}
		}
		xmlFreeDoc(doc);
		doc = NULL;
		if (best.html != NULL && best.chars >= RETRY_CHARS)
			break;
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	/*
	 * A page whose builder gives every block a negative hint is read once
	 * more with those hints ignored; the other reading wins only when it
	 * holds much more text, since a hint that is everywhere also marks
	 * the cards and widgets of pages built otherwise.
	 */
	if (best.html != NULL && best.common &&
	    (doc = parse(html, len, url, charset)) != NULL) {
		struct attempt at = { NULL, NULL, 0, NULL, 0 };

		if (attempt_run(&at, doc, &m, base, F_ALL | F_COMMON_HINTS) == 0 &&
		    at.chars * 4 > best.chars * 5) {
			attempt_release(&best);
			best = at;
		} else {
			attempt_release(&at);
		}
		xmlFreeDoc(doc);
	}

	set_string(&a->title, xstrdup(m.title ? m.title : ""));
	{
		/* the byline as the page shows it ("by A and B"), unless it
		 * does not even name the author the metadata gives */
		const char *named = m.jsonld_author ? m.jsonld_author : m.meta_author;
		int weak = named != NULL && user_name(named);

		if (best.byline != NULL && (named == NULL || weak ||
		    text_similarity(best.byline, named) > 0))
			set_string(&a->byline, clean_string(best.byline,
			    strlen(best.byline)));
		else if (named != NULL && !weak)
			set_string(&a->byline, xstrdup(named));
		else if (m.text_byline != NULL)
			set_string(&a->byline, xstrdup(m.text_byline));
		else if (named != NULL)
			set_string(&a->byline, xstrdup(named));
	}
	{
		/* the first date that parses, best source first */
		const char *dates[6];
		time_t t;

		dates[0] = m.jsonld_date;
		dates[1] = m.meta_date;
		dates[2] = m.itemprop_date;
		dates[3] = m.time_article;
		dates[4] = m.jsonld_page_date;
		dates[5] = m.time_date;
		for (i = 0; i < 6 && a->published == (time_t)-1; i++)
			if ((date = dates[i]) != NULL && date_parse(date, &t) == 0)
				a->published = t;
	}
	if (a->published == (time_t)-1)
		a->published = m.text_date;
	if (best.html != NULL) {
		set_string(&a->html, best.html);
		set_string(&a->text, best.text);
		a->text_chars = best.chars;
		best.html = best.text = NULL;
	}
	attempt_release(&best);
	a->status = a->text_chars < EXTRACT_MIN_TEXT ? EXTRACT_TOO_SHORT : EXTRACT_OK;

	free(base);
	meta_release(&m);
	return a->status;
}

void
extract_release(struct article *a)
{
	if (a == NULL)
		return;
	free(a->title);
	free(a->byline);
	free(a->html);
	free(a->text);
	memset(a, 0, sizeof *a);
	a->published = (time_t)-1;
}

int
extract_format(const struct article *a, int width, struct buf *out)
{
	struct render r;
	char date[32] = "";
	int rc = 0;

	if (a->published != (time_t)-1)
		(void)date_iso(a->published, date, sizeof date);
	if (text_sanitize(out, a->title ? a->title : "",
	    a->title ? strlen(a->title) : 0, 0) < 0 ||
	    buf_addc(out, '\n') < 0 ||
	    text_sanitize(out, a->byline ? a->byline : "",
	    a->byline ? strlen(a->byline) : 0, 0) < 0 ||
	    buf_printf(out, "\n%s\n\n", date) < 0)
		return -1;
	render_init(&r);
	if (a->html != NULL)
		(void)render_html(&r, a->html, strlen(a->html), width < 0 ? 0 : width,
		    width > 0 ? RENDER_NUMBER_LINKS | RENDER_IMAGES : 0,
		    NULL);
	rc = render_to_buf(&r, out);
	render_release(&r);
	return rc;
}
