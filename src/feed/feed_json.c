/*
 * feed_json: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) to
 * struct feed, with the same conventions as RSS and Atom (feed.h): the
 * same limits on items, fields, categories and enclosures, links and
 * HTML attributes resolved against the feed's URL, ids kept as written
 * and the same fallback id.  JSON is read by jansson (DESIGN.md: never a
 * hand-written JSON parser), which checks UTF-8; nesting is bounded here
 * before jansson sees the document.
 *
 * Mapping: title, home_page_url → link, description, authors (1.1) or
 * author (1.0) → author; per item id (a number is taken as its text), url
 * (else external_url) → link, title, content_html → content (else
 * content_text, escaped, lines kept), summary (plain text, escaped) →
 * summary, date_published → published, date_modified → updated,
 * authors/author, tags → categories, attachments → enclosures, image
 * (else banner_image) → image.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "feed/feed_priv.h"
#include "markup/markup.h"
#include "util/date.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

/* A string member of o, cut at a NUL and at FEED_MAX_FIELD (on a
 * character boundary), or NULL when absent, empty or not a string. */
static char *
feed_json_str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	const char *s;
	size_t n;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	n = strnlen(s, json_string_length(v));
	if (n > FEED_MAX_FIELD)
		n = text_utf8_complete(s, FEED_MAX_FIELD);
	return n ? xstrndup(s, n) : NULL;
}

/* A URL member resolved against base (absolute as it is without one). */
static char *
feed_json_url(const json_t *o, const char *key, const char *base)
{
	char *s = feed_json_str(o, key), *r;

	if (s == NULL || base == NULL)
		return s;
	r = url_resolve(base, s);
	free(s);
	return r;
}

/* Plain text as HTML: escaped, a blank line a paragraph, a line break a <br>. */
static char *
feed_json_text_html(const char *text)
{
	struct buf b;
	const char *p = text, *nl;

	buf_init(&b, FEED_MAX_FIELD);
	buf_addstr(&b, "<p>");
	while ((nl = strchr(p, '\n')) != NULL) {
		(void)markup_escape(&b, p, (size_t)(nl - p), 0);
		if (nl[1] == '\n') {
			buf_addstr(&b, "</p><p>");
			while (nl[1] == '\n')
				nl++;
		} else {
			buf_addstr(&b, "<br>");
		}
		p = nl + 1;
	}
	(void)markup_escape(&b, p, strlen(p), 0);
	buf_addstr(&b, "</p>");
	buf_truncate(&b, text_utf8_complete(b.data, b.len));
	return buf_take(&b);
}

/* The names of "authors" (1.1), else of "author" (1.0), joined by ", ". */
static char *
feed_json_authors(const json_t *o)
{
	const json_t *list = json_object_get(o, "authors"), *a;
	char *who = NULL;
	signed char prio = 0;
	size_t i;

	if (json_is_array(list)) {
		json_array_foreach(list, i, a) {
			if (json_is_object(a))
				feed_add_author(&who, &prio, feed_json_str(a, "name"), 1);
		}
	}
	a = json_object_get(o, "author");
	if (who == NULL && json_is_object(a))
		feed_add_author(&who, &prio, feed_json_str(a, "name"), 1);
	return who;
}

