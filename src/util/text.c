/* wcwidth is an XSI function */
#define _XOPEN_SOURCE 700

#include "util/text.h"

#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>

#include "util/buf.h"

size_t
text_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	if (len < n) {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = TEXT_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	*cp = c;
	return n;
}

size_t
text_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = TEXT_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int
text_utf8_valid(const char *s, size_t len)
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

char *
text_utf8_dup(const char *s, size_t len)
{
	struct buf b;
	size_t i = 0, n;
	uint32_t cp;

	buf_init(&b, 0);
	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			buf_add(&b, "\xEF\xBF\xBD", 3);
		else if (cp != 0)
			buf_add(&b, s + i, n);
		i += n;
	}
	return buf_take(&b);
}

size_t
text_utf8_complete(const char *s, size_t len)
{
	size_t i = len, need;
	unsigned char c;

	/* back over at most three continuation bytes to their lead byte */
	while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return len;
	c = (unsigned char)s[i - 1];
	need = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 :
	    c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	return need > len - (i - 1) ? i - 1 : len;
}

int
text_is_removed(uint32_t cp, int flags)
{
	if (cp == '\n')
		return !(flags & TEXT_KEEP_NEWLINE);
	if (cp == '\t')
		return !(flags & TEXT_KEEP_TAB);
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	return text_is_bidi(cp);
}

int
text_is_bidi(uint32_t cp)
{
	/* every bidi formatting character (UAX #9 table 1 with the marks):
	 * ALM, LRM, RLM, the embeddings/overrides and the isolates */
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Where the escape sequence that starts at s[i] (its introducer already
 * recognised as kind) ends.  Strings (OSC, DCS, SOS, PM, APC) run to BEL
 * (OSC only) or ST, in its 7-bit (ESC \) or 8-bit form; an unterminated one
 * swallows the rest, as a terminal would.
 */
enum esc_kind { ESC_CSI, ESC_STRING, ESC_OSC };

static size_t
esc_skip(const unsigned char *s, size_t len, size_t i, enum esc_kind kind)
{
	uint32_t cp;

	if (kind == ESC_CSI) {
		/* parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E;
		 * anything else aborts the sequence and is left to the caller */
		while (i < len && s[i] >= 0x20 && s[i] <= 0x3F)
			i++;
		if (i < len && s[i] >= 0x40 && s[i] <= 0x7E)
			i++;
		return i;
	}
	while (i < len) {
		if (kind == ESC_OSC && s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1B && i + 1 < len && s[i + 1] == '\\')
			return i + 2;
		if (s[i] == 0x9C)
			return i + 1;
		if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x9C)
			return i + 2;
		i += text_decode((const char *)s + i, len - i, &cp);
	}
	return len;
}

/*
 * The end of the escape sequence whose ESC stands just before s[i]
 * (i < len): CSI, OSC and the string controls to their terminator, any
 * other as ESC, intermediates and one final byte.
 */
static size_t
esc_sequence_end(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == '[')
		return esc_skip(s, len, i + 1, ESC_CSI);
	if (s[i] == ']')
		return esc_skip(s, len, i + 1, ESC_OSC);
	if (s[i] == 'P' || s[i] == 'X' || s[i] == '^' || s[i] == '_')
		return esc_skip(s, len, i + 1, ESC_STRING);
	while (i < len && s[i] >= 0x20 && s[i] <= 0x2F)
		i++;
	if (i < len && s[i] >= 0x30 && s[i] <= 0x7E)
		i++;
	return i;
}

int
text_sanitize(struct buf *out, const char *str, size_t len, int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, run;
	uint32_t cp;
	char enc[4];

	while (i < len) {
		/* copy a run of plain printable ASCII in one go */
		run = i;
		while (run < len && s[run] >= 0x20 && s[run] < 0x7F)
			run++;
		if (run > i) {
			if (buf_add(out, s + i, run - i) < 0)
				return -1;
			i = run;
			continue;
		}
		if (s[i] == 0x1B) {
			i++;
			if (i >= len)
				break;
			i = esc_sequence_end(s, len, i);
			continue;
		}
		/*
		 * A C1 control (U+0080..U+009F, or a raw byte that decodes as
		 * U+FFFD) goes alone: once the introducer is gone the text after
		 * it is plain text, and in real feeds it is text (windows-1252
		 * punctuation mislabelled as Latin-1), not an escape payload.
		 */
		n = text_decode(str + i, len - i, &cp);
		if (cp == '\r' && (flags & TEXT_KEEP_NEWLINE)) {
			i += n;
			if (i < len && s[i] == '\n')
				i++;
			if (buf_addc(out, '\n') < 0)
				return -1;
			continue;
		}
		i += n;
		if (text_is_removed(cp, flags))
			continue;
		if (buf_add(out, enc, text_encode(cp, enc)) < 0)
			return -1;
	}
	return 0;
}

