#include "markup/markup.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "markup/charref.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

static void
markup_drop(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

void
markup_quiet_begin(struct markup_quiet *q)
{
	xmlInitParser();
	q->func = xmlGenericError;
	q->ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, markup_drop);
}

void
markup_quiet_end(const struct markup_quiet *q)
{
	xmlSetGenericErrorFunc(q->ctx, q->func);
}

static int
markup_has_numeric_ref(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL && p + 1 < end) {
		if (p[1] == '#')
			return 1;
		p++;
	}
	return 0;
}

/* Can the raw bytes be rewritten as ASCII?  Not in UTF-16 or UTF-32. */
static int
markup_ascii_compatible(const char *encoding)
{
	return encoding == NULL || (strncasecmp(encoding, "utf-16", 6) != 0 &&
	    strncasecmp(encoding, "utf-32", 6) != 0 &&
	    strncasecmp(encoding, "ucs", 3) != 0);
}

/*
 * The tree builder's start tag, with deep nesting flattened: an element
 * that would sit deeper than MARKUP_MAX_DEPTH is created empty and taken
 * off both the parser's and the builder's stacks, so what follows goes to
 * its parent.  libxml2 would otherwise halt at depth 256 and drop the rest
 * of the page; and a parser stack that is never deeper than this keeps
 * its search for a matching end tag (linear in the depth) cheap.
 */
static void
markup_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	const htmlElemDesc *info;

	xmlSAX2StartElement(ctx, name, atts);
	if (ctxt->nodeNr <= MARKUP_MAX_DEPTH || ctxt->nameNr < 2)
		return;
	/* a void element is popped by the parser right after */
	if ((info = htmlTagLookup(name)) != NULL && info->empty)
		return;
	(void)nodePop(ctxt);
	ctxt->nameNr--;
	ctxt->nameTab[ctxt->nameNr] = NULL;
	ctxt->name = ctxt->nameTab[ctxt->nameNr - 1];
}

static int
markup_is_utf8(const char *encoding)
{
	return strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0;
}

/*
 * The bytes of a legacy charset as UTF-8, each byte the charset does not
 * define as U+FFFD.  libxml2 stops reading at the first such byte (0x81,
 * 0x8D, 0x8F, 0x90 and 0x9D in windows-1252; any stray byte in Shift_JIS),
 * which dropped the rest of the page.  Returns -1 when iconv does not know
 * the charset (the parser then decodes it as before).
 */
static int
markup_to_utf8(struct buf *out, const char *s, size_t len, const char *encoding)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	char tmp[4096], *in = (char *)s, *o;
	size_t inleft = len, oleft;

	if (cd == (iconv_t)-1)
		return -1;
	while (inleft > 0) {
		o = tmp;
		oleft = sizeof tmp;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 &&
		    errno != E2BIG) {
			/* EILSEQ, or EINVAL: a sequence cut at the end */
			buf_add(out, tmp, sizeof tmp - oleft);
			buf_add(out, "\xEF\xBF\xBD", 3);
			in++;
			inleft--;
			(void)iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		buf_add(out, tmp, sizeof tmp - oleft);
	}
	iconv_close(cd);
	return 0;
}

/* The next stage's bytes are in *next: they become *cur, and data/len. */
static void
markup_advance(struct buf *cur, struct buf *next, const char **data,
    size_t *len)
{
	buf_release(cur);
	*cur = *next;
	buf_init(next, 0);
	*data = cur->data;
	*len = cur->len;
}

