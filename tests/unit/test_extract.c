/* Unit tests for article/extract: the Kyiv fixture, metadata, scoring,
 * charsets, links and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article/extract.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"
#include "read_file.h"

#define KYIV_URL "https://kyivindependent.com/iranian-president-elect-assures-putin-of-continued-partnership-russia-reports/"
#define BASE "http://fakehost/test/page.html"

static char *
read_data(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	struct buf b;

	if (top == NULL)
		top = ".";
	if (snprintf(path, sizeof path, "%s/tests/data/article/%s", top, name) >=
	    (int)sizeof path)
		fail_msg("path too long");
	buf_init(&b, 0);
	if (read_file_into(path, &b) < 0)
		fail_msg("cannot read %s", path);
	if (len != NULL)
		*len = b.len;
	return buf_take(&b);
}

/* Extract a page given as a string and format it at width 0. */
static char *
run(const char *html, const char *url, const char *charset, struct article *a)
{
	struct buf out;
	int rc;

	rc = extract_article(a, html, strlen(html), url, charset, NULL);
	assert_true(rc == EXTRACT_OK || rc == EXTRACT_TOO_SHORT);
	buf_init(&out, 0);
	assert_int_equal(extract_format(a, 0, &out), 0);
	return buf_take(&out);
}

/* Extract the test page name at url, expecting EXTRACT_OK, and format it
 * at width 0 (caller frees; *a released by the caller). */
static char *
run_page(const char *name, const char *url, struct article *a)
{
	struct buf out;
	size_t len;
	char *html = read_data(name, &len);

	assert_int_equal(extract_article(a, html, len, url, NULL, NULL),
	    EXTRACT_OK);
	buf_init(&out, 0);
	assert_int_equal(extract_format(a, 0, &out), 0);
	free(html);
	return buf_take(&out);
}

static void
test_kyiv_exact(void **state)
{
	struct article a;
	char *out = run_page("kyiv-article.html", KYIV_URL, &a);
	char *want = read_data("kyiv-article.expected.txt", NULL);
	char *w2 = strchr(want, '\n') + 1, *o2 = strchr(out, '\n') + 1;

	(void)state;
	/*
	 * Every line as the fixture has it but the byline: the fixture shows
	 * the page's "by Abbey Fenbert and ...", and its README lets a reader
	 * give the names without the label (a byline is the author's name).
	 */
	assert_string_equal(a.byline,
	    "Abbey Fenbert and The Kyiv Independent news desk");
	assert_true(strncmp(w2, "by ", 3) == 0);
	assert_memory_equal(out, want, (size_t)(w2 - want));
	assert_string_equal(o2, w2 + 3);
	assert_int_equal(a.published, 1720585613);	/* 2024-07-10T04:26:53Z */
	extract_release(&a);
	free(out);
	free(want);
}

/*
 * A hand-written page with the shapes the corpus pages showed at once: the
 * article inside an ASP.NET <form>, an unclosed <button> and a <header>, an
 * unmarked byline with its label, date and reading time, a link to another
 * story and closing furniture inside it, and a footer after </html>.
 */
static void
test_wrappers_exact(void **state)
{
	struct article a;
	char *out = run_page("wrappers.html", BASE, &a);
	char *want = read_data("wrappers.expected.txt", NULL);

	(void)state;
	assert_string_equal(out, want);
	extract_release(&a);
	free(out);
	free(want);
}

static void
test_kyiv_no_boilerplate(void **state)
{
	struct article a;
	struct buf out;
	size_t len;
	char *html = read_data("kyiv-article.html", &len);
	char *list = read_data("kyiv-article.boilerplate.txt", NULL);
	char *caption = read_data("kyiv-article.caption.txt", NULL);
	char *line, *nl;
	int checked = 0;

	(void)state;
	assert_int_equal(extract_article(&a, html, len, KYIV_URL, NULL, NULL),
	    EXTRACT_OK);
	buf_init(&out, 0);
	assert_int_equal(extract_format(&a, 0, &out), 0);
	/* every form of the output: formatted, wrapped, HTML and plain text */
	assert_int_equal(extract_format(&a, 50, &out), 0);
	assert_int_equal(buf_addstr(&out, a.html), 0);
	assert_int_equal(buf_addstr(&out, a.text), 0);
	for (line = list; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line) - 1;
		else
			*nl = '\0';
		if (*line == '\0')
			continue;
		if (strstr(out.data, line) != NULL)
			fail_msg("boilerplate in output: %s", line);
		checked++;
	}
	assert_true(checked > 50);
	caption[strcspn(caption, "\n")] = '\0';
	assert_null(strstr(out.data, caption));
	buf_release(&out);
	extract_release(&a);
	free(html);
	free(list);
	free(caption);
}

static void
test_kyiv_text_and_html(void **state)
{
	struct article a;
	size_t len;
	char *html = read_data("kyiv-article.html", &len);

	(void)state;
	assert_int_equal(extract_article(&a, html, len, KYIV_URL, NULL, NULL),
	    EXTRACT_OK);
	/* plain text: 7 paragraphs joined by blank lines, no trailing newline */
	assert_true(strncmp(a.text, "Iran's newly elected", 20) == 0);
	assert_non_null(strstr(a.text, "July 9, according"));
	assert_int_equal(a.text[strlen(a.text) - 1], '.');
	{
		size_t n = 0;
		const char *p;

		for (p = a.text; (p = strstr(p, "\n\n")) != NULL; p += 2)
			n++;
		assert_int_equal(n, 6);
	}
	assert_true(a.text_chars > 1000);
	/* links survive in the HTML, absolute */
	assert_non_null(strstr(a.html,
	    "<a href=\"https://kyivindependent.com/iran-holds-presidential-runoff-election/\">runoff election</a>"));
	assert_null(strstr(a.html, "class="));
	assert_null(strstr(a.html, "<div"));
	extract_release(&a);
	free(html);
}

struct meta_case {
	const char *name;
	const char *html;
	const char *title;
	const char *byline;
	const char *date;	/* ISO, "" when unknown */
};

#define FILLER "<p>" \
	"This paragraph is long enough to count as article text, with a few commas, " \
	"some clauses, and enough words to pass every length threshold in the scorer.</p>" \
	"<p>A second paragraph adds more text, so that the page is clearly an article, " \
	"and not a list of links, a form, or a navigation menu of any kind at all.</p>" \
	"<p>A third paragraph, again with commas, keeps the extractor convinced that, " \
	"yes, this is the body of a story that a person would like to read today.</p>" \
	"<p>A fourth paragraph makes the page long enough that the extractor does not " \
	"retry with its cleaning rules relaxed, which it does for very short pages.</p>"

