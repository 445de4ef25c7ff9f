/*
 * Unit tests for filter/filter: newsboat's filter language, parsed into a
 * tree and matched in C.  The tables hold every example of newsboat's
 * filter, query-feed, killfile and highlight-article documentation, the
 * shapes of newsboat's own parser tests, errors with their positions, and
 * hostile expressions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "filter/filter.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* A subject: the value of every attribute, by name. */
struct subject {
	const char *v[FILTER_NATTRS];
};

static const char *
get(void *ctx, enum filter_attr a)
{
	const struct subject *s = ctx;

	return s->v[a] ? s->v[a] : "";
}

static int
matches(const char *expr, const struct subject *s)
{
	struct err e = { { 0 } };
	struct filter *f = filter_parse(expr, &e);
	int r;

	if (f == NULL)
		fail_msg("%s: %s", expr, e.msg);
	r = filter_match(f, get, (void *)s);
	filter_free(f);
	return r;
}

/*
 * A plain-text pattern is searched for without the regex engine (a
 * Horspool search since issue 14's poll-time work): it agrees with
 * regexec on many subjects, patterns that repeat themselves, either case,
 * a pattern longer than the 255 a shift holds.
 */
static void
test_filter_literal_agrees_with_regex(void **state)
{
	static const char alpha[] = "abAB c";
	unsigned seed = 12345;
	char subject[700], pattern[300], expr[400];
	size_t i, j, k;

	(void)state;
	for (i = 0; i < 3000; i++) {
		struct subject s = { { 0 } };
		size_t slen, plen;
		regex_t re;
		int want;

		seed = seed * 1103515245u + 12345u;
		plen = i % 500 == 7 ? 280 : 1 + (seed >> 16) % 6;
		seed = seed * 1103515245u + 12345u;
		slen = plen > 100 ? 600 : (seed >> 16) % 40;
		for (j = 0; j < slen; j++) {
			seed = seed * 1103515245u + 12345u;
			subject[j] = alpha[(seed >> 16) % 5];	/* no space: words */
		}
		subject[slen] = '\0';
		for (k = 0; k < plen; k++) {
			seed = seed * 1103515245u + 12345u;
			pattern[k] = alpha[(seed >> 16) % 4];
		}
		pattern[plen] = '\0';
		/* a long pattern that is in the subject, in the other case */
		if (plen > 100 && slen >= plen)
			for (k = 0; k < plen; k++)
				subject[slen - plen + k] = (char)(pattern[k] ^ 0x20);
		snprintf(expr, sizeof expr, "title =~ \"%s\"", pattern);
		assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
		want = regexec(&re, subject, 0, NULL, 0) == 0;
		regfree(&re);
		s.v[FILTER_A_TITLE] = subject;
		if (matches(expr, &s) != want)
			fail_msg("\"%s\" in \"%s\": want %d", pattern, subject, want);
	}
}

/* Every example of newsboat's documentation parses. */
static void
test_filter_doc_examples_parse(void **state)
{
	static const char *const docs[] = {
		"unread_count > 0",
		"rssurl =~ \"^https:\"",
		"age between 0:10",
		"( unread_count > 0 and unread_count < 10 ) or total_count > 100",
		"( author =~ \"Frank\" or author =~ \"John\" ) and ( title =~ \"Linux\" or "
		    "title =~ \"FreeBSD\" )",
		"unread = \"yes\"",
		"tags # \"tag1\"",
		"title =~ \"newsboat\"",
		"title =~ \"^RT by\"",
		"title =~ \"Gentoo\"",
		"author =~ \"Andreas Krennmair\"",
		"unread_count > 100",
		/* newsboat's parser tests */
		"a = \"b\"", "a != \"b\"", "a =~ \"b\"", "a !~ \"b\"", "a == \"abc\"",
		"( a = \"b\") and ( b = \"c\" ) or ( ( c != \"d\" ) and ( c !~ \"asdf\" )) or "
		    "c != \"xx\"",
		"x = 42and y=0", "x = 42 and(y=0)", "x=1and(y=0)", "a = -5", "a between 1:-5",
		"author =~ \"\\\\s*Doe$\"", "title # \"x\"", "title !# \"x\"", "a<=1", "a>=-1",
		"  title = \"x\"  ", "((title = \"x\"))", "title = \"\"",
	};
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		/* newsboat's tests use attribute names a, b, c, x, y: make them real */
		struct buf b;
		struct filter *f;
		const char *p;

		buf_init(&b, 0);
		for (p = docs[i]; *p; p++) {
			if ((*p == 'a' || *p == 'b' || *p == 'c' || *p == 'x' || *p == 'y') &&
			    (p == docs[i] || p[-1] == ' ' || p[-1] == '(') &&
			    (p[1] == ' ' || p[1] == '=' || p[1] == '<' || p[1] == '>' || p[1] == '!'))
				buf_addstr(&b, "title");
			else
				buf_addc(&b, *p);
		}
		f = filter_parse(b.data, &e);
		if (f == NULL)
			fail_msg("%s: %s", b.data, e.msg);
		filter_free(f);
		buf_release(&b);
	}
}

