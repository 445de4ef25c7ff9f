/* Unit tests for app/article_body: which text is an item's body. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "app/article_body.h"

struct body_case {
	const char *name;
	enum article_status status;
	const char *article, *content, *summary;
	enum article_body_source want;
	const char *want_html;
	const char *want_why;	/* NULL: the article is shown */
};

static void
test_body_choice(void **state)
{
	static const struct body_case cases[] = {
		{ "article ok", ARTICLE_OK, "<p>A</p>", "<p>C</p>", "<p>S</p>",
		    ARTICLE_BODY_ARTICLE, "<p>A</p>", NULL },
		{ "not downloaded: content", ARTICLE_NONE, NULL, "<p>C</p>", "<p>S</p>",
		    ARTICLE_BODY_CONTENT, "<p>C</p>", "not downloaded yet" },
		/* the bug `show` had: an empty content hid the summary */
		{ "empty content: summary", ARTICLE_NONE, NULL, "", "<p>S</p>",
		    ARTICLE_BODY_SUMMARY, "<p>S</p>", "not downloaded yet" },
		{ "no content: summary", ARTICLE_NONE, NULL, NULL, "<p>S</p>",
		    ARTICLE_BODY_SUMMARY, "<p>S</p>", "not downloaded yet" },
		{ "failed: content", ARTICLE_FAILED, NULL, "<p>C</p>", NULL,
		    ARTICLE_BODY_CONTENT, "<p>C</p>", "the download failed" },
		{ "short: summary", ARTICLE_SHORT, NULL, NULL, "<p>S</p>",
		    ARTICLE_BODY_SUMMARY, "<p>S</p>", "the page held no article" },
		/* an ok status with an empty article is no article */
		{ "ok but empty article", ARTICLE_OK, "", "", "<p>S</p>",
		    ARTICLE_BODY_SUMMARY, "<p>S</p>", "no text" },
		/* a failed download keeps no stale article text */
		{ "failed with html", ARTICLE_FAILED, "<p>old</p>", "<p>C</p>", NULL,
		    ARTICLE_BODY_CONTENT, "<p>C</p>", "the download failed" },
		{ "nothing at all", ARTICLE_NONE, NULL, "", "", ARTICLE_BODY_NONE, "",
		    "not downloaded yet" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct body_case *c = &cases[i];
		struct item_full it;
		struct article_body b;
		const char *why;

		memset(&it, 0, sizeof it);
		it.article_state = c->status;
		it.article_html = (char *)c->article;
		it.content_html = (char *)c->content;
		it.summary_html = (char *)c->summary;
		article_body_choose(&it, &b);
		why = article_body_why(&it);
		if (b.source != c->want || strcmp(b.html, c->want_html) != 0)
			fail_msg("%s: source %d html '%s'", c->name, (int)b.source, b.html);
		if ((why == NULL) != (c->want_why == NULL) ||
		    (why != NULL && strcmp(why, c->want_why) != 0))
			fail_msg("%s: why '%s'", c->name, why ? why : "(null)");
	}
}

static void
test_title_and_byline(void **state)
{
	struct item_full it;
	struct article_body b;

	(void)state;
	memset(&it, 0, sizeof it);
	/* no title anywhere: "" (never NULL) */
	article_body_choose(&it, &b);
	assert_string_equal(b.title, "");
	assert_string_equal(b.byline, "");
	it.row.title = (char *)"Feed title";
	it.row.author = (char *)"Feed author";
	it.article_title = (char *)"Article title";
	it.article_byline = (char *)"Article byline";
	it.article_state = ARTICLE_SHORT;
	/* the article is not shown: neither is its title */
	article_body_choose(&it, &b);
	assert_string_equal(b.title, "Feed title");
	assert_string_equal(b.byline, "Feed author");
	it.article_state = ARTICLE_OK;
	it.article_html = (char *)"<p>A</p>";
	article_body_choose(&it, &b);
	assert_string_equal(b.title, "Article title");
	assert_string_equal(b.byline, "Article byline");
	/* an empty article title leaves the item's */
	it.article_title = (char *)"";
	article_body_choose(&it, &b);
	assert_string_equal(b.title, "Feed title");
}

/* A feed without an author or a date gives way to the page's, also when
 * the page's body is not shown; a feed's own stays first. */
static void
test_page_byline_and_date(void **state)
{
	struct item_full it;
	struct article_body b;

	(void)state;
	memset(&it, 0, sizeof it);
	article_body_choose(&it, &b);
	assert_true(b.published == (time_t)-1);
	it.row.author = (char *)"";
	it.article_byline = (char *)"Page byline";
	it.article_published = 1720585613;
	it.article_state = ARTICLE_SHORT;
	article_body_choose(&it, &b);
	assert_string_equal(b.byline, "Page byline");
	assert_true(b.published == 1720585613);
	it.article_state = ARTICLE_OK;
	it.article_html = (char *)"<p>A</p>";
	article_body_choose(&it, &b);
	assert_string_equal(b.byline, "Page byline");
	assert_true(b.published == 1720585613);
	it.row.author = (char *)"Feed author";
	it.row.published = 1700000000;
	it.article_state = ARTICLE_SHORT;
	article_body_choose(&it, &b);
	assert_string_equal(b.byline, "Feed author");
	assert_true(b.published == 1700000000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_choice),
		cmocka_unit_test(test_title_and_byline),
		cmocka_unit_test(test_page_byline_and_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
