/*
 * Unit tests for feed/feed: one table of documents and expected fields per
 * behaviour, the hostile inputs, and the Kyiv Independent fixtures
 * (data/samples/kyiv-feed.xml and kyiv-feed.atom, the installed sample
 * feeds, copies of ../shared/fixtures).
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

#include "feed/feed.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/text.h"
#include "read_file.h"

/* ---- helpers ---- */

struct field_case {
	const char *doc;
	const char *url;	/* the feed's URL, or NULL */
	int item;		/* -1: the feed itself */
	const char *field;
	const char *want;	/* NULL: the field must be absent */
};

static int
utf8_valid(const char *s)
{
	return text_utf8_valid(s, strlen(s));
}

static int
starts_with(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static struct feed *
parse_opts(const char *doc, size_t len, const char *url, const char *charset,
    size_t max_items)
{
	struct feed_parse_opts o;
	struct err e;
	struct feed *f;

	memset(&o, 0, sizeof o);
	o.url = url;
	o.charset = charset;
	o.max_items = max_items;
	err_clear(&e);
	f = feed_parse(doc, len, &o, &e);
	if (f == NULL)
		fail_msg("parse failed: %s\n--- document:\n%.300s", e.msg, doc);
	return f;
}

static struct feed *
parse(const char *doc, const char *url)
{
	return parse_opts(doc, strlen(doc), url, NULL, 0);
}

/* The named field as a string ("" stands for 0 in dates; NULL absent). */
static char *
field_value(const struct feed *f, int idx, const char *field, char *tmp, size_t size)
{
	const struct item *it;
	time_t t = 0;
	size_t k;

	if (idx < 0) {
		if (strcmp(field, "title") == 0)
			return f->title;
		if (strcmp(field, "link") == 0)
			return f->link;
		if (strcmp(field, "description") == 0)
			return f->description;
		if (strcmp(field, "author") == 0)
			return f->author;
		if (strcmp(field, "updated") == 0)
			return f->updated ? date_iso(f->updated, tmp, size) : NULL;
		if (strcmp(field, "nitems") == 0) {
			snprintf(tmp, size, "%zu", f->nitems);
			return tmp;
		}
		fail_msg("unknown feed field %s", field);
	}
	if ((size_t)idx >= f->nitems)
		fail_msg("no item %d (%zu items)", idx, f->nitems);
	it = &f->items[idx];
	if (strcmp(field, "guid") == 0)
		return it->guid;
	if (strcmp(field, "title") == 0)
		return it->title;
	if (strcmp(field, "link") == 0)
		return it->link;
	if (strcmp(field, "author") == 0)
		return it->author;
	if (strcmp(field, "summary") == 0)
		return it->summary;
	if (strcmp(field, "content") == 0)
		return it->content;
	if (strcmp(field, "image") == 0)
		return it->image;
	if (strcmp(field, "published") == 0 || strcmp(field, "updated") == 0) {
		t = field[0] == 'p' ? it->published : it->updated;
		return t ? date_iso(t, tmp, size) : NULL;
	}
	if (strcmp(field, "categories") == 0) {
		tmp[0] = '\0';
		for (k = 0; k < it->ncategories; k++)
			snprintf(tmp + strlen(tmp), size - strlen(tmp), "%s%s",
			    k ? "|" : "", it->categories[k]);
		return it->ncategories ? tmp : NULL;
	}
	if (strcmp(field, "enclosures") == 0) {
		tmp[0] = '\0';
		for (k = 0; k < it->nenclosures; k++)
			snprintf(tmp + strlen(tmp), size - strlen(tmp), "%s%s %s %lld",
			    k ? "|" : "", it->enclosures[k].url,
			    it->enclosures[k].type ? it->enclosures[k].type : "-",
			    it->enclosures[k].length);
		return it->nenclosures ? tmp : NULL;
	}
	fail_msg("unknown item field %s", field);
	return NULL;
}

static void
check_cases(const struct field_case *cases, size_t n)
{
	char tmp[4096];
	const char *got;
	struct feed *f;
	size_t i;

	for (i = 0; i < n; i++) {
		f = parse(cases[i].doc, cases[i].url);
		got = field_value(f, cases[i].item, cases[i].field, tmp, sizeof tmp);
		if (got != NULL && !utf8_valid(got))
			fail_msg("case %zu: %s is not UTF-8", i, cases[i].field);
		if (cases[i].want == NULL && got != NULL)
			fail_msg("case %zu: %s = '%s', want NULL\n%s", i, cases[i].field,
			    got, cases[i].doc);
		if (cases[i].want != NULL && (got == NULL || strcmp(got, cases[i].want) != 0))
			fail_msg("case %zu: %s = '%s', want '%s'\n%s", i, cases[i].field,
			    got ? got : "(null)", cases[i].want, cases[i].doc);
		feed_free(f);
	}
}

#define CHECK(table) check_cases(table, sizeof table / sizeof table[0])

#define RSS(items) "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" \
	"<title>T</title>" items "</channel></rss>"
#define ATOM(entries) "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">" \
	"<title>T</title>" entries "</feed>"

/* ---- formats ---- */

static void
test_rss20(void **state)
{
	static const struct field_case cases[] = {
		{ RSS("<link>http://example.com/</link><description>About</description>"
		    "<managingEditor>ed@example.com (Ed Itor)</managingEditor>"
		    "<lastBuildDate>Wed, 10 Jul 2024 09:15:02 GMT</lastBuildDate>"), NULL, -1, "title", "T" },
		{ RSS("<link>http://example.com/</link>"), NULL, -1, "link", "http://example.com/" },
		{ RSS("<description>About &amp; more</description>"), NULL, -1, "description", "About & more" },
		{ RSS("<managingEditor>ed@example.com (Ed Itor)</managingEditor>"), NULL, -1, "author", "Ed Itor" },
		{ RSS("<lastBuildDate>Wed, 10 Jul 2024 09:15:02 GMT</lastBuildDate>"), NULL, -1, "updated", "2024-07-10T09:15:02Z" },
		{ RSS("<item><title>One</title></item><item><title>Two</title></item>"), NULL, 1, "title", "Two" },
		{ RSS("<item><title>One</title><link>http://example.com/1</link></item>"), NULL, 0, "link", "http://example.com/1" },
		{ RSS("<item><guid>urn:x:1</guid></item>"), NULL, 0, "guid", "urn:x:1" },
		{ RSS("<item><author>jo@example.com (Jo Bloggs)</author></item>"), NULL, 0, "author", "Jo Bloggs" },
		{ RSS("<item><author>jo@example.com</author></item>"), NULL, 0, "author", "jo@example.com" },
		{ RSS("<item><pubDate>Wed, 10 Jul 2024 04:26:53 GMT</pubDate></item>"), NULL, 0, "published", "2024-07-10T04:26:53Z" },
		{ RSS("<item><description>&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</description></item>"), NULL, 0, "summary", "<p>Hi &amp; bye</p>" },
		{ RSS("<item><category>A</category><category domain=\"x\">B</category><category>A</category></item>"), NULL, 0, "categories", "A|B" },
		{ RSS("<item><enclosure url=\"http://example.com/a.mp3\" type=\"audio/mpeg\" length=\"1234\"/></item>"), NULL, 0, "enclosures", "http://example.com/a.mp3 audio/mpeg 1234" },
		{ RSS("<item><enclosure url=\"a.mp3\" length=\"junk\"/></item>"), "http://example.com/pod/feed", 0, "enclosures", "http://example.com/pod/a.mp3 - -1" },
		{ RSS("<item><enclosure url=\"http://example.com/i.jpg\" type=\"image/jpeg\"/></item>"), NULL, 0, "image", "http://example.com/i.jpg" },
		{ RSS("<item><title>a</title></item><image><title>Logo</title><link>http://img/</link></image>"), NULL, -1, "title", "T" },
		{ RSS("<textInput><title>Search</title><link>http://search/</link></textInput><link>http://site/</link>"), NULL, -1, "link", "http://site/" },
		/* RSS 0.91 items outside the channel and no version */
		{ "<rss><item><title>Loose</title></item></rss>", NULL, 0, "title", "Loose" },
		{ "<rss version=\"0.91\"><channel><title>Old</title><item><title>i</title></item></channel></rss>", NULL, -1, "title", "Old" },
	};

	(void)state;
	CHECK(cases);
}

static void
test_rdf(void **state)
{
	static const char rss10[] =
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	    " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	    " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
	    "<channel rdf:about=\"http://example.com/\"><title>RDF feed</title>"
	    "<link>http://example.com/</link><description>d</description>"
	    "<items><rdf:Seq><rdf:li resource=\"http://example.com/1\"/></rdf:Seq></items></channel>"
	    "<item rdf:about=\"http://example.com/1\"><title>Item one</title>"
	    "<link>http://example.com/1.html</link><dc:creator>Ann</dc:creator>"
	    "<dc:date>2024-07-10T04:26:53+00:00</dc:date><dc:subject>Topic</dc:subject>"
	    "<content:encoded><![CDATA[<p>Full</p>]]></content:encoded></item>"
	    "<item rdf:about=\"http://example.com/2\"><title>Two</title></item></rdf:RDF>";
	static const char rss090[] =
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	    " xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>Netscape</title>"
	    "<link>http://n.example/</link></channel><item><title>Old item</title>"
	    "<link>http://n.example/1</link></item></rdf:RDF>";
	static const struct field_case cases[] = {
		{ rss10, NULL, -1, "title", "RDF feed" },
		{ rss10, NULL, -1, "link", "http://example.com/" },
		{ rss10, NULL, -1, "nitems", "2" },
		{ rss10, NULL, 0, "title", "Item one" },
		{ rss10, NULL, 0, "guid", "http://example.com/1" },	/* rdf:about */
		{ rss10, NULL, 0, "link", "http://example.com/1.html" },
		{ rss10, NULL, 0, "author", "Ann" },
		{ rss10, NULL, 0, "updated", "2024-07-10T04:26:53Z" },
		{ rss10, NULL, 0, "categories", "Topic" },
		{ rss10, NULL, 0, "content", "<p>Full</p>" },
		{ rss10, NULL, 1, "guid", "http://example.com/2" },
		{ rss090, NULL, -1, "title", "Netscape" },
		{ rss090, NULL, 0, "link", "http://n.example/1" },
	};

	(void)state;
	CHECK(cases);
}

static void
test_atom10(void **state)
{
	static const char doc[] =
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom feed</title>"
	    "<subtitle type=\"html\">Sub &lt;b&gt;title&lt;/b&gt;</subtitle>"
	    "<link rel=\"self\" href=\"http://example.com/atom\"/>"
	    "<link href=\"http://example.com/\"/>"
	    "<author><name>Feed Author</name></author><updated>2024-07-10T09:15:02Z</updated>"
	    "<entry><id>tag:example.com,2024:1</id><title>Entry</title>"
	    "<link rel=\"related\" href=\"http://example.com/related\"/>"
	    "<link rel=\"alternate\" type=\"application/pdf\" href=\"http://example.com/1.pdf\"/>"
	    "<link rel=\"alternate\" type=\"text/html\" href=\"http://example.com/1\"/>"
	    "<link rel=\"enclosure\" type=\"audio/ogg\" length=\"99\" href=\"http://example.com/1.ogg\"/>"
	    "<author><name>A</name><email>a@example.com</email></author>"
	    "<author><email>b@example.com</email></author>"
	    "<contributor><name>Not an author</name></contributor>"
	    "<published>2024-07-10T04:26:53Z</published><updated>2024-07-10T04:41:07+00:00</updated>"
	    "<category term=\"t1\"/><category term=\"t2\" label=\"Label two\"/>"
	    "<summary>Plain &lt;summary&gt;</summary>"
	    "<content type=\"html\">&lt;p&gt;Body&lt;/p&gt;</content>"
	    "<source><title>Elsewhere</title><link href=\"http://elsewhere/\"/></source>"
	    "</entry></feed>";
	static const struct field_case cases[] = {
		{ doc, NULL, -1, "title", "Atom feed" },
		{ doc, NULL, -1, "description", "Sub title" },
		{ doc, NULL, -1, "link", "http://example.com/" },
		{ doc, NULL, -1, "author", "Feed Author" },
		{ doc, NULL, -1, "updated", "2024-07-10T09:15:02Z" },
		{ doc, NULL, 0, "guid", "tag:example.com,2024:1" },
		{ doc, NULL, 0, "title", "Entry" },
		{ doc, NULL, 0, "link", "http://example.com/1" },
		{ doc, NULL, 0, "author", "A, b@example.com" },
		{ doc, NULL, 0, "published", "2024-07-10T04:26:53Z" },
		{ doc, NULL, 0, "updated", "2024-07-10T04:41:07Z" },
		{ doc, NULL, 0, "categories", "t1|Label two" },
		{ doc, NULL, 0, "enclosures", "http://example.com/1.ogg audio/ogg 99" },
		{ doc, NULL, 0, "summary", "Plain &lt;summary&gt;" },
		{ doc, NULL, 0, "content", "<p>Body</p>" },
		/* an Atom entry document is a feed of one */
		{ "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:e</id><title>Alone</title></entry>", NULL, 0, "title", "Alone" },
		{ "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:e</id><title>Alone</title></entry>", NULL, 0, "guid", "urn:e" },
		/* a link with no rel is an alternate */
		{ ATOM("<entry><link href=\"http://x/only\"/></entry>"), NULL, 0, "link", "http://x/only" },
	};

	(void)state;
	CHECK(cases);
}

static void
test_atom03(void **state)
{
	static const char doc[] =
	    "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old Atom</title>"
	    "<tagline>Tag line</tagline><link rel=\"alternate\" type=\"text/html\" href=\"http://example.com/\"/>"
	    "<modified>2004-01-01T19:48:21Z</modified>"
	    "<entry><title mode=\"escaped\" type=\"text/html\">A &lt;b&gt;bold&lt;/b&gt; one</title>"
	    "<id>tag:x,2004:1</id><issued>2004-01-01T19:48:21Z</issued><modified>2004-01-02T00:00:00Z</modified>"
	    "<author><name>Old Author</name></author>"
	    "<summary type=\"text/plain\" mode=\"base64\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</summary>"
	    "<content type=\"application/xhtml+xml\" mode=\"xml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Inline <b>xhtml</b></div></content>"
	    "</entry></feed>";
	static const struct field_case cases[] = {
		{ doc, NULL, -1, "title", "Old Atom" },
		{ doc, NULL, -1, "description", "Tag line" },
		{ doc, NULL, -1, "link", "http://example.com/" },
		{ doc, NULL, -1, "updated", "2004-01-01T19:48:21Z" },
		{ doc, NULL, 0, "title", "A bold one" },
		{ doc, NULL, 0, "guid", "tag:x,2004:1" },
		{ doc, NULL, 0, "published", "2004-01-01T19:48:21Z" },
		{ doc, NULL, 0, "updated", "2004-01-02T00:00:00Z" },
		{ doc, NULL, 0, "author", "Old Author" },
		{ doc, NULL, 0, "summary", "Example &lt;b&gt;Atom&lt;/b&gt;" },	/* base64 text */
		{ doc, NULL, 0, "content", "<div>Inline <b>xhtml</b></div>" },	/* 0.3 keeps the div */
	};

	(void)state;
	CHECK(cases);
}

static void
test_namespaces(void **state)
{
	static const struct field_case cases[] = {
		/* RSS 2.0 elements in the userland namespace, with a prefix */
		{ "<r:rss xmlns:r=\"http://backend.userland.com/rss2\"><r:channel><r:title>NS</r:title>"
		  "<r:item><r:title>In NS</r:title></r:item></r:channel></r:rss>", NULL, 0, "title", "In NS" },
		/* an unknown namespace's <description> is not the item's */
		{ RSS("<item xmlns:x=\"http://example.com/other\"><x:description>wrong</x:description>"
		  "<description>right</description><x:description>wrong</x:description></item>"), NULL, 0, "summary", "right" },
		{ RSS("<item xmlns:x=\"http://example.com/other\"><x:title>wrong</x:title></item>"), NULL, 0, "title", NULL },
		/* dc:title and media:title only when there is no title */
		{ RSS("<item xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>dc</dc:title><title>core</title></item>"), NULL, 0, "title", "core" },
		{ RSS("<item xmlns:media=\"http://search.yahoo.com/mrss/\"><media:title>media</media:title></item>"), NULL, 0, "title", "media" },
		/* several dc:creator join */
		{ RSS("<item xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>A</dc:creator><dc:creator>B</dc:creator></item>"), NULL, 0, "author", "A, B" },
		/* itunes:author is a fallback */
		{ RSS("<item xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><itunes:author>Pod</itunes:author></item>"), NULL, 0, "author", "Pod" },
		{ RSS("<item xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><itunes:author>Pod</itunes:author><author>a@b (Real)</author></item>"), NULL, 0, "author", "Real" },
		{ RSS("<item xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\"><itunes:summary>a &lt; b</itunes:summary></item>"), NULL, 0, "summary", "a &lt; b" },
		/* atom:link in RSS: rel=self is not the site, an alternate is a fallback */
		{ RSS("<atom:link xmlns:atom=\"http://www.w3.org/2005/Atom\" rel=\"self\" href=\"http://x/rss\"/><link>http://x/</link>"), NULL, -1, "link", "http://x/" },
		{ RSS("<item><atom:link xmlns:atom=\"http://www.w3.org/2005/Atom\" href=\"http://x/alt\"/></item>"), NULL, 0, "link", "http://x/alt" },
		/* content:encoded, dc:date, dcterms */
		{ RSS("<item xmlns:dcterms=\"http://purl.org/dc/terms/\"><dcterms:issued>2003-12-31T10:14:55Z</dcterms:issued></item>"), NULL, 0, "published", "2003-12-31T10:14:55Z" },
		{ RSS("<item xmlns:dcterms=\"http://purl.org/dc/terms/\"><dcterms:modified>2003-12-31T10:14:55Z</dcterms:modified></item>"), NULL, 0, "updated", "2003-12-31T10:14:55Z" },
		/* media: content, thumbnail, description, group */
		{ RSS("<item xmlns:media=\"http://search.yahoo.com/mrss/\"><media:content url=\"http://x/v.mp4\" type=\"video/mp4\" fileSize=\"10\"/></item>"), NULL, 0, "enclosures", "http://x/v.mp4 video/mp4 10" },
		{ RSS("<item xmlns:media=\"http://search.yahoo.com/mrss/\"><media:group><media:content url=\"http://x/a.jpg\" medium=\"image\"/>"
		  "<media:thumbnail url=\"http://x/t.jpg\"/></media:group></item>"), NULL, 0, "image", "http://x/t.jpg" },
		{ RSS("<item xmlns:media=\"http://search.yahoo.com/mrss/\"><media:description>Caption &amp; more</media:description></item>"), NULL, 0, "summary", "Caption &amp; more" },
		/* element names are matched without case (CDF and sloppy feeds) */
		{ "<rss><channel><TiTlE>Case</TiTlE></channel></rss>", NULL, -1, "title", "Case" },
		{ "<CHANNEL HREF=\"http://cdf.example/\"><TITLE>CDF</TITLE><ITEM HREF=\"http://cdf.example/1\" LASTMOD=\"2004-04-06T23:05:43-05:00\">"
		  "<TITLE>Cdf item</TITLE><ABSTRACT>Abs</ABSTRACT></ITEM></CHANNEL>", NULL, 0, "updated", "2004-04-07T04:05:43Z" },
		{ "<CHANNEL HREF=\"http://cdf.example/\"><ITEM HREF=\"http://cdf.example/1\"><ABSTRACT>Abs</ABSTRACT></ITEM></CHANNEL>", NULL, 0, "link", "http://cdf.example/1" },
	};

	(void)state;
	CHECK(cases);
}

/* ---- identity, links, dates ---- */

static void
test_guid_fallback(void **state)
{
	static const struct field_case cases[] = {
		{ RSS("<item><guid>g1</guid><link>http://x/1</link></item>"), NULL, 0, "guid", "g1" },
		{ RSS("<item><link>http://x/1</link></item>"), NULL, 0, "guid", "http://x/1" },
		{ RSS("<item><link>/1</link></item>"), "http://x/feed", 0, "guid", "http://x/1" },
		/* a permalink guid is the link when there is none */
		{ RSS("<item><guid>http://x/perma</guid></item>"), NULL, 0, "link", "http://x/perma" },
		{ RSS("<item><guid isPermaLink=\"true\">http://x/perma</guid><link>http://x/link</link></item>"), NULL, 0, "link", "http://x/link" },
		{ RSS("<item><guid isPermaLink=\"false\">http://x/perma</guid></item>"), NULL, 0, "link", NULL },
		{ RSS("<item><guid>not-a-url</guid></item>"), NULL, 0, "link", NULL },
		/* ids are kept as written, never resolved or normalised */
		{ ATOM("<entry><id>HTTP://www.Example.org/%7ebob</id></entry>"), "http://feed/", 0, "guid", "HTTP://www.Example.org/%7ebob" },
		{ RSS("<item><guid>  spaced  </guid></item>"), NULL, 0, "guid", "spaced" },
	};
	struct feed *a, *b, *c;

	(void)state;
	CHECK(cases);
	/* neither guid nor link: a hash of title and date, stable across parses */
	a = parse(RSS("<item><title>Same</title><pubDate>Wed, 10 Jul 2024 04:26:53 GMT</pubDate></item>"
	    "<item><title>Other</title><pubDate>Wed, 10 Jul 2024 04:26:53 GMT</pubDate></item>"
	    "<item><description>only text</description></item><item><description>other text</description></item>"), NULL);
	b = parse(RSS("<item><title>Same</title><pubDate>Wed, 10 Jul 2024 04:26:53 GMT</pubDate></item>"), NULL);
	c = parse(RSS("<item><title>Same</title><pubDate>Thu, 11 Jul 2024 04:26:53 GMT</pubDate></item>"), NULL);
	assert_int_equal(a->nitems, 4);
	assert_non_null(a->items[0].guid);
	assert_true(strncmp(a->items[0].guid, "hash:", 5) == 0);
	assert_string_equal(a->items[0].guid, b->items[0].guid);
	assert_string_not_equal(a->items[0].guid, a->items[1].guid);
	assert_string_not_equal(a->items[0].guid, c->items[0].guid);
	assert_string_not_equal(a->items[2].guid, a->items[3].guid);
	feed_free(a);
	feed_free(b);
	feed_free(c);
}

static void
test_xml_base(void **state)
{
	static const char nested[] =
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.org/base/\">"
	    "<link href=\"site/\"/>"
	    "<entry xml:base=\"sub/\"><link href=\"x.html\"/><id>e1</id>"
	    "<link rel=\"enclosure\" href=\"/abs/e.mp3\"/>"
	    "<content type=\"html\" xml:base=\"http://other.example/c/\">&lt;a href=\"p.html\"&gt;p&lt;/a&gt; &lt;img src=\"//cdn.example/i.png\"&gt; &lt;a href=\"#top\"&gt;t&lt;/a&gt;</content>"
	    "<summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"s.html\">s</a><img src=\"i.png\" alt=\"a &amp; &quot;b&quot;\"/></div></summary>"
	    "</entry>"
	    "<entry><link xml:base=\"/other/\" href=\"y\"/></entry></feed>";
	static const struct field_case cases[] = {
		{ nested, NULL, -1, "link", "http://example.org/base/site/" },
		{ nested, NULL, 0, "link", "http://example.org/base/sub/x.html" },
		{ nested, NULL, 0, "enclosures", "http://example.org/abs/e.mp3 - -1" },
		{ nested, NULL, 0, "content", "<a href=\"http://other.example/c/p.html\">p</a> <img src=\"http://cdn.example/i.png\"> <a href=\"#top\">t</a>" },
		{ nested, NULL, 0, "summary", "<a href=\"http://example.org/base/sub/s.html\">s</a><img src=\"http://example.org/base/sub/i.png\" alt=\"a &amp; &quot;b&quot;\" />" },
		{ nested, NULL, 1, "link", "http://example.org/other/y" },
		/* the feed URL is the outermost base */
		{ RSS("<link>/</link><item><link>items/1</link><description>&lt;a href='/x'&gt;x&lt;/a&gt;</description></item>"),
		  "http://example.com/feeds/rss.xml", 0, "link", "http://example.com/feeds/items/1" },
		{ RSS("<link>/</link><item><description>&lt;a href='/x'&gt;x&lt;/a&gt;</description></item>"),
		  "http://example.com/feeds/rss.xml", 0, "summary", "<a href='http://example.com/x'>x</a>" },
		{ RSS("<link>/</link>"), "http://example.com/feeds/rss.xml", -1, "link", "http://example.com/" },
		/* no base at all: relative links stay relative */
		{ RSS("<item><link>items/1</link></item>"), NULL, 0, "link", "items/1" },
		/* xml:base itself relative to the feed URL */
		{ "<rss xml:base=\"/b/\"><channel><item><link>c</link></item></channel></rss>", "http://h.example/feed", 0, "link", "http://h.example/b/c" },
	};

	(void)state;
	CHECK(cases);
}

static void
test_dates(void **state)
{
	static const struct field_case cases[] = {
		{ RSS("<item><pubDate>Wed, 10 Jul 2024 07:26:53 +0300</pubDate></item>"), NULL, 0, "published", "2024-07-10T04:26:53Z" },
		{ RSS("<item><pubDate>10 Jul 24 04:26 EDT</pubDate></item>"), NULL, 0, "published", "2024-07-10T08:26:00Z" },
		{ RSS("<item><pubDate>  2024-07-10T04:26:53.000Z  </pubDate></item>"), NULL, 0, "published", "2024-07-10T04:26:53Z" },
		{ RSS("<item><pubDate>not a date</pubDate></item>"), NULL, 0, "published", NULL },
		{ RSS("<item><pubDate></pubDate></item>"), NULL, 0, "published", NULL },
		{ RSS("<item xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:date>2003-12-31T10:14:55-08:00</dc:date></item>"), NULL, 0, "updated", "2003-12-31T18:14:55Z" },
		{ ATOM("<entry><updated>2024-07-10T04:41:07Z</updated></entry>"), NULL, 0, "published", NULL },
		{ ATOM("<entry><published>2024-07-10T04:26:53Z</published></entry>"), NULL, 0, "published", "2024-07-10T04:26:53Z" },
	};

	(void)state;
	CHECK(cases);
}

/* ---- text: titles, HTML, CDATA, whitespace, empty fields ---- */

static void
test_text_constructs(void **state)
{
	static const struct field_case cases[] = {
		/* Atom html titles become plain text; xhtml titles give their text */
		{ ATOM("<entry><title type=\"html\">A &amp;amp; B &lt;b&gt;bold&lt;/b&gt;&lt;br/&gt;end</title></entry>"), NULL, 0, "title", "A & B bold end" },
		{ ATOM("<entry><title type=\"html\">&lt;script&gt;x()&lt;/script&gt;Safe</title></entry>"), NULL, 0, "title", "Safe" },
		{ ATOM("<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">A <b>bold</b> &lt;tag&gt;</div></title></entry>"), NULL, 0, "title", "A bold <tag>" },
		{ ATOM("<entry><title type=\"text\">History of the &lt;blink&gt; tag</title></entry>"), NULL, 0, "title", "History of the <blink> tag" },
		{ ATOM("<entry><title type=\"\">evil</title></entry>"), NULL, 0, "title", "evil" },
		/* xhtml content is serialised as HTML without the wrapper div */
		{ ATOM("<entry><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>One<br/>two</p><p class=\"x\">&lt;3 &amp; more</p><hr/></div></content></entry>"),
		  NULL, 0, "content", "<p>One<br />two</p><p class=\"x\">&lt;3 &amp; more</p><hr />" },
		{ ATOM("<entry><content type=\"text\">1 &lt; 2 &amp; 3</content></entry>"), NULL, 0, "content", "1 &lt; 2 &amp; 3" },
		{ ATOM("<entry><content type=\"image/png\">iVBORw0KGgo=</content></entry>"), NULL, 0, "content", NULL },
		{ ATOM("<entry><content src=\"http://x/out-of-line\"/></entry>"), NULL, 0, "content", NULL },
		/* CDATA */
		{ RSS("<item><title><![CDATA[Tom & Jerry <3]]></title></item>"), NULL, 0, "title", "Tom & Jerry <3" },
		{ RSS("<item><description><![CDATA[<p>A &amp; B</p>]]></description></item>"), NULL, 0, "summary", "<p>A &amp; B</p>" },
		{ RSS("<item><description>before <![CDATA[<b>in</b>]]> after</description></item>"), NULL, 0, "summary", "before <b>in</b> after" },
		/* RSS titles: entities left over after XML decoding are decoded too */
		{ RSS("<item><title>AT&amp;amp;T &amp;#8217;s &amp;hellip;</title></item>"), NULL, 0, "title", "AT&T \xe2\x80\x99s \xe2\x80\xa6" },
		/* naked markup in RSS description is serialised */
		{ RSS("<item><description><p>Naked <b>markup</b> &amp; text</p></description></item>"), NULL, 0, "summary", "<p>Naked <b>markup</b> &amp; text</p>" },
		/* whitespace: plain fields trimmed and collapsed, HTML trimmed */
		{ RSS("<item><title>\n\t  Hello \n   world \t\n</title></item>"), NULL, 0, "title", "Hello world" },
		{ RSS("<item><description>\n  <![CDATA[<p>x</p>]]>\n  </description></item>"), NULL, 0, "summary", "<p>x</p>" },
		/* empty or blank fields are absent */
		{ RSS("<item><title></title><guid>1</guid></item>"), NULL, 0, "title", NULL },
		{ RSS("<item><title>   </title><guid>1</guid></item>"), NULL, 0, "title", NULL },
		{ RSS("<item><description><![CDATA[]]></description><guid>1</guid></item>"), NULL, 0, "summary", NULL },
		{ RSS("<item><link/><guid>1</guid></item>"), NULL, 0, "link", NULL },
		{ RSS("<item><guid>1</guid></item>"), NULL, 0, "author", NULL },
		{ RSS("<item><guid>1</guid></item>"), NULL, 0, "categories", NULL },
		{ RSS("<item><category> </category><guid>1</guid></item>"), NULL, 0, "categories", NULL },
		{ "<rss><channel><item><guid>1</guid></item></channel></rss>", NULL, -1, "title", NULL },
	};

	(void)state;
	CHECK(cases);
}

static void
test_entities(void **state)
{
	static const struct field_case cases[] = {
		/* HTML entities without a DTD, as RSS feeds write them */
		{ RSS("<item><title>caf&eacute;&nbsp;&mdash;&hellip;</title></item>"), NULL, 0, "title", "caf\xc3\xa9\xc2\xa0\xe2\x80\x94\xe2\x80\xa6" },
		{ RSS("<item><link>http://x/?a=1&amp;b=2</link></item>"), NULL, 0, "link", "http://x/?a=1&b=2" },
		{ ATOM("<entry><link href=\"http://x/?a=1&amp;b=2&eacute;\"/></entry>"), NULL, 0, "link", "http://x/?a=1&b=2\xc3\xa9" },
		{ ATOM("<entry><category term=\"caf&eacute; &amp; bar\"/></entry>"), NULL, 0, "categories", "caf\xc3\xa9 & bar" },
		{ RSS("<item><title>&#8220;q&#x201D;</title></item>"), NULL, 0, "title", "\xe2\x80\x9cq\xe2\x80\x9d" },
		/* entities declared in the internal subset */
		{ "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\">]><rss><channel><item><guid>&id;2006:/blog/</guid></item></channel></rss>",
		  NULL, 0, "guid", "tag:example.com,2006:/blog/" },
		{ "<!DOCTYPE rss [<!ENTITY u \"http://e.example/\">]><rss><channel><item><enclosure url=\"&u;a.mp3\"/></item></channel></rss>",
		  NULL, 0, "enclosures", "http://e.example/a.mp3 - -1" },
		/* an undefined entity is dropped, the rest is kept */
		{ RSS("<item><title>a&bogus;b</title></item>"), NULL, 0, "title", "ab" },
	};

	(void)state;
	CHECK(cases);
}

/* ---- encodings ---- */

/* UTF-8 to UTF-16 (BMP only), little or big endian, with a BOM. */
static char *
to_utf16(const char *s, int big, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out = malloc(strlen(s) * 2 + 4), *o = out;
	unsigned c;

	assert_non_null(out);
	*o++ = big ? '\xfe' : '\xff';
	*o++ = big ? '\xff' : '\xfe';
	while (*u != '\0') {
		if (*u < 0x80) {
			c = *u++;
		} else if (*u < 0xe0) {
			c = ((unsigned)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
			u += 2;
		} else {
			c = ((unsigned)(u[0] & 0x0f) << 12) | ((unsigned)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
			u += 3;
		}
		*o++ = (char)(big ? c >> 8 : c & 0xff);
		*o++ = (char)(big ? c & 0xff : c >> 8);
	}
	*len = (size_t)(o - out);
	return out;
}

struct enc_case {
	const char *doc;
	const char *charset;	/* HTTP charset, or NULL */
	const char *want;	/* the feed title, UTF-8 */
};

static void
test_encodings(void **state)
{
	static const struct enc_case cases[] = {
		{ "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>caf\xc3\xa9 \xd0\x9f</title></channel></rss>", NULL, "caf\xc3\xa9 \xd0\x9f" },
		{ "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>caf\xe9</title></channel></rss>", NULL, "caf\xc3\xa9" },
		{ "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>\x93q\x94 \x80</title></channel></rss>", NULL, "\xe2\x80\x9cq\xe2\x80\x9d \xe2\x82\xac" },
		{ "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>\xcf\xf0\xe8\xe2\xe5\xf2</title></channel></rss>", NULL, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82" },
		{ "<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss><channel><title>\xf0\xd2\xc9\xd7\xc5\xd4</title></channel></rss>", NULL, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82" },
		/* UTF-8 BOM */
		{ "\xef\xbb\xbf<rss><channel><title>bom \xc3\xa9</title></channel></rss>", NULL, "bom \xc3\xa9" },
		/* the HTTP charset wins over the declaration ... */
		{ "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>caf\xe9</title></channel></rss>", "ISO-8859-1", "caf\xc3\xa9" },
		{ "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel><title>\xd0\x9f</title></channel></rss>", "utf-8", "\xd0\x9f" },
		{ "<rss><channel><title>\xcf\xf0\xe8\xe2\xe5\xf2</title></channel></rss>", "windows-1251", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82" },
		/* ... except a Latin-1 or ASCII label on what is valid UTF-8 */
		{ "<rss><channel><title>caf\xc3\xa9</title></channel></rss>", "ISO-8859-1", "caf\xc3\xa9" },
		{ "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel><title>caf\xe9</title></channel></rss>", "us-ascii", "caf\xc3\xa9" },
		/* ... and not over a byte order mark; an unknown one is ignored */
		{ "\xef\xbb\xbf<rss><channel><title>\xc3\xa9</title></channel></rss>", "ISO-8859-1", "\xc3\xa9" },
		{ "<rss><channel><title>\xc3\xa9</title></channel></rss>", "x-no-such-charset", "\xc3\xa9" },
	};
	const char *u16 = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><title>wide \xc3\xa9 \xd0\x9f</title></channel></rss>";
	struct feed *f;
	char *doc;
	size_t i, len;
	int big;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f = parse_opts(cases[i].doc, strlen(cases[i].doc), NULL, cases[i].charset, 0);
		if (f->title == NULL || strcmp(f->title, cases[i].want) != 0)
			fail_msg("encoding case %zu: title '%s', want '%s'", i,
			    f->title ? f->title : "(null)", cases[i].want);
		feed_free(f);
	}
	/* an encoding nobody knows is ignored (read as UTF-8) */
	f = parse("<?xml version=\"1.0\" encoding=\"bogus\"?><rss><channel><title>b\xc3\xa9</title></channel></rss>", NULL);
	assert_string_equal(f->title, "b\xc3\xa9");
	assert_int_equal(f->recovered, 1);
	feed_free(f);
	for (big = 0; big <= 1; big++) {
		doc = to_utf16(u16, big, &len);
		f = parse_opts(doc, len, NULL, NULL, 0);
		assert_non_null(f->title);
		assert_string_equal(f->title, "wide \xc3\xa9 \xd0\x9f");
		feed_free(f);
		free(doc);
	}
}

/* ---- broken and hostile input ---- */

static void
test_illformed(void **state)
{
	static const struct field_case cases[] = {
		/* a bare ampersand */
		{ RSS("<item><title>Tom & Jerry</title><link>http://x/?a=1&b=2</link></item>"), NULL, 0, "title", "Tom & Jerry" },
		/* wrong nesting: the item still comes out */
		{ RSS("<item><title>Nest <b>bold</title></b><link>http://x/1</link></item>"), NULL, 0, "link", "http://x/1" },
		/* truncated in the middle of an item */
		{ "<rss><channel><title>Cut</title><item><title>Partial</title><link>http://x/p", NULL, 0, "title", "Partial" },
		/* undeclared namespace prefix */
		{ "<rss><channel><title>T</title><item><dc:creator>Who</dc:creator><title>ok</title></item></channel></rss>", NULL, 0, "title", "ok" },
	};
	struct feed *f;

	(void)state;
	CHECK(cases);
	f = parse(RSS("<item><title>Tom & Jerry</title></item>"), NULL);
	assert_int_equal(f->recovered, 1);
	feed_free(f);
	f = parse(RSS("<item><title>fine</title></item>"), NULL);
	assert_int_equal(f->recovered, 0);
	feed_free(f);
}

struct error_case {
	const char *doc;
	const char *want;	/* a substring of the message */
};

static void
test_errors(void **state)
{
	static const struct error_case cases[] = {
		{ "<!DOCTYPE html><html><head><title>x</title></head></html>", "not a feed: root element is <html>" },
		{ "<opml version=\"2.0\"><body/></opml>", "not a feed: root element is <opml>" },
		{ "hello, world", "XML error at line 1" },
		{ "   \n  ", "XML error" },
		{ "", "empty document" },
	};
	struct feed_parse_opts o;
	struct err e;
	struct feed *f;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof o);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err_clear(&e);
		f = feed_parse(cases[i].doc, strlen(cases[i].doc), &o, &e);
		if (f != NULL)
			fail_msg("error case %zu parsed", i);
		if (strstr(e.msg, cases[i].want) == NULL)
			fail_msg("error case %zu: '%s' lacks '%s'", i, e.msg, cases[i].want);
		assert_null(strchr(e.msg, '\n'));
	}
	/* a NULL struct err and NULL options are allowed */
	assert_null(feed_parse("<html/>", 7, NULL, NULL));
}

static int
feed_contains(const struct feed *f, const char *needle)
{
	const char *s[] = { f->title, f->link, f->description, f->author };
	const struct item *it;
	size_t i, k;

	for (k = 0; k < 4; k++)
		if (s[k] != NULL && strstr(s[k], needle) != NULL)
			return 1;
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		const char *t[] = { it->guid, it->title, it->link, it->author,
		    it->summary, it->content };

		for (k = 0; k < 6; k++)
			if (t[k] != NULL && strstr(t[k], needle) != NULL)
				return 1;
		for (k = 0; k < it->nenclosures; k++)
			if (strstr(it->enclosures[k].url, needle) != NULL)
				return 1;
	}
	return 0;
}

static void
test_xxe(void **state)
{
	static const char *const docs[] = {
		"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
		"<rss><channel><title>a&xxe;b</title><item><title>&xxe;</title><description>&xxe;</description>"
		"<enclosure url=\"http://x/&xxe;\"/><link>http://x/&xxe;</link></item></channel></rss>",
		"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
		"<rss><channel><title>ab</title></channel></rss>",
		"<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file:///etc/passwd\">"
		"<rss><channel><title>ab</title></channel></rss>",
		"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]>"
		"<rss><channel><title>a&xxe;b</title></channel></rss>",
		"<?xml version=\"1.0\"?><rss xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel><title>ab</title>"
		"<item><description><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></description></item></channel></rss>",
	};
	struct feed_parse_opts o;
	struct err e;
	struct feed *f;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof o);
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		f = feed_parse(docs[i], strlen(docs[i]), &o, &e);
		if (f == NULL)
			continue;	/* refusing is fine too */
		if (feed_contains(f, "root:") || feed_contains(f, "/bin/"))
			fail_msg("doc %zu: /etc/passwd leaked into the feed", i);
		assert_non_null(f->title);
		assert_string_equal(f->title, "ab");
		feed_free(f);
	}
}

/* CPU time: the test machine may be busy with other builds. */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}


static void
test_entity_bombs(void **state)
{
	static const char laughs[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE rss ["
	    "<!ENTITY lol \"lol\">"
	    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
	    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
	    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
	    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
	    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
	    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
	    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
	    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
	    "]><rss><channel><title>&lol9;</title><item><title>&lol9;&lol9;</title>"
	    "<enclosure url=\"http://x/&lol9;\"/></item></channel></rss>";
	struct buf b;
	struct feed *f;
	double t0;
	size_t total, i;

	(void)state;
	t0 = now_ms();
	f = parse(laughs, NULL);
	assert_true(now_ms() - t0 < 2000);
	/* no entity expands into further references */
	assert_non_null(f->title);
	assert_true(strlen(f->title) < 200);
	assert_true(f->nitems == 1 && strlen(f->items[0].title) < 400);
	feed_free(f);

	/* quadratic blowup: one 4 KB entity referenced 20,000 times */
	buf_init(&b, 0);
	assert_int_equal(buf_addstr(&b, "<!DOCTYPE rss [<!ENTITY big \""), 0);
	for (i = 0; i < 4000; i++)
		assert_int_equal(buf_addc(&b, 'a'), 0);
	assert_int_equal(buf_addstr(&b, "\">]><rss><channel><title>t</title><item><description>"), 0);
	for (i = 0; i < 20000; i++)
		assert_int_equal(buf_addstr(&b, "&big;"), 0);
	assert_int_equal(buf_addstr(&b, "</description><title>after</title></item></channel></rss>"), 0);
	t0 = now_ms();
	f = parse_opts(b.data, b.len, NULL, NULL, 0);
	assert_true(now_ms() - t0 < 3000);
	assert_int_equal(f->nitems, 1);
	total = f->items[0].summary ? strlen(f->items[0].summary) : 0;
	assert_true(total <= 1024 * 1024);	/* the expansion budget */
	assert_string_equal(f->items[0].title, "after");
	feed_free(f);
	buf_release(&b);
}

static void
test_deep_nesting(void **state)
{
	struct feed_parse_opts o;
	struct err e;
	struct buf b;
	struct feed *f;
	size_t i, depth = 100000;

	(void)state;
	memset(&o, 0, sizeof o);
	buf_init(&b, 0);
	assert_int_equal(buf_addstr(&b, "<rss><channel><title>deep</title><item><title>i</title><description>"), 0);
	for (i = 0; i < depth; i++)
		assert_int_equal(buf_addstr(&b, "<a>"), 0);
	for (i = 0; i < depth; i++)
		assert_int_equal(buf_addstr(&b, "</a>"), 0);
	assert_int_equal(buf_addstr(&b, "</description></item></channel></rss>"), 0);
	err_clear(&e);
	f = feed_parse(b.data, b.len, &o, &e);
	/* recovered up to the depth limit, or refused with a message */
	if (f != NULL) {
		assert_string_equal(f->title, "deep");
		assert_int_equal(f->recovered, 1);
		feed_free(f);
	} else {
		assert_true(e.msg[0] != '\0');
	}
	buf_release(&b);

	/* nesting at the top level, no feed element around it */
	buf_init(&b, 0);
	for (i = 0; i < depth; i++)
		assert_int_equal(buf_addstr(&b, "<rss>"), 0);
	f = feed_parse(b.data, b.len, &o, &e);
	feed_free(f);
	buf_release(&b);
}

static void
test_garbage_bytes(void **state)
{
	static const char nul_doc[] = "<rss><channel><title>a\0b</title><item><title>x\0y</title></item></channel></rss>";
	static const char bad_utf8[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>\xff\xfe caf\xe9 \xc0\xaf</title><item><title>ok \xed\xa0\x80</title></item></channel></rss>";
	struct feed_parse_opts o;
	struct err e;
	struct feed *f;
	unsigned seed = 12345;
	char *noise;
	size_t i, k;

	(void)state;
	memset(&o, 0, sizeof o);
	f = feed_parse(nul_doc, sizeof nul_doc - 1, &o, &e);
	if (f != NULL) {
		if (f->title != NULL)
			assert_true(utf8_valid(f->title));
		feed_free(f);
	}
	f = feed_parse(bad_utf8, sizeof bad_utf8 - 1, &o, &e);
	if (f != NULL) {
		assert_true(f->title == NULL || utf8_valid(f->title));
		for (i = 0; i < f->nitems; i++)
			assert_true(f->items[i].title == NULL || utf8_valid(f->items[i].title));
		feed_free(f);
	}
	/* random bytes after a feed prologue, and a base64 field of garbage */
	noise = malloc(65536);
	assert_non_null(noise);
	for (k = 0; k < 20; k++) {
		memcpy(noise, "<rss><channel><item><title>", 27);
		for (i = 27; i < 65536; i++) {
			seed = seed * 1103515245u + 12345u;
			noise[i] = (char)(seed >> 16);
		}
		f = feed_parse(noise, 65536, &o, &e);
		feed_free(f);
	}
	free(noise);
	f = parse(ATOM("<entry><title mode=\"base64\" type=\"text/html\">//79AAEC</title>"
	    "<summary mode=\"base64\">not base64 at all!</summary></entry>"), NULL);
	assert_true(f->items[0].title == NULL || utf8_valid(f->items[0].title));
	assert_null(f->items[0].summary);
	feed_free(f);
}

/* Terminal escapes go whole, not leaving "]0;..." behind; NUL bytes do not end the feed. */
static void
test_control_bytes(void **state)
{
	static const char esc[] =
	    "<rss><channel><title>A\x1b]0;owned\x07 feed</title><item><guid>g</guid>"
	    "<title>T\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07itle\x1b\\</title>"
	    "<description><![CDATA[<p>x\x1bP+q\x1b\\y</p>]]></description></item></channel></rss>";
	static const char nul[] =
	    "<rss><channel><title>Nul feed</title><item><guid>n1</guid><title>before\0after</title></item>"
	    "<item><guid>n2</guid><title>second</title></item></channel></rss>";
	struct feed *f;

	(void)state;
	f = parse_opts(esc, sizeof esc - 1, NULL, NULL, 0);
	assert_string_equal(f->title, "A feed");
	assert_string_equal(f->items[0].title, "Title");
	assert_string_equal(f->items[0].summary, "<p>xy</p>");
	assert_int_equal(f->recovered, 1);
	feed_free(f);
	f = parse_opts(nul, sizeof nul - 1, NULL, NULL, 0);
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[0].title, "beforeafter");
	assert_string_equal(f->items[1].title, "second");
	feed_free(f);
}

static void
test_limits(void **state)
{
	struct buf b;
	struct feed *f;
	size_t i;

	(void)state;
	/* max_items caps the items kept */
	buf_init(&b, 0);
	assert_int_equal(buf_addstr(&b, "<rss><channel>"), 0);
	for (i = 0; i < 50; i++)
		assert_int_equal(buf_printf(&b, "<item><guid>g%zu</guid></item>", i), 0);
	assert_int_equal(buf_addstr(&b, "<title>after items</title></channel></rss>"), 0);
	f = parse_opts(b.data, b.len, NULL, NULL, 10);
	assert_int_equal(f->nitems, 10);
	assert_string_equal(f->items[9].guid, "g9");
	assert_string_equal(f->title, "after items");
	feed_free(f);
	buf_release(&b);

	/* the default cap is 10,000 */
	buf_init(&b, 0);
	assert_int_equal(buf_addstr(&b, "<rss><channel>"), 0);
	for (i = 0; i < 10005; i++)
		assert_int_equal(buf_addstr(&b, "<item><title>t</title></item>"), 0);
	assert_int_equal(buf_addstr(&b, "</channel></rss>"), 0);
	f = parse_opts(b.data, b.len, NULL, NULL, 0);
	assert_int_equal(f->nitems, 10000);
	feed_free(f);
	buf_release(&b);

	/* a 3 MiB field is cut to 1 MiB, at a character boundary */
	buf_init(&b, 0);
	assert_int_equal(buf_addstr(&b, "<rss><channel><item><title>"), 0);
	for (i = 0; i < 3 * 1024 * 1024 / 2; i++)
		assert_int_equal(buf_addstr(&b, "\xc3\xa9"), 0);
	assert_int_equal(buf_addstr(&b, "</title><guid>big</guid></item></channel></rss>"), 0);
	f = parse_opts(b.data, b.len, NULL, NULL, 0);
	assert_non_null(f->items[0].title);
	assert_true(strlen(f->items[0].title) <= 1024 * 1024);
	assert_true(strlen(f->items[0].title) > 1000 * 1000);
	assert_true(utf8_valid(f->items[0].title));
	assert_string_equal(f->items[0].guid, "big");
	feed_free(f);
	buf_release(&b);
}

/*
 * An attribute value decodes into at most 64 KiB: past it the value is
 * dropped whole (no enclosure), never cut; one just under is kept, with
 * its references decoded.
 */
static void
test_attr_cap(void **state)
{
	struct buf b;
	struct feed *f;
	size_t i, n;

	(void)state;
	for (n = 60000; n <= 70000; n += 10000) {
		buf_init(&b, 0);
		assert_int_equal(buf_addstr(&b, "<rss><channel><item><guid>g</guid>"
		    "<enclosure type=\"audio/mpeg\" url=\"http://e.example/&amp;"), 0);
		for (i = 0; i < n; i++)
			assert_int_equal(buf_addc(&b, 'a'), 0);
		assert_int_equal(buf_addstr(&b, "\"/></item></channel></rss>"), 0);
		f = parse_opts(b.data, b.len, NULL, NULL, 0);
		assert_int_equal(f->nitems, 1);
		if (n < 64 * 1024) {
			assert_int_equal(f->items[0].nenclosures, 1);
			assert_int_equal(strlen(f->items[0].enclosures[0].url),
			    strlen("http://e.example/&") + n);
		} else {
			assert_int_equal(f->items[0].nenclosures, 0);
		}
		feed_free(f);
		buf_release(&b);
	}
}

/* ---- the real fixtures ---- */

static char *
read_fixture(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	struct buf b;

	snprintf(path, sizeof path, "%s/data/samples/%s", top ? top : ".", name);
	buf_init(&b, 0);
	if (read_file_into(path, &b) < 0)
		fail_msg("cannot read %s", path);
	*len = b.len;
	return buf_take(&b);
}

static void
test_kyiv_rss(void **state)
{
	static const char *const cats[] = {
		"News Feed", "Russia", "Iran", "Vladimir Putin", "BRICS", "Elections"
	};
	const struct item *it;
	struct feed *f;
	char *doc, d[32];
	size_t len, i;

	(void)state;
	doc = read_fixture("kyiv-feed.xml", &len);
	f = parse_opts(doc, len, "https://kyivindependent.com/rss/", NULL, 0);
	assert_int_equal(f->kind, FEED_RSS);
	assert_int_equal(f->recovered, 0);
	assert_string_equal(f->title, "The Kyiv Independent");
	assert_string_equal(f->link, "https://kyivindependent.com/");
	assert_string_equal(f->description, "Ukraine's English-language news outlet, founded in November 2021.");
	assert_int_equal(f->nitems, 12);
	assert_string_equal(date_iso(f->items[0].published, d, sizeof d), "2024-07-10T08:52:14Z");
	assert_string_equal(date_iso(f->items[11].published, d, sizeof d), "2024-07-09T08:40:19Z");
	it = &f->items[4];
	assert_string_equal(it->title, "Iranian president-elect assures Putin of continued partnership, Russia reports");
	assert_string_equal(it->link, "https://kyivindependent.com/iranian-president-elect-assures-putin-of-continued-partnership-russia-reports/");
	assert_string_equal(it->guid, "668e0a2e5c3f4d0001a7b2e9");
	assert_string_equal(date_iso(it->published, d, sizeof d), "2024-07-10T04:26:53Z");
	assert_string_equal(it->author, "Abbey Fenbert");
	assert_int_equal(it->ncategories, 6);
	for (i = 0; i < 6; i++)
		assert_string_equal(it->categories[i], cats[i]);
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].url, "https://kyivindependent.com/content/images/2024/07/GettyImages-2158911427.jpg");
	assert_string_equal(it->image, "https://kyivindependent.com/content/images/2024/07/GettyImages-2158911427.jpg");
	/* description: Ghost's HTML fallback; content:encoded: the article */
	assert_true(starts_with(it->summary, "<p>Iran&apos;s newly elected President"));
	assert_non_null(strstr(it->content, "to aid Moscow&apos;s invasion."));
	assert_true(starts_with(it->content, "<img src=\"https://kyivindependent.com/content/images/2024/07/GettyImages-2158911427.jpg\""));
	/* items 4 and 12 have no image */
	assert_null(f->items[3].image);
	assert_int_equal(f->items[11].nenclosures, 0);
	/* item 6's plain excerpt keeps its raw '&' and 'é' */
	assert_non_null(strchr(f->items[5].summary, '&'));
	assert_non_null(strstr(f->items[5].summary, "\xc3\xa9"));
	feed_free(f);
	free(doc);
}

static void
test_kyiv_atom(void **state)
{
	const struct item *it;
	struct feed *f;
	char *doc, d[32];
	size_t len;

	(void)state;
	doc = read_fixture("kyiv-feed.atom", &len);
	f = parse_opts(doc, len, "https://kyivindependent.com/atom/", NULL, 0);
	assert_int_equal(f->kind, FEED_ATOM10);
	assert_string_equal(f->title, "The Kyiv Independent");
	assert_string_equal(f->link, "https://kyivindependent.com/");
	assert_int_equal(f->nitems, 12);
	it = &f->items[4];
	assert_string_equal(it->guid, "tag:kyivindependent.com,2024-07-10:668e0a2e5c3f4d0001a7b2e9");
	assert_string_equal(it->link, "https://kyivindependent.com/iranian-president-elect-assures-putin-of-continued-partnership-russia-reports/");
	assert_string_equal(it->author, "Abbey Fenbert, The Kyiv Independent news desk");
	assert_string_equal(date_iso(it->published, d, sizeof d), "2024-07-10T04:26:53Z");
	assert_string_equal(date_iso(it->updated, d, sizeof d), "2024-07-10T04:41:07Z");
	assert_int_equal(it->ncategories, 6);
	assert_string_equal(it->categories[3], "Vladimir Putin");
	assert_true(starts_with(it->summary, "Iran's newly elected President Masoud Pezeshkian"));
	assert_true(starts_with(it->content, "<p>Iran's newly elected President"));
	assert_non_null(strstr(it->content, "to aid Moscow's invasion."));
	assert_string_equal(it->enclosures[0].type, "image/jpeg");
	/* entry 7: xhtml content, serialised as HTML without its div */
	assert_string_equal(f->items[6].title, "Ukrainian athletes prepare for Paris Olympics");
	assert_string_equal(f->items[6].content,
	    "<p>Ukrainian athletes are completing final preparations ahead of the Paris 2024 "
	    "Summer Olympics, which open on July 26.</p><p>Team officials said training camps "
	    "were being held both in Ukraine and abroad.</p>");
	feed_free(f);
	free(doc);
}

/* About 5 MB of Ghost-style RSS: parsing it must stay fast. */
static void
test_speed(void **state)
{
	struct buf b;
	struct feed *f;
	char *doc, *start, *end;
	size_t len, n = 0;
	double t0, ms;

	(void)state;
	doc = read_fixture("kyiv-feed.xml", &len);
	start = strstr(doc, "<item>");
	end = strstr(doc, "</channel>");
	assert_non_null(start);
	assert_non_null(end);
	buf_init(&b, 0);
	assert_int_equal(buf_add(&b, doc, (size_t)(start - doc)), 0);
	while (b.len < 5 * 1000 * 1000) {
		assert_int_equal(buf_add(&b, start, (size_t)(end - start)), 0);
		n += 12;
	}
	assert_int_equal(buf_addstr(&b, end), 0);
	t0 = now_ms();
	f = parse_opts(b.data, b.len, NULL, NULL, 0);
	ms = now_ms() - t0;
	print_message("parsed %zu bytes, %zu items in %.1f ms of CPU\n", b.len,
	    f->nitems, ms);
	assert_int_equal(f->nitems, n);
	/* printed, not asserted: speed targets live in bench/, never in make check */
	feed_free(f);
	buf_release(&b);
	free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss20),
		cmocka_unit_test(test_rdf),
		cmocka_unit_test(test_atom10),
		cmocka_unit_test(test_atom03),
		cmocka_unit_test(test_namespaces),
		cmocka_unit_test(test_guid_fallback),
		cmocka_unit_test(test_xml_base),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_text_constructs),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_illformed),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_xxe),
		cmocka_unit_test(test_entity_bombs),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_garbage_bytes),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_attr_cap),
		cmocka_unit_test(test_kyiv_rss),
		cmocka_unit_test(test_kyiv_atom),
		cmocka_unit_test(test_speed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
