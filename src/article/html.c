#include "article/html.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

#include "util/buf.h"
#include "util/text.h"

static void
quiet_errors(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/*
 * Character references to control characters ("&#x1b;]0;title&#7;",
 * "&#155;31m") become the bytes they name, so that text_strip_escapes then
 * removes the whole sequence: libxml2 would drop only the ESC and BEL and
 * leave the sequence's payload ("]0;title") in the text.  C1 controls are
 * written in their 7-bit form (ESC and the matching final byte).  Other
 * references are copied as they are.
 */
static void
html_decode_control_refs(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned long cp = 0;
		size_t j = i + 2, digits = 0;
		int hex;

		if (s[i] != '&' || i + 2 >= len || s[i + 1] != '#') {
			(void)buf_addc(out, s[i++]);
			continue;
		}
		hex = s[j] == 'x' || s[j] == 'X';
		if (hex)
			j++;
		for (; j < len && digits < 8; j++, digits++) {
			char c = s[j];

			if (c >= '0' && c <= '9')
				cp = cp * (hex ? 16 : 10) + (unsigned long)(c - '0');
			else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
				cp = cp * 16 + (unsigned long)((c | 0x20) - 'a' + 10);
			else
				break;
		}
		if (digits == 0 || !((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    (cp >= 0x7f && cp <= 0x9f))) {
			(void)buf_addc(out, s[i++]);
			continue;
		}
		if (cp >= 0x80) {
			(void)buf_addc(out, 0x1b);
			(void)buf_addc(out, (char)(cp - 0x40));
		} else {
			(void)buf_addc(out, (char)cp);
		}
		i = j < len && s[j] == ';' ? j + 1 : j;
	}
}

static int
html_has_numeric_ref(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL && p + 1 < end) {
		if (p[1] == '#')
			return 1;
		p++;
	}
	return 0;
}

xmlDoc *
html_parse(const char *data, size_t len, const char *url, const char *encoding)
{
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	struct buf clean, refs;
	xmlDoc *doc;

	buf_init(&clean, 0);
	buf_init(&refs, 0);
	if (html_has_numeric_ref(data, len)) {
		html_decode_control_refs(&refs, data, len);
		data = refs.data;
		len = refs.len;
	}
	if (memchr(data, 0x1B, len) != NULL) {
		(void)text_strip_escapes(&clean, data, len);
		data = clean.data;
		len = clean.len;
	}
	xmlSetGenericErrorFunc(NULL, quiet_errors);
	doc = htmlReadMemory(data, (int)len, url, encoding,
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	xmlSetGenericErrorFunc(saved_ctx, saved);
	buf_release(&clean);
	buf_release(&refs);
	return doc;
}

int
html_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

int
html_in(const xmlNode *n, const char *const *list)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	for (; *list != NULL; list++)
		if (strcmp((const char *)n->name, *list) == 0)
			return 1;
	return 0;
}

int
html_heading(const xmlNode *n)
{
	const char *s;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	s = (const char *)n->name;
	if (s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0')
		return s[1] - '0';
	return 0;
}

const char *
html_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next)
		if (a->name != NULL && strcmp((const char *)a->name, name) == 0)
			return a->children != NULL && a->children->content != NULL ?
			    (const char *)a->children->content : "";
	return NULL;
}

xmlNode *
html_body(const xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *c;

	if (root == NULL)
		return NULL;
	for (c = root->children; c != NULL; c = c->next)
		if (html_is(c, "body"))
			return c;
	return root;
}