static const struct meta_case meta_cases[] = {
	{ "json-ld wins over og",
	  "<html><head><title>Page | Site</title>"
	  "<meta property=\"og:title\" content=\"OG title\">"
	  "<meta property=\"article:published_time\" content=\"2020-01-01T00:00:00Z\">"
	  "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
	  "\"@type\":\"NewsArticle\",\"headline\":\"LD &amp; headline\","
	  "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann\"},{\"name\":\"Bob\"},"
	  "{\"name\":\"Cy\"}],\"datePublished\":\"2021-02-03T04:05:06+02:00\"}</script>"
	  "</head><body><article>" FILLER "</article></body></html>",
	  "LD & headline", "Ann, Bob and Cy", "2021-02-03T02:05:06Z" },
	{ "json-ld in @graph, author object",
	  "<html><head><script type=\"application/ld+json\">{\"@context\":"
	  "\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},"
	  "{\"@type\":[\"BlogPosting\"],\"name\":\"Graph post\",\"author\":"
	  "{\"@type\":\"Person\",\"name\":\"Dee\"},\"datePublished\":\"2019-12-31\"}]}"
	  "</script></head><body><div>" FILLER "</div></body></html>",
	  "Graph post", "Dee", "2019-12-31T00:00:00Z" },
	{ "json-ld author string, two authors",
	  "<html><head><script type=\"application/ld+json\">[{\"@type\":\"Article\","
	  "\"headline\":\"Arr\",\"author\":[\"Eve\",\"Fay\"]}]</script></head>"
	  "<body>" FILLER "</body></html>",
	  "Arr", "Eve and Fay", "" },
	{ "og and article meta",
	  "<html><head><title>Doc title - Site name</title>"
	  "<meta property=\"og:title\" content=\"The OG title\" />"
	  "<meta name=\"author\" content=\"Gil\">"
	  "<meta property=\"article:published_time\" content=\"2022-05-06T07:08:09.000Z\">"
	  "</head><body>" FILLER "</body></html>",
	  "The OG title", "Gil", "2022-05-06T07:08:09Z" },
	{ "time element and visible byline",
	  "<html><head><title>Only the document title here | Site</title></head><body>"
	  "<div class=\"post\"><span class=\"byline\">By Hal Ives</span>"
	  "<time datetime=\"2023-03-04T10:00:00+03:00\">March 4</time>" FILLER
	  "</div></body></html>",
	  "Only the document title here", "Hal Ives", "2023-03-04T07:00:00Z" },
	{ "visible byline: a job title after a comma is the role",
	  "<html><head><title>Only the document title here | Site</title></head><body>"
	  "<div class=\"post\"><span class=\"byline\">By Jo Marsh, Trial Attorney at "
	  "Marsh &amp; Marsh</span>" FILLER "</div></body></html>",
	  "Only the document title here", "Jo Marsh", "" },
	{ "byline segments: name, comma, role",
	  "<html><head><title>Only the document title here | Site</title></head><body>"
	  "<div class=\"post\"><span class=\"byline\">By <a href=\"/staff/kim\">Kim Lo</a>"
	  ", <span>Print Managing Editor</span></span>" FILLER "</div></body></html>",
	  "Only the document title here", "Kim Lo", "" },
	{ "byline segments: names joined by commas stay",
	  "<html><head><title>Only the document title here | Site</title></head><body>"
	  "<div class=\"post\"><span class=\"byline\">By <a href=\"/staff/kim\">Kim Lo</a>"
	  ", <a href=\"/staff/al\">Al Brown</a></span>" FILLER "</div></body></html>",
	  "Only the document title here", "Kim Lo, Al Brown", "" },
	{ "label element 'Article by' and the name in the next one",
	  "<html><head><title>Only the document title here | Site</title></head><body>"
	  "<div class=\"post\">" FILLER "</div><section><h2>Article by</h2>"
	  "<div>Mia Holm</div></section></body></html>",
	  "Only the document title here", "Mia Holm", "" },
	{ "the headline's ' | ' section cut as the title's is",
	  "<html><head><title>How sleep shapes memory | Opinion | Site</title></head><body>"
	  "<h1>How sleep shapes memory | Opinion</h1><div class=\"post\">" FILLER
	  "</div></body></html>",
	  "How sleep shapes memory", "", "" },
	{ "meta 'published' with a date written for people",
	  "<html><head><title>A title with enough words in it</title>"
	  "<meta name=\"published\" content=\"July 17, 2025\"></head><body>"
	  "<div class=\"post\">" FILLER "</div></body></html>",
	  "A title with enough words in it", "", "2025-07-17T00:00:00Z" },
	{ "json-ld datePublished written for people",
	  "<html><head><title>A title with enough words in it</title>"
	  "<script type=\"application/ld+json\">{\"@type\":\"Article\","
	  "\"datePublished\":\"Dec. 18, 2024\"}</script></head><body>"
	  "<div class=\"post\">" FILLER "</div></body></html>",
	  "A title with enough words in it", "", "2024-12-18T00:00:00Z" },
	{ "a visible date split by a comment",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"post\"><span><!-- -->Dec 17, 2025<!-- --> </span>" FILLER
	  "</div></body></html>",
	  "A title with enough words in it", "", "2025-12-17T00:00:00Z" },
	{ "the date in the author line",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"post\"><p class=\"author\">Jo Doe<br>4 August 2010</p>" FILLER
	  "</div></body></html>",
	  "A title with enough words in it", "Jo Doe", "2010-08-04T00:00:00Z" },
	{ "json-ld name preferred to headline",
	  "<html><head><title>New Zealand - Wikipedia</title>"
	  "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"name\":\"New Zealand\","
	  "\"headline\":\"country in Oceania\"}</script></head><body>" FILLER "</body></html>",
	  "New Zealand", "", "" },
	{ "json-ld headline when only it matches <title>",
	  "<html><head><title>Real headline of the story here - Site.cz</title>"
	  "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"name\":\"Site.cz\","
	  "\"headline\":\"Real headline of the story here\"}</script></head><body>" FILLER
	  "</body></html>",
	  "Real headline of the story here", "", "" },
	{ "short title keeps its site name",
	  "<html><head><title>Mozilla - Wikipedia</title></head><body>" FILLER "</body></html>",
	  "Mozilla - Wikipedia", "", "" },
	{ "the article's time, not the sidebar's",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"latest\"><time datetime=\"2001-01-01T00:00:00Z\">old</time></div>"
	  "<article><time datetime=\"2024-07-10T07:26:53+03:00\">July 10</time>" FILLER
	  "</article></body></html>",
	  "A title with enough words in it", "", "2024-07-10T04:26:53Z" },
	{ "visible byline without the author's name loses to metadata",
	  "<html><head><title>A title with enough words in it</title>"
	  "<meta name=\"author\" content=\"Jo Doe\"></head><body>"
	  "<div class=\"byline\">Posted 3 hours ago</div>" FILLER "</body></html>",
	  "A title with enough words in it", "Jo Doe", "" },
	{ "itemprop name inside the byline",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"author-box\"><span itemprop=\"name\">Kim Lee</span> &middot; 5 min read</div>"
	  FILLER "</body></html>",
	  "A title with enough words in it", "Kim Lee", "" },
	{ "rel=author link",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<p>Written by <a rel=\"author\" href=\"/me\">Ivy</a></p>" FILLER
	  "</body></html>",
	  "A title with enough words in it", "Ivy", "" },
	{ "the visible headline, not og:title with the site name",
	  "<html><head><title>Real story headline here | Example Site</title>"
	  "<meta property=\"og:title\" content=\"Real story headline here | Example Site\">"
	  "</head><body><h1 class=\"logo\">Example Site</h1><article>"
	  "<h1>Real story headline here</h1>" FILLER "</article></body></html>",
	  "Real story headline here", "", "" },
	{ "the site's name cut off the title when the page says what it is",
	  "<html><head><title>Best Cloud Computing Stocks of 2025 | The Motley Fool</title>"
	  "<meta property=\"og:site_name\" content=\"The Motley Fool\">"
	  "<meta property=\"og:title\" content=\"Best Cloud Computing Stocks of 2025 | The Motley Fool\">"
	  "</head><body><article>" FILLER "</article></body></html>",
	  "Best Cloud Computing Stocks of 2025", "", "" },
	{ "what follows a title's \" | \" is not the title",
	  "<html><head><title>Best Residential Movers in NYC 2025 | Top 19 Companies</title>"
	  "<meta property=\"og:title\" content=\"Best Residential Movers in NYC 2025 | "
	  "Top 19 Companies\"></head><body><article>" FILLER "</article></body></html>",
	  "Best Residential Movers in NYC 2025", "", "" },
	{ "an author field whose name is missing is not the byline",
	  "<html><head><title>A title with enough words in it</title>"
	  "<meta name=\"author\" content=\"Brian Truitt\">"
	  "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
	  "\"author\":{\"@type\":\"Person\",\"name\":\", USA TODAY\"}}</script>"
	  "</head><body><article>" FILLER "</article></body></html>",
	  "A title with enough words in it", "Brian Truitt", "" },
	{ "a byline that starts as no name does is not one",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"post\"><p class=\"byline\">[Submitted on 18 Dec 2025]</p>"
	  "<span class=\"author\">of this article</span>" FILLER
	  "</div></body></html>",
	  "A title with enough words in it", "", "2025-12-18T00:00:00Z" },
	{ "the headline as the page shows it, when the SEO title rewords it",
	  "<html><head><title>Top 10 Health and Nutrition Trends to Watch | Site</title>"
	  "<meta property=\"og:title\" content=\"Top 10 Health and Nutrition Trends "
	  "to Watch\"></head><body><h1>Health And Nutrition Trends For 2026</h1>"
	  "<article>" FILLER "</article></body></html>",
	  "Health And Nutrition Trends For 2026", "", "" },
	{ "a logo in an h1 is not the headline",
	  "<html><head><title>Another story with a long headline - Example Site</title>"
	  "</head><body><h1>Example Site</h1><article>" FILLER "</article></body></html>",
	  "Another story with a long headline", "", "" },
	{ "a byline is the author's name, not its date and reading time",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"byline\">By Jos\xc3\xa9 \xc3\x81lvarez \xc2\xb7 2024-05-31 "
	  "\xc2\xb7 11 min read</div>" FILLER "</body></html>",
	  "A title with enough words in it", "Jos\xc3\xa9 \xc3\x81lvarez",
	  "2024-05-31T00:00:00Z" },
	{ "the byline's markup parts the name from label and role",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"author-box\"><span>Written by </span><span><a href=\"/p/ck\">"
	  "Camila Karalyte</a></span><div>Junior Affiliate Content Writer</div></div>"
	  FILLER "</body></html>",
	  "A title with enough words in it", "Camila Karalyte", "" },
	{ "several authors in one byline, then a date",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<p class=\"byline\">Written by <a href=\"/a\">Ann Lee</a>, <a href=\"/b\">Bo Chen</a>"
	  " and <a href=\"/c\">Cy Diaz</a> Updated August 14, 2025</p>" FILLER
	  "</body></html>",
	  "A title with enough words in it", "Ann Lee, Bo Chen and Cy Diaz",
	  "2025-08-14T00:00:00Z" },
	{ "a byline's time and date labels are no name",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"byline\"><span>Updated</span> <span>6:01 PM ET</span> "
	  "<span>Text by</span> <a href=\"/p/hd\">Hunter Dukes</a></div>" FILLER
	  "</body></html>",
	  "A title with enough words in it", "Hunter Dukes", "" },
	{ "a byline found by its wording: a label, then the name",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div><p>Last updated</p><p>Aug 04, 2025</p></div>"
	  "<div><p>Written by</p><p>Edzel Tabing</p></div>" FILLER "</body></html>",
	  "A title with enough words in it", "Edzel Tabing", "2025-08-04T00:00:00Z" },
	{ "a login in the author meta loses to a link to the author's page",
	  "<html><head><title>A title with enough words in it</title>"
	  "<meta name=\"author\" content=\"andrew.keaveney\"></head><body>"
	  "<p><span>By</span> <a href=\"/authors/denise-everheart\">Denise Everheart</a>"
	  "</p>" FILLER "</body></html>",
	  "A title with enough words in it", "Denise Everheart", "" },
	{ "a date as the page shows it, where the metadata has none",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div class=\"post-meta\">Published on Dec. 9, 2024 at 10:00</div>" FILLER
	  "</body></html>",
	  "A title with enough words in it", "", "2024-12-09T00:00:00Z" },
	{ "a visible date with the day first, after a label",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<p><span>Updated: 4th June 2024</span></p>" FILLER "</body></html>",
	  "A title with enough words in it", "", "2024-06-04T00:00:00Z" },
	{ "a metadata date that does not parse gives way to the next source",
	  "<html><head><title>A title with enough words in it</title>"
	  "<script type=\"application/ld+json\">{\"@type\":\"Article\","
	  "\"datePublished\":\"yesterday\"}</script></head><body><article>"
	  "<time datetime=\"2024-07-10T07:26:53+03:00\">July 10</time>" FILLER
	  "</article></body></html>",
	  "A title with enough words in it", "", "2024-07-10T04:26:53Z" },
	{ "the WebPage's datePublished when no Article gives one",
	  "<html><head><title>A title with enough words in it</title>"
	  "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
	  "\"@graph\":[{\"@type\":\"WebPage\",\"name\":\"A title with enough words in it\","
	  "\"datePublished\":\"2024-03-17T19:47:39+00:00\"},{\"@type\":\"WebSite\","
	  "\"name\":\"Site\"}]}</script></head><body><article>" FILLER
	  "</article></body></html>",
	  "A title with enough words in it", "", "2024-03-17T19:47:39Z" },
	{ "an element holding a date and nothing else",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<div><svg></svg><span>12 min read</span><span>Nov 21, 2018</span></div>"
	  FILLER "</body></html>",
	  "A title with enough words in it", "", "2018-11-21T00:00:00Z" },
	{ "words that start like months are no date",
	  "<html><head><title>A title with enough words in it</title></head><body>"
	  "<p class=\"meta\">Market report 12, 2024 by the Mayor</p>" FILLER
	  "</body></html>",
	  "A title with enough words in it", "", "" },
	{ "broken json-ld falls back to meta",
	  "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\","
	  "\"headline\":</script><meta property=\"og:title\" content=\"Fallback\">"
	  "</head><body>" FILLER "</body></html>",
	  "Fallback", "", "" },
};

