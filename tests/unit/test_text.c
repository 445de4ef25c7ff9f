/* Unit tests for util/text: decoding, sanitising, widths, truncation, wrapping. */
#define _GNU_SOURCE	/* fopencookie: a stream that counts its writes */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

struct width_case {
	const char *s;
	size_t width;
};

static void
test_width_table(void **state)
{
	static const struct width_case cases[] = {
		{ "", 0 },
		{ "hello", 5 },
		{ "\xE4\xB8\xAD\xE6\x96\x87", 4 },		/* 中文 */
		{ "e\xCC\x81", 1 },				/* e + combining acute */
		{ "\xF0\x9F\x98\x80", 2 },			/* grinning face */
		{ "a\xF0\x9F\x91\x8D" "b", 4 },			/* thumbs up */
		{ "\xEF\xBD\x81", 2 },				/* fullwidth a */
		{ "\xE2\x80\xA6", 1 },				/* ellipsis */
		{ "a\x1b" "b", 2 },				/* control: 0 */
		{ "\xFF", 1 },					/* invalid -> U+FFFD */
		{ "x\xE2\x80\xAEy", 2 },			/* RLO: 0 */
		{ "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", 5 },	/* Arabic */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t w = text_width(cases[i].s, strlen(cases[i].s));

		if (w != cases[i].width)
			fail_msg("case %zu: width %zu, want %zu", i, w, cases[i].width);
	}
}

static void
test_width_ignores_program_locale(void **state)
{
	(void)state;
	/* the program's locale is "C" here (no setlocale): still 2 columns */
	assert_int_equal(text_width("\xE4\xB8\xAD", 3), 2);
	assert_int_equal(text_cp_width(0x4E2D), 2);
	assert_int_equal(text_cp_width(0x301), 0);
	assert_int_equal(text_cp_width('\t'), 0);
}

struct decode_case {
	const char *s;
	size_t len;
	uint32_t cp;
	size_t used;
};

static void
test_decode_invalid_table(void **state)
{
	static const struct decode_case cases[] = {
		{ "A", 1, 'A', 1 },
		{ "\xC3\xA9", 2, 0xE9, 2 },
		{ "\xE2\x82\xAC", 3, 0x20AC, 3 },
		{ "\xF0\x9F\x98\x80", 4, 0x1F600, 4 },
		{ "\x80", 1, TEXT_REPLACEMENT, 1 },		/* stray continuation */
		{ "\xC0\xAF", 2, TEXT_REPLACEMENT, 1 },		/* overlong '/' */
		{ "\xE0\x80\xAF", 3, TEXT_REPLACEMENT, 1 },	/* overlong */
		{ "\xED\xA0\x80", 3, TEXT_REPLACEMENT, 1 },	/* surrogate */
		{ "\xF4\x90\x80\x80", 4, TEXT_REPLACEMENT, 1 },	/* > U+10FFFF */
		{ "\xE2\x82", 2, TEXT_REPLACEMENT, 1 },		/* truncated */
		{ "\xC3" "A", 2, TEXT_REPLACEMENT, 1 },		/* bad continuation */
	};
	size_t i, n;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = text_decode(cases[i].s, cases[i].len, &cp);
		if (n != cases[i].used || cp != cases[i].cp)
			fail_msg("case %zu: got U+%04X/%zu, want U+%04X/%zu", i,
			    (unsigned)cp, n, (unsigned)cases[i].cp, cases[i].used);
	}
}

static void
test_encode_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF };
	char enc[4];
	uint32_t cp;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = text_encode(cps[i], enc);
		assert_int_equal(text_decode(enc, n, &cp), n);
		assert_int_equal(cp, cps[i]);
	}
	n = text_encode(0xD800, enc);	/* surrogates cannot be encoded */
	assert_int_equal(text_decode(enc, n, &cp), 3);
	assert_int_equal(cp, TEXT_REPLACEMENT);
}

struct sanitize_case {
	const char *name;
	const char *in;
	size_t len;	/* 0: strlen */
	int flags;
	const char *want;
};

#define S(x) x, sizeof(x) - 1
#define FFFD "\xEF\xBF\xBD"


