/*
 * Unit tests for article/extract's metadata rules (issue 16): each rule
 * on a small hand-written page, in tables where every row runs, so one
 * run names every rule that broke.
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

#include "article/extract.h"
#include "util/buf.h"
#include "read_file.h"

#define BASE "http://fakehost/test/page.html"

/* Enough article text that the page is read as one. */
#define FILLER "<p>" \
	"This paragraph is long enough to count as article text, with a few commas, " \
	"some clauses, and enough words to pass every length threshold in the scorer.</p>" \
	"<p>A second paragraph adds more text, so that the page is clearly an article, " \
	"and not a list of links, a form, or a navigation menu of any kind at all.</p>" \
	"<p>A third paragraph, again with commas, keeps the extractor convinced that, " \
	"yes, this is the body of a story that a person would like to read today.</p>" \
	"<p>A fourth paragraph makes the page long enough that the extractor does not " \
	"retry with its cleaning rules relaxed, which it does for very short pages.</p>"

struct row {
	const char *name;
	const char *html;	/* the page's head and body, without <html> */
	const char *want;	/* the title, byline or date line expected */
};

/* Line n (0-based) of what `tidings extract` prints for html. */
static char *
line_of(const char *html, int n)
{
	struct article a;
	struct buf page, out;
	const char *p, *e;
	char *line;
	int rc;

	buf_init(&page, 0);
	buf_printf(&page, "<html>%s</html>", html);
	rc = extract_article(&a, page.data, page.len, BASE, NULL, NULL);
	assert_true(rc == EXTRACT_OK || rc == EXTRACT_TOO_SHORT);
	buf_init(&out, 0);
	assert_int_equal(extract_format(&a, 0, &out), 0);
	for (p = out.data; n > 0 && p != NULL; n--)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	assert_non_null(p);
	e = strchr(p, '\n');
	line = strndup(p, e != NULL ? (size_t)(e - p) : strlen(p));
	assert_non_null(line);
	extract_release(&a);
	buf_release(&page);
	buf_release(&out);
	return line;
}

static int
check(const struct row *rows, size_t n, int lineno, int prefix)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < n; i++) {
		char *got = line_of(rows[i].html, lineno);
		int ok = prefix ? strncmp(got, rows[i].want, strlen(rows[i].want)) == 0 &&
		    (*rows[i].want != '\0' || *got == '\0') :
		    strcmp(got, rows[i].want) == 0;

		if (!ok) {
			print_error("%s: got \"%s\", want \"%s\"\n", rows[i].name,
			    got, rows[i].want);
			failed++;
		}
		free(got);
	}
	return failed;
}

#define TITLE_PAGE "<head><title>A page</title></head>"
/* A paragraph past 200 bytes: where the header under the headline ends. */
#define LONG_P "<p>This paragraph runs on for long enough, with clauses and " \
	"commas, that a reader sees the body of the story has begun, and the " \
	"header under the headline, with its byline and its date, is over; it " \
	"says nothing else.</p>"
#define BODY(x) "<body><article><h1>A page</h1>" x FILLER "</article></body>"