/* Every case runs, so one run names every rule that broke. */
static void
test_metadata_table(void **state)
{
	size_t i;
	int failed = 0;

	(void)state;
	for (i = 0; i < sizeof meta_cases / sizeof meta_cases[0]; i++) {
		const struct meta_case *c = &meta_cases[i];
		struct article a;
		char *out = run(c->html, BASE, NULL, &a);
		char date[32] = "";
		struct tm tm;

		if (a.published != (time_t)-1) {
			gmtime_r(&a.published, &tm);
			strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
		}
		if (strcmp(a.title, c->title) != 0 || strcmp(a.byline, c->byline) != 0 ||
		    strcmp(date, c->date) != 0) {
			print_error("%s: title \"%s\" byline \"%s\" date \"%s\"\n",
			    c->name, a.title, a.byline, date);
			failed++;
		}
		/* the byline is not repeated in the body */
		if (*c->byline != '\0' && strstr(out + strlen(a.title) +
		    strlen(a.byline) + 2, c->byline) != NULL) {
			print_error("%s: byline repeated in the body:\n%s\n", c->name, out);
			failed++;
		}
		free(out);
		extract_release(&a);
	}
	assert_int_equal(failed, 0);
}

/*
 * The date line shows the page's own day: a page that writes its date
 * with a zone means that zone's calendar day, which UTC can move to the
 * day before or after; a.published stays the instant.
 */
