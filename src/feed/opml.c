#include "feed/opml.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "markup/markup.h"
#include "util/text.h"
#include "util/xalloc.h"

#define OPML_MAX_DEPTH 64
#define OPML_MAX_FEEDS 100000

static void
opml_add_tag(char ***tags, size_t *ntags, const char *tag)
{
	size_t i;

	if (tag == NULL || *tag == '\0')
		return;
	for (i = 0; i < *ntags; i++)
		if (strcmp((*tags)[i], tag) == 0)
			return;
	*tags = xreallocarray(*tags, *ntags + 1, sizeof **tags);
	(*tags)[(*ntags)++] = xstrdup(tag);
}

void
opml_add(struct opml *o, const char *url, const char *title, const char *site,
    char *const *tags, size_t ntags)
{
	struct opml_feed *f;
	size_t i;

	o->feeds = xreallocarray(o->feeds, o->nfeeds + 1, sizeof *o->feeds);
	f = &o->feeds[o->nfeeds++];
	memset(f, 0, sizeof *f);
	f->url = xstrdup(url);
	f->title = title && *title ? xstrdup(title) : NULL;
	f->site = site && *site ? xstrdup(site) : NULL;
	for (i = 0; i < ntags; i++)
		opml_add_tag(&f->tags, &f->ntags, tags[i]);
}

/*
 * A text attribute (title, text, category): runs of blanks and line breaks
 * (written as &#10; they survive XML's attribute normalisation) become one
 * space, and none lead or trail, so a title never carries a line into the
 * feeds file.  With url set, only the ends are trimmed: a URL broken
 * inside stays broken and is refused where it is written.
 */
static char *
opml_text_attr(xmlNode *n, const char *name, int url)
{
	char *s = markup_attr_dup(n, name);

	if (s != NULL && url)
		text_trim(s);
	else if (s != NULL)
		text_squeeze(s);
	return s;
}

/* "/News/World,Tech" gives News, World, Tech. */
static void
opml_category_tags(const char *cat, char ***tags, size_t *ntags)
{
	char *copy = xstrdup(cat), *p = copy, *start;

	while (*p) {
		while (*p == ',' || *p == '/' || *p == ' ')
			p++;
		start = p;
		while (*p && *p != ',' && *p != '/')
			p++;
		if (p > start) {
			char save = *p, *end = p;

			while (end > start && end[-1] == ' ')
				end--;
			*end = '\0';
			opml_add_tag(tags, ntags, start);
			*end = ' ';
			*p = save;
		}
	}
	free(copy);
}

static int
opml_walk(struct opml *o, xmlNode *parent, char **path, size_t depth, struct err *e,
    const char *name)
{
	xmlNode *n;

	if (depth > OPML_MAX_DEPTH)
		return err_set(e, "%s:%ld: outlines nested deeper than %d", name,
		    xmlGetLineNo(parent), OPML_MAX_DEPTH);
	for (n = parent->children; n; n = n->next) {
		char *url, *title;

		if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name, (const xmlChar *)"outline"))
			continue;
		url = opml_text_attr(n, "xmlUrl", 1);
		if (url == NULL)
			url = opml_text_attr(n, "xmlurl", 1);
		title = opml_text_attr(n, "title", 0);
		if (title == NULL || *title == '\0') {
			free(title);
			title = opml_text_attr(n, "text", 0);
		}
		if (url && *url) {
			char *site = opml_text_attr(n, "htmlUrl", 1);
			char *cat = opml_text_attr(n, "category", 0);
			char **tags = NULL;
			size_t ntags = 0, i;

			if (o->nfeeds >= OPML_MAX_FEEDS) {
				free(site);
				free(cat);
				free(url);
				free(title);
				return err_set(e, "%s: more than %d feeds", name, OPML_MAX_FEEDS);
			}
			for (i = 0; i < depth; i++)
				opml_add_tag(&tags, &ntags, path[i]);
			if (cat)
				opml_category_tags(cat, &tags, &ntags);
			opml_add(o, url, title, site, tags, ntags);
			for (i = 0; i < ntags; i++)
				free(tags[i]);
			free(tags);
			free(site);
			free(cat);
		} else {
			int rc;

			path[depth] = title ? title : (char *)"";
			rc = opml_walk(o, n, path, depth + 1, e, name);
			if (rc < 0) {
				free(url);
				free(title);
				return -1;
			}
		}
		free(url);
		free(title);
	}
	return 0;
}

