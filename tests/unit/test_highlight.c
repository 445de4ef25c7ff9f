/* Unit tests for app/highlight: newsboat's highlight lines compiled from
 * a config and matched against lines, bad lines reported with FILE:LINE,
 * hostile lines bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/highlight.h"
#include "app/settings.h"

struct fixture {
	struct settings cfg;
	struct highlight h;
	char **msgs;
	size_t nmsgs;
};

static void
load(struct fixture *f, const char *config)
{
	memset(f, 0, sizeof *f);
	settings_init(&f->cfg);
	settings_load_string(&f->cfg, config, strlen(config));
	highlight_init(&f->h);
	highlight_load(&f->h, &f->cfg, &f->msgs, &f->nmsgs);
}

static void
unload(struct fixture *f)
{
	size_t i;

	for (i = 0; i < f->nmsgs; i++)
		free(f->msgs[i]);
	free(f->msgs);
	highlight_release(&f->h);
	settings_release(&f->cfg);
}

/* The spans of line as "start-end:rule " text, for one comparison. */
static void
spans(const struct highlight *h, enum highlight_context ctx, const char *line, char *out,
    size_t size)
{
	struct highlight_span sp[16];
	size_t n = highlight_line(h, ctx, line, strlen(line), sp, 16), i, used = 0;

	out[0] = '\0';
	for (i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%zu-%zu:%zu ", sp[i].start,
		    sp[i].end, sp[i].rule);
}

static void
test_contexts_and_matches(void **state)
{
	static const struct {
		enum highlight_context ctx;
		const char *line;
		const char *want;
	} cases[] = {
		/* case-insensitive, every match of the line */
		{ HIGHLIGHT_ARTICLE, "Linux and LINUX", "0-5:0 10-15:0 " },
		{ HIGHLIGHT_FEEDLIST, "Linux and LINUX", "" },
		/* all: every context */
		{ HIGHLIGHT_FEEDLIST, "a newsboat feed", "2-10:1 " },
		{ HIGHLIGHT_ARTICLELIST, "newsboat", "0-8:1 " },
		/* ^ matches at the start of the line only */
		{ HIGHLIGHT_ARTICLE, "Title: Title", "0-6:2 " },
		/* a later rule paints over an earlier one */
		{ HIGHLIGHT_ARTICLE, "linux kernel", "0-5:0 6-12:3 " },
		{ HIGHLIGHT_ARTICLE, "nothing here", "" },
		/* extended syntax: alternation and classes */
		{ HIGHLIGHT_ARTICLELIST, "[2024] rust or go", "0-6:4 " },
	};
	struct fixture f;
	char got[256];
	size_t i;

	(void)state;
	load(&f, "highlight article linux red\n"
	    "highlight all \"newsboat\" blue default bold\n"
	    "highlight article \"^title:\" yellow\n"
	    "highlight article \"(kernel|rust)\" green\n"
	    "highlight articlelist \"\\\\[[0-9]+\\\\]\" magenta\n");
	assert_int_equal(f.nmsgs, 0);
	assert_int_equal(f.h.n, 5);
	assert_int_equal(f.h.rules[1].color.attrs, SETTINGS_ATTR_BOLD);
	assert_int_equal(f.h.rules[0].color.fg, 1);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		spans(&f.h, cases[i].ctx, cases[i].line, got, sizeof got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("\"%s\" in context %d: got \"%s\", want \"%s\"", cases[i].line,
			    (int)cases[i].ctx, got, cases[i].want);
	}
	unload(&f);
}

/* A bad line is reported with its file and line; the others still work. */
static void
test_bad_lines(void **state)
{
	static const char *const want[] = {
		"config:1: highlight: unknown context \"everywhere\"",
		"config:2: highlight: bad regex \"(unclosed\"",
		"config:3: highlight: unknown color \"reddish\"",
		"config:4: highlight: back-references",
		"config:6: search-highlight-colors: unknown color \"nope\"",
	};
	struct fixture f;
	size_t i;

	(void)state;
	load(&f, "highlight everywhere foo red\n"
	    "highlight article \"(unclosed\" red\n"
	    "highlight article ok reddish\n"
	    "highlight article \"(a*)*\\\\1\" red\n"
	    "highlight article fine red\n"
	    "search-highlight-colors nope black\n"
	    "search-highlight-colors white black bold\n");
	assert_int_equal(f.nmsgs, sizeof want / sizeof want[0]);
	for (i = 0; i < f.nmsgs; i++)
		if (strncmp(f.msgs[i], want[i], strlen(want[i])) != 0)
			fail_msg("message %zu: \"%s\", want \"%s...\"", i, f.msgs[i], want[i]);
	assert_int_equal(f.h.n, 1);
	assert_int_equal(f.h.has_search, 1);
	assert_int_equal(f.h.search.fg, 7);
	assert_int_equal(f.h.search.bg, 0);
	assert_int_equal(f.h.search.attrs, SETTINGS_ATTR_BOLD);
	unload(&f);
}