static const struct sanitize_case sanitize_cases[] = {
	{ "plain", S("hello world"), 0, "hello world" },
	{ "csi colour", S("\x1b[31mred\x1b[0m text"), 0, "red text" },
	{ "csi private", S("a\x1b[?1049hb"), 0, "ab" },
	{ "csi clear screen", S("\x1b[2J\x1b[Hhi"), 0, "hi" },
	{ "osc 52 clipboard bel", S("x\x1b]52;c;ZXZpbA==\x07y"), 0, "xy" },
	{ "osc title st", S("x\x1b]0;pwned title\x1b\\y"), 0, "xy" },
	{ "osc 8 hyperlink", S("\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\"), 0, "link" },
	{ "osc unterminated", S("ok\x1b]2;never ends"), 0, "ok" },
	{ "dcs", S("a\x1bPq#0;2;0;0;0\x1b\\b"), 0, "ab" },
	{ "apc", S("a\x1b_Gf=100;AAAA\x1b\\b"), 0, "ab" },
	{ "charset select", S("a\x1b(Bb"), 0, "ab" },
	{ "keypad mode", S("a\x1b=b"), 0, "ab" },
	{ "lone esc at end", S("abc\x1b"), 0, "abc" },
	/* a C1 control goes alone: the text after it stays (issue 11.2) */
	{ "raw 8-bit csi", S("a\x9b" "31mb"), 0, "a\xEF\xBF\xBD" "31mb" },
	{ "utf-8 c1 csi", S("a\xC2\x9b" "31mb"), 0, "a31mb" },
	{ "utf-8 c1 osc", S("a\xC2\x9d" "0;t\xC2\x9c" "b"), 0, "a0;tb" },
	{ "utf-8 c1 nel", S("a\xC2\x85" "b"), 0, "ab" },
	{ "c1 sos keeps the rest", S("x\xC2\x98 the rest of the article"), 0,
	  "x the rest of the article" },
	{ "c1 apc keeps the rest", S("x\xC2\x9f" "after"), 0, "xafter" },
	{ "c1 pm keeps the rest", S("x\xC2\x9e" "after"), 0, "xafter" },
	{ "c1 dcs keeps the rest", S("x\xC2\x90" "after"), 0, "xafter" },
	{ "c1 then 7-bit osc", S("\xC2\x9b" "a\x1b]0;t\x07" "b"), 0, "ab" },
	{ "osc ended by 8-bit st", S("a\x1b]0;t\xC2\x9c" "b"), 0, "ab" },
	{ "c0 controls", S("a\x01\x07\x08\x7f" "b"), 0, "ab" },
	{ "nul", S("a\0b"), 0, "ab" },
	{ "newline dropped", S("a\nb\tc"), 0, "abc" },
	{ "newline kept", S("a\r\nb\rc\nd"), TEXT_KEEP_NEWLINE, "a\nb\nc\nd" },
	{ "tab kept", S("a\tb\n"), TEXT_KEEP_TAB, "a\tb" },
	{ "bidi override", S("abc\xE2\x80\xAE" "fdp.exe"), 0, "abcfdp.exe" },
	{ "bidi isolate", S("\xE2\x81\xA6x\xE2\x81\xA9"), 0, "x" },
	/* every bidi control alike (issue 11.4) */
	{ "bidi lrm", S("a\xE2\x80\x8E" "b"), 0, "ab" },
	{ "bidi rlm", S("a\xE2\x80\x8F" "b"), 0, "ab" },
	{ "bidi alm", S("a\xD8\x9C" "b"), 0, "ab" },
	{ "bidi embeddings", S("\xE2\x80\xAA" "a\xE2\x80\xAB" "b\xE2\x80\xAC" "c\xE2\x80\xAD"), 0, "abc" },
	{ "zwj stays", S("a\xE2\x80\x8D" "b"), 0, "a\xE2\x80\x8D" "b" },
	{ "invalid utf-8", S("a\xFF\xC3(b"), 0, "a\xEF\xBF\xBD\xEF\xBF\xBD(b" },
	{ "keeps utf-8", S("caf\xC3\xA9 \xE4\xB8\xAD"), 0, "caf\xC3\xA9 \xE4\xB8\xAD" },
};

static void
test_sanitize_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sanitize_cases / sizeof sanitize_cases[0]; i++) {
		const struct sanitize_case *c = &sanitize_cases[i];
		char *got = text_sanitize_dup(c->in, c->len, c->flags);

		if (strcmp(got, c->want) != 0) {
			free(got);
			fail_msg("%s: unexpected output", c->name);
		}
		free(got);
	}
}