xmlDoc *
markup_html_parse(const char *data, size_t len, const char *url,
    const char *encoding)
{
	struct markup_quiet quiet;
	htmlParserCtxtPtr ctxt;
	struct buf cur, next;
	xmlDoc *doc = NULL;
	size_t i, o;

	/* each stage copies only when it changes something, and at most two
	 * copies of a (hostile, up to 32 MiB) page are alive at once */
	buf_init(&cur, 0);
	buf_init(&next, 0);
	if (encoding != NULL && !markup_is_utf8(encoding)) {
		if (markup_to_utf8(&next, data, len, encoding) == 0) {
			markup_advance(&cur, &next, &data, &len);
			encoding = "UTF-8";
		}
		buf_reset(&next);
	}
	if (markup_ascii_compatible(encoding)) {
		if (markup_has_numeric_ref(data, len) &&
		    charref_prepare(&next, data, len, 0) > 0)
			markup_advance(&cur, &next, &data, &len);
		if (memchr(data, '\0', len) != NULL) {
			buf_add(&next, data, len);
			for (i = o = 0; i < next.len; i++)
				if (next.data[i] != '\0')
					next.data[o++] = next.data[i];
			buf_truncate(&next, o);
			markup_advance(&cur, &next, &data, &len);
		}
		if (memchr(data, 0x1B, len) != NULL) {
			text_strip_escapes(&next, data, len);
			markup_advance(&cur, &next, &data, &len);
		}
	}
	if (len <= (size_t)INT32_MAX) {
		markup_quiet_begin(&quiet);
		if ((ctxt = htmlNewParserCtxt()) != NULL) {
			ctxt->sax->startElement = markup_start;
			doc = htmlCtxtReadMemory(ctxt, data, (int)len, url,
			    encoding, HTML_PARSE_RECOVER | MARKUP_QUIET_OPTIONS |
			    HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
			htmlFreeParserCtxt(ctxt);
		}
		markup_quiet_end(&quiet);
	}
	buf_release(&next);
	buf_release(&cur);
	return doc;
}

/* ---- charset policy for a page -------------------------------------- */

static int
markup_has_multibyte(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0xC2)
			return 1;
	return 0;
}

/* Copy a charset label from s into out (lower case) if it looks like one. */
static int
markup_charset_label(const char *s, size_t n, char *out, size_t size)
{
	size_t i;

	while (n > 0 && (text_ishtmlspace(*s) || *s == '"' || *s == '\'')) {
		s++;
		n--;
	}
	for (i = 0; i < n && i + 1 < size; i++) {
		char c = s[i];

		if (!(text_isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':'))
			break;
		out[i] = (char)text_tolower(c);
	}
	out[i] = '\0';
	return i > 0;
}

/* Find charset= in the <meta> tags of the page's first MARKUP_META_SCAN bytes. */
static int
markup_meta_charset(const char *s, size_t len, char *out, size_t size)
{
	static const char key[] = "charset";
	size_t i, j, k, end, lim = len < MARKUP_META_SCAN ? len : MARKUP_META_SCAN;

	for (i = 0; i + 5 < lim; i++) {
		if (s[i] != '<' || text_tolower(s[i + 1]) != 'm' ||
		    text_tolower(s[i + 2]) != 'e' || text_tolower(s[i + 3]) != 't' ||
		    text_tolower(s[i + 4]) != 'a')
			continue;
		for (end = i; end < lim && s[end] != '>'; end++)
			;
		for (j = i; j + 8 < end; j++) {
			for (k = 0; k < 7; k++)
				if (text_tolower(s[j + k]) != key[k])
					break;
			if (k < 7)
				continue;
			k = j + 7;
			while (k < end && text_ishtmlspace(s[k]))
				k++;
			if (k < end && s[k] == '=' &&
			    markup_charset_label(s + k + 1, end - k - 1, out, size))
				return 1;
		}
		i = end;
	}
	return 0;
}