static void
feed_json_item(struct feed_parser *p, const json_t *o, const char *base)
{
	struct item *it = &p->it;
	const json_t *v, *a;
	char *s, *html;
	time_t t;
	size_t i;

	memset(it, 0, sizeof *it);
	p->duration = -1;	/* JSON Feed times each attachment itself */
	p->cat_cap = p->enc_cap = 0;
	v = json_object_get(o, "id");
	if (json_is_integer(v))
		it->guid = xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else
		it->guid = feed_json_str(o, "id");
	it->link = feed_json_url(o, "url", base);
	if (it->link == NULL)
		it->link = feed_json_url(o, "external_url", base);
	it->title = feed_json_str(o, "title");
	if ((html = feed_json_str(o, "content_html")) != NULL) {
		/* NULL: nothing to resolve, the HTML stays as it is */
		it->content = feed_html_rebase(html, base);
		if (it->content == NULL)
			it->content = html;
		else
			free(html);
	} else if ((s = feed_json_str(o, "content_text")) != NULL) {
		it->content = feed_json_text_html(s);
		free(s);
	}
	if ((s = feed_json_str(o, "summary")) != NULL) {
		it->summary = feed_json_text_html(s);
		free(s);
	}
	/* the fallback id hashes the date as written, as for RSS */
	p->date_raw = feed_json_str(o, "date_published");
	if (p->date_raw != NULL && date_parse(p->date_raw, &t) == 0)
		it->published = t;
	if ((s = feed_json_str(o, "date_modified")) != NULL) {
		if (date_parse(s, &t) == 0)
			it->updated = t;
		free(s);
	}
	it->author = feed_json_authors(o);
	v = json_object_get(o, "tags");
	if (json_is_array(v)) {
		json_array_foreach(v, i, a) {
			if (json_is_string(a) && json_string_length(a) > 0 &&
			    strnlen(json_string_value(a), json_string_length(a)) <= FEED_MAX_ATTR)
				feed_add_category(p, xstrdup(json_string_value(a)));
		}
	}
	v = json_object_get(o, "attachments");
	if (json_is_array(v)) {
		json_array_foreach(v, i, a) {
			const json_t *size, *dur;

			if (!json_is_object(a))
				continue;
			size = json_object_get(a, "size_in_bytes");
			dur = json_object_get(a, "duration_in_seconds");
			feed_add_enclosure(p, feed_json_url(a, "url", base),
			    feed_json_str(a, "mime_type"),
			    json_is_integer(size) && json_integer_value(size) >= 0 ?
			    (long long)json_integer_value(size) : -1,
			    json_is_number(dur) && json_number_value(dur) >= 0 &&
			    json_number_value(dur) <= 7 * 24 * 3600 ?
			    (long)json_number_value(dur) : -1);
		}
	}
	it->image = feed_json_url(o, "image", base);
	if (it->image == NULL)
		it->image = feed_json_url(o, "banner_image", base);
	feed_item_end(p);
}

/*
 * Deeper than FEED_MAX_DEPTH?  jansson recurses once a level (up to its
 * own 2048), so a hostile document is turned away before it starts.
 */
static int
feed_json_too_deep(const char *s, size_t len)
{
	size_t i;
	int depth = 0, in_str = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > FEED_MAX_DEPTH)
				return 1;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 0;
}

int
feed_is_json(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
	    data[i] == '\n'))
		i++;
	return i < len && data[i] == '{';
}

struct feed *
feed_json_parse(const char *data, size_t len, const struct feed_parse_opts *opts,
    struct err *e)
{
	const char *base = opts != NULL ? opts->url : NULL;
	struct feed_parser *p;
	struct feed *f;
	json_error_t jerr;
	json_t *root, *items, *o;
	const char *version;
	size_t i, max;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (feed_json_too_deep(data, len))
		return err_set(e, "JSON nested more than %d deep", FEED_MAX_DEPTH), NULL;
	root = json_loadb(data, len, JSON_ALLOW_NUL, &jerr);
	if (root == NULL)
		return err_set(e, "JSON error at line %d: %s", jerr.line, jerr.text), NULL;
	version = json_string_value(json_object_get(root, "version"));
	items = json_object_get(root, "items");
	if (!json_is_object(root) || !json_is_array(items) ||
	    (version != NULL && strstr(version, "jsonfeed.org/version/") == NULL)) {
		json_decref(root);
		return err_set(e, "not a feed: JSON without a JSON Feed version and items"), NULL;
	}
	f = xcalloc(1, sizeof *f);
	f->kind = FEED_JSON;
	f->title = feed_json_str(root, "title");
	f->link = feed_json_url(root, "home_page_url", base);
	f->description = feed_json_str(root, "description");
	f->author = feed_json_authors(root);
	p = xcalloc(1, sizeof *p);
	p->f = f;
	max = opts != NULL && opts->max_items ? opts->max_items : FEED_MAX_ITEMS;
	json_array_foreach(items, i, o) {
		if (f->nitems >= max)
			break;
		if (json_is_object(o))
			feed_json_item(p, o, base);
	}
	free(p);
	json_decref(root);
	return f;
}
