/*
 * Hostile input against the real modules (issue 7): XXE, entity bombs,
 * deep nesting, terminal escape sequences, dangerous link schemes, size
 * caps, URLs that try to reach a shell, and every input the fuzzers
 * (fuzz/) ever crashed on, kept in tests/data/hostile/ as regression
 * files named fuzz-TARGET-*.
 *
 * Each test asserts the safe outcome, not just "no crash": a secret file's
 * contents never appear, output holds no ESC/C1/bidi control, an entity
 * bomb yields bounded text in bounded time, a bad link is never a link.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/settings.h"
#include "app/spawn.h"
#include "article/extract.h"
#include "article/render.h"
#include "feed/feed.h"
#include "feed/feedlist.h"
#include "feed/opml.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "read_file.h"
#include "tmp_cache.h"

#define SECRET "SECRET-XXE-7f3a9c"
/* Far below what any of the bombs would expand to (gigabytes). */
#define BOMB_MAX_BYTES (4u * 1024 * 1024)
/* Generous: valgrind runs these too. */
#define BOMB_MAX_SECONDS 20.0
#define DEEP 100000

/* ---- helpers ---------------------------------------------------------- */

struct tmp {
	char dir[TMP_CACHE_DIR_MAX];
	char secret[300];
};

static int
setup_tmp(void **state)
{
	struct tmp *t = xcalloc(1, sizeof *t);

	if (tmp_dir_make(t->dir, sizeof t->dir, "hostile") < 0)
		return -1;
	snprintf(t->secret, sizeof t->secret, "%s/secret.txt", t->dir);
	if (tmp_file_put(t->secret, SECRET "\n") < 0)
		return -1;
	*state = t;
	return 0;
}

static int
teardown_tmp(void **state)
{
	struct tmp *t = *state;

	tmp_dir_remove(t->dir);
	free(t);
	return 0;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
slen(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

static int
has(const char *s, const char *needle)
{
	return s != NULL && strstr(s, needle) != NULL;
}

/* Every string of a parsed feed, for "does X appear anywhere". */
static int
feed_has(const struct feed *f, const char *needle)
{
	size_t i, j;

	if (has(f->title, needle) || has(f->link, needle) || has(f->description, needle) ||
	    has(f->author, needle))
		return 1;
	for (i = 0; i < f->nitems; i++) {
		const struct item *it = &f->items[i];

		if (has(it->guid, needle) || has(it->title, needle) || has(it->link, needle) ||
		    has(it->author, needle) || has(it->summary, needle) ||
		    has(it->content, needle) || has(it->image, needle))
			return 1;
		for (j = 0; j < it->ncategories; j++)
			if (has(it->categories[j], needle))
				return 1;
		for (j = 0; j < it->nenclosures; j++)
			if (has(it->enclosures[j].url, needle))
				return 1;
	}
	return 0;
}

static size_t
feed_bytes(const struct feed *f)
{
	size_t i, n = slen(f->title) + slen(f->link) + slen(f->description) + slen(f->author);

	for (i = 0; i < f->nitems; i++) {
		const struct item *it = &f->items[i];

		n += slen(it->guid) + slen(it->title) + slen(it->link) + slen(it->author) +
		    slen(it->summary) + slen(it->content);
	}
	return n;
}

/* A terminal-safe string: valid UTF-8 with no C0 control but LF, no DEL,
 * no C1 control and no bidi control (marks, embeddings, overrides, isolates). */
static const char *
unsafe_at(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			return s + i;	/* a raw byte: invalid UTF-8, maybe an 8-bit C1 */
		if ((cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) ||
		    cp == 0x61c || cp == 0x200e || cp == 0x200f ||	/* every bidi control */
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			return s + i;
		i += n;
	}
	return NULL;
}

static void
assert_terminal_safe(const char *what, const char *s, size_t len)
{
	const char *bad = unsafe_at(s, len);

	if (bad != NULL) {
		print_error("%s: unsafe byte 0x%02x at %zu in \"%.*s\"\n", what,
		    (unsigned char)*bad, (size_t)(bad - s), (int)(len < 200 ? len : 200), s);
		fail();
	}
}

static char *
repeat(const char *open, const char *mid, const char *close, size_t n, size_t *len)
{
	struct buf b;
	size_t i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < n; i++)
		assert_int_equal(buf_addstr(&b, open), 0);
	assert_int_equal(buf_addstr(&b, mid), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(buf_addstr(&b, close), 0);
	*len = b.len;
	return buf_take(&b);
}

/* fmt with every "@" replaced by arg (no printf formats from tables). */
static char *
subst(const char *fmt, const char *arg)
{
	struct buf b;
	const char *p;

	buf_init(&b, BUF_NOLIMIT);
	for (p = fmt; *p != '\0'; p++) {
		if (*p == '@')
			assert_int_equal(buf_addstr(&b, arg), 0);
		else
			assert_int_equal(buf_addc(&b, *p), 0);
	}
	return buf_take(&b);
}

static char *
read_file(const char *path, size_t *len)
{
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	if (read_file_into(path, &b) < 0)
		fail_msg("cannot read %s", path);
	*len = b.len;
	return buf_take(&b);
}

/* ---- feed parser ------------------------------------------------------ */

static struct feed *
parse(const char *doc, size_t len, struct err *e)
{
	struct feed_parse_opts o = { .url = "https://hostile.example/feed.xml" };

	return feed_parse(doc, len, &o, e);
}

/* An external entity naming a local file, in every place a feed has text;
 * plus a parameter entity, and one inside an attribute. */
static void
test_feed_xxe(void **state)
{
	struct tmp *t = *state;
	static const char *fmts[] = {
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://@\">]>\n"
		"<rss version=\"2.0\"><channel><title>t &xxe;</title><description>&xxe;</description>"
		"<item><title>&xxe;</title><link>https://x/&xxe;</link><guid>&xxe;</guid>"
		"<description>&xxe;</description><category>&xxe;</category></item></channel></rss>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"@\">]>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&xxe;</title>"
		"<entry><id>e1</id><title type=\"html\">&xxe;</title>"
		"<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">&xxe;</div></content>"
		"<link href=\"https://x/&xxe;\"/></entry></feed>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY % p SYSTEM \"file://@\"> %p;]>\n"
		"<rss version=\"2.0\"><channel><title>param</title><item><title>i</title>"
		"<guid>g</guid></item></channel></rss>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"file://@\">\n"
		"<rss version=\"2.0\"><channel><title>dtd</title><item><title>i</title>"
		"<guid>g</guid></item></channel></rss>\n",
	};
	struct err e;
	size_t i;

	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
		char *doc = subst(fmts[i], t->secret);
		struct feed *f = parse(doc, strlen(doc), &e);

		free(doc);
		if (f == NULL)
			continue;	/* refusing the document is safe too */
		if (feed_has(f, SECRET)) {
			print_error("case %zu: the secret file's contents leaked\n", i);
			fail();
		}
		feed_free(f);
	}
}

static const char lol_dtd[] =
	"<!DOCTYPE rss [\n"
	" <!ENTITY lol \"lol\">\n"
	" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	"]>\n";

