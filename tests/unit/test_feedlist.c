/* Unit tests for feed/feedlist: newsboat's urls format, kept line for line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "feed/feedlist.h"
#include "util/buf.h"
#include "util/err.h"
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
	/* a quote left open runs to the end of the line, as in newsboat */
	l = feedlist_find(fl, "https://broken.example/");
	assert_non_null(l);
	assert_int_equal(l->ntags, 1);
	assert_string_equal(l->tags[0], "unterminated");
	feedlist_free(fl);
}

static void
test_unsupported_lines_reported_once_with_line_numbers(void **state)
{
	struct feedlist *fl = feedlist_parse(newsboat_urls, sizeof newsboat_urls - 1, "urls");

	(void)state;
	/* a query line is the reader's (no warning) */
	assert_int_equal(fl->nwarnings, 1);
	assert_non_null(strstr(fl->warnings[0], "urls:10: not an http"));
	assert_int_equal(fl->lines[4].kind, FEEDLIST_QUERY);
	assert_int_equal(fl->lines[5].kind, FEEDLIST_FEED);	/* exec: */
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
	assert_int_equal(feedlist_add(fl, "https://new.example/rss", tags, 3, "My \"Title\"", NULL), 1);
	assert_int_equal(feedlist_add(fl, "https://example.org/feed.xml", NULL, 0, NULL, NULL), 0);
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
	feedlist_add(fl, "https://x.example/", tags, 2, "T~itle", NULL);
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
	feedlist_add(fl, "https://a.example/feed", NULL, 0, NULL, NULL);
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
	assert_int_equal(fl->nwarnings, 1);
	assert_string_equal(feedlist_find(fl, "https://a/")->tags[0], "x");
	feedlist_free(fl);
}

/*
 * issue 11 item 9: what the file cannot hold is refused, never written: a
 * line break would start a new feed line, a tag "~X" would read back as the
 * title and "!" as the hidden flag.
 */
static void
test_add_refuses_what_the_file_cannot_hold(void **state)
{
	static const struct {
		const char *url, *title, *tag;
	} cases[] = {
		{ "https://a.example/rss\nfile:///etc/passwd", NULL, NULL },
		{ "https://a.example/r ss", NULL, NULL },
		{ "https://a.example/\x1b]0;x\x07", NULL, NULL },
		{ "https://a.example/rss", "Title\nfile:///etc/passwd", NULL },
		{ "https://a.example/rss", "Title\r", NULL },
		{ "https://a.example/rss", NULL, "~Title" },
		{ "https://a.example/rss", NULL, "!" },
		{ "https://a.example/rss", NULL, "two\nlines" },
		{ "https://a.example/rss", NULL, "tab\there" },
		{ "https://a.example/rss", NULL, "" },
	};
	struct feedlist *fl = feedlist_parse("# mine\n", 7, "urls");
	struct err e;
	size_t i;
	char *out;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *tags[1];

		tags[0] = (char *)cases[i].tag;
		e.msg[0] = '\0';
		assert_int_equal(feedlist_add(fl, cases[i].url, tags, cases[i].tag ? 1 : 0,
		    cases[i].title, &e), -1);
		assert_non_null(strstr(e.msg, "cannot be written to the feeds file"));
	}
	out = feedlist_format(fl);
	assert_string_equal(out, "# mine\n");
	free(out);
	feedlist_free(fl);
}