int
text_strip_escapes(struct buf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *esc;
	size_t i = 0;

	while (i < len) {
		esc = memchr(s + i, 0x1B, len - i);
		if (esc == NULL)
			return buf_add(out, s + i, len - i);
		if (buf_add(out, s + i, (size_t)(esc - (s + i))) < 0)
			return -1;
		i = (size_t)(esc - s) + 1;
		if (i >= len)
			break;
		i = esc_sequence_end(s, len, i);
	}
	return 0;
}

/* A _dup of one of the converters below: into an uncapped buffer, taken. */
static char *
text_dup_by(int (*conv)(struct buf *, const char *, size_t, int),
    const char *s, size_t len, int flags)
{
	struct buf b;

	buf_init(&b, 0);
	conv(&b, s, len, flags);
	return buf_take(&b);
}

char *
text_sanitize_dup(const char *s, size_t len, int flags)
{
	return text_dup_by(text_sanitize, s, len, flags);
}

/* ---- terminal output ----------------------------------------------- */

static int term_state;		/* 0 not read yet, 1 UTF-8, 2 converted */
static iconv_t term_cd = (iconv_t)-1;
static locale_t term_loc;

/* The locale name setlocale(LC_CTYPE, "") would use. */
static const char *
term_env_name(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return v;
	return "C";
}

static int
term_name_says_utf8(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot != NULL && (strncasecmp(dot + 1, "utf-8", 5) == 0 ||
	    strncasecmp(dot + 1, "utf8", 4) == 0);
}

void
text_term_select(const char *name)
{
	const char *codeset = NULL, *target = "ASCII";
	char to[96];
	locale_t saved;
	size_t mb = 0;

	if (term_cd != (iconv_t)-1)
		iconv_close(term_cd);
	term_cd = (iconv_t)-1;
	if (term_loc != (locale_t)0)
		freelocale(term_loc);
	term_loc = newlocale(LC_CTYPE_MASK, name, (locale_t)0);
	if (term_loc != (locale_t)0) {
		codeset = nl_langinfo_l(CODESET, term_loc);
		saved = uselocale(term_loc);
		mb = MB_CUR_MAX;
		uselocale(saved);
	} else if (term_name_says_utf8(*name ? name : term_env_name())) {
		/* a UTF-8 locale that is not installed: the terminal still is */
		codeset = "UTF-8";
	}
	if (codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 ||
	    strcasecmp(codeset, "UTF8") == 0)) {
		term_state = 1;
		return;
	}
	term_state = 2;
	/* a single-byte charset (Latin-1, KOI8-R) keeps what it can show;
	 * for other multibyte ones column counts are not ours: ASCII */
	if (codeset != NULL && *codeset != '\0' && mb == 1)
		target = codeset;
	if (snprintf(to, sizeof to, "%s//TRANSLIT", target) < (int)sizeof to)
		term_cd = iconv_open(to, "UTF-8");
	if (term_cd == (iconv_t)-1)
		term_cd = iconv_open("ASCII//TRANSLIT", "UTF-8");
}

int
text_term_is_utf8(void)
{
	if (term_state == 0)
		text_term_select("");
	return term_state == 1;
}