/* An entity bomb in b parses in bounded time to bounded text, or is refused. */
static void
assert_feed_bomb_defused(const struct buf *b)
{
	struct feed *f;
	struct err e;
	double t0;

	t0 = now_s();
	f = parse(b->data, b->len, &e);
	assert_true(now_s() - t0 < BOMB_MAX_SECONDS);
	if (f != NULL) {
		assert_true(feed_bytes(f) < BOMB_MAX_BYTES);
		feed_free(f);
	}
}

/* Billion laughs: 10^9 "lol"s if expanded.  Bounded text, bounded time. */
static void
test_feed_billion_laughs(void **state)
{
	struct buf b;
	int i;

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(buf_printf(&b, "<?xml version=\"1.0\"?>\n%s<rss version=\"2.0\"><channel>"
	    "<title>&lol9;</title>", lol_dtd), 0);
	for (i = 0; i < 50; i++)
		assert_int_equal(buf_printf(&b, "<item><guid>g%d</guid><title>&lol9;</title>"
		    "<description>&lol9;&lol9;</description><link>https://x/&lol9;</link></item>", i), 0);
	assert_int_equal(buf_addstr(&b, "</channel></rss>\n"), 0);
	assert_feed_bomb_defused(&b);
	buf_release(&b);
}

/* Quadratic blowup: one large entity referenced many times. */
static void
test_feed_quadratic_blowup(void **state)
{
	struct buf b;
	int i;

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(buf_addstr(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \""), 0);
	for (i = 0; i < 4000; i++)
		assert_int_equal(buf_addstr(&b, "AAAAAAAAAA"), 0);
	assert_int_equal(buf_addstr(&b, "\">]>\n<rss version=\"2.0\"><channel><title>q</title>"
	    "<item><guid>g</guid><description>"), 0);
	for (i = 0; i < 20000; i++)
		assert_int_equal(buf_addstr(&b, "&big;"), 0);
	assert_int_equal(buf_addstr(&b, "</description></item></channel></rss>\n"), 0);
	/* 800 MB if expanded */
	assert_feed_bomb_defused(&b);
	buf_release(&b);
}

/* 100,000 nested elements: in an item, at the top, in Atom XHTML content. */
static void
test_feed_deep_nesting(void **state)
{
	static const struct {
		const char *pre, *open, *mid, *close, *post;
	} cases[] = {
		{ "<rss version=\"2.0\"><channel><title>deep</title><item><guid>g</guid><title>",
		  "<x>", "text", "</x>", "</title></item></channel></rss>" },
		{ "", "<rss>", "", "</rss>", "" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>e</id>"
		  "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">",
		  "<div>", "x", "</div>", "</div></content></entry></feed>" },
		{ "<rss version=\"2.0\"><channel>", "<item>", "", "</item>", "</channel></rss>" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b;
		struct feed *f;
		struct err e;
		char *mid;
		size_t mlen;

		mid = repeat(cases[i].open, cases[i].mid, cases[i].close, DEEP, &mlen);
		buf_init(&b, BUF_NOLIMIT);
		assert_int_equal(buf_addstr(&b, cases[i].pre), 0);
		assert_int_equal(buf_add(&b, mid, mlen), 0);
		assert_int_equal(buf_addstr(&b, cases[i].post), 0);
		f = parse(b.data, b.len, &e);
		if (f != NULL) {
			assert_true(f->nitems <= 10000);
			feed_free(f);
		} else {
			assert_true(e.msg[0] != '\0');
		}
		free(mid);
		buf_release(&b);
	}
}

/* NUL bytes, invalid UTF-8 and escape sequences in a feed: the parser
 * copes, and what the terminal gets (via util/text) is clean. */
static void
test_feed_controls_sanitized(void **state)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<rss version=\"2.0\"><channel><title>A\x1b]0;owned\x07 feed</title>"
		"<item><guid>g1</guid><title>T\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07itle \xc2\x9b" "31m"
		"\xe2\x80\xae" "evil\xe2\x80\xac \xff\xfe bad</title>"
		"<description>&#x1b;]0;set title&#x7;&lt;b&gt;x&lt;/b&gt; &#x9b;1m &#x202e;rev</description>"
		"</item><item><guid>g2</guid><title>nul\0after</title></item></channel></rss>\n";
	struct feed *f;
	struct err e;
	size_t i;

	f = parse(doc, sizeof doc - 1, &e);
	assert_non_null(f);
	assert_true(f->nitems >= 1);
	for (i = 0; i < f->nitems; i++) {
		char *s = text_sanitize_dup(f->items[i].title ? f->items[i].title : "",
		    slen(f->items[i].title), 0);

		assert_terminal_safe("item title", s, strlen(s));
		free(s);
	}
	{
		char *s = text_sanitize_dup(f->title ? f->title : "", slen(f->title), 0);

		assert_terminal_safe("feed title", s, strlen(s));
		free(s);
	}
	feed_free(f);
}

/* An escape sequence goes whole, not just its ESC byte: libxml2 drops a raw
 * ESC (not an XML character) and would keep "]0;owned" as text.  (Found
 * by this suite as bug feed-escape-residue, fixed in 7d32f22.) */