/* and/or have no precedence and lean right, as in newsboat. */
static void
test_filter_tree_shape(void **state)
{
	struct err e;
	struct filter *f = filter_parse("title = \"b\" and link = \"c\" or author = \"d\"", &e);

	(void)state;
	assert_non_null(f);
	assert_int_equal(f->root->kind, FILTER_AND);
	assert_int_equal(f->root->left->kind, FILTER_CMP);
	assert_int_equal(f->root->left->attr, FILTER_A_TITLE);
	assert_int_equal(f->root->right->kind, FILTER_OR);
	assert_int_equal(f->root->right->left->attr, FILTER_A_LINK);
	assert_string_equal(f->root->right->right->value, "d");
	filter_free(f);
	/* a backslash stays in the value, as newsboat keeps it */
	f = filter_parse("author =~ \"\\s*Doe$\"", &e);
	assert_non_null(f);
	assert_string_equal(f->root->value, "\\s*Doe$");
	filter_free(f);
	f = filter_parse("title = \"a\\\"b\"", &e);
	assert_non_null(f);
	assert_string_equal(f->root->value, "a\\\"b");
	filter_free(f);
	f = filter_parse("age between 10:3", &e);
	assert_non_null(f);
	assert_int_equal(f->root->lo, 3);
	assert_int_equal(f->root->hi, 10);
	assert_true(f->root->range_ok);
	filter_free(f);
}

/* Errors name the line and column (in characters) and what was expected. */
static void
test_filter_errors_with_positions(void **state)
{
	static const struct {
		const char *expr;
		const char *msg;
	} cases[] = {
		{ "title =~", "filter: line 1, column 9: expected a value (a \"quoted string\", "
		    "a number or a range N:M) after \"=~\"" },
		{ "title =~ foo", "filter: line 1, column 10: expected a value" },
		{ "title = \"b", "filter: line 1, column 9: unterminated string after \"=\"" },
		{ "a = \"b\"", "filter: line 1, column 1: unknown attribute \"a\"" },
		{ "title !! \"b\"", "filter: line 1, column 7: expected an operator" },
		{ "((title=\"b\")))", "filter: line 1, column 14: unexpected text after the "
		    "expression: \")\"" },
		{ "(title=\"b\"", "filter: line 1, column 11: expected \")\" at the end" },
		{ "title = 42andy=0", "filter: line 1, column 11: unexpected text after the "
		    "expression: \"andy=0\"" },
		{ "age between 0:15:30", "filter: line 1, column 17: unexpected text" },
		{ "=!", "filter: line 1, column 1: expected an attribute name, not \"=!\"" },
		{ "", "filter: line 1, column 1: empty filter expression" },
		{ "title = \"x\" and", "filter: line 1, column 13: unexpected text after the "
		    "expression: \"and\"" },
		{ "title = \"x\" and ", "filter: line 1, column 17: expected an attribute "
		    "name at the end" },
		{ "title = \"x\" or\n  (author = \"y\" or\n   link =~ \"(\")",
		    "filter: line 3, column 12: bad regular expression" },
		{ "\xC3\xA9t\xC3\xA9 = 1", "filter: line 1, column 1: expected an attribute name" },
		{ "title = \"\xC3\xA9\" xx", "filter: line 1, column 13: unexpected text" },
		{ "title =~ \"(a)\\1\"", "filter: line 1, column 10: back-references are not "
		    "supported in" },
		{ "title =~ \"(a{100}){100}\"", "filter: line 1, column 10: regular expression "
		    "too complex" },
		{ "title =~ \"a++++++++++++++++++++++++++++++\"", "filter: line 1, column 10: "
		    "regular expression too complex" },
		{ "title =~ \"((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+\"", "filter: line 1, column 10: "
		    "regular expression too complex" },
		/* found by fuzz_filter: glibc's regcomp ran for minutes on these */
		{ "title =~ \"(((()+)+)+)+)+)+)+)+\"", "filter: line 1, column 10: regular "
		    "expression too complex" },
		{ "title =~ \"a)|(b\"", "filter: line 1, column 10: unmatched \")\"" },
		{ "title =~ \"((((((a*)+)+)+)+)+)\"", "filter: line 1, column 10: regular "
		    "expression too complex" },
	};
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct filter *f;

		memset(&e, 0, sizeof e);
		f = filter_parse(cases[i].expr, &e);
		if (f != NULL)
			fail_msg("parsed: %s", cases[i].expr);
		if (strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("%s\n got: %s\nwant: %s", cases[i].expr, e.msg, cases[i].msg);
	}
}

