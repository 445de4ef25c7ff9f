/* Unit tests for article/render: HTML fragments -> styled terminal lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article/render.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

/* Render and join the lines with '\n' (final newline included). */
static char *
render_str(const char *html, int width, int flags, struct render *r)
{
	struct buf b;

	render_init(r);
	assert_int_equal(render_html(r, html, strlen(html), width, flags, NULL), 0);
	buf_init(&b, 0);
	assert_int_equal(render_to_buf(r, &b), 0);
	return buf_take(&b);
}

struct exact_case {
	const char *name;
	const char *html;
	int width;
	int flags;
	const char *want;
};

static const struct exact_case exact_cases[] = {
	{ "width 0: one line a paragraph",
	  "<p>First   paragraph\n spread over\tlines.</p>\n<p> Second <b>bold</b>"
	  "<a href=\"https://x.example/\">link</a>.</p><div>Third<br>after break</div>",
	  0, 0,
	  "First paragraph spread over lines.\n\nSecond boldlink.\n\nThird after break\n" },
	{ "wrapping at 20",
	  "<p>The quick brown fox jumps over the lazy dog again and again.</p>",
	  20, 0,
	  "The quick brown fox\njumps over the lazy\ndog again and again.\n" },
	{ "br breaks lines when wrapping",
	  "<p>line one<br>line two<br><br>line three</p>", 40, 0,
	  "line one\nline two\nline three\n" },
	{ "nested lists",
	  "<ul><li>alpha<ul><li>beta</li><li>gamma</li></ul></li><li>delta</li></ul>"
	  "<ol start=\"3\"><li>three</li><li>four</li></ol><p>after</p>",
	  40, 0,
	  "\xE2\x80\xA2 alpha\n  \xE2\x80\xA2 beta\n  \xE2\x80\xA2 gamma\n"
	  "\xE2\x80\xA2 delta\n\n3. three\n4. four\n\nafter\n" },
	{ "list item wraps under its text",
	  "<ul><li>one two three four five six</li></ul>", 12, 0,
	  "\xE2\x80\xA2 one two\n  three four\n  five six\n" },
	{ "blockquote",
	  "<p>Before.</p><blockquote><p>Quoted words that wrap around.</p></blockquote>"
	  "<p>After.</p>", 16, 0,
	  "Before.\n\n> Quoted words\n> that wrap\n> around.\n\nAfter.\n" },
	{ "pre kept as is",
	  "<p>Code:</p><pre>\nint\tx;\n  if (a &lt; b)\n      return;\n\n</pre>", 10, 0,
	  "Code:\n\nint     x;\n  if (a < b)\n      return;\n" },
	{ "table padded",
	  "<table><tr><th>Name</th><th>Qty</th><th>Note</th></tr>"
	  "<tr><td>apple</td><td>3</td><td>red</td></tr>"
	  "<tr><td>kiwi</td><td>12</td><td></td></tr></table>", 40, 0,
	  "Name   Qty  Note\napple  3    red\nkiwi   12\n" },
	{ "table too wide",
	  "<table><tr><td>first cell</td><td>second cell</td></tr></table>", 15, 0,
	  "first cell |\n  second cell\n" },
	{ "table at width 0",
	  "<table><tbody><tr><td>a</td><td>b</td><td>c</td></tr>"
	  "<tr><td>d</td><td>e</td><td>f</td></tr></tbody></table>", 0, 0,
	  "a | b | c\nd | e | f\n" },
	{ "headings and paragraphs",
	  "<h2>Title</h2><p>Body.</p><h3>Sub</h3><p>More.</p>", 40, 0,
	  "Title\n\nBody.\n\nSub\n\nMore.\n" },
	{ "numbered links with list",
	  "<p>See <a href=\"https://a.example/\">this</a>, <a href=\"https://b.example/x\">that</a>"
	  " and <a href=\"https://a.example/\">this again</a>; "
	  "<a href=\"javascript:alert(1)\">not this</a>, <a href=\"#top\">nor this</a>.</p>",
	  80, RENDER_NUMBER_LINKS,
	  "See this[1], that[2] and this again[1]; not this, nor this.\n\nLinks:\n"
	  "[1] https://a.example/\n[2] https://b.example/x\n" },
	{ "images",
	  "<p>Look: <img src=\"https://i.example/a.png\" alt=\" a  cat \"></p>"
	  "<figure><img src=\"https://i.example/b.png\"><figcaption>Caption.</figcaption></figure>",
	  40, RENDER_IMAGES,
	  "Look: [image: a cat]\n\n[image]\n\nCaption.\n" },
	{ "images hidden without the flag",
	  "<p>Look: <img src=\"x.png\" alt=\"cat\"></p>", 40, 0, "Look:\n" },
	{ "entities decoded",
	  "<p>&amp; &lt;tag&gt; &quot;q&quot; &#39;s&#x27; caf&eacute; &mdash; &#8220;x&#8221;</p>",
	  0, 0, "& <tag> \"q\" 's' caf\xC3\xA9 \xE2\x80\x94 \xE2\x80\x9Cx\xE2\x80\x9D\n" },
	{ "script and style never shown",
	  "<p>visible</p><script>document.write('secret')</script>"
	  "<style>p { color: red }</style><noscript>nojs</noscript>", 0, 0,
	  "visible\n" },
	{ "escape sequences removed",
	  "<p>a\x1b[31mred\x1b[0m b\x1b]52;c;ZXZpbA==\x07 c\xC2\x9b" "2Jd \xE2\x80\xAE" "e</p>",
	  0, 0, "ared b c2Jd e\n" },	/* a C1 control goes alone */
	{ "empty input", "", 40, 0, "" },
};