static void
test_date_own_zone(void **state)
{
	static const struct {
		const char *date, *shown;
		long long utc;
	} rows[] = {
		{ "2025-07-05T00:03:42+02:00", "2025-07-05T00:03:42+02:00", 1751666622 },
		{ "2020-04-12T21:00:00-04:00", "2020-04-12T21:00:00-04:00", 1586739600 },
		{ "Sun, 12 Apr 2020 21:00:00 -0430", "2020-04-12T21:00:00-04:30", 1586741400 },
		{ "2024-07-10T04:26:53.000Z", "2024-07-10T04:26:53Z", 1720585613 },
		{ "2024-07-10", "2024-07-10T00:00:00Z", 1720569600 },
	};
	size_t i;
	int failed = 0;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct buf html;
		struct article a;
		char *out, *line;

		buf_init(&html, 0);
		buf_printf(&html, "<html><head><title>A title with enough words in it"
		    "</title><meta property=\"article:published_time\" content=\"%s\">"
		    "</head><body><article>" FILLER "</article></body></html>",
		    rows[i].date);
		out = run(html.data, BASE, NULL, &a);
		line = strchr(strchr(out, '\n') + 1, '\n') + 1;
		if (strncmp(line, rows[i].shown, strlen(rows[i].shown)) != 0 ||
		    line[strlen(rows[i].shown)] != '\n' ||
		    (long long)a.published != rows[i].utc) {
			print_error("%s: shown \"%.40s\" published %lld\n",
			    rows[i].date, line, (long long)a.published);
			failed++;
		}
		free(out);
		buf_release(&html);
		extract_release(&a);
	}
	assert_int_equal(failed, 0);
}

struct body_case {
	const char *name;
	const char *html;
	const char *must[4];
	const char *never[4];
};

#define LAYOUT_ROW "<div class=\"row-wrapper\"><div class=\"span12\"><div class=\"rich-text\">" \
	"<h2>Part</h2><p>The next part of the story sits in a row of its own as page " \
	"builders place them and it belongs to the same article as the rows before it.</p>" \
	"<p>It goes on in a second paragraph of the row which says a little more about " \
	"the subject and then it stops.</p></div></div></div>"

#define WIDGET "<div class=\"el-widget el-widget-text\"><div class=\"el-widget-container\">" \
	"<p>Another paragraph of the story, in a block that the page builder calls " \
	"a widget, with a comma, and enough words to read as prose.</p></div></div>"
#define WIDGET5 WIDGET WIDGET WIDGET WIDGET WIDGET