void
markup_html_charset(const char *s, size_t len, const char *http, char *out,
    size_t size, size_t *skip)
{
	xmlCharEncodingHandler *h;

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
		(void)markup_charset_label(http, strlen(http), out, size);
	if (out[0] == '\0' && markup_meta_charset(s, len, out, size) &&
	    strcmp(out, "utf-8") != 0 && markup_has_multibyte(s, len) &&
	    text_utf8_valid(s, len)) {
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
	if (out[0] != '\0' && (h = xmlFindCharEncodingHandler(out)) != NULL) {
		xmlCharEncCloseFunc(h);
		return;
	}
	snprintf(out, size, "%s", text_utf8_valid(s, len) ? "utf-8" : "windows-1252");
}

xmlDoc *
markup_html_page(const char *data, size_t len, const char *url,
    const char *http_charset)
{
	char enc[64];
	size_t skip;

	markup_html_charset(data, len, http_charset, enc, sizeof enc, &skip);
	return markup_html_parse(data + skip, len - skip, url, enc);
}

const char *
markup_xml_charset(const char *http, const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	xmlCharEncodingHandlerPtr h;

	if (http == NULL || http[0] == '\0' || strlen(http) > 40 ||
	    (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
	    (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) ||
	    (len >= 2 && s[0] == 0xFF && s[1] == 0xFE))
		return NULL;
	/*
	 * ASCII says nothing the declaration cannot say better, and servers
	 * label UTF-8 feeds Latin-1 by default: valid UTF-8 with non-ASCII
	 * bytes in it is not Latin-1 text in practice.
	 */
	if (strcasecmp(http, "us-ascii") == 0 || strcasecmp(http, "ascii") == 0)
		return NULL;
	if ((strcasecmp(http, "iso-8859-1") == 0 || strcasecmp(http, "latin1") == 0 ||
	    strcasecmp(http, "iso_8859-1") == 0) && text_utf8_valid(data, len))
		return NULL;
	h = xmlFindCharEncodingHandler(http);
	if (h == NULL)
		return NULL;
	xmlCharEncCloseFunc(h);
	return http;
}

static int
markup_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcasecmp((const char *)n->name, name) == 0;
}

/* Elements whose edges separate words ("<p>a</p><p>b</p>" is "a b"). */
static int
markup_breaks(const xmlNode *n)
{
	const htmlElemDesc *info;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (markup_is(n, "br") || markup_is(n, "img") || markup_is(n, "hr"))
		return 1;
	info = htmlTagLookup(n->name);
	/* libxml2's table has no block flag: HTML 4's inline elements are
	 * the ones allowed inside a <span> */
	return info == NULL || !htmlElementAllowedHere(
	    htmlTagLookup((const xmlChar *)"span"), n->name);
}

char *
markup_html_text(const char *s, size_t len, size_t max)
{
	struct buf b;
	xmlDoc *doc;
	xmlNode *root, *n;
	int space = 0;

	buf_init(&b, max != 0 ? max : BUF_NOLIMIT);
	if (len == 0 || (doc = markup_html_parse(s, len, NULL, "UTF-8")) == NULL)
		return buf_take(&b);
	/* a walk without recursion: the tree is as deep as the page makes it */
	n = root = xmlDocGetRootElement(doc);
	while (n != NULL) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL && text_collapse(&b,
			    (const char *)n->content,
			    strlen((const char *)n->content), &space) < 0)
				break;
		} else if (markup_breaks(n)) {
			space = 1;
		}
		if (n->children != NULL && n->type == XML_ELEMENT_NODE &&
		    !markup_is(n, "script") && !markup_is(n, "style")) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (markup_breaks(n))
				space = 1;
		}
		n = n == root ? NULL : n->next;
	}
	xmlFreeDoc(doc);
	text_rtrim(&b);
	return buf_take(&b);
}

int
markup_escape(struct buf *out, const char *s, size_t len, int attr)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		default:
			rep = NULL;
		}
		if (rep == NULL)
			continue;
		if (buf_add(out, s + start, i - start) < 0 || buf_addstr(out, rep) < 0)
			return -1;
		start = i + 1;
	}
	return buf_add(out, s + start, len - start);
}

const char *
markup_attr(const xmlNode *n, const char *name)
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

char *
markup_attr_dup(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}