static const struct row date_rows[] = {
	{ "an ordinal day after the month",
	  TITLE_PAGE "<body><article><h1>A page</h1><p class=\"date\">January 20th, "
	  "2025 by Jo</p>" FILLER "</article></body>", "2025-01-20" },
	{ "day.month.year with dots is day first",
	  TITLE_PAGE "<body><article><h1>A page</h1><span>23.07.2025</span>" FILLER
	  "</article></body>", "2025-07-23" },
	{ "day.month.year with both at most 12 is ambiguous",
	  TITLE_PAGE "<body><article><h1>A page</h1><span>09.10.2024</span>" FILLER
	  "</article></body>", "" },
	{ "the date under the headline over the metadata's other day",
	  "<head><title>A page</title><meta property=\"article:published_time\" "
	  "content=\"2024-05-09T00:00:00Z\"></head><body><article><h1>A page</h1>"
	  "<div class=\"header\"><div>16 December 2025</div><div>by Jo Doe</div></div>"
	  FILLER "</article></body>", "2025-12-16" },
	{ "a date under the headline labelled an update leaves the metadata's",
	  "<head><title>A page</title><meta property=\"article:published_time\" "
	  "content=\"2024-10-15T18:50:03Z\"></head><body><article><h1>A page</h1>"
	  "<div class=\"header\"><span>By Jo Doe</span><time datetime=\"2025-06-18\">"
	  "Updated on June 18, 2025</time></div>" FILLER "</article></body>",
	  "2024-10-15" },
	{ "month/day/year when the day is past 12",
	  TITLE_PAGE "<body><article><h1>A page</h1><div class=\"updated\">"
	  "Updated: 10/31/2024</div>" FILLER "</article></body>", "2024-10-31" },
	{ "day/month/year when the day is past 12",
	  TITLE_PAGE "<body><article><h1>A page</h1><span>31/10/2024</span>" FILLER
	  "</article></body>", "2024-10-31" },
	{ "an ambiguous day and month is no date",
	  TITLE_PAGE "<body><article><h1>A page</h1><span>03/04/2025</span>" FILLER
	  "</article></body>", "" },
	{ "year.month.day",
	  TITLE_PAGE "<body><article><h1>A page</h1><p>Published: 2025.12.17 "
	  "| <a href=\"/t\">tag</a></p>" FILLER "</article></body>", "2025-12-17" },
	{ "JSON-LD date written day first with a time",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"Article\",\"headline\":\"A page\",\"datePublished\":"
	  "\"13/11/2025 09:21:40\"}</script></head><body><article>" FILLER
	  "</article></body>", "2025-11-13" },
	{ "a date as its own text after an icon",
	  TITLE_PAGE "<body><article><h1>A page</h1><div class=\"flex\"><svg>"
	  "<use href=\"#cal\"></use></svg> Dec 12, 2025 </div>" FILLER
	  "</article></body>", "2025-12-12" },
	{ "a date as its own text before a separator and the author",
	  TITLE_PAGE "<body><article><h1>A page</h1><p>Dec 26, 2025 <span>&bull;"
	  "</span> <a href=\"/jo\">Jo Doe</a></p>" FILLER "</article></body>",
	  "2025-12-26" },
	{ "a date as its own text after a legend",
	  TITLE_PAGE "<body><fieldset><legend>A page</legend>\n20 December 2025\n"
	  "<div class=\"body\">" FILLER "</div></fieldset></body>", "2025-12-20" },
	{ "a page that gives only its last change dates by it",
	  "<head><title>A page</title><meta property=\"article:modified_time\" "
	  "content=\"2023-06-12T10:39:42+00:00\"></head>" BODY(""), "2023-06-12" },
	{ "a JSON-LD dateModified alone dates the page",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"Article\",\"headline\":\"A page\",\"dateModified\":"
	  "\"2021-03-04\"}</script></head>" BODY(""), "2021-03-04" },
	{ "the last change gives way to the publication date",
	  "<head><title>A page</title><meta property=\"article:modified_time\" "
	  "content=\"2025-02-12T13:28:34+00:00\"><meta property=\""
	  "article:published_time\" content=\"2020-03-10T15:30:00+00:00\"></head>"
	  BODY(""), "2020-03-10" },
	{ "the last change gives way to the date the page shows",
	  "<head><title>A page</title><meta property=\"og:updated_time\" "
	  "content=\"2025-02-12T13:28:34+00:00\"></head>"
	  BODY("<p class=\"date\">March 10, 2020</p>"), "2020-03-10" },
	{ "of two dates under the headline the earlier, in either order",
	  "<head><title>A page</title><meta property=\"article:published_time\" "
	  "content=\"2025-05-21T14:06:47+00:00\"></head>"
	  BODY("<div class=\"meta\"><span>May 21, 2025</span> <span>&middot;</span> "
	  "<time>April 24, 2025</time></div>"), "2025-04-24" },
	{ "of two dates under the headline the earlier, published first",
	  TITLE_PAGE BODY("<div class=\"meta\"><span>Published April 24, 2025"
	  "</span> <span>Updated May 21, 2025</span></div>"), "2025-04-24" },
	{ "a publication date under a name of the site's making",
	  "<head><title>A page</title><meta name=\"w-published-date\" content=\""
	  "2025-05-27T06:03:43.274Z\"></head>" BODY(""), "2025-05-27" },
	{ "of the site's own names a day before a time",
	  "<head><title>A page</title><meta name=\"published-time\" content=\""
	  "2026-03-09T08:45:32Z\"><meta name=\"published-date\" content=\""
	  "2021-02-16\"></head>" BODY(""), "2021-02-16" },
	{ "a listed name over one of the site's making",
	  "<head><title>A page</title><meta name=\"og:publish_date\" content=\""
	  "2019-01-02\"><meta property=\"article:published_time\" content=\""
	  "2020-05-06T10:00:00Z\"></head>" BODY(""), "2020-05-06" },
	{ "a <time pubdate> in the text over JSON-LD's other day",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"Article\",\"headline\":\"A page\",\"datePublished\":"
	  "\"2025-11-29T12:28:31-05:00\"}</script></head>" BODY(LONG_P LONG_P) "<footer>"
	  "<p>Published <time pubdate datetime=\"2025-08-13\">August 13, 2025"
	  "</time></p></footer>", "2025-08-13" },
	{ "a <time pubdate> on the metadata's day keeps the metadata's time",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"Article\",\"headline\":\"A page\",\"datePublished\":"
	  "\"2024-05-28T11:43:23-04:00\"}</script></head>" BODY("") "<footer>"
	  "<time pubdate datetime=\"2024-05-28\">May 28</time></footer>",
	  "2024-05-28T11:43:23-04:00" },
	{ "a long text that starts with a date is no date line",
	  TITLE_PAGE "<body><article><h1>A page</h1><div><b>x</b>Dec 26, 2025 was "
	  "the day the river rose above its banks and the town woke to water in "
	  "every street</div>" FILLER "</article></body>", "" },
};