static int
term_is_punct(char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* One non-ASCII character s[0..n) (cp) in the terminal's charset. */
static int
term_put_char(struct buf *out, const char *s, size_t n, uint32_t cp, int flags)
{
	char tmp[32], *in = (char *)s, *op = tmp;
	size_t il = n, ol = sizeof tmp, tl = 0, i, w;
	locale_t saved;

	if (term_cd != (iconv_t)-1) {
		/* glibc transliterates with the thread's LC_CTYPE tables */
		saved = term_loc != (locale_t)0 ? uselocale(term_loc) : (locale_t)0;
		if (iconv(term_cd, &in, &il, &op, &ol) != (size_t)-1 && il == 0)
			tl = (size_t)(op - tmp);
		(void)iconv(term_cd, NULL, NULL, NULL, NULL);
		if (term_loc != (locale_t)0)
			uselocale(saved);
	}
	/* nothing the conversion made may be a control either */
	for (i = 0; i < tl; i++)
		if ((unsigned char)tmp[i] < 0x20 || tmp[i] == 0x7F)
			tl = 0;
	if (tl == 0) {
		tmp[0] = '?';
		tl = 1;
	}
	if (!(flags & TEXT_SAME_WIDTH))
		return buf_add(out, tmp, tl);
	w = (size_t)text_cp_width(cp);
	if (tl > w && !(w > 0 && term_is_punct(tmp[0]) && term_is_punct(tmp[w - 1])))
		memset(tmp, '?', tl = w);
	if (buf_add(out, tmp, tl < w ? tl : w) < 0)
		return -1;
	return tl < w ? text_spaces(out, w - tl) : 0;
}

int
text_term(struct buf *out, const char *s, size_t len, int flags)
{
	struct buf clean;
	size_t i, n, run;
	uint32_t cp;
	int rc = 0;

	if (text_term_is_utf8())
		return text_sanitize(out, s, len, flags);
	buf_init(&clean, BUF_NOLIMIT);
	text_sanitize(&clean, s, len, flags);
	for (i = 0; i < clean.len && rc == 0; i += n) {
		for (run = i; run < clean.len && (unsigned char)clean.data[run] < 0x80; run++)
			;
		if (run > i) {
			rc = buf_add(out, clean.data + i, run - i);
			n = run - i;
			continue;
		}
		n = text_decode(clean.data + i, clean.len - i, &cp);
		rc = term_put_char(out, clean.data + i, n, cp, flags);
	}
	buf_release(&clean);
	return rc;
}

char *
text_term_dup(const char *s, size_t len, int flags)
{
	return text_dup_by(text_term, s, len, flags);
}

int
text_fputs(FILE *f, const char *s, size_t len, int flags)
{
	struct buf b;
	int rc = 0;

	buf_init(&b, 0);
	if (isatty(fileno(f)))
		text_term(&b, s, len, flags & ~TEXT_END_LINE);
	else
		text_sanitize(&b, s, len, flags & ~TEXT_END_LINE);
	if (flags & TEXT_END_LINE)
		buf_addc(&b, '\n');
	if (b.len > 0 && fwrite(b.data, 1, b.len, f) != b.len)
		rc = EOF;
	buf_release(&b);
	return rc;
}

/*
 * wcwidth depends on LC_CTYPE; use our own UTF-8 locale object for it so
 * the answer does not depend on whether main() called setlocale.
 */
static locale_t text_locale;
static int text_locale_state;	/* 0 unknown, 1 ok, -1 unavailable */

static int
text_locale_get(void)
{
	static const char *names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	size_t i;

	if (text_locale_state == 0) {
		text_locale_state = -1;
		for (i = 0; i < sizeof names / sizeof names[0]; i++) {
			text_locale = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
			if (text_locale != (locale_t)0) {
				text_locale_state = 1;
				break;
			}
		}
	}
	return text_locale_state == 1;
}

/* Rough widths for systems without a UTF-8 locale. */
static int
width_fallback(uint32_t cp)
{
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/* Width with the locale already selected (or unavailable). */
static int
cp_width_raw(uint32_t cp, int have_locale)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (text_is_removed(cp, 0))
		return 0;
	if (!have_locale)
		return width_fallback(cp);
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 0 : w;
}

/* Select our locale around a batch of wcwidth calls. */
struct width_ctx {
	int have;
	locale_t saved;
};

static void
width_begin(struct width_ctx *c)
{
	c->have = text_locale_get();
	if (c->have)
		c->saved = uselocale(text_locale);
}

static void
width_end(struct width_ctx *c)
{
	if (c->have)
		uselocale(c->saved);
}

int
text_cp_width(uint32_t cp)
{
	struct width_ctx c;
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	width_begin(&c);
	w = cp_width_raw(cp, c.have);
	width_end(&c);
	return w;
}

static int
all_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7F)
			return 0;
	return 1;
}