static void
test_sanitize_output_has_no_controls(void **state)
{
	unsigned char junk[4096];
	unsigned int seed = 12345;
	size_t i;
	struct buf b;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof junk; i++) {
		seed = seed * 1103515245u + 12345u;
		junk[i] = (unsigned char)(seed >> 16);
	}
	buf_init(&b, 0);
	assert_int_equal(text_sanitize(&b, (const char *)junk, sizeof junk, 0), 0);
	for (i = 0; i < b.len; ) {
		size_t n = text_decode(b.data + i, b.len - i, &cp);

		assert_false(text_is_removed(cp, 0));
		assert_true(cp != 0x1B);
		i += n;
	}
	buf_release(&b);
}

static void
test_strip_escapes_keeps_other_bytes(void **state)
{
	/* latin-1 bytes and controls other than ESC stay as they are */
	static const char in[] = "caf\xE9\x1b[1mbold\x1b[0m\x1b]2;t\x07\tx\x9c";
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(text_strip_escapes(&b, in, sizeof in - 1), 0);
	assert_int_equal(b.len, 11);
	assert_memory_equal(b.data, "caf\xE9" "bold\tx\x9c", 11);
	buf_release(&b);
}

static void
test_sanitize_respects_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 4);
	assert_int_equal(text_sanitize(&b, S("abcdefgh"), 0), -1);
	assert_true(b.len <= 4);
	buf_release(&b);
}

struct trunc_case {
	const char *in;
	size_t cols;
	const char *want;
	size_t width;
};

static void
test_truncate_table(void **state)
{
	static const struct trunc_case cases[] = {
		{ "hello", 10, "hello", 5 },
		{ "hello", 5, "hello", 5 },
		{ "hello world", 5, "hell\xE2\x80\xA6", 5 },
		{ "hello", 1, "\xE2\x80\xA6", 1 },
		{ "hello", 0, "", 0 },
		/* 中文字 is 6 columns; in 4 only one wide char fits before … */
		{ "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 4, "\xE4\xB8\xAD\xE2\x80\xA6", 3 },
		{ "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 5, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6", 5 },
		/* a combining mark stays with its base */
		{ "e\xCC\x81" "abc", 2, "e\xCC\x81\xE2\x80\xA6", 2 },
	};
	size_t i, w;
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		assert_int_equal(text_truncate(&b, cases[i].in,
		    strlen(cases[i].in), cases[i].cols, &w), 0);
		if (strcmp(b.data, cases[i].want) != 0 || w != cases[i].width)
			fail_msg("case %zu: got \"%s\" (%zu cols)", i, b.data, w);
	}
	buf_release(&b);
}

static void
test_pad(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(text_pad(&b, S("ab"), 5), 0);
	assert_string_equal(b.data, "ab   ");
	buf_reset(&b);
	assert_int_equal(text_pad(&b, S("\xE4\xB8\xAD"), 5), 0);
	assert_string_equal(b.data, "\xE4\xB8\xAD   ");
	assert_int_equal(text_width(b.data, b.len), 5);
	buf_reset(&b);
	assert_int_equal(text_pad(&b, S("abcdefg"), 4), 0);
	assert_string_equal(b.data, "abc\xE2\x80\xA6");
	buf_release(&b);
}

/* Wrap s at cols and join the lines with '|'. */
static char *
wrap_all(const char *s, size_t cols)
{
	struct buf b;
	size_t pos = 0, len = strlen(s), n, next;

	buf_init(&b, 0);
	while (pos < len) {
		n = text_wrap_next(s + pos, len - pos, cols, &next);
		if (b.len > 0)
			assert_int_equal(buf_addc(&b, '|'), 0);
		assert_int_equal(buf_add(&b, s + pos, n), 0);
		assert_true(next > 0);
		pos += next;
	}
	return buf_take(&b);
}

struct wrap_case {
	const char *in;
	size_t cols;
	const char *want;
};

