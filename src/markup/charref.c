#include "markup/charref.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "util/buf.h"
#include "util/text.h"

/* HTML5's replacements for &#128;..&#159; (0 where windows-1252 has none). */
static const uint16_t charref_cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* The policy for a numeric reference to v. */
static uint32_t
charref_numeric(unsigned long v)
{
	if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return TEXT_REPLACEMENT;
	if (v >= 0x80 && v <= 0x9F)
		return charref_cp1252[v - 0x80] != 0 ?
		    charref_cp1252[v - 0x80] : CHARREF_NONE;
	return (uint32_t)v;
}

/* A numeric reference "&#..." at s: bytes taken, or 0; the value in *v. */
static size_t
charref_number(const char *s, size_t len, unsigned long *v)
{
	size_t i = 2, start;
	int hex = 0, d;

	if (len < 3 || s[1] != '#')
		return 0;
	if (s[2] == 'x' || s[2] == 'X') {
		hex = 1;
		i = 3;
	}
	start = i;
	*v = 0;
	for (; i < len; i++) {
		d = text_hexval((unsigned char)s[i]);
		if (d < 0 || (!hex && d > 9))
			break;
		/* saturate: any number of digits, leading zeros included */
		if (*v <= 0x10FFFF)
			*v = *v * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i == start)
		return 0;
	return i < len && s[i] == ';' ? i + 1 : i;
}

size_t
charref_parse(const char *s, size_t len, uint32_t *cp)
{
	const htmlEntityDesc *d;
	unsigned long v;
	char name[33];
	size_t n, k;

	if (len < 2 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		if ((k = charref_number(s, len, &v)) == 0)
			return 0;
		*cp = charref_numeric(v);
		return k;
	}
	for (n = 0; n + 1 < len && n < sizeof name - 1; n++) {
		char c = s[1 + n];

		if (!text_isalnum((unsigned char)c))
			break;
		name[n] = c;
	}
	if (n == 0 || 1 + n >= len || s[1 + n] != ';')
		return 0;
	name[n] = '\0';
	if (strcmp(name, "apos") == 0) {
		*cp = '\'';
	} else {
		if ((d = htmlEntityLookup((const xmlChar *)name)) == NULL)
			return 0;
		*cp = (uint32_t)d->value;
	}
	return n + 2;
}

int
charref_decode(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, k;
	uint32_t cp;
	char enc[4];
	const char *amp;

	while ((amp = memchr(s + i, '&', len - i)) != NULL) {
		i = (size_t)(amp - s);
		if ((k = charref_parse(s + i, len - i, &cp)) == 0) {
			i++;
			continue;
		}
		if (buf_add(out, s + start, i - start) < 0 ||
		    (cp != CHARREF_NONE &&
		    buf_add(out, enc, text_encode(cp, enc)) < 0))
			return -1;
		i += k;
		start = i;
	}
	return buf_add(out, s + start, len - start);
}

/* The end of the CDATA section, comment or PI at s (s[0] == '<'), or NULL. */
static const char *
charref_section_end(const char *s, const char *end)
{
	const char *close;
	size_t n = (size_t)(end - s), k;

	if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0)
		close = "]]>";
	else if (n >= 4 && memcmp(s, "<!--", 4) == 0)
		close = "-->";
	else if (n >= 2 && s[1] == '?')
		close = "?>";
	else
		return NULL;
	k = strlen(close);
	for (s += 2; (size_t)(end - s) >= k; s++)
		if (memcmp(s, close, k) == 0)
			return s + k;
	return end;
}

int
charref_prepare(struct buf *out, const char *s, size_t len, int skip_sections)
{
	const char *p = s, *end = s + len, *copied = s, *sec;
	unsigned long v;
	uint32_t cp;
	size_t k;
	int changed = 0;

	while (p < end) {
		if (skip_sections && *p == '<' &&
		    (sec = charref_section_end(p, end)) != NULL) {
			p = sec;
			continue;
		}
		if (*p != '&' || (k = charref_number(p, (size_t)(end - p), &v)) == 0) {
			p++;
			continue;
		}
		cp = charref_numeric(v);
		/* TAB, LF, CR and every ordinary character: the parser's job */
		if (cp == '\t' || cp == '\n' || cp == '\r' ||
		    (cp >= 0x20 && cp != 0x7F && v == cp)) {
			p += k;
			continue;
		}
		if (buf_add(out, copied, (size_t)(p - copied)) < 0)
			return -1;
		if (cp < 0x20 || cp == 0x7F) {
			if (buf_addc(out, (char)cp) < 0)
				return -1;
		} else if (cp != CHARREF_NONE &&
		    buf_printf(out, "&#%lu;", (unsigned long)cp) < 0) {
			return -1;
		}
		p += k;
		copied = p;
		changed = 1;
	}
	if (!changed)
		return 0;
	return buf_add(out, copied, (size_t)(end - copied)) < 0 ? -1 : 1;
}