size_t
text_width(const char *s, size_t len)
{
	struct width_ctx c;
	size_t i = 0, w = 0;
	uint32_t cp;

	if (all_ascii(s, len))
		return len;
	width_begin(&c);
	while (i < len) {
		i += text_decode(s + i, len - i, &cp);
		w += (size_t)cp_width_raw(cp, c.have);
	}
	width_end(&c);
	return w;
}

size_t
text_fit(const char *s, size_t len, size_t cols, size_t *width)
{
	struct width_ctx c;
	size_t i = 0, n, w = 0, cw;
	uint32_t cp;

	if (all_ascii(s, len)) {
		n = len < cols ? len : cols;
		if (width)
			*width = n;
		return n;
	}
	width_begin(&c);
	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		cw = (size_t)cp_width_raw(cp, c.have);
		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	width_end(&c);
	if (width)
		*width = w;
	return i;
}

int
text_truncate(struct buf *out, const char *s, size_t len, size_t cols,
    size_t *width)
{
	size_t total, n, w;

	if (width)
		*width = 0;
	if (cols == 0)
		return 0;
	total = text_width(s, len);
	if (total <= cols) {
		if (width)
			*width = total;
		return buf_add(out, s, len);
	}
	n = text_fit(s, len, cols - 1, &w);
	if (buf_add(out, s, n) < 0 || buf_addstr(out, "\xE2\x80\xA6") < 0)
		return -1;
	if (width)
		*width = w + 1;
	return 0;
}

int
text_spaces(struct buf *out, size_t n)
{
	static const char sp[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;

		if (buf_add(out, sp, k) < 0)
			return -1;
		n -= k;
	}
	return 0;
}

int
text_pad(struct buf *out, const char *s, size_t len, size_t cols)
{
	size_t w;

	if (text_truncate(out, s, len, cols, &w) < 0)
		return -1;
	return text_spaces(out, cols - w);
}

size_t
text_wrap_next(const char *s, size_t len, size_t cols, size_t *next)
{
	struct width_ctx c;
	size_t i = 0, n, w = 0, cw, brk = 0, end;
	uint32_t cp;

	if (cols == 0)
		cols = 1;
	width_begin(&c);
	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == ' ') {
			if (i > 0)
				brk = i;
			i += n;
			w++;
			if (w > cols)
				break;	/* the space itself overflows: break here */
			continue;
		}
		cw = (size_t)cp_width_raw(cp, c.have);
		if (w + cw > cols && i > 0) {
			if (brk == 0)
				brk = i;	/* no space: cut the word by width */
			break;
		}
		w += cw;
		i += n;
	}
	width_end(&c);
	if (i >= len && w <= cols)
		brk = len;
	else if (brk == 0)
		brk = i;
	/* the line ends before its trailing spaces; skip them for the next */
	end = brk;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	while (brk < len && s[brk] == ' ')
		brk++;
	*next = brk;
	return end;
}

int
text_collapse(struct buf *out, const char *s, size_t len, int *pending_space)
{
	size_t i = 0, run;

	while (i < len) {
		if (text_ishtmlspace(s[i])) {
			*pending_space = 1;
			i++;
			continue;
		}
		run = i;
		while (run < len && !text_ishtmlspace(s[run]))
			run++;
		if (*pending_space && out->len > 0 &&
		    out->data[out->len - 1] != ' ' && buf_addc(out, ' ') < 0)
			return -1;
		*pending_space = 0;
		if (buf_add(out, s + i, run - i) < 0)
			return -1;
		i = run;
	}
	return 0;
}

void
text_rtrim(struct buf *out)
{
	size_t n = out->len;

	while (n > 0 && out->data[n - 1] == ' ')
		n--;
	buf_truncate(out, n);
}

void
text_squeeze(char *s)
{
	char *o = s, *p;
	int space = 0;

	for (p = s; *p != '\0'; p++) {
		if (text_ishtmlspace(*p)) {
			space = 1;
			continue;
		}
		if (space && o != s)
			*o++ = ' ';
		space = 0;
		*o++ = *p;
	}
	*o = '\0';
}

void
text_trim(char *s)
{
	size_t n, i = 0;

	while (text_ishtmlspace(s[i]))
		i++;
	n = strlen(s + i);
	while (n > 0 && text_ishtmlspace(s[i + n - 1]))
		n--;
	memmove(s, s + i, n);
	s[n] = '\0';
}