/* Each operator on newsboat's terms: strings, numeric prefixes, words. */
static void
test_filter_match_operators(void **state)
{
	struct subject s = { { 0 } };
	static const struct {
		const char *expr;
		int want;
	} cases[] = {
		{ "title = \"Linux news\"", 1 },
		{ "title == \"linux news\"", 0 },	/* = is case-sensitive */
		{ "title != \"Linux news\"", 0 },
		{ "title =~ \"LINUX\"", 1 },		/* =~ is not */
		{ "title =~ \"^news\"", 0 },
		{ "title !~ \"bsd\"", 1 },
		{ "title =~ \"l(i|u)nux +n\"", 1 },	/* extended syntax */
		/* plain-text patterns (matched without the regex engine) */
		{ "title =~ \"^linux|zzz\"", 1 }, { "title =~ \"NEWS$\"", 1 },
		{ "title =~ \"^news$\"", 0 }, { "title =~ \"^linux news$\"", 1 },
		{ "title =~ \"zzz|ux n\"", 1 }, { "title !~ \"zzz|yyy\"", 1 },
		{ "title =~ \"linux  news\"", 0 }, { "title =~ \"x|\"", 1 },
		{ "age < 3", 1 }, { "age > 2", 0 }, { "age <= 2", 1 }, { "age >= 2", 1 },
		{ "age between 0:2", 1 }, { "age between 2:0", 1 }, { "age between 3:9", 0 },
		{ "age between \"1:5\"", 1 },		/* a range can be quoted */
		{ "age between 5", 0 },			/* one field: never */
		{ "unread_count > 9", 1 },		/* "10 items": its leading 10 */
		{ "title > 0", 0 },			/* no number: 0 */
		{ "title >= 0", 1 },
		{ "total_count < 99999999999", 1 },	/* clamped to 32 bits */
		{ "tags # \"linux\"", 1 }, { "tags # \"lin\"", 0 }, { "tags !# \"bsd\"", 1 },
		{ "tags # \"\"", 1 },			/* "linux news " has an empty last word */
		{ "tags = \"linux news\"", 0 },		/* the list ends with a space */
		{ "unread = \"yes\" and ( age < 1 or tags # \"news\" )", 1 },
		{ "unread = \"no\" or author =~ \"doe\"", 1 },
		{ "unread = \"no\" or author =~ \"smith\"", 0 },
		{ "content =~ \"<p>\"", 1 },
		{ "rssurl =~ \"^https:\"", 1 },
		{ "feedtitle = \"\"", 1 },		/* attributes without data are "" */
	};
	size_t i;

	(void)state;
	s.v[FILTER_A_TITLE] = "Linux news";
	s.v[FILTER_A_AGE] = "2";
	s.v[FILTER_A_UNREAD_COUNT] = "10 items";
	s.v[FILTER_A_TOTAL_COUNT] = "12";
	s.v[FILTER_A_TAGS] = "linux news ";
	s.v[FILTER_A_UNREAD] = "yes";
	s.v[FILTER_A_AUTHOR] = "Jane Doe";
	s.v[FILTER_A_CONTENT] = "<p>Hello</p>";
	s.v[FILTER_A_RSSURL] = "https://a.example/rss";
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (matches(cases[i].expr, &s) != cases[i].want)
			fail_msg("%s: want %d", cases[i].expr, cases[i].want);
}