/*
 * highlight-feed (issue 14): the first rule whose filter expression a
 * feed-list row matches (tags, counts, title, URL, place), -1 for none;
 * an item's attribute is "" for a feed; bad lines reported with theirs.
 */
static void
test_highlight_feed(void **state)
{
	static const char *const want[] = {
		"config:5: highlight-feed: filter: line 1, column",
		"config:6: highlight-feed: unknown color \"reddish\"",
	};
	struct views_feed linux = { .id = 1, .title = (char *)"Alpha Linux",
	    .url = (char *)"https://a.example/rss", .tags = (char *)"linux, news", .unread = 1,
	    .total = 3 };
	struct views_feed busy = { .id = 2, .title = (char *)"Beta", .url = (char *)"http://b/",
	    .unread = 40, .total = 50 };
	struct views_feed plain = { .id = 3, .title = (char *)"Gamma", .url = (char *)"http://c/" };
	struct views_feed heading = { .id = 4, .title = (char *)"Alpha heading", .heading = 1 };
	struct fixture f;
	size_t i;

	(void)state;
	load(&f, "highlight-feed \"tags # \\\"news\\\" and feedtitle =~ \\\"alpha\\\"\" red default\n"
	    "highlight-feed \"unread_count > 20 or rssurl =~ \\\"^https:\\\"\" green default bold\n"
	    "highlight-feed \"feedindex = 3\" blue default\n"
	    "highlight-feed \"title = \\\"\\\" and feedtitle = \\\"Beta\\\"\" yellow default\n"
	    "highlight-feed \"tags # \" red default\n"
	    "highlight-feed \"unread = \\\"yes\\\"\" reddish default\n");
	assert_int_equal(f.nmsgs, sizeof want / sizeof want[0]);
	for (i = 0; i < f.nmsgs; i++)
		if (strncmp(f.msgs[i], want[i], strlen(want[i])) != 0)
			fail_msg("message %zu: \"%s\", want \"%s...\"", i, f.msgs[i], want[i]);
	assert_int_equal(f.h.nfeeds, 4);
	assert_int_equal(f.h.feeds[0].color.fg, 1);
	assert_int_equal(f.h.feeds[1].color.attrs, SETTINGS_ATTR_BOLD);
	assert_int_equal(highlight_feed_rule(&f.h, &linux, 1), 0);
	assert_int_equal(highlight_feed_rule(&f.h, &busy, 2), 1);
	assert_int_equal(highlight_feed_rule(&f.h, &plain, 3), 2);
	assert_int_equal(highlight_feed_rule(&f.h, &plain, 4), -1);
	busy.unread = 2;
	assert_int_equal(highlight_feed_rule(&f.h, &busy, 2), 3);
	assert_int_equal(highlight_feed_rule(&f.h, &heading, 3), -1);
	unload(&f);
}

/*
 * A hostile line: a megabyte of text under a regex with nested
 * repetition is matched only in its first HIGHLIGHT_MAX_LINE bytes, so
 * it takes milliseconds, not the reader.
 */
static void
test_bounded(void **state)
{
	struct fixture f;
	struct highlight_span sp[64];
	size_t len = 1024 * 1024, n;
	char *line = malloc(len + 1);
	clock_t t0;

	(void)state;
	load(&f, "highlight all \"(a|aa)*(b|a*c)\" red\n"
	    "highlight all \"(a|aa)+$\" red\n");
	assert_int_equal(f.nmsgs, 0);
	memset(line, 'a', len);
	line[len] = '\0';
	t0 = clock();
	n = highlight_line(&f.h, HIGHLIGHT_ARTICLE, line, len, sp, 64);
	assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
	/* the second rule matched the bounded line to its end */
	assert_int_equal(n, 1);
	assert_int_equal(sp[0].start, 0);
	assert_int_equal(sp[0].end, HIGHLIGHT_MAX_LINE);
	assert_int_equal(sp[0].rule, 1);
	free(line);
	unload(&f);
}

/* At most max spans, and nothing for a line with no rules at all. */
static void
test_limits(void **state)
{
	struct fixture f;
	struct highlight_span sp[2];

	(void)state;
	load(&f, "highlight article x red\n");
	assert_int_equal(highlight_line(&f.h, HIGHLIGHT_ARTICLE, "x x x x", 7, sp, 2), 2);
	assert_int_equal(sp[1].start, 2);
	unload(&f);
	load(&f, "");
	assert_int_equal(highlight_line(&f.h, HIGHLIGHT_ARTICLE, "x", 1, sp, 2), 0);
	unload(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contexts_and_matches),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_highlight_feed),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