static const struct body_case body_cases[] = {
	{ "nav, aside, related and footer dropped",
	  "<html><body><nav><ul><li><a href=\"/a\">Home navigation</a></li></ul></nav>"
	  "<div id=\"main\"><article>" FILLER "</article>"
	  "<aside><p>Aside text that is long enough to be scored, with commas, yes, commas.</p></aside>"
	  "<div class=\"related-posts\"><p>Related story with a long enough title, and commas, to count.</p></div>"
	  "<div class=\"newsletter\"><p>Sign up to our newsletter for more, every day, by email.</p></div>"
	  "</div><footer><p>Copyright footer text that nobody wants to read, ever, at all.</p></footer>"
	  "</body></html>",
	  { "This paragraph is long enough", "third paragraph", NULL },
	  { "Home navigation", "Aside text", "Related story", "newsletter" } },
	{ "the denser block wins",
	  "<html><body>"
	  "<div class=\"links\"><p><a href=\"/1\">Link one with a long title here</a> "
	  "<a href=\"/2\">Link two with another long title</a> <a href=\"/3\">Link three, also long</a></p>"
	  "<p><a href=\"/4\">Link four with a long title here</a> <a href=\"/5\">Link five title</a></p></div>"
	  "<div class=\"story\">" FILLER "</div></body></html>",
	  { "second paragraph adds more text", NULL },
	  { "Link one", "Link four", NULL } },
	{ "hidden elements and scripts dropped",
	  "<html><body><div>" FILLER
	  "<p hidden>Hidden attribute paragraph that is long enough to be scored.</p>"
	  "<p aria-hidden=\"true\">Aria hidden paragraph that is long enough, with commas.</p>"
	  "<p style=\"display: none\">Display none paragraph, long enough, with commas, yes.</p>"
	  "<script>var secret = 'script text';</script><style>.x{font-family:serif}</style>"
	  "</div></body></html>",
	  { "third paragraph", NULL },
	  { "Hidden attribute", "Aria hidden", "Display none", "secret" } },
	{ "bookmark card dropped",
	  "<html><body><section class=\"gh-content\">" FILLER
	  "<figure class=\"kg-card kg-bookmark-card\"><a class=\"kg-bookmark-container\" "
	  "href=\"https://x.example/other\"><div class=\"kg-bookmark-content\">"
	  "<div class=\"kg-bookmark-title\">Another story title, teased here at length</div>"
	  "<div class=\"kg-bookmark-description\">A description of another story, with commas, "
	  "long enough to look like a paragraph, which it is not.</div></div></a></figure>"
	  "</section></body></html>",
	  { "third paragraph", NULL },
	  { "Another story", "description of another", NULL } },
	{ "content after </html> belongs to the body",
	  "<html><body><nav><a href=\"/\">Home</a></nav></body></html>"
	  "<div class=\"post\">" FILLER "</div>",
	  { "third paragraph", NULL },
	  { "Home", NULL } },
	{ "content after </html> and a newline belongs to the body",
	  "<!DOCTYPE html>\n<html><head><title>t</title></head><body><nav>"
	  "<a href=\"/\">Home</a></nav></body></html>\n"
	  "<div class=\"post\">" FILLER "</div>\n",
	  { "third paragraph", NULL },
	  { "Home", NULL } },
	{ "a form around the whole page is not furniture",
	  "<html><body><form id=\"Form\" action=\"/x\"><div class=\"post-content\">"
	  FILLER "</div><input type=\"hidden\" name=\"v\"></form></body></html>",
	  { "third paragraph", NULL },
	  { NULL } },
	{ "a button holding the article is a wrapper (libxml2 nests some pages so)",
	  "<html><body><div class=\"site-header\"><button class=\"menu-button\">"
	  "<span>Menu</span><div class=\"entry\">" FILLER "</div></button></div>"
	  "</body></html>",
	  { "third paragraph", NULL },
	  { NULL } },
	{ "a streamed article behind the hidden attribute is kept",
	  "<html><body><div id=\"app\"><p>Loading</p></div>"
	  "<div hidden id=\"S:0\"><article>" FILLER "</article></div></body></html>",
	  { "third paragraph", NULL },
	  { "Loading", NULL } },
	{ "streamed parts are read where their templates are",
	  "<html><body><article><p>The story opens with a paragraph that is long "
	  "enough to count, with commas, as prose of the article.</p>"
	  "<!--$?--><template id=\"B:0\"></template><div>Loading paragraph...</div>"
	  "<p>Loading, please wait</p><!--/$-->"
	  "<p>The story closes with a paragraph that is long enough to count, with "
	  "commas, as the end of the article.</p></article>"
	  "<div hidden id=\"S:0\"><p>The middle of the story arrives late, streamed "
	  "by the server, with commas, and a browser shows it in the middle.</p>"
	  "<template id=\"P:1\"></template></div>"
	  "<div hidden id=\"S:1\"><p>A nested part fills its own placeholder, as "
	  "the server sends it, with commas, inside the middle.</p></div>"
	  "</body></html>",
	  { "as prose of the article.\n\nThe middle of the story arrives late",
	    "in the middle.\n\nA nested part fills its own placeholder",
	    "inside the middle.\n\nThe story closes", NULL },
	  { "Loading", NULL } },
	{ "streamed parts when the page lost its comments",
	  "<html><body><article><p>The story opens with a paragraph that is long "
	  "enough to count, with commas, as prose of the article.</p>"
	  "<template id=\"B:0\"></template><div>Loading paragraph...</div>"
	  "<p>The story closes with a paragraph that is long enough to count, with "
	  "commas, as the end of the article.</p></article>"
	  "<div hidden id=\"S:0\"><p>The middle of the story arrives late, streamed "
	  "by the server, with commas, and a browser shows it in the middle.</p></div>"
	  "<div hidden id=\"S:7\"><p>A part no template asks for stays hidden, "
	  "whatever it says, with commas, and however long it is.</p></div>"
	  "</body></html>",
	  { "as prose of the article.\n\nThe middle of the story arrives late",
	    "in the middle.\n\nThe story closes", NULL },
	  { "Loading", "no template asks for", NULL } },
	{ "a streamed part never moves into itself",
	  "<html><body><article>" FILLER "</article><div hidden id=\"S:0\">"
	  "<p>A part that holds its own template, which no browser would fill.</p>"
	  "<template id=\"B:0\"></template><p>Fallback</p></div></body></html>",
	  { "third paragraph", NULL },
	  { "its own template", NULL } },
	{ "what a stylesheet hides stays hidden, however long",
	  "<html><body><div><p>The only visible paragraph, which is short.</p></div>"
	  "<div style=\"display: none\">" FILLER "</div></body></html>",
	  { "only visible paragraph", NULL },
	  { "third paragraph", NULL } },
	{ "the folded panels of an accordion are the article's text",
	  "<html><body><article>" FILLER "<div class=\"faq-list\">"
	  "<h3 id=\"q1\"><button>When do panels go up?</button></h3>"
	  "<div role=\"region\" aria-labelledby=\"q1\" style=\"display:none\">"
	  "<p>Panels go up in the second week, after the permit, as the installer "
	  "says, and the inspection follows a week later.</p></div>"
	  "<h3><button>Who inspects them?</button></h3>"
	  "<div class=\"accordion-body\" style=\"display: none\"><p>The town's "
	  "inspector does, with the utility, before the system is switched on.</p></div>"
	  "<h3><button>How long does it take?</button></h3>"
	  "<div hidden=\"until-found\"><p>Two to three months from the first call, "
	  "for most homes, and longer in winter.</p></div>"
	  "<div style=\"display:none\"><p>A pop-up that a stylesheet hides, long "
	  "enough to read as prose, with commas, and still not shown.</p></div>"
	  "</div></article></body></html>",
	  { "Panels go up in the second week", "The town's inspector does",
	    "Two to three months", NULL },
	  { "pop-up that a stylesheet hides", NULL } },
	{ "a photo credit under a figure is not the article's text",
	  "<html><body><article>" FILLER "<figure><img src=\"/d.jpg\" alt=\"\">"
	  "<figcaption>Sylt, Germany | &copy; 2010 Jon Norris</figcaption></figure>"
	  "<figure><img src=\"/a.jpg\" alt=\"\">"
	  "<figcaption>Photo: Jane Doe / Getty Images</figcaption></figure>"
	  "<figure><img src=\"/b.jpg\" alt=\"\"><figcaption>The bridge at dawn, "
	  "before the crowds came.</figcaption></figure>"
	  "<figure><img src=\"/c.jpg\" alt=\"\"><figcaption>Image credit: "
	  "Unsplash</figcaption></figure></article></body></html>",
	  { "third paragraph", "The bridge at dawn", NULL },
	  { "Jane Doe", "Unsplash", "Jon Norris", NULL } },
	{ "prose in a block with a negative class hint is kept",
	  "<html><body><article>" FILLER "<div class=\"product-widget\">"
	  "<div class=\"widget-name\">Brand name</div>"
	  "<p>This year, we are pleased to name this brand the most reliable one, "
	  "factoring in years of reviews, reader feedback, and the opinions of peers.</p>"
	  "<p>To earn trust, products must do more than work well out of the box, "
	  "with a strong warranty, a service network with spare parts, and support "
	  "that answers the phone when something breaks on a holiday weekend.</p></div>"
	  "<div class=\"promo-widget\"><p><a href=\"/deal\">Today's deal on appliances</a></p>"
	  "</div></article></body></html>",
	  { "third paragraph", "most reliable one", "spare parts", NULL },
	  { "Today's deal", NULL } },
	{ "one long paragraph in a block with a negative class hint is kept",
	  "<html><body><article>" FILLER "<div class=\"company-card\"><h3>Third "
	  "Moving Company</h3><p>Third Moving Company is the kind of mover that "
	  "answers the phone on a Sunday, turns up on time with enough blankets "
	  "for every table, and treats a piano, a crate of records and a box of "
	  "plates with the same care, so that nothing arrives chipped, scratched "
	  "or soaked; their crews are employees rather than day hires, their "
	  "quotes are binding, and in ten years of reviews the complaints are "
	  "about the price rather than the service.</p></div>"
	  "<div class=\"promo-card\"><p>Get a free quote today, call now.</p></div>"
	  "</article></body></html>",
	  { "third paragraph", "answers the phone on a Sunday", NULL },
	  { "free quote", NULL } },
	{ "a block laid out twice, once for each screen size, is read once",
	  "<html><body><article>" FILLER
	  "<div class=\"item\"><div class=\"show-mobile\"><h3>Universal Appeal</h3>"
	  "<p>Increasing attendance at a space museum in a small town.</p></div>"
	  "<div class=\"show-desktop\"><h3>Universal Appeal</h3>"
	  "<p>Increasing attendance at a space museum in a small town.</p></div></div>"
	  "<p>A closing line of the story, long enough, with commas, to be "
	  "kept.</p><p>A closing line of the story, long enough, with commas, "
	  "to be kept.</p></article></body></html>",
	  { "third paragraph", "small town.\n\nA closing line",
	    "to be kept.\n\nA closing line", NULL },
	  { "small town.\n\nUniversal Appeal", NULL } },
	{ "prose that cites its sources in links is not a link block",
	  "<html><body><article>" FILLER "<div class=\"step\"><p>Step one is "
	  "backing up your data: <a href=\"/guide\">the national guide to "
	  "backups and its checklist</a> lists five things to consider before "
	  "choosing where your copies live.</p></div>"
	  "</article></body></html>",
	  { "third paragraph", "Step one is backing up your data", NULL },
	  { NULL } },
	{ "author, date and reading-time lines are not body text",
	  "<html><head><meta name=\"author\" content=\"Jo Writer\"></head><body>"
	  "<article><p>By Jo Writer</p><p>Last updated: April 21, 2025</p>"
	  "<p>11 min read</p>" FILLER "<p>$149+</p><p>Since 2024, prices rose.</p>"
	  "</article></body></html>",
	  { "third paragraph", "$149+", "Since 2024, prices rose.", NULL },
	  { "By Jo Writer", "Last updated", "min read", NULL } },
	{ "closing furniture trimmed from the end of the article",
	  "<html><head><meta name=\"author\" content=\"Jo Writer\"></head><body>"
	  "<article>" FILLER "<p>All in all, bread machines are worth it.</p>"
	  "<p>Jo Writer is a reporter who covers kitchens, bread and the people "
	  "who bake it, from her home in Ohio.</p>"
	  "<h3>Related posts</h3><p><a href=\"/a\">Best ovens</a></p>"
	  "<p>Learn More</p><p>&copy; 2025 Example Media. All rights reserved.</p>"
	  "</article></body></html>",
	  { "third paragraph", "bread machines are worth it", NULL },
	  { "reporter who covers", "Related posts", "Learn More", "rights reserved" } },
	{ "a closing section under a heading that names it goes whole",
	  "<html><body><article>" FILLER FILLER "<h2>Comments</h2>"
	  "<p>I liked this piece, though the third paragraph said more than "
	  "it needed to, and the fourth could go.</p>"
	  "<p>Posted by: Sam at December 18, 2025 05:48 PM</p>"
	  "<h3>You may also like</h3><p>A teaser for another story, written "
	  "long enough that it reads as a sentence of prose.</p>"
	  "</article></body></html>",
	  { "third paragraph", "fourth paragraph", NULL },
	  { "I liked this piece", "Posted by", "teaser for another", NULL } },
	{ "'More from' the site heads a closing section",
	  "<html><body><article>" FILLER FILLER "<h2>More from Example News</h2>"
	  "<p>Another story from the same site, teased in a sentence that is "
	  "long enough to read as prose.</p></article></body></html>",
	  { "fourth paragraph", NULL },
	  { "More from Example", "Another story from the same site", NULL } },
	{ "a line that introduces a list is not a closing section",
	  "<html><body><article>" FILLER FILLER "<p>Read more about the "
	  "average costs:</p><ul><li>A studio costs about $465 to move.</li>"
	  "<li>A one-bedroom costs about $648 to move.</li></ul>"
	  "</article></body></html>",
	  { "Read more about the average costs:", "about $648", NULL },
	  { NULL } },
	{ "the end of an article that is the article's own stays",
	  "<html><head><meta name=\"author\" content=\"QCY Official\"></head><body>"
	  "<article>" FILLER "<p>QCY is already embracing these trends, with "
	  "headphones for every budget.</p><p>"
	  "\xe5\x9c\xa8\xe4\xb8\xa4\xe4\xbc\x9a\xe4\xb8\x8a\xef\xbc\x8c"
	  "\xe5\x85\xa8\xe5\x9b\xbd\xe6\x94\xbf\xe5\x8d\x8f\xe5\xa7\x94"
	  "\xe5\x91\x98\xe5\xbc\xa0\xe8\xbf\x91\xe4\xb8\x9c\xe6\x8f\x90"
	  "\xe5\x87\xba\xe5\xbd\x93\xe5\x89\x8d\xe4\xb8\xad\xe5\x9b\xbd"
	  "\xe7\xbb\x8f\xe6\xb5\x8e\xe7\x9a\x84\xe5\x8f\x91\xe5\xb1\x95"
	  "\xe6\xad\xa3\xe5\x9c\xa8\xe8\xbd\xac\xe5\x8f\x98</p>"
	  "<p>Sources: <a href=\"http://savills.example/report\">Savills 2016</a></p>"
	  "</article></body></html>",
	  { "QCY is already embracing", "\xe5\x9c\xa8\xe4\xb8\xa4", "Savills 2016", NULL },
	  { NULL } },
	{ "an article split over layout rows is read whole",
	  "<html><body><div class=\"body-container\"><div class=\"row-wrapper\">"
	  "<div class=\"span12\"><div class=\"rich-text\"><h2>Intro</h2>" FILLER
	  "</div></div></div>" LAYOUT_ROW LAYOUT_ROW LAYOUT_ROW LAYOUT_ROW
	  "</div></body></html>",
	  { "third paragraph", "The next part of the story", "second paragraph of the row", NULL },
	  { NULL } },
	{ "links to other stories inside the text are dropped",
	  "<html><body><article><p>This paragraph is long enough to count as article text, "
	  "with a few commas, and enough words to pass every threshold.</p>"
	  "<p>Related: <a href=\"/other\">Ten other things you should read today</a></p>"
	  "<p>A second paragraph adds more text, so that the page is clearly an article, "
	  "and not a list of links, a form, or a navigation menu.</p>"
	  "<p>READ MORE: <a href=\"/x\">The best budget ideas</a></p>"
	  "<p>Read more about it in <a href=\"/y\">our guide</a>, which says more.</p>"
	  FILLER "</article></body></html>",
	  { "second paragraph adds", "Read more about it in our guide", NULL },
	  { "Ten other things", "budget ideas", NULL } },
	{ "a page builder that calls every block a widget",
	  "<html><body><div class=\"el-section\"><div class=\"el-column\">" FILLER
	  WIDGET5 WIDGET5 WIDGET5 WIDGET5 "<p>The closing widget-free paragraph says "
	  "so, in a sentence.</p></div></div></body></html>",
	  { "third paragraph", "Another paragraph of the story", "closing widget-free", NULL },
	  { NULL } },
	{ "escape sequences removed from text",
	  "<html><body><div>" FILLER
	  "<p>Colour \x1b[31mred\x1b[0m and a title \x1b]0;pwned\x07 sequence, "
	  "plus &#27;[2J an entity-encoded escape, long enough to be kept.</p>"
	  "</div></body></html>",
	  { "Colour red and a title sequence", "plus an entity-encoded escape", NULL },
	  { "\x1b", "pwned", "[31m", "[2J" } },
};

