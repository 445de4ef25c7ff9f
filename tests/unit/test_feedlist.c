/* Unit tests for feed/feedlist: newsboat's urls format, kept line for line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed/feedlist.h"
#include "util/xalloc.h"

static const char newsboat_urls[] =
    "# my feeds\n"
    "https://example.org/feed.xml news \"world news\"\n"
    "\n"
    "http://lwn.net/headlines/rss tech \"~LWN headlines\" \"!\"\n"
    "\"query:Unread Articles:unread = \\\"yes\\\"\"\n"
    "exec:~/bin/make-feed.sh\n"
    "https://broken.example/ \"unterminated\n"
    "  # indented comment\n"
    "file:///tmp/local.atom\n"
    "gopher://old.example/feed\n";

static void
test_parses_feeds_tags_and_titles(void **state)
{
	struct feedlist *fl = feedlist_parse(newsboat_urls, sizeof newsboat_urls - 1, "urls");
	struct feedlist_line *l;

	(void)state;
	l = feedlist_find(fl, "https://example.org/feed.xml");
	assert_non_null(l);
	assert_int_equal(l->lineno, 2);
	assert_int_equal(l->ntags, 2);
	assert_string_equal(l->tags[0], "news");
	assert_string_equal(l->tags[1], "world news");
	assert_null(l->title);
	l = feedlist_find(fl, "http://lwn.net/headlines/rss");
	assert_non_null(l);
	assert_string_equal(l->title, "LWN headlines");
	assert_int_equal(l->hidden, 1);
	assert_int_equal(l->ntags, 1);
	assert_non_null(feedlist_find(fl, "file:///tmp/local.atom"));
	assert_null(feedlist_find(fl, "https://broken.example/"));
	feedlist_free(fl);
}

static void
test_unsupported_lines_reported_once_with_line_numbers(void **state)
{
	struct feedlist *fl = feedlist_parse(newsboat_urls, sizeof newsboat_urls - 1, "urls");

	(void)state;
	assert_int_equal(fl->nwarnings, 4);
	assert_non_null(strstr(fl->warnings[0], "urls:5: query feeds"));
	assert_non_null(strstr(fl->warnings[1], "urls:6: exec:"));
	assert_non_null(strstr(fl->warnings[2], "urls:7: unterminated quote"));
	assert_non_null(strstr(fl->warnings[3], "urls:10: not an http"));
	assert_int_equal(fl->lines[4].kind, FEEDLIST_UNSUPPORTED);
	assert_int_equal(fl->lines[7].kind, FEEDLIST_COMMENT);
	feedlist_free(fl);
}

static void
test_format_round_trips_byte_for_byte(void **state)
{
	struct feedlist *fl = feedlist_parse(newsboat_urls, sizeof newsboat_urls - 1, "urls");
	char *out = feedlist_format(fl);

	(void)state;
	assert_string_equal(out, newsboat_urls);
	free(out);
	feedlist_free(fl);
}

static void
test_add_and_remove_keep_everything_else(void **state)
{
	struct feedlist *fl = feedlist_parse(newsboat_urls, sizeof newsboat_urls - 1, "urls");
	char t0[] = "a tag", t1[] = "plain", t2[] = "quo\"te";
	char *tags[] = { t0, t1, t2 };
	char *out, *expect;

	(void)state;
	assert_int_equal(feedlist_add(fl, "https://new.example/rss", tags, 3, "My \"Title\""), 1);
	assert_int_equal(feedlist_add(fl, "https://example.org/feed.xml", NULL, 0, NULL), 0);
	assert_int_equal(feedlist_remove(fl, "http://lwn.net/headlines/rss"), 1);
	assert_int_equal(feedlist_remove(fl, "http://lwn.net/headlines/rss"), 0);
	out = feedlist_format(fl);
	expect = xasprintf("%s",
	    "# my feeds\n"
	    "https://example.org/feed.xml news \"world news\"\n"
	    "\n"
	    "\"query:Unread Articles:unread = \\\"yes\\\"\"\n"
	    "exec:~/bin/make-feed.sh\n"
	    "https://broken.example/ \"unterminated\n"
	    "  # indented comment\n"
	    "file:///tmp/local.atom\n"
	    "gopher://old.example/feed\n"
	    "https://new.example/rss \"a tag\" plain \"quo\\\"te\" \"~My \\\"Title\\\"\"\n");
	assert_string_equal(out, expect);
	free(out);
	free(expect);
	feedlist_free(fl);
}

static void
test_added_line_reads_back_the_same(void **state)
{
	struct feedlist *fl = feedlist_parse("", 0, "urls"), *back;
	char t0[] = "with space", t1[] = "back\\slash";
	char *tags[] = { t0, t1 };
	struct feedlist_line *l;
	char *out;

	(void)state;
	feedlist_add(fl, "https://x.example/", tags, 2, "T~itle");
	out = feedlist_format(fl);
	back = feedlist_parse(out, strlen(out), "urls");
	l = feedlist_find(back, "https://x.example/");
	assert_non_null(l);
	assert_int_equal(l->ntags, 2);
	assert_string_equal(l->tags[0], "with space");
	assert_string_equal(l->tags[1], "back\\slash");
	assert_string_equal(l->title, "T~itle");
	assert_int_equal(back->nwarnings, 0);
	free(out);
	feedlist_free(fl);
	feedlist_free(back);
}

static void
test_save_and_load_file(void **state)
{
	char dir[] = "/tmp/tidings-feedlist-XXXXXX", *path;
	struct feedlist *fl, *back;
	struct err e;
	struct stat sb;
	int missing = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/feeds", dir);
	fl = feedlist_load(path, &missing, &e);
	assert_non_null(fl);
	assert_int_equal(missing, 1);
	assert_int_equal(fl->nlines, 0);
	feedlist_add(fl, "https://a.example/feed", NULL, 0, NULL);
	assert_int_equal(feedlist_save(fl, path, &e), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	back = feedlist_load(path, &missing, &e);
	assert_non_null(back);
	assert_int_equal(missing, 0);
	assert_non_null(feedlist_find(back, "https://a.example/feed"));
	feedlist_free(fl);
	feedlist_free(back);
	unlink(path);
	free(path);
	/* an unreadable path is an error naming it */
	assert_null(feedlist_load(dir, &missing, &e));
	assert_non_null(strstr(e.msg, dir));
	rmdir(dir);
}

static void
test_garbage_never_crashes(void **state)
{
	char junk[4096];
	struct feedlist *fl;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (char)((i * 2654435761u) >> 13);
	fl = feedlist_parse(junk, sizeof junk, "junk");
	assert_non_null(fl);
	feedlist_free(fl);
	fl = feedlist_parse("https://a/ \"x\0y\"\n", 17, "nul");
	assert_int_equal(fl->nwarnings, 2);
	feedlist_free(fl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parses_feeds_tags_and_titles),
		cmocka_unit_test(test_unsupported_lines_reported_once_with_line_numbers),
		cmocka_unit_test(test_format_round_trips_byte_for_byte),
		cmocka_unit_test(test_add_and_remove_keep_everything_else),
		cmocka_unit_test(test_added_line_reads_back_the_same),
		cmocka_unit_test(test_save_and_load_file),
		cmocka_unit_test(test_garbage_never_crashes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