static void
test_wrap_table(void **state)
{
	static const struct wrap_case cases[] = {
		{ "the quick brown fox", 10, "the quick|brown fox" },
		{ "the quick brown fox", 9, "the quick|brown fox" },
		{ "the quick brown fox", 19, "the quick brown fox" },
		{ "aaaaaaaaaaaa bb", 5, "aaaaa|aaaaa|aa bb" },
		{ "see https://example.com/a/very/long/path ok", 12,
		    "see|https://exam|ple.com/a/ve|ry/long/path|ok" },
		{ "a  b", 1, "a|b" },
		/* wide characters never straddle the edge */
		{ "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 5,
		    "\xE4\xB8\xAD\xE6\x96\x87|\xE5\xAD\x97" },
		/* a wide character in a one-column line still makes progress */
		{ "\xE4\xB8\xAD\xE6\x96\x87", 1, "\xE4\xB8\xAD|\xE6\x96\x87" },
		/* combining marks stay on the line of their base */
		{ "abcde\xCC\x81 fg", 5, "abcde\xCC\x81|fg" },
	};
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = wrap_all(cases[i].in, cases[i].cols);
		if (strcmp(got, cases[i].want) != 0) {
			print_error("case %zu: got \"%s\"\n", i, got);
			free(got);
			fail();
		}
		free(got);
	}
}

static void
test_wrap_lines_fit(void **state)
{
	const char *s = "Lorem ipsum dolor sit amet, \xE4\xB8\xAD\xE6\x96\x87 "
	    "consectetur adipiscing elit, https://example.org/xxxxxxxxxxxxxxxxxxxx "
	    "sed do eiusmod \xF0\x9F\x98\x80 tempor incididunt.";
	size_t cols, pos, len = strlen(s), n, next;

	(void)state;
	for (cols = 2; cols < 40; cols++) {
		for (pos = 0; pos < len; pos += next) {
			n = text_wrap_next(s + pos, len - pos, cols, &next);
			assert_true(text_width(s + pos, n) <= cols);
			assert_true(next > 0);
		}
	}
}

static void
test_collapse(void **state)
{
	struct buf b;
	int sp = 0;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(text_collapse(&b, S("  a \t\r\n b  "), &sp), 0);
	assert_int_equal(text_collapse(&b, S("c"), &sp), 0);
	assert_int_equal(text_collapse(&b, S("d "), &sp), 0);
	text_rtrim(&b);
	assert_string_equal(b.data, "a b cd");
	buf_release(&b);
}

/*
 * The ASCII classes against their definitions, for every byte as an
 * unsigned char value and as a (possibly negative) char, and EOF: no byte
 * past ASCII is in any class, whatever the program's locale.
 */
static void
test_ascii_classes(void **state)
{
	char *saved = strdup(setlocale(LC_CTYPE, NULL));
	int c;

	(void)state;
	/* a Latin-1 locale would make isalpha(0xE9) true: ours stay ASCII */
	if (setlocale(LC_CTYPE, "en_US.ISO-8859-1") == NULL)
		(void)setlocale(LC_CTYPE, "");
	for (c = -128; c < 256; c++) {
		int ascii = c >= 0 && c < 128;
		int digit = ascii && strchr("0123456789", c) != NULL && c != 0;
		int alpha = ascii && c != 0 &&
		    strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", c) != NULL;
		int xdigit = ascii && c != 0 && strchr("0123456789abcdefABCDEF", c) != NULL;
		int space = ascii && c != 0 && strchr(" \t\n\v\f\r", c) != NULL;
		int hspace = ascii && c != 0 && strchr(" \t\n\f\r", c) != NULL;

		assert_int_equal(!!text_isdigit(c), digit);
		assert_int_equal(!!text_isalpha(c), alpha);
		assert_int_equal(!!text_isalnum(c), alpha || digit);
		assert_int_equal(!!text_isxdigit(c), xdigit);
		assert_int_equal(!!text_isupper(c), alpha && c < 'a');
		assert_int_equal(!!text_isspace(c), space);
		assert_int_equal(!!text_ishtmlspace(c), hspace);
		assert_int_equal(text_tolower(c), alpha && c < 'a' ? c + 32 : c);
		assert_int_equal(text_hexval(c), !xdigit ? -1 : digit ? c - '0' :
		    (c | 32) - 'a' + 10);
	}
	assert_false(text_isspace(EOF) || text_isalpha(EOF) || text_isdigit(EOF));
	/* the bytes of "é" and a no-break space, as a signed char holds them */
	assert_false(text_isalpha((char)0xE9) || text_isalpha((unsigned char)0xE9));
	assert_false(text_isspace((char)0xA0) || text_ishtmlspace((unsigned char)0xA0));
	(void)setlocale(LC_CTYPE, saved);
	free(saved);
}