struct opml *
opml_parse(const char *data, size_t len, const char *name, struct err *e)
{
	char *path[OPML_MAX_DEPTH + 1];
	struct opml *o;
	xmlDoc *doc;
	xmlNode *root, *body;
	const xmlError *xe;
	struct markup_quiet quiet;

	if (len > (size_t)INT32_MAX) {
		err_set(e, "%s: too large", name);
		return NULL;
	}
	/* NONET, and no NOENT/DTDLOAD: entities are never expanded from outside */
	markup_quiet_begin(&quiet);
	doc = xmlReadMemory(data, (int)len, NULL, NULL,
	    XML_PARSE_NONET | MARKUP_QUIET_OPTIONS | XML_PARSE_NOCDATA);
	markup_quiet_end(&quiet);
	if (doc == NULL) {
		xe = xmlGetLastError();
		if (xe && xe->message) {
			size_t ml = strlen(xe->message);

			err_set(e, "%s:%d: %.*s", name, xe->line,
			    (int)(ml && xe->message[ml - 1] == '\n' ? ml - 1 : ml), xe->message);
		} else {
			err_set(e, "%s: not well-formed XML", name);
		}
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || xmlStrcmp(root->name, (const xmlChar *)"opml")) {
		err_set(e, "%s: not an OPML file (root element is <%s>)", name,
		    root ? (const char *)root->name : "none");
		xmlFreeDoc(doc);
		return NULL;
	}
	for (body = root->children; body; body = body->next)
		if (body->type == XML_ELEMENT_NODE && !xmlStrcmp(body->name, (const xmlChar *)"body"))
			break;
	if (body == NULL) {
		err_set(e, "%s: OPML file has no <body>", name);
		xmlFreeDoc(doc);
		return NULL;
	}
	o = xcalloc(1, sizeof *o);
	if (opml_walk(o, body, path, 0, e, name) < 0) {
		opml_free(o);
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlFreeDoc(doc);
	return o;
}

void
opml_free(struct opml *o)
{
	size_t i, j;

	if (o == NULL)
		return;
	for (i = 0; i < o->nfeeds; i++) {
		free(o->feeds[i].url);
		free(o->feeds[i].title);
		free(o->feeds[i].site);
		for (j = 0; j < o->feeds[i].ntags; j++)
			free(o->feeds[i].tags[j]);
		free(o->feeds[i].tags);
	}
	free(o->feeds);
	free(o);
}

static int
opml_write_feed(xmlTextWriter *w, const struct opml_feed *f)
{
	const char *title = f->title ? f->title : f->url;
	size_t i;
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, BAD_CAST "outline") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "rss") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "text", BAD_CAST title) < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "title", BAD_CAST title) < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlUrl", BAD_CAST f->url) < 0;
	if (f->site)
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "htmlUrl", BAD_CAST f->site) < 0;
	if (f->ntags) {
		struct buf cat;

		buf_init(&cat, 0);
		for (i = 0; i < f->ntags; i++)
			buf_printf(&cat, "%s/%s", i ? "," : "", f->tags[i]);
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "category", BAD_CAST cat.data) < 0;
		buf_release(&cat);
	}
	rc |= xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

int
opml_write(const struct opml *o, const char *title, struct buf *out, struct err *e)
{
	xmlBuffer *xb = xmlBufferCreate();
	xmlTextWriter *w;
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	size_t i, j;
	int rc = 0;

	w = xmlNewTextWriterMemory(xb, 0);
	if (w == NULL) {
		xmlBufferFree(xb);
		return err_set(e, "cannot create the OPML writer");
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	rc |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "opml") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2.0") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "head") < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST title) < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "dateCreated", BAD_CAST date) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "body") < 0;
	/* untagged feeds first, then one folder a first tag, in order of appearance */
	for (i = 0; i < o->nfeeds; i++)
		if (o->feeds[i].ntags == 0)
			rc |= opml_write_feed(w, &o->feeds[i]);
	for (i = 0; i < o->nfeeds; i++) {
		const char *folder = o->feeds[i].ntags ? o->feeds[i].tags[0] : NULL;
		int seen = 0;

		if (folder == NULL)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = o->feeds[j].ntags && strcmp(o->feeds[j].tags[0], folder) == 0;
		if (seen)
			continue;
		rc |= xmlTextWriterStartElement(w, BAD_CAST "outline") < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "text", BAD_CAST folder) < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "title", BAD_CAST folder) < 0;
		for (j = i; j < o->nfeeds; j++)
			if (o->feeds[j].ntags && strcmp(o->feeds[j].tags[0], folder) == 0)
				rc |= opml_write_feed(w, &o->feeds[j]);
		rc |= xmlTextWriterEndElement(w) < 0;
	}
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	if (rc == 0 && buf_add(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb)) < 0)
		rc = 1;
	xmlBufferFree(xb);
	return rc ? err_set(e, "cannot write OPML") : 0;
}