static void
test_feed_escape_residue(void **state)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<rss version=\"2.0\"><channel><title>A\x1b]0;owned\x07 feed</title>"
		"<item><guid>g1</guid><title>T\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07itle</title>"
		"</item></channel></rss>\n";
	struct feed *f;
	struct err e;
	char *title, *item;
	int ok;

	f = parse(doc, sizeof doc - 1, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 1);
	title = text_sanitize_dup(f->title, strlen(f->title), 0);
	item = text_sanitize_dup(f->items[0].title, strlen(f->items[0].title), 0);
	feed_free(f);
	ok = strcmp(title, "A feed") == 0 && strcmp(item, "Title") == 0;
	if (!ok)
		print_error("got \"%s\" and \"%s\"\n", title, item);
	free(title);
	free(item);
	assert_true(ok);
}

/* A NUL byte in a title must not end the document: the items after it
 * stay.  (Bug feed-nul-truncates, fixed in 7d32f22.) */
static void
test_feed_nul_keeps_later_items(void **state)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Nul feed</title>"
		"<item><guid>n1</guid><title>before\0after</title></item>"
		"<item><guid>n2</guid><title>second</title></item></channel></rss>\n";
	struct feed *f;
	struct err e;
	size_t n;

	f = parse(doc, sizeof doc - 1, &e);
	assert_non_null(f);
	n = f->nitems;
	feed_free(f);
	assert_int_equal(n, 2);
}

/* ---- article extraction and rendering --------------------------------- */

static const char escapes_html[] =
	"<html><head><title>Title\x1b]0;window title\x07 here</title></head><body><article>"
	"<h1>Head\x1b[31mline</h1>"
	"<p>Paragraph one with \x1b]52;c;cm0gLXJmIH4=\x07 a clipboard write and "
	"\x1b[2J\x1b[H a clear screen, \x9b" "31m an 8-bit CSI, \xc2\x9b" "32m a UTF-8 C1 CSI, "
	"&#x1b;[5m an entity ESC, &#155;1m an entity C1, &#x202e;reversed&#x202c; bidi, "
	"&#x2066;isolate&#x2069; and a BEL\x07 and backspace\x08.  "
	"Enough words follow to make this the article body, with commas, "
	"clauses, and more clauses, so that the extractor keeps it.</p>"
	"<p>Second paragraph, also long enough: the quick brown fox jumps over "
	"the lazy dog, again and again, while the terminal stays untouched.</p>"
	"<pre>\x1b]8;;https://evil.example/\x1b\\hyperlink\x1b]8;;\x1b\\ in pre</pre>"
	"</article></body></html>";

static void
test_render_strips_escapes(void **state)
{
	struct render r;
	struct err e;
	size_t i;
	int w;

	for (w = 0; w <= 80; w += 40) {
		render_init(&r);
		assert_int_equal(render_html(&r, escapes_html, sizeof escapes_html - 1, w,
		    RENDER_NUMBER_LINKS | RENDER_IMAGES, &e), 0);
		assert_true(r.nlines > 0);
		for (i = 0; i < r.nlines; i++) {
			assert_terminal_safe("render line", r.lines[i].text, r.lines[i].len);
			assert_false(has(r.lines[i].text, "]52;"));
			assert_false(has(r.lines[i].text, "]0;"));
		}
		render_release(&r);
	}
}

static void
test_extract_strips_escapes(void **state)
{
	struct article a;
	struct buf out;
	struct err e;
	int w;

	memset(&a, 0, sizeof a);
	assert_true(extract_article(&a, escapes_html, sizeof escapes_html - 1,
	    "https://hostile.example/a.html", NULL, &e) >= 0);
	for (w = 0; w <= 72; w += 72) {
		buf_init(&out, BUF_NOLIMIT);
		assert_int_equal(extract_format(&a, w, &out), 0);
		assert_terminal_safe("extract_format", out.data, out.len);
		assert_false(has(out.data, "]52;"));
		assert_false(has(out.data, "]0;"));
		assert_true(has(out.data, "Paragraph one"));	/* the text itself stays */
		buf_release(&out);
	}
	assert_terminal_safe("title", a.title, strlen(a.title));
	assert_terminal_safe("text", a.text, strlen(a.text));
	extract_release(&a);
}

/* Links with schemes other than http, https and mailto are never links:
 * not in the numbered list, not in an href of the safe HTML. */
static const char *const bad_links[] = {
	"javascript:alert(document.cookie)",
	"JaVaScRiPt:alert(1)",
	" javascript:alert(1)",
	"java&#x09;script:alert(1)",
	"&#106;avascript:alert(1)",
	"vbscript:msgbox(1)",
	"file:///etc/passwd",
	"FILE:///etc/shadow",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"data:image/svg+xml,<svg onload=alert(1)>",
	"ftp://example.org/x",
	"about:blank",
};

static int
bad_scheme(const char *u)
{
	while (*u == ' ' || *u == '\t' || *u == '\n')
		u++;
	return strncasecmp(u, "http://", 7) != 0 && strncasecmp(u, "https://", 8) != 0 &&
	    strncasecmp(u, "mailto:", 7) != 0;
}

static void
test_render_drops_bad_links(void **state)
{
	size_t i;

	for (i = 0; i < sizeof bad_links / sizeof bad_links[0]; i++) {
		struct render r;
		struct buf html, out;
		struct err e;
		size_t k;

		buf_init(&html, BUF_NOLIMIT);
		assert_int_equal(buf_printf(&html, "<p>Click <a href=\"%s\">bad link</a> or "
		    "<a href=\"https://good.example/\">good link</a>.</p>"
		    "<p><img src=\"%s\" alt=\"pic\"></p>", bad_links[i], bad_links[i]), 0);
		render_init(&r);
		assert_int_equal(render_html(&r, html.data, html.len, 80,
		    RENDER_NUMBER_LINKS | RENDER_IMAGES, &e), 0);
		for (k = 0; k < r.nlinks; k++) {
			if (bad_scheme(r.links[k])) {
				print_error("%s became link %zu: %s\n", bad_links[i], k + 1, r.links[k]);
				fail();
			}
		}
		assert_int_equal(r.nlinks, 1);
		assert_string_equal(r.links[0], "https://good.example/");
		buf_init(&out, BUF_NOLIMIT);
		assert_int_equal(render_to_buf(&r, &out), 0);
		assert_true(has(out.data, "bad link"));	/* shown as plain text */
		assert_false(has(out.data, "bad link[")); /* without a number */
		buf_release(&out);
		render_release(&r);
		buf_release(&html);
	}
}