/* Every case runs, so one run names every rule that broke. */
static void
test_body_table(void **state)
{
	size_t i, j;
	int failed = 0;

	(void)state;
	for (i = 0; i < sizeof body_cases / sizeof body_cases[0]; i++) {
		const struct body_case *c = &body_cases[i];
		struct article a;
		char *out = run(c->html, BASE, NULL, &a);

		for (j = 0; j < 4; j++) {
			if (c->must[j] != NULL && strstr(out, c->must[j]) == NULL) {
				print_error("%s: missing \"%s\" in:\n%s\n", c->name,
				    c->must[j], out);
				failed++;
			}
			if (c->never[j] != NULL && (strstr(out, c->never[j]) != NULL ||
			    strstr(a.html, c->never[j]) != NULL)) {
				print_error("%s: unwanted \"%s\" in:\n%s\n", c->name,
				    c->never[j], out);
				failed++;
			}
		}
		free(out);
		extract_release(&a);
	}
	assert_int_equal(failed, 0);
}

static void
test_too_short_flag(void **state)
{
	struct article a;
	char *out;

	(void)state;
	out = run("<html><head><title>Short</title></head><body><p>Just a line.</p>"
	    "</body></html>", BASE, NULL, &a);
	assert_int_equal(a.status, EXTRACT_TOO_SHORT);
	assert_true(a.text_chars < EXTRACT_MIN_TEXT);
	free(out);
	extract_release(&a);

	out = run("<html><body>" FILLER "</body></html>", BASE, NULL, &a);
	assert_int_equal(a.status, EXTRACT_OK);
	assert_true(a.text_chars >= EXTRACT_MIN_TEXT);
	free(out);
	extract_release(&a);
}

