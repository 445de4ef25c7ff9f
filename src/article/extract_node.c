/*
 * extract_node: the small string and tree helpers of the extractor, and the
 * per-node data (scores, text measures) hung on xmlNode._private.
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

/* ---------------------------------------------------------------- helpers */

/*
 * The needles are lower case.  A short haystack (class and id values,
 * mostly) is lower-cased once and searched with strstr: contains_ci per
 * needle cost 7% of the extractor's instructions.
 */
int
contains_any(const char *hay, const char *const *needles)
{
	char low[1024];
	size_t i;

	for (i = 0; hay[i] != '\0' && i + 1 < sizeof low; i++)
		low[i] = (char)text_tolower((unsigned char)hay[i]);
	if (hay[i] != '\0') {
		for (; *needles != NULL; needles++)
			if (contains_ci(hay, *needles))
				return 1;
		return 0;
	}
	low[i] = '\0';
	for (; *needles != NULL; needles++)
		if (strstr(low, *needles) != NULL)
			return 1;
	return 0;
}

int
starts_with_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

int
contains_any_prefix(const char *s, const char *const *prefixes)
{
	for (; *prefixes != NULL; prefixes++)
		if (starts_with_ci(s, *prefixes))
			return 1;
	return 0;
}

int
equal_ci(const char *a, const char *b)
{
	while (*a != '\0' &&
	    text_tolower((unsigned char)*a) == text_tolower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

/* True when word (lower case) occurs in s as a whole space-separated token. */
int
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

/* Count what node_text_rec would append, without appending it. */
static void
node_chars_rec(const xmlNode *n, size_t *count, int *sp, int depth)
{
	const xmlNode *c;
	const unsigned char *t;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content == NULL)
				continue;
			for (t = c->content; *t != '\0'; t++) {
				if (text_ishtmlspace(*t)) {
					*sp = 1;
					continue;
				}
				if (*sp && *count > 0)
					(*count)++;
				*sp = 0;
				if ((*t & 0xC0) != 0x80)
					(*count)++;
			}
		} else if (c->type == XML_ELEMENT_NODE && !html_is(c, "script") &&
		    !html_is(c, "style")) {
			if (html_is(c, "br"))
				*sp = 1;
			node_chars_rec(c, count, sp, depth + 1);
		}
	}
}

/*
 * The characters of node_text(n), counted without building it (control
 * characters that sanitising would drop are counted): for measures on
 * every paragraph of the page, where the copies cost 3% of the
 * extractor's instructions.
 */
size_t
node_chars(const xmlNode *n)
{
	size_t count = 0;
	int sp = 0;

	node_chars_rec(n, &count, &sp, 0);
	return count;
}

/* The text of n when it is at most max bytes (caller frees), else NULL:
 * for looking at short elements without walking big ones whole. */
char *
node_text_short(const xmlNode *n, size_t max)
{
	struct buf b, s;
	int sp = 0;

	buf_init(&b, NODE_TEXT_MAX);
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
char *
node_text(const xmlNode *n)
{
	struct buf b, s;
	int sp = 0;

	buf_init(&b, NODE_TEXT_MAX);
	node_text_rec(n, &b, &sp, 0);
	text_rtrim(&b);
	buf_init(&s, 0);
	(void)text_sanitize(&s, b.data, b.len, 0);
	buf_release(&b);
	return buf_take(&s);
}

/* Collapse whitespace, trim and sanitise a metadata string (new string). */
char *
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

void
set_string(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

/* ------------------------------------------------------ per-node data */

void
push_node(xmlNode ***v, size_t *n, size_t *cap, xmlNode *x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = x;
}

void
remove_node(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Has c text and no element inside (comments aside)? */
int
text_only(const xmlNode *c)
{
	const xmlNode *k;
	int text = 0;

	for (k = c->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content != NULL)
			text = 1;
		else if (k->type != XML_COMMENT_NODE)
			return 0;
	}
	return text;
}