static void
test_dates(void **state)
{
	(void)state;
	assert_int_equal(check(date_rows, sizeof date_rows / sizeof date_rows[0],
	    2, 1), 0);
}

static const struct row byline_rows[] = {
	{ "a JSON-LD author that is an Organization loses to the page's byline",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"Article\",\"headline\":\"A page\",\"author\":"
	  "{\"@type\":\"Organization\",\"name\":\"Acme Widgets\"}}</script></head>"
	  BODY("<p class=\"byline\">By Jo Marsh</p>"), "Jo Marsh" },
	{ "an author field holding the site's name loses to the page's byline",
	  "<head><title>A page</title><meta name=\"author\" content=\"Heart Trust\">"
	  "<meta property=\"og:site_name\" content=\"The Heart Trust\"></head>"
	  BODY("<p>Written by Tracy Parker</p>"), "Tracy Parker" },
	{ "the site's name stays the byline when the page shows no other",
	  "<head><title>A page</title><meta name=\"author\" content=\"Heart Trust\">"
	  "<meta property=\"og:site_name\" content=\"Heart Trust\"></head>"
	  BODY(""), "Heart Trust" },
	{ "a person in the author field is kept over a different byline shape",
	  "<head><title>A page</title><meta name=\"author\" content=\"Ann Lee\">"
	  "<meta property=\"og:site_name\" content=\"Heart Trust\"></head>"
	  BODY("<p class=\"byline\">By Ann Lee</p>"), "Ann Lee" },
	{ "a field label in an author box is no name",
	  TITLE_PAGE BODY("<div class=\"author-box\"><span>Full Bio</span></div>"), "" },
	{ "a label word before the name is no name: the metadata's is",
	  "<head><title>A page</title><meta name=\"author\" content=\"Peter Bell\">"
	  "</head>" BODY("<div class=\"author-box\">About Peter Bell</div>"),
	  "Peter Bell" },
	{ "the metadata's author field is taken as it names, label words and all",
	  "<head><title>A page</title><meta name=\"author\" content=\"Guide Dogs "
	  "Trust\"></head>" BODY(""), "Guide Dogs Trust" },
	{ "Dublin Core written with a dot (DC.creator)",
	  "<head><title>A page</title><meta name=\"DC.Creator\" content=\"Jennifer "
	  "Huberty\"></head>" BODY(""), "Jennifer Huberty" },
	{ "a label ending in a lower-case joiner is no name",
	  TITLE_PAGE BODY("<div class=\"byline\">Heard on</div>"), "" },
	{ "a label opening with a capitalised joiner is no name",
	  TITLE_PAGE BODY("<div class=\"byline\">On Freewrite</div>"), "" },
	{ "a byline without a letter is no name",
	  TITLE_PAGE BODY("<div class=\"byline\">5</div>"), "" },
	{ "a date after the name's comma is no second name",
	  TITLE_PAGE BODY("<p class=\"byline\">by: <!-- -->Ziyi Xu<!-- -->,<!-- --> "
	  "<!-- -->Dec 17, 2025<!-- --></p>"), "Ziyi Xu" },
	{ "a label closed by 'from' in a byline's markup",
	  TITLE_PAGE BODY("<div class=\"author\"><span>Insights from</span> "
	  "<a href=\"/t/liza\">Liza Burke</a> <span>Marketing Director</span></div>"),
	  "Liza Burke" },
	{ "a label closed by 'by' in a byline's markup",
	  TITLE_PAGE BODY("<div class=\"byline\">Guide by <a href=\"/t/w\">Will "
	  "Judd</a></div>"), "Will Judd" },
	{ "a name beside the date under the headline",
	  TITLE_PAGE BODY("<div class=\"meta\"><span>Shauna Mitchell</span> "
	  "<span>August 25, 2024</span></div>"), "Shauna Mitchell" },
	{ "a name after the date and a separator under the headline",
	  TITLE_PAGE BODY("<p>Dec 26, 2025 <span>&bull;</span> Mahua Das</p>"),
	  "Mahua Das" },
	{ "a name beside the date after the standfirst",
	  TITLE_PAGE BODY("<p class=\"lede\">HR shared services have evolved into a "
	  "cornerstone of modern HR operating models, enabling organisations to drive "
	  "both efficiency and value creation at scale, in every region and every market "
	  "that they serve today.</p>"
	  "<p>Elliot Raba</p><p><span>23.07.2025</span><span> &middot; </span>"
	  "<span>6 min read</span></p>"), "Elliot Raba" },
	{ "a name before a date label whose date is elsewhere",
	  TITLE_PAGE BODY("<div><p>Matteo Laratta</p><div>Last Updated:</div></div>"),
	  "Matteo Laratta" },
	{ "a category link beside the date is no name",
	  TITLE_PAGE BODY("<div><a href=\"/category/travel-tips\">Travel Tips</a> "
	  "<span>June 2, 2025</span></div>"), "" },
	{ "a label beside the date is no name",
	  TITLE_PAGE BODY("<div><span>Written By</span> <span>June 2, 2025</span>"
	  "</div>"), "" },
	{ "the header's name is not the site's",
	  "<head><title>A page</title><meta property=\"og:site_name\" content=\"Alignment "
	  "Forum\"></head>" BODY("<div><span>Alignment Forum</span> <span>June 2, "
	  "2025</span></div>"), "" },
	{ "a headline in an element hinted as the author is no name",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"Article\",\"author\":{\"@type\":\"Person\",\"name\":"
	  "\"Venteur\"}}</script></head>" BODY("<div class=\"author-card\">"
	  "Introducing the Venteur Collective: A New Way</div>"), "Venteur" },
	{ "an avatar's initials are no name: the name beside the date is",
	  TITLE_PAGE BODY("<div><span class=\"author-avatar\">CM</span> "
	  "<span>Craig McCarthy</span> <span>Last updated on 17 December 2025</span>"
	  "</div>"), "Craig McCarthy" },
	{ "the publication a post was published in is no name",
	  "<head><title>A page</title><meta name=\"author\" content=\"Sergio "
	  "Schuler\"></head>" BODY("<div class=\"author\">Published in Sergio Schuler "
	  "Stories</div>"), "Sergio Schuler" },
	{ "an author field written with its label prints the name",
	  "<head><title>A page</title><meta name=\"author\" content=\"By Sara "
	  "Coughlin\"></head>" BODY(""), "Sara Coughlin" },
	{ "a JSON-LD author named with its label prints the name",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"NewsArticle\",\"headline\":\"A page\",\"author\":"
	  "{\"@type\":\"Person\",\"name\":\"Posted by: Arlene Marturano\"}}"
	  "</script></head>" BODY(""), "Arlene Marturano" },
	{ "a name that only starts like a label is kept whole",
	  "<head><title>A page</title><meta name=\"author\" content=\"Byron "
	  "Katie\"></head>" BODY(""), "Byron Katie" },
	{ "the twitter field labelled 'Written by' names the author",
	  "<head><title>A page</title><meta name=\"twitter:label2\" content=\""
	  "Est. reading time\"><meta name=\"twitter:data2\" content=\"4 minutes\">"
	  "<meta name=\"twitter:label1\" content=\"Written by\"><meta name=\""
	  "twitter:data1\" content=\"Nawaz Dhandala\"></head>" BODY(""),
	  "Nawaz Dhandala" },
	{ "a twitter field with another label names no author",
	  "<head><title>A page</title><meta name=\"twitter:label1\" content=\""
	  "Est. reading time\"><meta name=\"twitter:data1\" content=\"Four "
	  "Minutes\"></head>" BODY(""), "" },
	{ "the byline the page shows over the twitter field's poster",
	  "<head><title>A page</title><meta name=\"twitter:label1\" content=\""
	  "Written by\"><meta name=\"twitter:data1\" content=\"Colin Madison\">"
	  "</head>" BODY("<p class=\"byline\">By Christian Dupuis</p>"),
	  "Christian Dupuis" },
	{ "a label element, an avatar, then the name",
	  TITLE_PAGE BODY("<div class=\"meta\"><span>Written by:</span><picture>"
	  "<img src=\"/a.jpg\" alt=\"\"></picture><span class=\"name\">Elise Nass"
	  "</span></div>"), "Elise Nass" },
	{ "a 'Contributors:' label, then the name as plain text",
	  TITLE_PAGE BODY("<div class=\"tags\"><div><strong>Contributors:</strong>"
	  "\n\tJanet Loughrey\t</div></div>"), "Janet Loughrey" },
	{ "a lone 'Contributors' is no name",
	  TITLE_PAGE BODY("<div class=\"byline\">Contributors</div>"), "" },
	{ "a name beside the date, joined by 'in' to its section",
	  TITLE_PAGE BODY("<p>Dec 26, 2025 <span>&bull;</span> <img src=\"/a.png\"> "
	  "Mahua Das in\n <a href=\"blog/pm\">Project Management</a></p>"),
	  "Mahua Das" },
	{ "a name that ends in a capitalised joiner is a name",
	  TITLE_PAGE BODY("<div class=\"byline\">Audiophile On</div>"),
	  "Audiophile On" },
};