static void
test_filter_numbers(void **state)
{
	(void)state;
	assert_int_equal(filter_number("42abc"), 42);
	assert_int_equal(filter_number("-7"), -7);
	assert_int_equal(filter_number("-"), 0);
	assert_int_equal(filter_number("x1"), 0);
	assert_int_equal(filter_number("99999999999999999999"), 2147483647);
	assert_int_equal(filter_number("-99999999999999999999"), -2147483647 - 1);
	assert_true(filter_contains("a b ", ""));
	assert_true(filter_contains("", ""));
	assert_false(filter_contains("ab", "a"));
}

static void
test_filter_date_text(void **state)
{
	char out[64];

	(void)state;
	/* the tests run with TZ=UTC */
	filter_date_text(1, out, sizeof out);
	assert_string_equal(out, "Thu, 01 Jan 1970 00:00:01 +0000");
}

/*
 * Hostile: 10,000 terms, deep nesting, a very long expression, regexes
 * built to be slow, SQL text in values (store/filter binds it).  Each is
 * refused with a message or parsed; none crashes or runs long.
 */
static void
test_filter_hostile(void **state)
{
	struct subject s = { { 0 } };
	struct buf b;
	struct err e;
	struct filter *f;
	char *big;
	int i;
	clock_t t0;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "%stitle = \"%d\"", i ? " or " : "", i);
	assert_null(filter_parse(b.data, &e));
	assert_non_null(strstr(e.msg, "longer than"));
	buf_reset(&b);
	for (i = 0; i < 600; i++)
		buf_printf(&b, "%sage=%d", i ? " and " : "", i % 10);
	assert_null(filter_parse(b.data, &e));
	assert_non_null(strstr(e.msg, "too many comparisons"));
	/* 500 terms are fine, and matching them recurses only on parentheses */
	buf_reset(&b);
	for (i = 0; i < FILTER_MAX_TERMS; i++)
		buf_printf(&b, "%sage=%d", i ? " and " : "", 2);
	f = filter_parse(b.data, &e);
	assert_non_null(f);
	s.v[FILTER_A_AGE] = "2";
	assert_true(filter_match(f, get, &s));
	filter_free(f);
	buf_reset(&b);
	for (i = 0; i < 5000; i++)
		buf_addc(&b, '(');
	buf_addstr(&b, "age=1");
	for (i = 0; i < 5000; i++)
		buf_addc(&b, ')');
	assert_null(filter_parse(b.data, &e));
	assert_non_null(strstr(e.msg, "nested too deep"));
	buf_release(&b);

	/* regexes that are slow on glibc are refused or bounded */
	assert_null(filter_parse("title =~ \"(a*)*\\1b\"", &e));
	assert_null(filter_parse("title =~ \"((a{50}){50}){50}\"", &e));
	/* what real configs write still compiles */
	f = filter_parse("title =~ \"https?://[^ ]+\" and title =~ \"^(Feed|Title|Author):\" "
	    "and title =~ \"[[:alpha:]]{2,8}[]x-]+ [0-9]{1,4}\"", &e);
	if (f == NULL)
		fail_msg("%s", e.msg);
	filter_free(f);
	f = filter_parse("title =~ \"(a|aa)*(a|aa)*(a|aa)*c$\"", &e);
	assert_non_null(f);
	big = xmalloc(FILTER_MAX_SUBJECT * 4 + 1);
	memset(big, 'a', FILTER_MAX_SUBJECT * 4);
	big[FILTER_MAX_SUBJECT * 4] = '\0';
	s.v[FILTER_A_TITLE] = big;
	t0 = clock();
	assert_false(filter_match(f, get, &s));
	/* generous: what matters is bounded, not fast on a loaded machine */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
	filter_free(f);
	free(big);

	/* SQL in a value is a value */
	f = filter_parse("title = \"x'); DROP TABLE items; --\"", &e);
	assert_non_null(f);
	assert_string_equal(f->root->value, "x'); DROP TABLE items; --");
	filter_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filter_doc_examples_parse),
		cmocka_unit_test(test_filter_tree_shape),
		cmocka_unit_test(test_filter_errors_with_positions),
		cmocka_unit_test(test_filter_match_operators),
		cmocka_unit_test(test_filter_literal_agrees_with_regex),
		cmocka_unit_test(test_filter_numbers),
		cmocka_unit_test(test_filter_date_text),
		cmocka_unit_test(test_filter_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
