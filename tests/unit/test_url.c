/* Unit tests for util/url: RFC 3986 resolution and scheme checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/url.h"

struct resolve_case {
	const char *base, *ref, *want;
};

static void
check_resolve(const struct resolve_case *cases, size_t n)
{
	size_t i;
	char *got;

	for (i = 0; i < n; i++) {
		got = url_resolve(cases[i].base, cases[i].ref);
		if (cases[i].want == NULL) {
			if (got != NULL)
				fail_msg("'%s' + '%s' = '%s', want NULL", cases[i].base,
				    cases[i].ref, got);
			continue;
		}
		if (got == NULL)
			fail_msg("'%s' + '%s' = NULL, want '%s'", cases[i].base,
			    cases[i].ref, cases[i].want);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("'%s' + '%s' = '%s', want '%s'", cases[i].base,
			    cases[i].ref, got, cases[i].want);
		free(got);
	}
}

static void
test_url_rfc3986_examples(void **state)
{
	/* RFC 3986 section 5.4.1 */
	static const struct resolve_case cases[] = {
		{ "http://a/b/c/d;p?q", "g", "http://a/b/c/g" },
		{ "http://a/b/c/d;p?q", "./g", "http://a/b/c/g" },
		{ "http://a/b/c/d;p?q", "g/", "http://a/b/c/g/" },
		{ "http://a/b/c/d;p?q", "/g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "//g", "http://g" },
		{ "http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y" },
		{ "http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y" },
		{ "http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s" },
		{ "http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s" },
		{ "http://a/b/c/d;p?q", "..", "http://a/b/" },
		{ "http://a/b/c/d;p?q", "../g", "http://a/b/g" },
		{ "http://a/b/c/d;p?q", "../..", "http://a/" },
		{ "http://a/b/c/d;p?q", "../../g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "g;x=1/../y", "http://a/b/c/y" },
	};

	(void)state;
	check_resolve(cases, sizeof cases / sizeof cases[0]);
}

static void
test_url_feed_cases(void **state)
{
	static const struct resolve_case cases[] = {
		/* absolute references are kept as written */
		{ "http://example.com/feed", "https://other.org/x?a=1&b=2", "https://other.org/x?a=1&b=2" },
		{ "http://example.com/feed", "HTTP://www.example.org/thing", "HTTP://www.example.org/thing" },
		{ "http://example.com/feed", "tag:example.com,2004:/x", "tag:example.com,2004:/x" },
		{ "http://example.com/feed", "mailto:a@b.c", "mailto:a@b.c" },
		/* no base, or a base that is not absolute: the reference itself */
		{ NULL, "/relative/uri", "/relative/uri" },
		{ "not a url", "x", "x" },
		/* whitespace around and inside */
		{ "http://example.com/a/", "  item/1 \n", "http://example.com/a/item/1" },
		{ "http://example.com/a/", "it\tem/\n1", "http://example.com/a/item/1" },
		/* characters RFC 3986 does not allow are encoded, not refused */
		{ "http://example.com/a/", "relative uri", "http://example.com/a/relative%20uri" },
		{ "http://example.com/a/", "caf\xc3\xa9", "http://example.com/a/caf%C3%A9" },
		{ "http://example.com/a/", "100%", "http://example.com/a/100%25" },
		{ "http://example.com/a/", "a%20b", "http://example.com/a/a%20b" },
		{ "http://example.com", "x", "http://example.com/x" },
		{ "http://127.0.0.1:8097/tests/x.xml", "/feed/pg.cgi", "http://127.0.0.1:8097/feed/pg.cgi" },
		{ "http://example.com/a/b", "", NULL },
		{ "http://example.com/a/b", " \t\n", NULL },
	};

	(void)state;
	check_resolve(cases, sizeof cases / sizeof cases[0]);
	assert_null(url_resolve("http://example.com/", NULL));
}

static void
test_url_long_reference(void **state)
{
	char *ref = malloc(200001), *got;

	(void)state;
	assert_non_null(ref);
	memset(ref, 'a', 200000);
	ref[200000] = '\0';
	/* too long to resolve: handed back unchanged rather than dropped */
	got = url_resolve("http://example.com/", ref);
	assert_non_null(got);
	assert_string_equal(got, ref);
	free(got);
	free(ref);
}

static void
test_url_predicates(void **state)
{
	static const struct {
		const char *s;
		int absolute, http;
	} cases[] = {
		{ "http://example.com/", 1, 1 },
		{ "https://example.com", 1, 1 },
		{ "HTTPS://EXAMPLE.COM/x", 1, 1 },
		{ "http://", 1, 0 },
		{ "http:///path", 1, 0 },
		{ "ftp://example.com/", 1, 0 },
		{ "javascript:alert(1)", 1, 0 },
		{ "file:///etc/passwd", 1, 0 },
		{ "data:text/html,x", 1, 0 },
		{ "/relative", 0, 0 },
		{ "relative:colon/x", 1, 0 },
		{ "1http://x", 0, 0 },
		{ "", 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (url_is_absolute(cases[i].s) != cases[i].absolute)
			fail_msg("url_is_absolute(%s) != %d", cases[i].s, cases[i].absolute);
		if (url_is_http(cases[i].s) != cases[i].http)
			fail_msg("url_is_http(%s) != %d", cases[i].s, cases[i].http);
	}
	assert_int_equal(url_is_absolute(NULL), 0);
	assert_int_equal(url_is_http(NULL), 0);
}

/* Relative links in a feed fetched with a password never get it. */
static void
test_url_resolve_drops_userinfo(void **state)
{
	static const struct resolve_case cases[] = {
		{ "https://user:secret@example.com/feed.xml", "/post/1",
		  "https://example.com/post/1" },
		{ "https://user:secret@example.com/feeds/a.xml", "b.html",
		  "https://example.com/feeds/b.html" },
		{ "https://user:secret@example.com/feed", "?page=2",
		  "https://example.com/feed?page=2" },
		{ "https://user@example.com:8443/feed", "x", "https://example.com:8443/x" },
		/* an unencoded '/' in the password: still nothing of it */
		{ "https://user:pa/ss@example.com/feed", "/a", "https://example.com/a" },
		/* an absolute link is the feed's own business */
		{ "https://user:secret@example.com/feed", "https://other.example/x",
		  "https://other.example/x" },
	};

	(void)state;
	check_resolve(cases, sizeof cases / sizeof cases[0]);
}

struct display_case {
	const char *in, *want;
};

static void
test_url_display(void **state)
{
	static const struct display_case cases[] = {
		{ "https://example.com/feed", "https://example.com/feed" },
		{ "https://user:secret@example.com/feed", "https://example.com/feed" },
		{ "https://user@example.com/feed", "https://example.com/feed" },
		{ "http://u:p@[::1]:8080/f", "http://[::1]:8080/f" },
		{ "http://[::1]:8080/@x", "http://[::1]:8080/@x" },
		{ "https://medium.com/@someone/feed", "https://medium.com/@someone/feed" },
		{ "https://example.com:8443/@x", "https://example.com:8443/@x" },
		/* passwords holding an unencoded / # ? (curl: malformed URL) */
		{ "https://user:pa/ss@example.com/feed", "https://example.com/feed" },
		{ "https://user:pa#ss@example.com/feed", "https://example.com/feed" },
		{ "https://user:pa?ss@example.com/feed", "https://example.com/feed" },
		{ "https://user:/pass@example.com/feed", "https://example.com/feed" },
		{ "https://user:p@ss@example.com/feed", "https://example.com/feed" },
		{ "Untitled Feed", "Untitled Feed" },
		{ "", "" },
	};
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = url_display(cases[i].in);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("url_display('%s') = '%s', want '%s'", cases[i].in, got,
			    cases[i].want);
		free(got);
	}
	got = url_display(NULL);
	assert_string_equal(got, "");
	free(got);
}

/* Every URL inside an error message loses its userinfo. */
static void
test_url_redact_message(void **state)
{
	char msg[] = "https://user:pa/ss@example.com/feed: URL rejected: Malformed "
	    "input to a URL function (redirected from http://a:b@old.example/x)";

	(void)state;
	url_redact(msg);
	assert_string_equal(msg, "https://example.com/feed: URL rejected: Malformed "
	    "input to a URL function (redirected from http://old.example/x)");
	assert_null(strstr(msg, "pa/ss"));
}

static void
test_url_chars_ok(void **state)
{
	static const struct { const char *url; int ok; } cases[] = {
		{ "https://example.com/feed", 1 },
		{ "https://example.com/caf\xC3\xA9", 1 },
		{ "https://ex\xE4\xB8\xAD.example/", 1 },
		{ "https://example.com/\x1b]0;title\x07", 0 },
		{ "https://example.com/\x1b]52;c;ZXZpbA==\x07", 0 },
		{ "https://example.com/\x1b[2J", 0 },
		{ "https://example.com/a\x7f", 0 },
		{ "https://example.com/\xC2\x9b" "2J", 0 },		/* C1 CSI */
		{ "https://example.com/\x9b" "2J", 0 },		/* raw byte */
		{ "https://example.com/\xE2\x80\xAEgpj.exe", 0 },	/* RLO */
		{ "https://example.com/\xE2\x80\x8F", 0 },		/* RLM */
		{ "https://example.com/\xD8\x9C", 0 },		/* ALM */
		{ "https://example.com/\xE2\x81\xA6x", 0 },		/* LRI */
		{ "https://example.com/\xEF\x41", 0 },		/* invalid */
		{ "https://example.com/\xEF\xBF\xBD", 1 },		/* a real U+FFFD */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (url_chars_ok(cases[i].url) != cases[i].ok)
			fail_msg("url_chars_ok case %zu: want %d", i, cases[i].ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_rfc3986_examples),
		cmocka_unit_test(test_url_feed_cases),
		cmocka_unit_test(test_url_long_reference),
		cmocka_unit_test(test_url_predicates),
		cmocka_unit_test(test_url_resolve_drops_userinfo),
		cmocka_unit_test(test_url_display),
		cmocka_unit_test(test_url_redact_message),
		cmocka_unit_test(test_url_chars_ok),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