static const struct row title_rows[] = {
	{ "Dublin Core title written with a dot (DC.title)",
	  "<head><title>Site</title><meta name=\"DC.title\" content=\"Mindfulness "
	  "for College Students\"></head><body><article>" FILLER "</article></body>",
	  "Mindfulness for College Students" },
	{ "a headline with the date written into it",
	  "<head><title>Preparing a transition in Debusine | Jo's blog</title>"
	  "<meta property=\"og:title\" content=\"Preparing a transition in "
	  "Debusine\"></head><body><article><h1>Dec 18 2025 Preparing a "
	  "transition in&nbsp;Debusine</h1>" FILLER "</article></body>",
	  "Preparing a transition in Debusine" },
	{ "a headline with its posting line in it",
	  "<head><title>A page</title><script type=\"application/ld+json\">"
	  "{\"@type\":\"Article\",\"headline\":\"Top Strategies to Optimize "
	  "Performance\"}</script></head><body><article><h1>Top Strategies to "
	  "Optimize Performance <small>Posted on July 1, 2024 by jo</small></h1>"
	  FILLER "</article></body>", "Top Strategies to Optimize Performance" },
	{ "a headline with a label word before it",
	  "<head><title>Best Social Media Agencies in 2025 | Silverback</title>"
	  "<meta property=\"og:site_name\" content=\"Silverback\"></head>"
	  "<body><article><h1>Blog: Best Social Media Agencies in 2025</h1>" FILLER
	  "</article></body>", "Best Social Media Agencies in 2025" },
	{ "a headline longer than the metadata's title by words, not furniture",
	  "<head><title>A page</title><meta property=\"og:title\" content=\"Recent "
	  "Trends in Photography\"></head><body><article><h1>Eight Recent Trends in "
	  "Photography</h1>" FILLER "</article></body>",
	  "Eight Recent Trends in Photography" },
	{ "a short headline that is the <title> without the site's name",
	  "<head><title>Climate Change | Economic Research Service</title></head>"
	  "<body><article><h1>Climate Change</h1>" FILLER "</article></body>",
	  "Climate Change" },
	{ "an <h1> holding the site's name is no headline",
	  "<head><title>Certificate vs Certification | Stanford Online</title>"
	  "<meta property=\"og:site_name\" content=\"Stanford Online\">"
	  "<meta property=\"og:title\" content=\"Certificate vs Certification\">"
	  "</head><body><h1>Stanford Online</h1><article><h1>Certificate vs "
	  "Certification</h1>" FILLER "</article></body>",
	  "Certificate vs Certification" },
	{ "a short tail after a dash is cut from the printed title",
	  "<head><title>Site</title></head><body><article><h1>Reflections on a "
	  "Pixel-Perfect UI Pipeline - Part 1</h1>" FILLER "</article></body>",
	  "Reflections on a Pixel-Perfect UI Pipeline" },
	{ "a host name after a bar is cut even after a short title",
	  "<head><title>GAME CHANGER | Newegg.com</title></head><body><article>"
	  FILLER "</article></body>", "GAME CHANGER" },
	{ "a head of two words before a dash is cut",
	  "<head><title>Site</title></head><body><article><h1>AlignMerge - "
	  "Alignment-Preserving Model Merging via Geometric Constraints</h1>"
	  FILLER "</article></body>",
	  "Alignment-Preserving Model Merging via Geometric Constraints" },
	{ "a short head before a one-word rest stays (the rest is the site)",
	  "<head><title>Site</title><meta property=\"og:title\" content=\"Mozilla "
	  "- Wikipedia\"></head><body><article>" FILLER "</article></body>",
	  "Mozilla - Wikipedia" },
	{ "a tail of six words stays",
	  "<head><title>Site</title></head><body><article><h1>Moving to Spain - "
	  "What I Wish I Had Known</h1>" FILLER "</article></body>",
	  "Moving to Spain - What I Wish I Had Known" },
	{ "a dash inside a word is no separator",
	  "<head><title>Long-Distance Movers Compared-Tested</title></head>"
	  "<body><article>" FILLER "</article></body>",
	  "Long-Distance Movers Compared-Tested" },
};

