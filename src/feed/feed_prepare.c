/*
 * feed_prepare: the document's bytes before libxml2 reads them.  Owns
 * encoding detection (UTF-32 in any form read as UTF-8; UTF-16 left to
 * libxml2) and the repairs of ASCII-compatible documents where libxml2
 * would lose or garble text: numeric references, terminal escape
 * sequences, C0 controls, bare '&'.
 */
#include "feed/feed_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup/charref.h"
#include "util/text.h"
#include "util/xalloc.h"

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
		buf_add(&b, s, (size_t)(q - s));
		buf_add(&b, "&amp;", 5);
		s = q + 1;
	} while ((q = feed_next_bare_amp(s, end)) != NULL);
	buf_add(&b, s, (size_t)(end - s));
	*outlen = b.len;
	return buf_take(&b);
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
char *
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
		text_strip_escapes(&b, cur != NULL ? cur : data, n);
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

/*
 * A UTF-32 document (by its BOM, or '<' as its first 4-byte unit) as
 * UTF-8, or NULL for any other.  libxml2 reads UTF-32 in only some of its
 * forms and reports the others as an empty document; a feed is read the
 * same whichever form it takes.  Code points that are not characters
 * become U+FFFD; a trailing partial unit is dropped.
 */
char *
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
		buf_add(&b, u8, text_encode(cp, u8));
	}
	*outlen = b.len;
	return buf_take(&b);
}