static void
test_exact_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof exact_cases / sizeof exact_cases[0]; i++) {
		const struct exact_case *c = &exact_cases[i];
		struct render r;
		char *got = render_str(c->html, c->width, c->flags, &r);

		if (strcmp(got, c->want) != 0) {
			print_error("%s:\n--- got\n%s--- want\n%s---\n", c->name, got, c->want);
			free(got);
			render_release(&r);
			fail();
		}
		free(got);
		render_release(&r);
	}
}

static void
test_styles(void **state)
{
	struct render r;
	char *s;

	(void)state;
	s = render_str("<h1>Head</h1><p>text</p><blockquote>q</blockquote>"
	    "<ul><li>item</li></ul><pre>code</pre>"
	    "<table><tr><td>a</td><td>b</td></tr></table>"
	    "<figure><figcaption>cap</figcaption></figure>"
	    "<p><a href=\"https://l.example/\">l</a></p>", 40,
	    RENDER_NUMBER_LINKS, &r);
	free(s);
	assert_true(r.nlines >= 17);
	assert_string_equal(r.lines[0].text, "Head");
	assert_int_equal(r.lines[0].style, RENDER_HEADING);
	assert_int_equal(r.lines[0].level, 1);
	assert_int_equal(r.lines[2].style, RENDER_TEXT);
	assert_string_equal(r.lines[4].text, "> q");
	assert_int_equal(r.lines[4].style, RENDER_QUOTE);
	assert_int_equal(r.lines[4].level, 1);
	assert_int_equal(r.lines[6].style, RENDER_LIST);
	assert_int_equal(r.lines[8].style, RENDER_PRE);
	assert_int_equal(r.lines[10].style, RENDER_TABLE);
	assert_int_equal(r.lines[12].style, RENDER_CAPTION);
	assert_string_equal(r.lines[r.nlines - 2].text, "Links:");
	assert_int_equal(r.lines[r.nlines - 1].style, RENDER_LINK_LIST);
	assert_int_equal(r.nlinks, 1);
	assert_string_equal(r.links[0], "https://l.example/");
	render_release(&r);
}

/* Every line fits the width, and no words are lost or invented. */
static void
check_wrapped(const char *html, const char *words, int width)
{
	struct render r;
	struct buf joined;
	char *s;
	size_t i;
	int sp = 0;

	s = render_str(html, width, 0, &r);
	buf_init(&joined, 0);
	for (i = 0; i < r.nlines; i++) {
		size_t w = text_width(r.lines[i].text, r.lines[i].len);

		if (w > (size_t)width)
			fail_msg("line %zu is %zu columns wide: %s", i, w, r.lines[i].text);
		assert_int_equal(text_collapse(&joined, r.lines[i].text,
		    r.lines[i].len, &sp), 0);
		sp = 1;
	}
	free(s);
	render_release(&r);
	/* joined without the spaces the wrapper removed */
	{
		struct buf a, b;
		const char *p;

		buf_init(&a, 0);
		buf_init(&b, 0);
		for (p = joined.data; *p != '\0'; p++)
			if (*p != ' ')
				assert_int_equal(buf_addc(&a, *p), 0);
		for (p = words; *p != '\0'; p++)
			if (*p != ' ')
				assert_int_equal(buf_addc(&b, *p), 0);
		assert_string_equal(a.data, b.data);
		buf_release(&a);
		buf_release(&b);
	}
	buf_release(&joined);
}

static void
test_wrap_wide_and_long(void **state)
{
	/* CJK (2 columns each), combining marks, emoji, and a long URL */
	static const char words[] =
	    "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6\xE4\xB8\xB2\xE5\xBE\x88"
	    "\xE9\x95\xBF\xE5\xBE\x88\xE9\x95\xBF\xE5\xBE\x88\xE9\x95\xBF "
	    "cafe\xCC\x81 na\xCC\x88ive \xF0\x9F\x98\x80\xF0\x9F\x98\x80 "
	    "https://example.com/a/really/long/path/that/cannot/fit/on/one/line?q=1 end";
	char html[1024];
	int width;

	(void)state;
	snprintf(html, sizeof html, "<p>%s</p>", words);
	for (width = 3; width <= 30; width++)
		check_wrapped(html, words, width);
}

static void
test_garbage_input(void **state)
{
	unsigned char junk[20000];
	unsigned int seed = 99;
	struct render r;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof junk; i++) {
		seed = seed * 1103515245u + 12345u;
		junk[i] = (unsigned char)(seed >> 16);
		if (i % 50 == 0)
			junk[i] = '<';
	}
	render_init(&r);
	assert_int_equal(render_html(&r, (const char *)junk, sizeof junk, 30,
	    RENDER_NUMBER_LINKS | RENDER_IMAGES, NULL), 0);
	for (i = 0; i < r.nlines; i++) {
		for (j = 0; j < r.lines[i].len; ) {
			uint32_t cp;

			j += text_decode(r.lines[i].text + j, r.lines[i].len - j, &cp);
			assert_false(text_is_removed(cp, 0));
		}
	}
	render_release(&r);
}

static void
test_deep_nesting(void **state)
{
	struct buf b;
	struct render r;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < 50000; i++)
		assert_int_equal(buf_addstr(&b, i % 3 ? "<ul><li>" : "<blockquote>"), 0);
	assert_int_equal(buf_addstr(&b, "deep"), 0);
	render_init(&r);
	assert_int_equal(render_html(&r, b.data, b.len, 80, 0, NULL), 0);
	for (i = 0; i < r.nlines; i++)
		assert_true(text_width(r.lines[i].text, r.lines[i].len) < 2000);
	render_release(&r);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_table),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_wrap_wide_and_long),
		cmocka_unit_test(test_garbage_input),
		cmocka_unit_test(test_deep_nesting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