static void
test_extract_drops_bad_links(void **state)
{
	size_t i;

	for (i = 0; i < sizeof bad_links / sizeof bad_links[0]; i++) {
		struct article a;
		struct buf html;
		struct err e;
		const char *p;

		buf_init(&html, BUF_NOLIMIT);
		assert_int_equal(buf_printf(&html, "<html><body><article><h1>Links</h1>"
		    "<p>This paragraph has enough text to be the article, with commas, words, "
		    "and a <a href=\"%s\">bad link</a> next to a <a href=\"/ok\">good link</a>, "
		    "then more words so the scoring keeps this block as the body of the page.</p>"
		    "<p><img src=\"%s\" alt=\"pic\"><iframe src=\"%s\"></iframe>"
		    "<form action=\"%s\"><input></form></p></article></body></html>",
		    bad_links[i], bad_links[i], bad_links[i], bad_links[i]), 0);
		memset(&a, 0, sizeof a);
		assert_true(extract_article(&a, html.data, html.len, "https://hostile.example/p/",
		    NULL, &e) >= 0);
		for (p = a.html; (p = strstr(p, "href=\"")) != NULL; p += 6)
			assert_false(bad_scheme(p + 6));
		for (p = a.html; (p = strstr(p, "src=\"")) != NULL; p += 5)
			assert_false(bad_scheme(p + 5));
		assert_false(has(a.html, "<iframe"));
		assert_false(has(a.html, "<form"));
		assert_true(has(a.html, "href=\"https://hostile.example/ok\""));
		assert_true(has(a.text, "bad link"));
		extract_release(&a);
		buf_release(&html);
	}
}

static void
test_render_deep_nesting(void **state)
{
	static const char *const opens[] = { "<div>", "<blockquote>", "<ul><li>", "<b>",
	    "<table><tr><td>" };
	static const char *const closes[] = { "</div>", "</blockquote>", "</li></ul>", "</b>",
	    "</td></tr></table>" };
	size_t i, k;

	for (i = 0; i < sizeof opens / sizeof opens[0]; i++) {
		struct render r;
		struct err e;
		size_t len;
		char *html = repeat(opens[i], "deep text", closes[i], DEEP, &len);

		render_init(&r);
		if (render_html(&r, html, len, 80, RENDER_NUMBER_LINKS, &e) == 0) {
			assert_true(r.nlines <= RENDER_MAX_LINES);
			for (k = 0; k < r.nlines; k++)
				assert_true(r.lines[k].len <= 64 * 1024);
		}
		render_release(&r);
		free(html);
	}
}

static void
test_extract_deep_nesting(void **state)
{
	static const char *const opens[] = { "<div>", "<section><p>", "<span>" };
	static const char *const closes[] = { "</div>", "</p></section>", "</span>" };
	size_t i;

	for (i = 0; i < sizeof opens / sizeof opens[0]; i++) {
		struct article a;
		struct buf out;
		struct err e;
		size_t len;
		char *html = repeat(opens[i], "deep text, with commas, and words", closes[i],
		    DEEP, &len);

		memset(&a, 0, sizeof a);
		if (extract_article(&a, html, len, "https://hostile.example/", NULL, &e) >= 0) {
			buf_init(&out, BUF_NOLIMIT);
			assert_int_equal(extract_format(&a, 80, &out), 0);
			buf_release(&out);
		}
		extract_release(&a);
		free(html);
	}
}

/* ---- issue 11: character references, NUL bytes, deep nesting -------- */

#define C1_WORDS "don\xE2\x80\x99t \xE2\x80\x9Cq\xE2\x80\x9D a\xE2\x80\x93" "b " \
	"c\xE2\x80\x94" "d 100\xE2\x82\xAC x\xE2\x80\xBAword \xCB\x9Crest \xC5\xBE \xC5\xB8 END"
#define C1_REFS(amp) "don" amp "#146;t " amp "#147;q" amp "#148; a" amp "#150;b " \
	"c" amp "#151;d 100" amp "#128; x" amp "#155;word " amp "#152;rest " \
	amp "#158; " amp "#159; END"

/* The plain text of an HTML fragment as the reader shows it. */
static char *
rendered(const char *html)
{
	struct render r;
	struct buf out;

	render_init(&r);
	buf_init(&out, BUF_NOLIMIT);
	if (html != NULL) {
		assert_int_equal(render_html(&r, html, strlen(html), 0, 0, NULL), 0);
		assert_int_equal(render_to_buf(&r, &out), 0);
	}
	render_release(&r);
	return buf_take(&out);
}