struct utf8_case {
	const char *s;
	size_t len;
	int valid;
	const char *dup;	/* text_utf8_dup */
	size_t complete;	/* text_utf8_complete */
};

static void
test_utf8_whole(void **state)
{
	static const struct utf8_case cases[] = {
		{ "", 0, 1, "", 0 },
		{ "plain", 5, 1, "plain", 5 },
		{ "caf\xC3\xA9", 5, 1, "caf\xC3\xA9", 5 },
		{ "a\0b", 3, 1, "ab", 3 },		/* NUL: valid, dropped */
		{ "\xEF\xBF\xBD", 3, 1, FFFD, 3 },	/* a real U+FFFD */
		{ "\xF0\x9F\x98\x80", 4, 1, "\xF0\x9F\x98\x80", 4 },
		/* invalid bytes: U+FFFD each */
		{ "a\xFF" "b", 3, 0, "a" FFFD "b", 3 },
		{ "\xC0\xAF", 2, 0, FFFD FFFD, 2 },	/* overlong */
		{ "\xED\xA0\x80", 3, 0, FFFD FFFD FFFD, 3 },	/* surrogate */
		{ "\xF4\x90\x80\x80", 4, 0, FFFD FFFD FFFD FFFD, 4 },
		{ "x\x80", 2, 0, "x" FFFD, 2 },	/* stray continuation */
		/* cut short at the end: complete() drops the piece */
		{ "ab\xE2\x82", 4, 0, "ab" FFFD FFFD, 2 },
		{ "ab\xE2", 3, 0, "ab" FFFD, 2 },
		{ "\xF0\x9F\x98", 3, 0, FFFD FFFD FFFD, 0 },
		{ "ab\xE2\x82\xAC", 5, 1, "ab\xE2\x82\xAC", 5 },
		{ "a\x80\x80\x80\x80", 5, 0, "a" FFFD FFFD FFFD FFFD, 5 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct utf8_case *c = &cases[i];
		char *d = text_utf8_dup(c->s, c->len);

		if (text_utf8_valid(c->s, c->len) != c->valid ||
		    strcmp(d, c->dup) != 0 ||
		    text_utf8_complete(c->s, c->len) != c->complete)
			fail_msg("case %zu: valid %d dup \"%s\" complete %zu", i,
			    text_utf8_valid(c->s, c->len), d,
			    text_utf8_complete(c->s, c->len));
		free(d);
	}
	/* a cut at a byte count that falls inside a character */
	assert_int_equal(text_utf8_complete("ab\xE2\x82\xAC", 4), 2);
	assert_int_equal(text_utf8_complete("ab\xE2\x82\xAC", 3), 2);
	assert_int_equal(text_utf8_complete("ab\xE2\x82\xAC", 2), 2);
}

static void
test_squeeze_trim(void **state)
{
	static const struct {
		const char *in, *squeezed, *trimmed;
	} cases[] = {
		{ "", "", "" },
		{ "   ", "", "" },
		{ "a", "a", "a" },
		{ " \t\r\n\f a  b\n\nc \t", "a b c", "a  b\n\nc" },
		/* VT and NBSP are no HTML white space */
		{ "\va\xC2\xA0 b\v", "\va\xC2\xA0 b\v", "\va\xC2\xA0 b\v" },
	};
	char tmp[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(tmp, sizeof tmp, "%s", cases[i].in);
		text_squeeze(tmp);
		assert_string_equal(tmp, cases[i].squeezed);
		snprintf(tmp, sizeof tmp, "%s", cases[i].in);
		text_trim(tmp);
		assert_string_equal(tmp, cases[i].trimmed);
	}
}

static void
test_bidi_all_alike(void **state)
{
	static const uint32_t bidi[] = { 0x061C, 0x200E, 0x200F, 0x202A, 0x202B,
	    0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069 };
	static const uint32_t not_bidi[] = { 0x061B, 0x200D, 0x2010, 0x2029, 0x202F,
	    0x2065, 0x206A };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		if (!text_is_bidi(bidi[i]) || !text_is_removed(bidi[i], 0) ||
		    text_cp_width(bidi[i]) != 0)
			fail_msg("U+%04X is a bidi control", (unsigned)bidi[i]);
	}
	for (i = 0; i < sizeof not_bidi / sizeof not_bidi[0]; i++)
		if (text_is_bidi(not_bidi[i]))
			fail_msg("U+%04X is no bidi control", (unsigned)not_bidi[i]);
}

