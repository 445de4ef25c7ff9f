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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_rfc3986_examples),
		cmocka_unit_test(test_url_feed_cases),
		cmocka_unit_test(test_url_long_reference),
		cmocka_unit_test(test_url_predicates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