static const char charref_rss[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rss version=\"2.0\"><channel><title>Feed &#x1b;]0;X&#x7;name</title>"
	"<item><guid>c1</guid><title>" C1_REFS("&") "</title>"
	"<description>&lt;p&gt;" C1_REFS("&amp;") " &amp;#0000000027;]0;Y&amp;#7;"
	"tail&lt;/p&gt;</description></item>"
	"<item><guid>c2</guid><title>&#x1b;]0;X&#x7;after &#0000000027;]0;X&#7;</title>"
	"<description><![CDATA[<p>&#x1b;]0;Z&#x7;body</p>]]></description></item>"
	"<item><guid>c3</guid><title>" C1_REFS("&amp;") "</title></item>"
	"</channel></rss>\n";

/* Item 2 in feeds: &#128;-&#159; are windows-1252, at the XML level and
 * in escaped HTML, and nothing after them is eaten. */
static void
test_feed_c1_refs(void **state)
{
	struct feed *f;
	struct err e;
	char *body;

	(void)state;
	f = parse(charref_rss, sizeof charref_rss - 1, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 3);
	assert_string_equal(f->items[0].title, C1_WORDS);
	assert_string_equal(f->items[2].title, C1_WORDS);
	body = rendered(f->items[0].summary);
	assert_true(has(body, C1_WORDS));
	assert_true(has(body, "tail"));
	free(body);
	feed_free(f);
}

/* Item 3 in feeds: an escape sequence written as references goes with its
 * payload, in XML text, in escaped HTML and in CDATA. */
static void
test_feed_escape_refs(void **state)
{
	struct feed *f;
	struct err e;
	char *t, *body;

	(void)state;
	f = parse(charref_rss, sizeof charref_rss - 1, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 3);
	t = text_sanitize_dup(f->title, strlen(f->title), 0);
	assert_string_equal(t, "Feed name");
	free(t);
	t = text_sanitize_dup(f->items[1].title, strlen(f->items[1].title), 0);
	assert_string_equal(t, "after");
	free(t);
	body = rendered(f->items[0].summary);
	assert_false(has(body, "]0;"));
	free(body);
	body = rendered(f->items[1].summary);
	assert_string_equal(body, "body\n");
	free(body);
	feed_free(f);
}

/*
 * A control character in an attribute value, raw or as a reference (which
 * the reference policy turns into the byte), is dropped: in recovery mode
 * libxml2 dropped the rest of the document at it.
 */
static void
test_feed_control_in_attribute(void **state)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>c</title>"
		"<item><guid>1</guid><title>a&#1;b\x02" "c</title>"
		"<enclosure url=\"http://x.example/a&#7;b\x07" "c\" type=\"audio/mpeg\"/>"
		"<link>http://x.example/&#7;y</link></item>"
		"<item><guid>2</guid><title>second</title></item></channel></rss>";
	struct feed *f;
	struct err e;

	(void)state;
	f = parse(doc, sizeof doc - 1, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[0].title, "abc");
	assert_int_equal(f->items[0].nenclosures, 1);
	assert_string_equal(f->items[0].enclosures[0].url, "http://x.example/abc");
	assert_string_equal(f->items[0].link, "http://x.example/y");
	assert_string_equal(f->items[1].title, "second");
	feed_free(f);
}

/* Item 7: an HTML title with '>' in an attribute loses only the tag. */
static void
test_feed_html_title_attr(void **state)
{
	static const char atom[] =
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
		"<entry><id>a1</id><title type=\"html\">&lt;abbr title=\"a &gt; b\"&gt;Big"
		"&lt;/abbr&gt; news &amp;#150; now</title>"
		"<summary type=\"html\">&lt;abbr title=\"a &gt; b\"&gt;Big&lt;/abbr&gt; news</summary>"
		"</entry></feed>";
	struct feed *f;
	struct err e;
	char *t, *body;

	(void)state;
	f = parse(atom, sizeof atom - 1, &e);
	assert_non_null(f);
	assert_int_equal(f->nitems, 1);
	t = text_sanitize_dup(f->items[0].title, strlen(f->items[0].title), 0);
	assert_string_equal(t, "Big news \xE2\x80\x93 now");
	free(t);
	body = rendered(f->items[0].summary);
	assert_string_equal(body, "Big news\n");
	free(body);
	feed_free(f);
}

static const char charref_page[] =
	"<html><head><title>A \xE2\x80\x93 B</title>"
	"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
	"\"@type\":\"NewsArticle\",\"headline\":\"A &#150; B <b>c</b>\","
	"\"author\":{\"name\":\"Jo &#146;Brien &#x1b;]0;J&#x7;\"}}</script></head>"
	"<body><article><p>" C1_REFS("&") " and then the paragraph goes on, with commas, "
	"clauses and words enough to be an article.</p>"
	"<p>Escapes: &#0000000027;]0;PAYLOAD&#7; and &#x1b;]52;c;UFdORUQ=&#x7; gone, "
	"and this second paragraph is also long enough to count as body text.</p>"
	"</article></body></html>";

/* Items 2, 3, 7 in pages: body text and JSON-LD take the same policy. */
static void
test_extract_charrefs(void **state)
{
	struct article a;
	struct err e;

	(void)state;
	memset(&a, 0, sizeof a);
	assert_true(extract_article(&a, charref_page, sizeof charref_page - 1,
	    "https://hostile.example/c1.html", NULL, &e) >= 0);
	assert_string_equal(a.title, "A \xE2\x80\x93 B c");
	assert_string_equal(a.byline, "Jo \xE2\x80\x99" "Brien");
	assert_true(has(a.text, C1_WORDS " and then the paragraph"));
	assert_true(has(a.text, "Escapes:  and  gone") || has(a.text, "Escapes: and gone"));
	assert_false(has(a.text, "PAYLOAD"));
	assert_false(has(a.text, "UFdORUQ"));
	assert_terminal_safe("text", a.text, strlen(a.text));
	extract_release(&a);
}

/* Item 5: a NUL byte anywhere in a page does not cut the article. */
static void
test_extract_nul_keeps_text(void **state)
{
	static const char *const mids[] = {
		"<p>\0after NULTAIL</p>", "<p>x</p>\0<p>NULTAIL</p>",
		"<p class='a\0b'>NULTAIL</p>", "<p>x<\0b>NULTAIL</p>",
		"<p>x&\0NULTAIL</p>", "<p>x&#\0;NULTAIL</p>",
	};
	static const size_t mid_len[] = { 21, 23, 26, 19, 17, 19 };
	static const char para[] = "<p>Lorem ipsum dolor sit amet, consectetur "
	    "adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore "
	    "magna aliqua, ut enim ad minim veniam.</p>";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof mids / sizeof mids[0]; i++) {
		struct article a;
		struct err e;
		struct buf page;

		buf_init(&page, BUF_NOLIMIT);
		(void)buf_addstr(&page, "<html><body><article><h1>T</h1>");
		(void)buf_addstr(&page, para);
		(void)buf_add(&page, mids[i], mid_len[i]);
		(void)buf_addstr(&page, "<p>More words here, and more, ENDTAIL.</p>");
		(void)buf_addstr(&page, para);
		(void)buf_addstr(&page, "</article></body></html>");
		memset(&a, 0, sizeof a);
		assert_true(extract_article(&a, page.data, page.len,
		    "https://hostile.example/nul.html", NULL, &e) >= 0);
		if (!has(a.text, "NULTAIL") || !has(a.text, "ENDTAIL"))
			print_error("case %zu: \"%s\"\n", i, a.text);
		assert_true(has(a.text, "NULTAIL"));
		assert_true(has(a.text, "ENDTAIL"));
		extract_release(&a);
		buf_release(&page);
	}
}

