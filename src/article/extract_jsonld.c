/*
 * extract_jsonld: the JSON-LD reader (a small bounded JSON parser) and what
 * the metadata takes from a page's JSON-LD (struct meta's jsonld_ fields).
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
		int h = text_hexval((unsigned char)p[i]);

		if (h < 0)
			return -1;
		*v = *v << 4 | (uint32_t)h;
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
	buf_init(&b, JSON_MAX_STRING);
	while (jp->p < jp->end && *jp->p != '"') {
		if (*jp->p != '\\') {
			buf_addc(&b, *jp->p++);
			continue;
		}
		if (++jp->p >= jp->end)
			break;
		switch (*jp->p) {
		case 'n': buf_addc(&b, '\n'); break;
		case 't': buf_addc(&b, '\t'); break;
		case 'r': buf_addc(&b, '\r'); break;
		case 'b': case 'f': buf_addc(&b, ' '); break;
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
			buf_add(&b, enc, text_encode(cp, enc));
			break;
		default:
			buf_addc(&b, *jp->p);
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
		else if (!(*jp->p == '-' || text_isdigit((unsigned char)*jp->p)))
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

void
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
	free(m->header_byline);
	free(m->meta_title);
	free(m->meta_author);
	free(m->twitter_author);
	free(m->meta_date);
	free(m->modified_date);
	free(m->doc_title);
	free(m->itemprop_date);
	free(m->time_date);
	free(m->time_article);
	free(m->time_pubdate);
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

/* Is every author in a an organisation or a site (schema.org's
 * Organization, WebSite and their kinds), not a person? */
static int
jsonld_publisher(const struct json *a)
{
	static const char *const kinds[] = {
		"Organization", "NewsMediaOrganization", "Corporation",
		"EducationalOrganization", "MedicalOrganization", "WebSite",
		"LocalBusiness", NULL
	};
	const struct json *e;
	int n = 0;

	if (a == NULL)
		return 0;
	for (e = a->type == JSON_ARR ? a->child : a; e != NULL;
	    e = a->type == JSON_ARR ? e->next : NULL) {
		const char *t = json_str(json_get(e, "@type"));
		size_t i;

		if (t == NULL)
			return 0;
		for (i = 0; kinds[i] != NULL && strcmp(t, kinds[i]) != 0; i++)
			;
		if (kinds[i] == NULL)
			return 0;
		n++;
	}
	return n > 0;
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
			buf_addstr(&b, i + 1 == n ? " and " : ", ");
		buf_addstr(&b, names[i]);
	}
	return buf_take(&b);
}

/* A metadata string, decoded once more as Readability does (pages
 * double-escape their og:title) with the one reference decoder. */
char *
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
			m->jsonld_publisher = jsonld_publisher(json_get(obj, "author"));
			free(names);
		}
	}
	if (m->jsonld_date == NULL)
		m->jsonld_date = jsonld_value(json_str(json_get(obj, "datePublished")));
	if (m->modified_date == NULL)
		m->modified_date = jsonld_value(json_str(json_get(obj, "dateModified")));
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

void
meta_jsonld(struct meta *m, const xmlNode *script)
{
	const xmlNode *c;
	struct buf b;
	struct json *j;

	buf_init(&b, JSONLD_MAX_SCRIPT);
	for (c = script->children; c != NULL; c = c->next)
		if (c->content != NULL)
			buf_addstr(&b, (const char *)c->content);
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
