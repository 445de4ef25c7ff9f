/*
 * app/view_urls: the link list's model, goto-url's number, the title
 * format, newsboat's file name for save, and the article as text for
 * save, pipe-to and external-url-viewer (hostile text made harmless).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/view_urls.h"
#include "util/buf.h"

static void
test_list(void **state)
{
	static char a[] = "https://a/", b[] = "https://b/", c[] = "https://c/";
	char *const links[] = { a, b, c };
	struct view_urls v;

	(void)state;
	view_urls_init(&v);
	assert_null(view_urls_current(&v));
	view_list_set_height(&v.list, 2);
	view_urls_set(&v, links, 3);
	assert_string_equal(view_urls_current(&v), "https://a/");
	view_list_move(&v.list, 5);
	assert_string_equal(view_urls_current(&v), "https://c/");
	/* copies: the article may go while the list is shown */
	assert_true(v.urls[0] != links[0]);
	view_urls_set(&v, links, 0);
	assert_null(view_urls_current(&v));
	view_urls_release(&v);
}

static void
test_parse_number(void **state)
{
	static const struct {
		const char *text;
		size_t n;
		long want;	/* -1: refused */
	} cases[] = {
		{ "1", 3, 1 }, { " 3 ", 3, 3 }, { "4", 3, -1 }, { "0", 3, -1 }, { "", 3, -1 },
		{ "-1", 3, -1 }, { "2x", 3, -1 }, { "x", 3, -1 }, { "1", 0, -1 },
		{ "99999999999999999999", 3, -1 },
	};
	size_t i, got;
	struct err e;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = view_urls_parse_number(cases[i].text, cases[i].n, &got, &e);

		if (cases[i].want < 0 ? rc == 0 : rc != 0 || got != (size_t)cases[i].want)
			fail_msg("case %zu (%s)", i, cases[i].text);
	}
	assert_int_equal(view_urls_parse_number("7", 3, &got, &e), -1);
	assert_string_equal(e.msg, "no link 7 in this article (it has 3)");
}

static void
test_file_name(void **state)
{
	static const struct {
		const char *title;
		int restrict_name;
		const char *want;
	} cases[] = {
		{ "Item 4", 1, "Item_4.txt" },
		{ "Héllo, wörld: a/b", 1, "Hllo_wrld_a_b.txt" },
		{ "../../etc/passwd", 1, "__etc_passwd.txt" },
		{ "../../etc/passwd", 0, ".._.._etc_passwd.txt" },
		{ "Héllo wörld", 0, "Héllo wörld.txt" },
		{ "a\033[2Jb\nc", 0, "a[2Jbc.txt" },
		{ "", 1, "article.txt" },
		{ NULL, 1, "article.txt" },
		{ "..", 0, "article.txt" },
		{ "!!!", 1, "article.txt" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = view_urls_file_name(cases[i].title, cases[i].restrict_name);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: [%s]", i, got);
		free(got);
	}
}

/* The article's text: as `tidings show` prints it, its links listed when
 * not wrapped, no escape sequence, no password of a feed URL. */
static void
test_article_text(void **state)
{
	static char link[] = "https://one.example/first";
	static char title[] = "Title \033]0;pwned\007here";
	static char url[] = "https://user:secret@x.example/a";
	static char html[] = "<p>Body <a href=\"https://one.example/first\">first</a>\033[2J</p>";
	char *const links[] = { link };
	struct item_full it;
	struct buf out;

	(void)state;
	memset(&it, 0, sizeof it);
	it.row.title = title;
	it.row.url = url;
	it.summary_html = html;
	buf_init(&out, 0);
	assert_int_equal(view_urls_article_text(&it, 0, links, 1, &out), 0);
	assert_non_null(strstr(out.data, "Title here"));
	assert_non_null(strstr(out.data, "Body first"));
	assert_non_null(strstr(out.data, "Links:\n[1] https://one.example/first\n"));
	assert_non_null(strstr(out.data, "Link: https://x.example/a"));
	assert_null(strstr(out.data, "secret"));
	assert_null(strchr(out.data, '\033'));
	assert_null(strchr(out.data, '\007'));
	buf_reset(&out);
	/* wrapped: the renderer numbers the links itself, once */
	assert_int_equal(view_urls_article_text(&it, 40, links, 1, &out), 0);
	assert_non_null(strstr(out.data, "Links:"));
	assert_null(strstr(strstr(out.data, "Links:") + 1, "Links:"));
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_article_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