/* A byte windows-1252 leaves undefined (0x9D) does not end the page there. */
static void
test_extract_undefined_byte_keeps_text(void **state)
{
	static const char page[] =
		"<html><head><meta charset=\"windows-1252\"></head><body><article>"
		"<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
		"eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>"
		"<p>caf\xE9 \x93quoted\x94 hole\x9Dword and the rest, BYTETAIL.</p>"
		"<p>Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris "
		"nisi ut aliquip ex ea commodo consequat, ENDTAIL.</p></article></body></html>";
	struct article a;
	struct err e;

	(void)state;
	memset(&a, 0, sizeof a);
	assert_true(extract_article(&a, page, sizeof page - 1,
	    "https://hostile.example/1252.html", NULL, &e) >= 0);
	assert_true(has(a.text, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D hole"
	    "\xEF\xBF\xBDword and the rest, BYTETAIL."));
	assert_true(has(a.text, "ENDTAIL"));
	extract_release(&a);
}

/*
 * Item 5: what is nested deeper than libxml2's limit (256) is flattened
 * and shown, and so is everything after it (libxml2 stops reading there).
 */
static void
test_deep_nesting_keeps_text(void **state)
{
	static const char para[] = "<p>Deep words, with commas, and clauses, and "
	    "enough of them to be the body of an article that a reader wants.</p>";
	struct article a;
	struct render r;
	struct buf html, out;
	struct err e;
	size_t i;

	(void)state;
	buf_init(&html, BUF_NOLIMIT);
	(void)buf_addstr(&html, "<html><body><article>");
	for (i = 0; i < 300; i++)
		(void)buf_addstr(&html, "<div>");
	for (i = 0; i < 3; i++)
		(void)buf_addstr(&html, para);
	for (i = 0; i < 300; i++)
		(void)buf_addstr(&html, "</div>");
	(void)buf_addstr(&html, "<p>After the nest, AFTERTAIL.</p></article></body></html>");

	render_init(&r);
	assert_int_equal(render_html(&r, html.data, html.len, 0, 0, &e), 0);
	buf_init(&out, BUF_NOLIMIT);
	assert_int_equal(render_to_buf(&r, &out), 0);
	assert_true(has(out.data, "Deep words"));
	assert_true(has(out.data, "AFTERTAIL"));
	buf_release(&out);
	render_release(&r);

	memset(&a, 0, sizeof a);
	assert_true(extract_article(&a, html.data, html.len,
	    "https://hostile.example/deep.html", NULL, &e) >= 0);
	assert_true(has(a.text, "Deep words"));
	extract_release(&a);
	buf_release(&html);
}

/* Input over the caps is refused with a message, not parsed. */
static void
test_size_caps(void **state)
{
	size_t big = (size_t)EXTRACT_MAX_INPUT + 1;
	char *html = xmalloc(big);
	struct article a;
	struct render r;
	struct err e;

	memset(html, 'a', big);
	memcpy(html, "<p>", 3);
	memset(&a, 0, sizeof a);
	err_clear(&e);
	assert_int_equal(extract_article(&a, html, big, NULL, NULL, &e), -1);
	assert_true(e.msg[0] != '\0');
	extract_release(&a);
	render_init(&r);
	err_clear(&e);
	assert_int_equal(render_html(&r, html, (size_t)RENDER_MAX_INPUT + 1, 80, 0, &e), -1);
	assert_true(e.msg[0] != '\0');
	render_release(&r);
	free(html);
}

/* ---- OPML ------------------------------------------------------------- */

static void
test_opml_xxe(void **state)
{
	struct tmp *t = *state;
	char doc[2048];
	struct opml *o;
	struct err e;
	size_t i, k;
	int n;

	n = snprintf(doc, sizeof doc, "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE opml [<!ENTITY xxe SYSTEM \"file://%s\">]>\n"
	    "<opml version=\"2.0\"><head><title>&xxe;</title></head><body>"
	    "<outline text=\"&xxe;\" title=\"&xxe;\">"
	    "<outline text=\"a &xxe;\" xmlUrl=\"https://x.example/&xxe;\" htmlUrl=\"&xxe;\" "
	    "category=\"&xxe;\"/></outline></body></opml>\n", t->secret);
	assert_true(n > 0 && (size_t)n < sizeof doc);
	o = opml_parse(doc, (size_t)n, "xxe.opml", &e);
	if (o == NULL)
		return;
	for (i = 0; i < o->nfeeds; i++) {
		assert_false(has(o->feeds[i].url, SECRET));
		assert_false(has(o->feeds[i].title, SECRET));
		assert_false(has(o->feeds[i].site, SECRET));
		for (k = 0; k < o->feeds[i].ntags; k++)
			assert_false(has(o->feeds[i].tags[k], SECRET));
	}
	opml_free(o);
}

static void
test_opml_billion_laughs(void **state)
{
	struct buf b;
	struct opml *o;
	struct err e;
	double t0;
	size_t i, k, n = 0;

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(buf_printf(&b, "<?xml version=\"1.0\"?>\n%s<opml version=\"2.0\">"
	    "<head><title>&lol9;</title></head><body><outline text=\"&lol9;\" title=\"&lol9;\">"
	    "<outline text=\"&lol9;\" title=\"&lol9;\" xmlUrl=\"https://x.example/&lol9;\" "
	    "category=\"&lol9;,&lol9;\"/></outline></body></opml>\n", lol_dtd), 0);
	t0 = now_s();
	o = opml_parse(b.data, b.len, "lol.opml", &e);
	assert_true(now_s() - t0 < BOMB_MAX_SECONDS);
	if (o != NULL) {
		for (i = 0; i < o->nfeeds; i++) {
			n += slen(o->feeds[i].url) + slen(o->feeds[i].title) + slen(o->feeds[i].site);
			for (k = 0; k < o->feeds[i].ntags; k++)
				n += slen(o->feeds[i].tags[k]);
		}
		assert_true(n < BOMB_MAX_BYTES);
		opml_free(o);
	}
	buf_release(&b);
}