static void
test_charset(void **state)
{
	/* "Привет, мир" in windows-1251, "café" in latin-1 */
	static const char cp1251[] =
	    "<html><head><meta charset=\"windows-1251\"><title>t</title></head><body><p>"
	    "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0</p></body></html>";
	static const char latin1[] =
	    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
	    "charset=ISO-8859-1\"></head><body><p>caf\xE9</p></body></html>";
	static const char nometa[] = "<html><body><p>caf\xE9 cr\xE8me</p></body></html>";
	static const char bom[] = "\xEF\xBB\xBF<html><body><p>caf\xC3\xA9</p></body></html>";
	struct article a;
	char *out;

	(void)state;
	out = run(cp1251, BASE, NULL, &a);
	assert_non_null(strstr(out,
	    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80"));
	free(out);
	extract_release(&a);

	out = run(latin1, BASE, NULL, &a);
	assert_non_null(strstr(out, "caf\xC3\xA9"));
	free(out);
	extract_release(&a);

	/* no declaration and not UTF-8: windows-1252 */
	out = run(nometa, BASE, NULL, &a);
	assert_non_null(strstr(out, "caf\xC3\xA9 cr\xC3\xA8me"));
	free(out);
	extract_release(&a);

	/* the HTTP header beats <meta> */
	out = run(latin1 + 0, BASE, "windows-1251", &a);
	assert_non_null(strstr(out, "caf\xD0\xB9"));	/* 0xE9 in cp1251 is й */
	free(out);
	extract_release(&a);

	out = run(bom, BASE, NULL, &a);
	assert_non_null(strstr(out, "caf\xC3\xA9"));
	assert_null(strstr(out, "\xEF\xBB\xBF"));
	free(out);
	extract_release(&a);
}

static void
test_links(void **state)
{
	struct article a;
	char *out;

	(void)state;
	out = run("<html><body><div>" FILLER "<p>Links: <a href=\"../other/page.html\">rel</a>, "
	    "<a href=\"/root\">root</a>, <a href=\"javascript:alert(1)\">js link</a>, "
	    "<a href=\"data:text/html,x\">data link</a>, <a href=\"file:///etc/passwd\">file</a>, "
	    "<a href=\"mailto:a@example.org\">mail</a>, <a href=\" https://abs.example/x y \">abs</a>."
	    "<img src=\"img/a.png\" alt=\"pic\"><img src=\"data:image/png;base64,AAAA\" alt=\"inline\">"
	    "</p></div></body></html>", BASE, NULL, &a);
	assert_non_null(strstr(a.html, "<a href=\"http://fakehost/other/page.html\">rel</a>"));
	assert_non_null(strstr(a.html, "<a href=\"http://fakehost/root\">root</a>"));
	assert_non_null(strstr(a.html, "<a href=\"mailto:a@example.org\">mail</a>"));
	assert_non_null(strstr(a.html, "<a href=\"https://abs.example/x%20y\">abs</a>"));
	assert_non_null(strstr(a.html, "<img src=\"http://fakehost/test/img/a.png\" alt=\"pic\">"));
	assert_non_null(strstr(a.html, "<img alt=\"inline\">"));
	assert_null(strstr(a.html, "javascript:"));
	assert_null(strstr(a.html, "data:"));
	assert_null(strstr(a.html, "file:"));
	/* the text of dropped links stays */
	assert_non_null(strstr(out, "js link, data link, file, mail"));
	free(out);
	extract_release(&a);

	/* <base href> wins over the page address */
	out = run("<html><head><base href=\"https://cdn.example/base/\"></head><body><div>"
	    FILLER "<p>See <a href=\"x.html\">this</a>.</p></div></body></html>",
	    BASE, NULL, &a);
	assert_non_null(strstr(a.html, "<a href=\"https://cdn.example/base/x.html\">"));
	free(out);
	extract_release(&a);
}

static void
test_hostile_input(void **state)
{
	struct article a;
	struct buf b;
	struct err e;
	unsigned int seed = 7;
	size_t i;
	int rc;

	(void)state;
	assert_int_equal(extract_article(&a, "", 0, BASE, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "empty"));
	extract_release(&a);

	/* 100000 nested elements */
	buf_init(&b, 0);
	for (i = 0; i < 100000; i++)
		assert_int_equal(buf_addstr(&b, i % 2 ? "<div>" : "<span>"), 0);
	assert_int_equal(buf_addstr(&b, "deep text"), 0);
	rc = extract_article(&a, b.data, b.len, BASE, NULL, NULL);
	assert_true(rc == EXTRACT_OK || rc == EXTRACT_TOO_SHORT);
	extract_release(&a);
	buf_release(&b);

	/* random bytes, a few times */
	buf_init(&b, 0);
	for (i = 0; i < 200000; i++) {
		seed = seed * 1103515245u + 12345u;
		assert_int_equal(buf_addc(&b, (char)(seed >> 16)), 0);
		if (i % 97 == 0)
			assert_int_equal(buf_addstr(&b, "<p><a href='x'>"), 0);
	}
	rc = extract_article(&a, b.data, b.len, "not a url", "bogus-charset", NULL);
	assert_true(rc == EXTRACT_OK || rc == EXTRACT_TOO_SHORT);
	for (i = 0; a.text[i] != '\0'; i++)
		assert_true((unsigned char)a.text[i] >= 0x20 || a.text[i] == '\n');
	extract_release(&a);
	buf_release(&b);

	/* deeply nested JSON-LD */
	buf_init(&b, 0);
	assert_int_equal(buf_addstr(&b, "<script type=\"application/ld+json\">"), 0);
	for (i = 0; i < 50000; i++)
		assert_int_equal(buf_addc(&b, '['), 0);
	assert_int_equal(buf_addstr(&b, "</script><p>text</p>"), 0);
	rc = extract_article(&a, b.data, b.len, BASE, NULL, NULL);
	assert_int_equal(rc, EXTRACT_TOO_SHORT);
	extract_release(&a);
	buf_release(&b);
}

/*
 * A body past EXTRACT_MAX_BODY is cut there and says so: 80,000
 * paragraphs of '>' (each one "&gt;" in the body) make about 20 MB of
 * body from 6 MB of page.  Before, the cut body was too big to render and
 * `tidings extract` showed no body at all, without a word.
 */
static void
test_body_cap_visible(void **state)
{
	struct article a;
	struct buf b, out;
	size_t i;
	int rc;

	(void)state;
	buf_init(&b, 0);
	buf_addstr(&b, "<html><body><article><h1>T</h1>");
	for (i = 0; i < 80000; i++) {
		buf_addstr(&b, "<p>");
		for (int k = 0; k < 60; k++)
			buf_addc(&b, '>');
		buf_addstr(&b, " word, word.</p>\n");
	}
	buf_addstr(&b, "<p>THE END</p></article></body></html>");
	rc = extract_article(&a, b.data, b.len, BASE, NULL, NULL);
	buf_release(&b);
	assert_int_equal(rc, EXTRACT_OK);
	assert_int_equal(a.truncated, 1);
	assert_true(strlen(a.html) <= EXTRACT_MAX_BODY);
	assert_true(strlen(a.html) > EXTRACT_MAX_BODY - 4096);
	assert_null(strstr(a.html, "THE END"));
	assert_true(a.text_chars > 1000000);

	buf_init(&out, 0);
	assert_int_equal(extract_format(&a, 0, &out), 0);
	assert_true(out.len > 1000000);
	assert_non_null(strstr(out.data, "word, word.\n\n"));
	assert_string_equal(out.data + out.len - 25, "\n\n[article cut at 16 MB]\n");
	buf_release(&out);
	extract_release(&a);

	/* a whole body says nothing */
	rc = extract_article(&a, "<p>short</p>", 12, BASE, NULL, NULL);
	assert_int_equal(a.truncated, 0);
	buf_init(&out, 0);
	assert_int_equal(extract_format(&a, 0, &out), 0);
	assert_null(strstr(out.data, "article cut"));
	buf_release(&out);
	extract_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kyiv_exact),
		cmocka_unit_test(test_wrappers_exact),
		cmocka_unit_test(test_kyiv_no_boilerplate),
		cmocka_unit_test(test_kyiv_text_and_html),
		cmocka_unit_test(test_metadata_table),
		cmocka_unit_test(test_date_own_zone),
		cmocka_unit_test(test_body_table),
		cmocka_unit_test(test_too_short_flag),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_body_cap_visible),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
