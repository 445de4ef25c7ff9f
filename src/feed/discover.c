#include "feed/discover.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feed/feed.h"
#include "markup/markup.h"
#include "util/url.h"
#include "util/xalloc.h"

#define DISCOVER_MAX_INPUT (8u * 1024 * 1024)
#define DISCOVER_MAX_LINKS 64
#define DISCOVER_MAX_DEPTH 64

static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/rdf+xml",
	"application/feed+json", "application/json", "text/xml", "application/xml",
};

static int
discover_type_ok(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof feed_types / sizeof feed_types[0]; i++)
		if (strncasecmp(type, feed_types[i], strlen(feed_types[i])) == 0)
			return 1;
	return 0;
}

/* rel is a space-separated list; is "alternate" (or "feed") in it? */
static int
discover_rel_ok(const char *rel)
{
	const char *p = rel;

	while (*p) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		n = strcspn(p, " \t\n");
		if ((n == 9 && strncasecmp(p, "alternate", 9) == 0) ||
		    (n == 4 && strncasecmp(p, "feed", 4) == 0))
			return 1;
		p += n;
	}
	return 0;
}

struct discover_state {
	const char *base;
	char *base_own;		/* from <base href> */
	struct discover_link *links;
	size_t n;
};

static void
discover_walk(struct discover_state *st, xmlNode *node, int depth)
{
	xmlNode *n;

	if (depth > DISCOVER_MAX_DEPTH)
		return;
	for (n = node; n && st->n < DISCOVER_MAX_LINKS; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "base") == 0 && st->base_own == NULL) {
			char *href = markup_attr_dup(n, "href");

			if (href) {
				st->base_own = url_resolve(st->base, href);
				if (st->base_own)
					st->base = st->base_own;
				free(href);
			}
		} else if (strcasecmp((const char *)n->name, "link") == 0) {
			char *rel = markup_attr_dup(n, "rel"), *type = markup_attr_dup(n, "type");
			char *href = markup_attr_dup(n, "href"), *abs = NULL;
			size_t i;
			int dup = 0;

			if (rel && type && href && discover_rel_ok(rel) && discover_type_ok(type))
				abs = url_resolve(st->base, href);
			/* a URL with controls or bidi characters would be subscribed
			 * as something other than what is shown: not a feed */
			if (abs && url_is_http(abs) && url_chars_ok(abs)) {
				for (i = 0; i < st->n; i++)
					dup |= strcmp(st->links[i].url, abs) == 0;
				if (!dup) {
					st->links = xreallocarray(st->links, st->n + 1, sizeof *st->links);
					st->links[st->n].url = abs;
					st->links[st->n].title = markup_attr_dup(n, "title");
					st->links[st->n].type = type;
					st->n++;
					abs = NULL;
					type = NULL;
				}
			}
			free(abs);
			free(rel);
			free(type);
			free(href);
		}
		discover_walk(st, n->children, depth + 1);
	}
}

/* 1 for a JSON type: JSON Feed is parsed too, but RSS and Atom carry more
 * (full content more often, and every reader agrees on them) */
static int
discover_is_json(const struct discover_link *l)
{
	return strncasecmp(l->type, "application/feed+json", 21) == 0 ||
	    strncasecmp(l->type, "application/json", 16) == 0;
}

/*
 * Put the XML types first, keeping the page's order within each kind: a
 * page that offers JSON Feed before RSS gets its RSS feed added; a page
 * that offers only JSON Feed gets that.
 */
static void
discover_prefer_parsed(struct discover_link *links, size_t n)
{
	struct discover_link *v;
	size_t i, k = 0;
	int pass;

	if (n < 2)
		return;
	v = xcalloc(n, sizeof *v);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if (discover_is_json(&links[i]) == pass)
				v[k++] = links[i];
	memcpy(links, v, n * sizeof *v);
	free(v);
}

size_t
discover_feeds(const char *html, size_t len, const char *page_url, struct discover_link **links)
{
	struct discover_state st = { .base = page_url };
	struct markup_quiet quiet;
	htmlDocPtr doc;

	*links = NULL;
	if (len == 0 || len > DISCOVER_MAX_INPUT)
		return 0;
	markup_quiet_begin(&quiet);
	doc = htmlReadMemory(html, (int)len, page_url, NULL, HTML_PARSE_RECOVER |
	    MARKUP_QUIET_OPTIONS | HTML_PARSE_NONET);
	markup_quiet_end(&quiet);
	if (doc == NULL)
		return 0;
	discover_walk(&st, xmlDocGetRootElement(doc), 0);
	xmlFreeDoc(doc);
	discover_prefer_parsed(st.links, st.n);
	free(st.base_own);
	*links = st.links;
	return st.n;
}

void
discover_free(struct discover_link *links, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(links[i].url);
		free(links[i].title);
		free(links[i].type);
	}
	free(links);
}

static int
discover_json_feed(const char *data, size_t len)
{
	static const char mark[] = "jsonfeed.org/version/";
	size_t i, n = len < 4096 ? len : 4096;

	if (!feed_is_json(data, len))
		return 0;
	/* the version is required and comes first in every feed seen */
	for (i = 0; i + sizeof mark - 1 <= n; i++)	/* memmem is not POSIX */
		if (memcmp(data + i, mark, sizeof mark - 1) == 0)
			return 1;
	return 0;
}

int
discover_is_feed(const char *data, size_t len)
{
	size_t i = 0;

	/* skip a BOM, blanks, the XML declaration, comments and doctype */
	/* JSON Feed: an object naming its version near the top */
	if (discover_json_feed(data, len))
		return 1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
			i++;
		if (i + 1 < len && data[i] == '<' && (data[i + 1] == '?' || data[i + 1] == '!')) {
			const char *end = memchr(data + i, '>', len - i);

			if (end == NULL)
				return 0;
			i = (size_t)(end - data) + 1;
			continue;
		}
		break;
	}
	if (i >= len || data[i] != '<')
		return 0;
	i++;
	/* a namespace prefix such as rdf:RDF */
	{
		size_t j = i;

		while (j < len && j < i + 32 && data[j] != ':' && data[j] != ' ' && data[j] != '>')
			j++;
		if (j < len && data[j] == ':')
			i = j + 1;
	}
	return (len - i >= 3 && strncasecmp(data + i, "rss", 3) == 0) ||
	    (len - i >= 4 && strncasecmp(data + i, "feed", 4) == 0) ||
	    (len - i >= 3 && strncasecmp(data + i, "RDF", 3) == 0);
}