static void
test_opml_deep_nesting(void **state)
{
	struct buf b;
	struct opml *o;
	struct err e;
	size_t len;
	char *mid = repeat("<outline text=\"f\">", "<outline text=\"x\" xmlUrl=\"https://x.example/\"/>",
	    "</outline>", DEEP, &len);

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(buf_addstr(&b, "<opml version=\"2.0\"><body>"), 0);
	assert_int_equal(buf_add(&b, mid, len), 0);
	assert_int_equal(buf_addstr(&b, "</body></opml>"), 0);
	o = opml_parse(b.data, b.len, "deep.opml", &e);
	if (o != NULL)
		opml_free(o);
	else
		assert_true(strstr(e.msg, "deep.opml") != NULL);
	free(mid);
	buf_release(&b);
}

/* ---- a URL never becomes shell text (app/spawn; test_spawn has more) --- */

/* A "browser" that writes its argument count and arguments to a file. */
static void
write_recorder(const struct tmp *t, char *path, size_t size, char *out, size_t osize)
{
	FILE *fp;

	snprintf(path, size, "%s/browser.sh", t->dir);
	snprintf(out, osize, "%s/argv.txt", t->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "#!/bin/sh\n{ echo \"$#\"; for a in \"$@\"; do printf '%%s\\n' \"$a\"; done; } "
	    ">'%s'\n", out);
	fclose(fp);
	assert_int_equal(chmod(path, 0700), 0);
}

/* Run argv (/bin/sh -c TEXT sh URL...) with fork + execvp. */
static int
run_argv(char **argv)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		assert_int_equal(errno, EINTR);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
test_browser_url_is_one_argument(void **state)
{
	struct tmp *t = *state;
	static const char *const cmds[] = { "@", "@ --new-tab %u", "\"@\" --x=%u" };
	char script[400], out[400], marker[400], url[2000];
	size_t i;

	write_recorder(t, script, sizeof script, out, sizeof out);
	snprintf(marker, sizeof marker, "%s/pwned", t->dir);
	assert_true((size_t)snprintf(url, sizeof url,
	    "https://x/$(touch %s)`touch %s`;touch%%20%s|touch %s&&x'\"",
	    marker, marker, marker, marker) < sizeof url);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		struct settings cfg;
		struct err e;
		char **argv, *got, want[2100];
		size_t len;

		settings_init(&cfg);
		cfg.browser = subst(cmds[i], script);
		argv = spawn_browser_argv(&cfg, url, NULL, NULL, NULL, &e);
		assert_non_null(argv);
		unlink(out);
		assert_int_equal(run_argv(argv), 0);
		got = read_file(out, &len);
		if (i == 0)
			snprintf(want, sizeof want, "1\n%s\n", url);
		else if (i == 1)
			snprintf(want, sizeof want, "2\n--new-tab\n%s\n", url);
		else
			snprintf(want, sizeof want, "1\n--x=%s\n", url);
		assert_string_equal(got, want);
		assert_int_equal(access(marker, F_OK), -1);
		free(got);
		spawn_argv_free(argv);
		settings_release(&cfg);
	}
}

/* $BROWSER, as many programs set it: "a:b" means try a first. */
static void
test_browser_env(void **state)
{
	struct tmp *t = *state;
	char script[400], out[400], env[900], *got;
	static const char url[] = "https://x/$(id)";
	struct settings cfg;
	struct err e;
	char **argv;
	size_t len;

	write_recorder(t, script, sizeof script, out, sizeof out);
	snprintf(env, sizeof env, "%s:/bin/false", script);
	settings_init(&cfg);
	assert_int_equal(setenv("BROWSER", env, 1), 0);
	argv = spawn_browser_argv(&cfg, url, NULL, NULL, NULL, &e);
	unsetenv("BROWSER");
	assert_non_null(argv);
	assert_int_equal(run_argv(argv), 0);
	got = read_file(out, &len);
	assert_string_equal(got, "1\nhttps://x/$(id)\n");
	free(got);
	spawn_argv_free(argv);
	settings_release(&cfg);
}

static void
test_browser_refuses_schemes(void **state)
{
	static const char *const urls[] = { "file:///etc/passwd", "javascript:alert(1)",
	    "data:text/html,x", "-e evil", "--help", "ftp://x/", "", "https://x/\x1b]0;t\x07",
	    "https://x/\nnext" };
	struct settings cfg;
	struct err e;
	size_t i;

	settings_init(&cfg);
	cfg.browser = xstrdup("true");
	for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		err_clear(&e);
		assert_null(spawn_browser_argv(&cfg, urls[i], NULL, NULL, NULL, &e));
		assert_true(e.msg[0] != '\0');
	}
	settings_release(&cfg);
}

/* ---- fuzzer findings: tests/data/hostile/fuzz-TARGET-* --------------- */

static void
replay_feed(const char *data, size_t len)
{
	struct feed_parse_opts o = { .url = "https://example.org/blog/feed.xml" };
	struct err e;
	struct feed *f = feed_parse(data, len, &o, &e);

	feed_free(f);
}

static void
replay_render(const char *data, size_t len)
{
	struct render r;
	struct err e;
	size_t i;

	render_init(&r);
	if (render_html(&r, data, len, 40, RENDER_NUMBER_LINKS | RENDER_IMAGES, &e) == 0)
		for (i = 0; i < r.nlines; i++)
			assert_terminal_safe("render line", r.lines[i].text, r.lines[i].len);
	render_release(&r);
}

static void
replay_extract(const char *data, size_t len)
{
	struct article a;
	struct buf out;
	struct err e;

	memset(&a, 0, sizeof a);
	if (extract_article(&a, data, len, "https://example.org/x.html", NULL, &e) >= 0) {
		buf_init(&out, BUF_NOLIMIT);
		if (extract_format(&a, 0, &out) == 0)
			assert_terminal_safe("extract", out.data, out.len);
		buf_release(&out);
	}
	extract_release(&a);
}

static void
replay_opml(const char *data, size_t len)
{
	struct err e;
	struct opml *o = opml_parse(data, len, "fuzz.opml", &e);
	struct buf out;

	if (o != NULL) {
		buf_init(&out, BUF_NOLIMIT);
		assert_int_equal(opml_write(o, "t", &out, &e), 0);
		buf_release(&out);
		opml_free(o);
	}
}