static void
test_titles(void **state)
{
	(void)state;
	assert_int_equal(check(title_rows, sizeof title_rows /
	    sizeof title_rows[0], 0, 0), 0);
}

static void
test_bylines(void **state)
{
	(void)state;
	assert_int_equal(check(byline_rows, sizeof byline_rows /
	    sizeof byline_rows[0], 1, 0), 0);
}

/* The page with every shape above at once (fuzz_extract's seed): the
 * metadata's title, the date under the headline (over JSON-LD's), the
 * first byline the cleaning finds. */
static void
test_seed_page(void **state)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	struct buf html, out;
	struct article a;

	(void)state;
	if (snprintf(path, sizeof path, "%s/tests/data/extract-metadata.html",
	    top != NULL ? top : ".") >= (int)sizeof path)
		fail_msg("path too long");
	buf_init(&html, 0);
	if (read_file_into(path, &html) < 0)
		fail_msg("cannot read %s", path);
	assert_int_equal(extract_article(&a, html.data, html.len, BASE, NULL, NULL),
	    EXTRACT_OK);
	buf_init(&out, 0);
	assert_int_equal(extract_format(&a, 0, &out), 0);
	assert_true(strncmp(out.data, "A headline\nZiyi Xu\n2024-08-25T00:00:00Z\n\n",
	    strlen("A headline\nZiyi Xu\n2024-08-25T00:00:00Z\n\n")) == 0);
	extract_release(&a);
	buf_release(&out);
	buf_release(&html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_bylines),
		cmocka_unit_test(test_seed_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