/* Every title and tag that is accepted reads back as what was added. */
static void
test_added_titles_and_tags_read_back_exactly(void **state)
{
	static const char *const texts[] = {
		"~tilde inside", "!bang", "a!", "\"quoted\"", "back\\", "#hash", "x~",
		"\xc2\x9b" "2J", "  spaces  ", "\xe2\x80\xae" "rtl",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct feedlist *fl = feedlist_parse("", 0, "urls"), *back;
		char *tags[1], *out;
		struct feedlist_line *l;
		int as_tag = feedlist_tag_ok(texts[i]);

		tags[0] = (char *)texts[i];
		assert_int_equal(feedlist_add(fl, "https://x.example/", tags, as_tag ? 1 : 0,
		    texts[i], NULL), 1);
		out = feedlist_format(fl);
		back = feedlist_parse(out, strlen(out), "urls");
		assert_int_equal(back->nlines, 1);
		l = feedlist_find(back, "https://x.example/");
		assert_non_null(l);
		assert_string_equal(l->title, texts[i]);
		assert_int_equal(l->hidden, 0);
		assert_int_equal(l->ntags, as_tag ? 1 : 0);
		if (as_tag)
			assert_string_equal(l->tags[0], texts[i]);
		free(out);
		feedlist_free(fl);
		feedlist_free(back);
	}
}

/* issue 11 item 10: a FIFO is refused at once, not waited on */
static void
test_load_refuses_what_is_not_a_file(void **state)
{
	char dir[] = "/tmp/tidings-feedlist-XXXXXX", *fifo;
	struct err e;
	int missing;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fifo = xasprintf("%s/feeds", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10);	/* the old open() waited for a writer forever */
	assert_null(feedlist_load(fifo, &missing, &e));
	alarm(0);
	assert_non_null(strstr(e.msg, "not a regular file"));
	assert_non_null(strstr(e.msg, fifo));
	unlink(fifo);
	rmdir(dir);
	free(fifo);
}

/*
 * issue 11 item 12: a feeds file that is a symbolic link (stow, chezmoi)
 * stays one; the file it names is replaced, keeping its mode; nothing else
 * is left beside it.
 */