/* Only printable ASCII (and kept newlines) reach a terminal in LANG=C. */
static void
assert_ascii(const char *s)
{
	for (; *s; s++)
		if (*s != '\n' && ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F))
			fail_msg("byte 0x%02X on an ASCII terminal", (unsigned char)*s);
}

/* LANG=C: transliteration or '?', never raw UTF-8 bytes (issue 11.6). */
static void
test_term_non_utf8(void **state)
{
	static const char in[] = "caf\xC3\xA9 don\xE2\x80\x99t \xE2\x80\x94 \xE4\xB8\xAD\xE6\x96\x87 "
	    "e\xCC\x81 \xE2\x80\xA6\x1b]0;t\x07\xC2\x9b" "x";
	char *got;

	(void)state;
	text_term_select("C");
	assert_false(text_term_is_utf8());
	got = text_term_dup(in, sizeof in - 1, 0);
	assert_ascii(got);
	assert_non_null(strstr(got, "don't"));	/* glibc's built-in table */
	assert_non_null(strstr(got, "caf"));
	assert_null(strstr(got, "]0;"));
	free(got);
	/* same width: every character keeps its columns */
	got = text_term_dup(in, sizeof in - 1, TEXT_SAME_WIDTH);
	assert_ascii(got);
	{
		char *clean = text_sanitize_dup(in, sizeof in - 1, 0);

		assert_int_equal(strlen(got), text_width(clean, strlen(clean)));
		free(clean);
	}
	free(got);
	got = text_term_dup("a\nb\xC3\xA9", 5, TEXT_KEEP_NEWLINE);
	assert_ascii(got);
	assert_int_equal(got[1], '\n');
	free(got);
	/* a UTF-8 terminal gets the sanitised text as it is */
	text_term_select("C.UTF-8");
	assert_true(text_term_is_utf8());
	got = text_term_dup(in, sizeof in - 1, 0);
	assert_non_null(strstr(got, "caf\xC3\xA9 don\xE2\x80\x99t"));
	free(got);
	text_term_select("");
}

static int cookie_writes;
static char cookie_got[256];
static size_t cookie_len;

static ssize_t
cookie_write(void *cookie, const char *b, size_t n)
{
	(void)cookie;
	cookie_writes++;
	if (cookie_len + n < sizeof cookie_got) {
		memcpy(cookie_got + cookie_len, b, n);
		cookie_len += n;
	}
	return (ssize_t)n;
}

/*
 * A message is one write(2), its newline included: 20 `tidings add` at
 * once appending to one log once wrote "added A" + "added B\n" + "\n"
 * (the newline a write of its own), so a line held two messages.
 */
static void
test_err_print_one_write_a_line(void **state)
{
	cookie_io_functions_t io = { .write = cookie_write };
	FILE *f = fopencookie(NULL, "w", io), *old = stderr;

	(void)state;
	assert_non_null(f);
	assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);	/* as stderr is */
	stderr = f;
	err_print("%s: added %s", "tidings", "https://x.example/\033]0;T\007feed");
	stderr = old;
	fclose(f);
	assert_int_equal(cookie_writes, 1);
	cookie_got[cookie_len] = '\0';
	assert_string_equal(cookie_got, "tidings: added https://x.example/feed\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_table),
		cmocka_unit_test(test_width_ignores_program_locale),
		cmocka_unit_test(test_decode_invalid_table),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_sanitize_table),
		cmocka_unit_test(test_bidi_all_alike),
		cmocka_unit_test(test_term_non_utf8),
		cmocka_unit_test(test_sanitize_output_has_no_controls),
		cmocka_unit_test(test_sanitize_respects_cap),
		cmocka_unit_test(test_strip_escapes_keeps_other_bytes),
		cmocka_unit_test(test_truncate_table),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_wrap_table),
		cmocka_unit_test(test_wrap_lines_fit),
		cmocka_unit_test(test_collapse),
		cmocka_unit_test(test_ascii_classes),
		cmocka_unit_test(test_utf8_whole),
		cmocka_unit_test(test_squeeze_trim),
		cmocka_unit_test(test_err_print_one_write_a_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