static void
replay_feedlist(const char *data, size_t len)
{
	struct feedlist *fl = feedlist_parse(data, len, "feeds");
	char *s = feedlist_format(fl);

	free(s);
	feedlist_free(fl);
}

static void
replay_config(const char *data, size_t len)
{
	struct settings cfg;

	settings_init(&cfg);
	settings_load_string(&cfg, data, len);
	settings_release(&cfg);
}

static void
replay_date(const char *data, size_t len)
{
	char *s = xstrndup(data, len);
	time_t t;

	(void)date_parse(s, &t);
	free(s);
}

static void
replay_text(const char *data, size_t len)
{
	char *s = text_sanitize_dup(data, len, 0);

	assert_terminal_safe("text_sanitize", s, strlen(s));
	free(s);
}

static const struct {
	const char *target;
	void (*replay)(const char *data, size_t len);
} replays[] = {
	{ "feed", replay_feed },
	{ "render", replay_render },
	{ "extract", replay_extract },
	{ "opml", replay_opml },
	{ "feedlist", replay_feedlist },
	{ "config", replay_config },
	{ "date", replay_date },
	{ "text", replay_text },
};

static void
test_fuzz_regressions(void **state)
{
	const char *top = getenv("top_srcdir");
	char dir[512], path[1024], prefix[64];
	struct dirent *de;
	size_t i, len, n = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/tests/data/hostile", top != NULL ? top : ".");
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		for (i = 0; i < sizeof replays / sizeof replays[0]; i++) {
			char *data;

			snprintf(prefix, sizeof prefix, "fuzz-%s-", replays[i].target);
			if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			data = read_file(path, &len);
			print_message("replay %s\n", de->d_name);
			replays[i].replay(data, len);
			free(data);
			n++;
		}
	}
	closedir(d);
	assert_true(n > 0);
}

/*
 * An escape sequence written with character references ("&#x1b;]0;PWNED&#x7;",
 * "&#27;[31m") once lost only its ESC and BEL in render and extract, leaving
 * the payload ("]0;PWNED") on screen: markup/charref turns such references
 * into bytes before escapes are stripped, so the whole sequence goes.
 */
static const char escape_ref_body[] =
	"<p>Before &#x1b;]0;PWNED&#x7; middle &#27;[31mred&#x1B;[0m and "
	"&#x1b;]52;c;UFdORUQ=&#x1b;\\ after, with enough words, commas, and clauses "
	"to be the body of an article that the extractor keeps as it is.</p>"
	"<p>A second paragraph, also long enough, so that scoring picks this block "
	"and not the page around it: the quick brown fox jumps over the lazy dog.</p>";

static int
escape_residue(const char *s)
{
	return strstr(s, "PWNED") != NULL || strstr(s, "UFdORUQ") != NULL ||
	    strstr(s, "[31m") != NULL || strstr(s, "[0m") != NULL;
}

static void
test_render_entity_escape_residue(void **state)
{
	struct render r;
	struct buf out;
	struct err e;
	int bad;

	render_init(&r);
	assert_int_equal(render_html(&r, escape_ref_body, sizeof escape_ref_body - 1, 0, 0, &e), 0);
	buf_init(&out, BUF_NOLIMIT);
	assert_int_equal(render_to_buf(&r, &out), 0);
	bad = escape_residue(out.data);
	if (bad)
		print_error("render: %s", out.data);
	buf_release(&out);
	render_release(&r);
	assert_false(bad);
}

static void
test_extract_entity_escape_residue(void **state)
{
	struct article a;
	struct buf page, out;
	struct err e;
	int bad;

	buf_init(&page, BUF_NOLIMIT);
	assert_int_equal(buf_printf(&page, "<html><body><article>%s</article></body></html>",
	    escape_ref_body), 0);
	memset(&a, 0, sizeof a);
	assert_true(extract_article(&a, page.data, page.len, "https://x.example/", NULL, &e) >= 0);
	buf_init(&out, BUF_NOLIMIT);
	assert_int_equal(extract_format(&a, 0, &out), 0);
	bad = escape_residue(out.data) || escape_residue(a.text);
	if (bad)
		print_error("extract: %s", out.data);
	buf_release(&out);
	buf_release(&page);
	extract_release(&a);
	assert_false(bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_entity_escape_residue),
		cmocka_unit_test(test_extract_entity_escape_residue),
		cmocka_unit_test_setup_teardown(test_feed_xxe, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_feed_billion_laughs),
		cmocka_unit_test(test_feed_quadratic_blowup),
		cmocka_unit_test(test_feed_deep_nesting),
		cmocka_unit_test(test_feed_controls_sanitized),
		cmocka_unit_test(test_feed_escape_residue),
		cmocka_unit_test(test_feed_nul_keeps_later_items),
		cmocka_unit_test(test_render_strips_escapes),
		cmocka_unit_test(test_extract_strips_escapes),
		cmocka_unit_test(test_render_drops_bad_links),
		cmocka_unit_test(test_extract_drops_bad_links),
		cmocka_unit_test(test_render_deep_nesting),
		cmocka_unit_test(test_extract_deep_nesting),
		cmocka_unit_test(test_feed_c1_refs),
		cmocka_unit_test(test_feed_escape_refs),
		cmocka_unit_test(test_feed_control_in_attribute),
		cmocka_unit_test(test_feed_html_title_attr),
		cmocka_unit_test(test_extract_charrefs),
		cmocka_unit_test(test_extract_nul_keeps_text),
		cmocka_unit_test(test_extract_undefined_byte_keeps_text),
		cmocka_unit_test(test_deep_nesting_keeps_text),
		cmocka_unit_test(test_size_caps),
		cmocka_unit_test_setup_teardown(test_opml_xxe, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_opml_billion_laughs),
		cmocka_unit_test(test_opml_deep_nesting),
		cmocka_unit_test_setup_teardown(test_browser_url_is_one_argument, setup_tmp,
		    teardown_tmp),
		cmocka_unit_test_setup_teardown(test_browser_env, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_browser_refuses_schemes),
		cmocka_unit_test(test_fuzz_regressions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