static void
test_save_writes_through_a_symlink(void **state)
{
	char dir[] = "/tmp/tidings-feedlist-XXXXXX", *real, *link, *link2, *cmd;
	struct feedlist *fl;
	struct stat sb;
	struct err e;
	FILE *fp;
	int missing;

	(void)state;
	assert_non_null(mkdtemp(dir));
	real = xasprintf("%s/real", dir);
	link = xasprintf("%s/link", dir);
	link2 = xasprintf("%s/link2", dir);
	fp = fopen(real, "w");
	assert_non_null(fp);
	fputs("https://one.example/\n", fp);
	fclose(fp);
	assert_int_equal(chmod(real, 0640), 0);
	assert_int_equal(symlink("real", link), 0);	/* relative */
	assert_int_equal(symlink(link, link2), 0);	/* absolute, to a link */
	fl = feedlist_load(link2, &missing, &e);
	assert_non_null(fl);
	assert_int_equal(feedlist_add(fl, "https://two.example/", NULL, 0, NULL, &e), 1);
	assert_int_equal(feedlist_save(fl, link2, &e), 0);
	feedlist_free(fl);
	assert_int_equal(lstat(link2, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(stat(real, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	fl = feedlist_load(real, &missing, &e);
	assert_non_null(feedlist_find(fl, "https://two.example/"));
	feedlist_free(fl);
	/* only the three names: no temporary file left */
	cmd = xasprintf("test $(ls -A '%s' | wc -l) -eq 3", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(real);
	free(link);
	free(link2);
}

/* issue 11 item 11: the lock excludes another process until unlocked */
static void
test_lock_excludes_another_process(void **state)
{
	char dir[] = "/tmp/tidings-feedlist-XXXXXX", *path, *lockname, *cmd;
	struct err e;
	pid_t pid;
	int fd, status;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/feeds", dir);
	lockname = xasprintf("%s.lock", path);
	fd = feedlist_lock(path, &e);
	assert_true(fd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		int lfd = open(lockname, O_RDWR);

		/* held by the parent: a non-waiting attempt fails */
		_exit(lfd >= 0 && fcntl(lfd, F_SETLK, &lk) < 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	feedlist_unlock(fd);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct err ce;
		int cfd = feedlist_lock(path, &ce);

		_exit(cfd >= 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
	free(lockname);
}

/*
 * Issue 11 item 23: importing 20,000 outlines into a file that already
 * lists 20,000 feeds is linear.  Every add looks its URL up first; the
 * lookups once scanned the whole list (2 * 10^8 comparisons here).  The
 * list counts the URL comparisons its lookups make, so this needs no clock.
 * Removing a feed in between, and duplicates, still find the right lines.
 */
static void
test_twenty_thousand_adds_are_linear(void **state)
{
	struct buf text;
	struct feedlist *fl;
	char url[64];
	size_t probes;
	int i;

	(void)state;
	buf_init(&text, BUF_NOLIMIT);
	for (i = 0; i < 20000; i++)
		assert_int_equal(buf_printf(&text, "https://a.example/feed/%d tag\n", i), 0);
	fl = feedlist_parse(text.data, text.len, "feeds");
	buf_release(&text);
	assert_int_equal(fl->nlines, 20000);
	for (i = 0; i < 20000; i++) {
		snprintf(url, sizeof url, "https://b.example/feed/%d", i);
		assert_int_equal(feedlist_add(fl, url, NULL, 0, NULL, NULL), 1);
	}
	/* every one again: already there */
	for (i = 0; i < 40000; i++) {
		snprintf(url, sizeof url, "https://%c.example/feed/%d", i % 2 ? 'a' : 'b', i / 2);
		assert_int_equal(feedlist_add(fl, url, NULL, 0, NULL, NULL), 0);
	}
	probes = fl->probes;
	print_message("%zu URL comparisons for 60,000 adds to 20,000 feeds\n", probes);
	assert_true(probes < 10 * 60000);
	assert_int_equal(fl->nlines, 40000);
	/* a removal moves lines: lookups still find each one where it is */
	assert_int_equal(feedlist_remove(fl, "https://a.example/feed/7"), 1);
	assert_null(feedlist_find(fl, "https://a.example/feed/7"));
	assert_non_null(feedlist_find(fl, "https://a.example/feed/8"));
	assert_string_equal(feedlist_find(fl, "https://b.example/feed/19999")->url,
	    "https://b.example/feed/19999");
	assert_int_equal(feedlist_add(fl, "https://a.example/feed/7", NULL, 0, NULL, NULL), 1);
	assert_string_equal(fl->lines[fl->nlines - 1].url, "https://a.example/feed/7");
	feedlist_free(fl);
}

/*
 * issue 13 item 7: lines from real urls files, read as newsboat 2.21 reads
 * them (utils.rs tokenize_quoted): an inline comment ends the line (655
 * feeds in 5 files got "#", "Channel", "name" as tags), a stray quote
 * after a title keeps the feed, a backslash in quotes takes the next
 * character, a '#' inside a word or in quotes is no comment.
 */
static const char real_urls[] =
    "https://www.youtube.com/feeds/videos.xml?channel_id=UC1 yt \"~Chan\" # Channel name\n"
    "https://collabfund.com/feed \"~Morgan Housel\"\"\n"
    "https://x.example/a#frag c#sharp \"#quoted\" \"a\\qb\\\\c\"\n"
    "https://y.example/feed\t# only a comment after a tab\n"
    "https://z.example/feed \"~\" ~ \"~Z\"\n";

static void
test_urls_read_as_newsboat_reads_them(void **state)
{
	struct feedlist *fl = feedlist_parse(real_urls, sizeof real_urls - 1, "urls");
	struct feedlist_line *l;
	char *out;

	(void)state;
	assert_int_equal(fl->nwarnings, 0);
	l = feedlist_find(fl, "https://www.youtube.com/feeds/videos.xml?channel_id=UC1");
	assert_non_null(l);
	assert_int_equal(l->ntags, 1);
	assert_string_equal(l->tags[0], "yt");
	assert_string_equal(l->title, "Chan");
	l = feedlist_find(fl, "https://collabfund.com/feed");
	assert_non_null(l);
	assert_string_equal(l->title, "Morgan Housel");
	assert_int_equal(l->ntags, 0);
	l = feedlist_find(fl, "https://x.example/a#frag");
	assert_non_null(l);
	assert_int_equal(l->ntags, 3);
	assert_string_equal(l->tags[0], "c#sharp");
	assert_string_equal(l->tags[1], "#quoted");
	assert_string_equal(l->tags[2], "aqb\\c");
	l = feedlist_find(fl, "https://y.example/feed");
	assert_non_null(l);
	assert_int_equal(l->ntags, 0);
	/* a bare "~" is no title (the feed's own would be lost to "") */
	l = feedlist_find(fl, "https://z.example/feed");
	assert_non_null(l);
	assert_string_equal(l->title, "Z");
	assert_int_equal(l->ntags, 0);
	/* and the file is written back as it was */
	out = feedlist_format(fl);
	assert_string_equal(out, real_urls);
	free(out);
	feedlist_free(fl);
}

/*
 * A URL on two lines: one feed, the tags of both (the first line's first,
 * each once), its title and "!" from either, one warning naming both lines;
 * removing the feed removes both lines.
 */
static const char dup_urls[] =
    "https://a.example/feed news tech\n"
    "# between\n"
    "https://b.example/feed\n"
    "https://a.example/feed tech linux \"~A Title\" !\n";

static void
test_duplicate_lines_merge_tags_with_one_warning(void **state)
{
	struct feedlist *fl = feedlist_parse(dup_urls, sizeof dup_urls - 1, "urls");
	struct feedlist_line *l;
	size_t i, feeds = 0;
	char *out;

	(void)state;
	for (i = 0; i < fl->nlines; i++)
		feeds += fl->lines[i].kind == FEEDLIST_FEED;
	assert_int_equal(feeds, 2);
	l = feedlist_find(fl, "https://a.example/feed");
	assert_non_null(l);
	assert_int_equal(l->lineno, 1);
	assert_int_equal(l->ntags, 3);
	assert_string_equal(l->tags[0], "news");
	assert_string_equal(l->tags[1], "tech");
	assert_string_equal(l->tags[2], "linux");
	assert_string_equal(l->title, "A Title");
	assert_int_equal(l->hidden, 1);
	assert_int_equal(fl->lines[3].kind, FEEDLIST_DUPLICATE);
	assert_int_equal(fl->nwarnings, 1);
	assert_non_null(strstr(fl->warnings[0], "urls:4: "));
	assert_non_null(strstr(fl->warnings[0], "line 1"));
	assert_non_null(strstr(fl->warnings[0], "https://a.example/feed"));
	out = feedlist_format(fl);
	assert_string_equal(out, dup_urls);
	free(out);
	assert_int_equal(feedlist_remove(fl, "https://a.example/feed"), 1);
	out = feedlist_format(fl);
	assert_string_equal(out, "# between\nhttps://b.example/feed\n");
	free(out);
	feedlist_free(fl);
}

/*
 * Lines without a URL: headings as newsboat shows them (no warning), query
 * feeds kept with their name and expression for the filter code; a word
 * that looks like a URL without its scheme is still reported.
 */
static const char heading_urls[] =
    "\"---Tech---\"\n"
    "https://lwn.net/headlines/rss\n"
    "\"== News & Politics ==\" news\n"
    "\"query:Unread:unread = \\\"yes\\\"\" q\n"
    "fractalsoftworks.com/feed/\n";

static void
test_headings_and_queries_kept_as_entries(void **state)
{
	struct feedlist *fl = feedlist_parse(heading_urls, sizeof heading_urls - 1, "urls");

	(void)state;
	assert_int_equal(fl->lines[0].kind, FEEDLIST_HEADING);
	assert_string_equal(fl->lines[0].title, "---Tech---");
	assert_int_equal(fl->lines[2].kind, FEEDLIST_HEADING);
	assert_string_equal(fl->lines[2].title, "== News & Politics ==");
	assert_int_equal(fl->lines[2].ntags, 1);
	assert_int_equal(fl->lines[3].kind, FEEDLIST_QUERY);
	assert_string_equal(fl->lines[3].title, "Unread");
	assert_string_equal(fl->lines[3].query, "unread = \"yes\"");
	assert_int_equal(fl->lines[4].kind, FEEDLIST_UNSUPPORTED);
	assert_int_equal(fl->nwarnings, 1);
	assert_non_null(strstr(fl->warnings[0], "urls:5: not an http"));
	assert_null(feedlist_find(fl, "---Tech---"));
	feedlist_free(fl);
}

/*
 * issue 13 item 7: exec: and filter: lines are feeds whose identity is the
 * whole first word (as in newsboat), with the command and, for filter:,
 * the URL fetched; newsboat's split: the command ends at the first ':'.
 * A filter: without a URL, or with one tidings does not fetch, and an
 * empty command are reported; add refuses to write any of them.
 */
static const char exec_urls[] =
    "\"exec:~/bin/gen-feed.sh --all\" generated \"~Generated\"\n"
    "filter:~/bin/strip.sh:https://example.com/feed news\n"
    "filter:~/bin/no-url.sh\n"
    "filter:x.sh:gopher://old.example/\n"
    "exec:\n";

static void
test_exec_and_filter_lines(void **state)
{
	struct feedlist *fl = feedlist_parse(exec_urls, sizeof exec_urls - 1, "urls");
	struct feedlist_line *l;
	char tag_text[] = "t";
	char *tag = tag_text;

	(void)state;
	l = feedlist_find(fl, "exec:~/bin/gen-feed.sh --all");
	assert_non_null(l);
	assert_string_equal(l->command, "~/bin/gen-feed.sh --all");
	assert_null(l->source);
	assert_string_equal(l->title, "Generated");
	assert_string_equal(l->tags[0], "generated");
	l = feedlist_find(fl, "filter:~/bin/strip.sh:https://example.com/feed");
	assert_non_null(l);
	assert_string_equal(l->command, "~/bin/strip.sh");
	assert_string_equal(l->source, "https://example.com/feed");
	assert_int_equal(fl->lines[2].kind, FEEDLIST_UNSUPPORTED);
	assert_int_equal(fl->lines[3].kind, FEEDLIST_UNSUPPORTED);
	assert_int_equal(fl->lines[4].kind, FEEDLIST_UNSUPPORTED);
	assert_int_equal(fl->nwarnings, 3);
	assert_non_null(strstr(fl->warnings[0], "urls:3: filter: needs a command and a URL"));
	assert_non_null(strstr(fl->warnings[1], "urls:4: filter: needs an http"));
	assert_non_null(strstr(fl->warnings[2], "urls:5: no command"));
	assert_int_equal(feedlist_add(fl, "exec:touch /tmp/x", &tag, 1, NULL, NULL), -1);
	assert_int_equal(feedlist_add(fl, "filter:sh:https://a.example/", NULL, 0, NULL, NULL), -1);
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
		cmocka_unit_test(test_add_refuses_what_the_file_cannot_hold),
		cmocka_unit_test(test_added_titles_and_tags_read_back_exactly),
		cmocka_unit_test(test_load_refuses_what_is_not_a_file),
		cmocka_unit_test(test_save_writes_through_a_symlink),
		cmocka_unit_test(test_lock_excludes_another_process),
		cmocka_unit_test(test_twenty_thousand_adds_are_linear),
		cmocka_unit_test(test_urls_read_as_newsboat_reads_them),
		cmocka_unit_test(test_duplicate_lines_merge_tags_with_one_warning),
		cmocka_unit_test(test_headings_and_queries_kept_as_entries),
		cmocka_unit_test(test_exec_and_filter_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
