/*
 * Unit tests for the podcast queue (issue 17): podboat's queue file read
 * and written (app/podcast_queue), download file names from
 * download-filename-format with hostile values (app/podcast), enqueue and
 * podcast-auto-enqueue against a real cache.
 */
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

#include "app/podcast.h"
#include "app/podcast_queue.h"
#include "app/settings.h"
#include "app/spawn.h"
#include "app/view_podcast.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "util/xalloc.h"
#include "tmp_cache.h"

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	struct db *db;
	char *queue;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	*state = f;
	if (tmp_cache_open(f->dir, sizeof f->dir, "podcast", &f->path, &f->db) < 0)
		return -1;
	f->queue = podcast_queue_file(f->path);
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	free(f->queue);
	tmp_cache_remove(f->dir, f->path, f->db);
	free(f);
	return 0;
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static char *
read_text(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *p = xcalloc(1, 1 << 16);

	assert_non_null(fp);
	(void)fread(p, 1, (1 << 16) - 1, fp);
	fclose(fp);
	return p;
}

static void
test_queue_file_round_trip(void **state)
{
	struct fixture *f = *state;
	struct podcast_queue q = { 0 };
	struct err e;
	char *text, *want, *have = xasprintf("%s/have.mp3", f->dir);
	char *part = xasprintf("%s/half.mp3.part", f->dir);

	write_text(have, "x");
	write_text(part, "x");
	text = xasprintf(
	    "# a comment podboat drops too\n"
	    "http://a/1.mp3 \"/nowhere/1.mp3\"\n"
	    "http://a/2.mp3 \"/nowhere/2 \\\"two\\\".mp3\" downloaded\n"
	    "http://a/3.mp3 \"%s\"\n"
	    "http://a/4.mp3 \"%s/half.mp3\"\n"
	    "http://a/5.mp3 \"/nowhere/5.mp3\" finished\n"
	    "\n"
	    "http://a/6.mp3\n"			/* no path: left out */
	    "http://a/1.mp3 \"/nowhere/dup.mp3\"\n"	/* the URL again: left out */
	    "   http://a/7.mp3   \"/nowhere/7.mp3\"   played  \n",
	    have, f->dir);
	write_text(f->queue, text);
	assert_int_equal(podcast_queue_load(&q, f->queue, &e), 0);
	assert_int_equal(q.n, 6);
	assert_string_equal(q.entries[0].url, "http://a/1.mp3");
	assert_int_equal(q.entries[0].state, PODCAST_QUEUED);
	/* a downloaded entry whose file is gone is missing, as podboat says */
	assert_string_equal(q.entries[1].path, "/nowhere/2 \"two\".mp3");
	assert_int_equal(q.entries[1].state, PODCAST_MISSING);
	/* a queued entry whose file is there is downloaded */
	assert_int_equal(q.entries[2].state, PODCAST_DOWNLOADED);
	/* a partial download is resumable (podboat's "failed") */
	assert_int_equal(q.entries[3].state, PODCAST_FAILED);
	assert_int_equal(q.entries[4].state, PODCAST_MISSING);
	assert_string_equal(q.entries[5].url, "http://a/7.mp3");
	assert_int_equal(q.entries[5].state, PODCAST_MISSING);

	q.entries[2].state = PODCAST_PLAYED;
	q.entries[0].state = PODCAST_FINISHED;
	assert_int_equal(podcast_queue_save(&q, f->queue, &e), 0);
	free(text);
	text = read_text(f->queue);
	want = xasprintf(
	    "http://a/1.mp3 \"/nowhere/1.mp3\" finished\n"
	    "http://a/2.mp3 \"/nowhere/2 \\\"two\\\".mp3\" missing\n"
	    "http://a/3.mp3 \"%s\" played\n"
	    "http://a/4.mp3 \"%s/half.mp3\"\n"
	    "http://a/5.mp3 \"/nowhere/5.mp3\" missing\n"
	    "http://a/7.mp3 \"/nowhere/7.mp3\" missing\n", have, f->dir);
	assert_string_equal(text, want);
	free(want);

	/* purge drops finished and deleted entries */
	q.entries[4].state = PODCAST_DELETED;
	podcast_queue_purge(&q);
	assert_int_equal(q.n, 4);
	assert_string_equal(q.entries[0].url, "http://a/2.mp3");
	assert_string_equal(q.entries[3].url, "http://a/7.mp3");
	podcast_queue_release(&q);
	free(text);
	free(have);
	free(part);
}

static void
test_queue_refuses_what_cannot_be_a_line(void **state)
{
	static const char *const bad[] = {
		"file:///etc/passwd", "ftp://a/x.mp3", "http://a/x y.mp3",
		"http://a/x\".mp3", "http://a/x\n.mp3", "http://a/\x1b[2J.mp3", "",
	};
	struct podcast_queue q = { 0 };
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e.msg[0] = '\0';
		assert_int_equal(podcast_queue_add(&q, bad[i], "/d/x.mp3", &e), -1);
		assert_true(strlen(e.msg) > 0);
	}
	assert_int_equal(podcast_queue_add(&q, "https://a/x.mp3", "/d/x.mp3", &e), 0);
	assert_int_equal(podcast_queue_add(&q, "https://a/x.mp3", "/d/y.mp3", &e), 1);
	assert_int_equal(podcast_queue_add(&q, "https://a/y.mp3", "/d/x.mp3", &e), 2);
	assert_int_equal(q.n, 1);
	podcast_queue_release(&q);
}

static void
test_queue_file_bounds(void **state)
{
	struct fixture *f = *state;
	struct podcast_queue q = { 0 };
	struct err e;
	FILE *fp;
	size_t i;

	/* an overlong line is left out, the next one read */
	fp = fopen(f->queue, "w");
	assert_non_null(fp);
	fputs("http://a/", fp);
	for (i = 0; i < 40000; i++)
		fputc('x', fp);
	fputs(" \"/d/long\"\nhttp://a/ok.mp3 \"/d/ok.mp3\"\n", fp);
	fclose(fp);
	assert_int_equal(podcast_queue_load(&q, f->queue, &e), 0);
	assert_int_equal(q.n, 1);
	assert_string_equal(q.entries[0].url, "http://a/ok.mp3");
	podcast_queue_release(&q);

	/* a huge file is not a queue */
	fp = fopen(f->queue, "w");
	assert_non_null(fp);
	for (i = 0; i < (PODCAST_QUEUE_MAX_BYTES / 20) + 10; i++)
		fputs("http://a/1.mp3 \"/x\"\n", fp);
	fclose(fp);
	assert_int_equal(podcast_queue_load(&q, f->queue, &e), -1);
	assert_non_null(strstr(e.msg, f->queue));
	podcast_queue_release(&q);
}

static void
test_file_names_stay_in_the_download_dir(void **state)
{
	static const struct {
		const char *fmt, *feed, *title, *url, *want;
	} cases[] = {
		/* newsboat's default */
		{ "%?u?%u&%Y-%b-%d-%H%M%S.unknown?", "Pod", "Ep", "http://h/a/ep1.mp3?x=1#f",
		  "/dl/ep1.mp3" },
		{ "%?u?%u&%Y-%b-%d-%H%M%S.unknown?", "Pod", "Ep", "http://h/", "/dl/2026-Dec-07-120000.unknown" },
		{ "%n/%t.%e", "My Pod", "Ep 1", "http://h/ep1.mp3", "/dl/My Pod/Ep 1.mp3" },
		{ "%h-%F-%m-%d %H%M%S %y %Y %b", NULL, NULL, "http://u:p@host.example:8080/a",
		  "/dl/host.example-2026-12-07-12-07 120000 26 2026 Dec" },
		/* hostile values: no climbing, no hiding, no slashes or controls */
		{ "%t", NULL, "../../etc/passwd", "http://h/x", "/dl/_._.._etc_passwd" },
		{ "%t.%e", NULL, "..", "http://h/x.mp3", "/dl/_..mp3" },
		{ "%n/%u", "..", NULL, "http://h/..", "/dl/_./_." },
		{ "%u", NULL, NULL, "http://h/a/%2e%2e%2fx", "/dl/%2e%2e%2fx" },
		{ "%t", NULL, "/etc/passwd", "http://h/x", "/dl/_etc_passwd" },
		{ "%t", NULL, "a\x1b[2Jb\nc\x7f\"d'e`f\\g", "http://h/x", "/dl/a_[2Jb_c__d_e_f_g" },
		{ "%t", NULL, ".hidden", "http://h/x", "/dl/_hidden" },
		{ "%t", NULL, "", "http://h/x", "/dl/download" },
		/* the format may make directories below, never above */
		{ "../../%u", NULL, NULL, "http://h/x.mp3", "/dl/x.mp3" },
		{ "/abs/%u", NULL, NULL, "http://h/x.mp3", "/dl/abs/x.mp3" },
		{ "a//./b/%u", NULL, NULL, "http://h/x.mp3", "/dl/a/b/x.mp3" },
		{ "%%%q%", NULL, NULL, "http://h/x.mp3", "/dl/%" },
	};
	struct podcast_name_in in;
	struct tm tm = { .tm_year = 126, .tm_mon = 11, .tm_mday = 7, .tm_hour = 12,
	    .tm_isdst = -1 };
	char *got;
	size_t i;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		in.feed_title = cases[i].feed;
		in.item_title = cases[i].title;
		in.url = cases[i].url;
		in.published = mktime(&tm);
		got = podcast_filename("/dl/", cases[i].fmt, &in);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, cases[i].want);
		free(got);
	}
}

static void
test_very_long_names_are_cut(void **state)
{
	struct podcast_name_in in = { NULL, NULL, "http://h/x", 0 };
	char title[1200], *got, *slash;
	size_t i;

	(void)state;
	/* 'é' is two bytes: the cut never splits one */
	for (i = 0; i + 2 < sizeof title; i += 2) {
		title[i] = (char)0xc3;
		title[i + 1] = (char)0xa9;
	}
	title[i] = '\0';
	title[1] = 'a';
	title[0] = 'x';
	in.item_title = title;
	got = podcast_filename("/dl", "%t", &in);
	slash = strrchr(got, '/');
	assert_true(strlen(slash + 1) <= 200);
	assert_true(strlen(slash + 1) >= 198);
	assert_int_not_equal((unsigned char)got[strlen(got) - 1], 0xc3);
	free(got);
}

static int64_t
add_item(struct db *db, int64_t fid, const char *guid, struct enclosure *en, size_t n,
    time_t now)
{
	struct item it;
	struct items_query qy = { 0 };
	struct item_row *rows;
	size_t nrows, i;
	struct err e;
	int64_t id = 0;

	memset(&it, 0, sizeof it);
	it.guid = (char *)guid;
	it.title = (char *)guid;
	it.enclosures = en;
	it.nenclosures = n;
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(items_store(db, fid, "Pod", &it, NULL, 1, now, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(items_list(db, &qy, &rows, &nrows, &e), 0);
	for (i = 0; i < nrows; i++)
		if (strcmp(rows[i].title, guid) == 0)
			id = rows[i].id;
	items_free_rows(rows, nrows);
	assert_true(id > 0);
	return id;
}

static void
test_enqueue_and_auto_enqueue(void **state)
{
	struct fixture *f = *state;
	struct enclosure img = { (char *)"http://h/cover.jpg", (char *)"image/jpeg", -1, -1 };
	struct enclosure two[2] = {
		{ (char *)"http://h/cover.jpg", (char *)"image/jpeg", -1, -1 },
		{ (char *)"http://h/a/ep.mp3", (char *)"audio/mpeg", 10, -1 },
	};
	struct enclosure same = { (char *)"http://h/b/ep.mp3", NULL, -1, -1 };
	struct enclosure late = { (char *)"http://h/c/late.ogg", (char *)"application/ogg", -1, -1 };
	struct podcast_opts o;
	struct podcast_queue q = { 0 };
	const char *why;
	struct err e;
	int64_t fid, a, b, c;
	int added;
	char *dl = xasprintf("%s/dl", f->dir);

	o.queue_file = f->queue;
	o.download_dir = dl;
	o.name_format = (char *)"%u";
	assert_int_equal(feeds_ensure(f->db, "http://h/feed", &fid, &e), 0);
	a = add_item(f->db, fid, "only-image", &img, 1, 1000);
	b = add_item(f->db, fid, "two", two, 2, 1000);
	c = add_item(f->db, fid, "same-name", &same, 1, 1000);

	assert_int_equal(podcast_enqueue(f->db, &o, a, &why, &e), 0);
	assert_string_equal(why, "no enclosure to queue");
	assert_int_equal(podcast_enqueue(f->db, &o, 999, &why, &e), 0);
	assert_string_equal(why, "no such item");
	/* the first playable one, not the cover */
	assert_int_equal(podcast_enqueue(f->db, &o, b, &why, &e), 1);
	assert_int_equal(podcast_enqueue(f->db, &o, b, &why, &e), 0);
	assert_string_equal(why, "queued already");
	/* another episode with the same file name gets its own file */
	assert_int_equal(podcast_enqueue(f->db, &o, c, &why, &e), 1);

	/* auto-enqueue: only what the poll since 2000 saw first */
	add_item(f->db, fid, "late", &late, 1, 2000);
	assert_int_equal(podcast_auto_enqueue(f->db, &o, 2000, &added, &e), 0);
	assert_int_equal(added, 1);
	assert_int_equal(podcast_auto_enqueue(f->db, &o, 2000, &added, &e), 0);
	assert_int_equal(added, 0);

	assert_int_equal(podcast_queue_load(&q, f->queue, &e), 0);
	assert_int_equal(q.n, 3);
	assert_string_equal(q.entries[0].url, "http://h/a/ep.mp3");
	assert_string_equal(strrchr(q.entries[0].path, '/'), "/ep.mp3");
	assert_string_equal(strrchr(q.entries[1].path, '/'), "/ep-2.mp3");
	assert_string_equal(q.entries[2].url, "http://h/c/late.ogg");
	podcast_queue_release(&q);
	free(dl);
}

/* podlist-format lines (newsboat's format strings, app/format), and
 * formats that do not parse, on a real queue */
static void
test_podlist_format(void **state)
{
	static const struct {
		const char *fmt, *want;
		size_t width;
	} cases[] = {
		{ "%4i [%6dMB/%6tMB] [%5p %%] [%12K] %-20S %u -> %F",
		  "   1 [   0.0MB/   0.0MB] [  0.0 %] [   0.00 KB/s] queued               "
		  "http://h/a.mp3 -> /d/a.mp3", 200 },
		/* podboat's default, cut to the screen's width */
		{ "%4i [%6dMB/%6tMB] [%5p %%] [%12K] %-20S %u -> %F",
		  "   1 [   0.0MB/   0.0MB] [  0.0 %]", 34 },
		{ "%-3i|%S|%b|%k", "1  |queued|a.mp3|0.00", 200 },
		{ "%i%", "1", 200 },			/* a lone % ends it */
		{ "%-", "", 200 },
		{ "%q%Z|%%", "|%", 200 },		/* unknown letters are empty */
		/* what podboat's own expander did not know */
		{ "%?F?file %b&none?|%?Z?z&no z?", "file a.mp3|no z", 200 },
		{ "%S%>.%i", "queued.............1", 20 },
		{ "%=10S|", "  queued  |", 200 },
		{ "%3S|%-8b|", "que|a.mp3   |", 200 },	/* newsboat cuts to N too */
		{ "%99999i|", "", 30 },			/* the width bounds it */
	};
	struct fixture *f = *state;
	struct settings cfg;
	struct view_podcast v;
	struct buf b;
	struct err e;
	char line[200];
	size_t i;

	write_text(f->queue, "http://h/a.mp3 \"/d/a.mp3\"\n");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		settings_init(&cfg);
		snprintf(line, sizeof line, "podlist-format \"%s\"\n", cases[i].fmt);
		settings_load_string(&cfg, line, strlen(line));
		assert_int_equal(view_podcast_open(&v, f->db, &cfg, &e), 0);
		assert_int_equal(v.q.n, 1);
		buf_init(&b, 0);
		view_podcast_line(&v, 0, cases[i].width, &b);
		if (strncmp(cases[i].fmt, "%999", 4) == 0)
			assert_int_equal(b.len, 30);	/* 30 columns of padding */
		else if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, b.data, cases[i].want);
		buf_release(&b);
		assert_int_equal(view_podcast_close(&v, &e), 0);
		settings_release(&cfg);
	}
}

/*
 * pb-play: the player through app/spawn, the file as "$1" and never in
 * the shell text, whatever its name holds; run for real, the player
 * gets it as one argument and no part of the name runs.
 */
static void
test_play_through_spawn(void **state)
{
	static const char *const names[] = {
		"ep $(touch PWNED).mp3", "ep `touch PWNED`.mp3", "ep '; touch PWNED; '.mp3",
		"ep \"; touch PWNED; \".mp3", "ep \\\"$(touch PWNED)\\\".mp3", "-ep.mp3",
	};
	struct fixture *f = *state;
	struct settings cfg;
	struct view_podcast v;
	struct spawn_opts o = { 0 };
	struct podcast_queue q = { 0 };
	struct err e;
	char *player = xasprintf("%s/player.sh", f->dir), *log = xasprintf("%s/played", f->dir);
	char *pwned = xasprintf("%s/PWNED", f->dir), *text, *cfgline, *got, *file, *want;
	char **argv;
	size_t i;

	text = xasprintf("#!/bin/sh\ncd \"%s\" && printf '%%s|' \"$#\" \"$@\" >\"%s\"\n",
	    f->dir, log);
	write_text(player, text);
	free(text);
	assert_int_equal(chmod(player, 0700), 0);
	/* a player with arguments of its own, as configs write mpv's */
	cfgline = xasprintf("player \"%s --no-video\"\n", player);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct podcast_entry *en;

		settings_init(&cfg);
		settings_load_string(&cfg, cfgline, strlen(cfgline));
		file = xasprintf("%s/%s", f->dir, names[i]);
		write_text(file, "x");
		/* the queue file escapes the quotes; the entry holds the name */
		text = xasprintf("http://h/%zu.mp3", i);
		assert_int_equal(podcast_queue_add(&q, text, file, &e), 0);
		q.entries[0].state = PODCAST_DOWNLOADED;
		assert_int_equal(podcast_queue_save(&q, f->queue, &e), 0);
		podcast_queue_release(&q);
		free(text);
		assert_int_equal(view_podcast_open(&v, f->db, &cfg, &e), 0);
		assert_int_equal(v.q.n, 1);
		en = &v.q.entries[0];
		free(file);
		file = xstrdup(en->path);
		argv = view_podcast_play(&v);
		if (argv == NULL)
			fail_msg("case %zu: %s", i, v.msg);
		assert_int_equal(en->state, PODCAST_PLAYED);
		/* app/spawn's shape: sh -c TEXT sh FILE, the text the player's */
		assert_string_equal(argv[0], "/bin/sh");
		assert_string_equal(argv[1], "-c");
		want = spawn_shell_text(settings_str(&cfg, SETTINGS_V_PLAYER), "", 1);
		assert_string_equal(argv[2], want);
		free(want);
		assert_string_equal(argv[3], "sh");
		assert_string_equal(argv[4], file);
		assert_null(argv[5]);
		assert_null(strstr(argv[2], names[i]));
		o.what = "the player";
		if (spawn_run(argv, &o, &e) < 0)
			fail_msg("case %zu: %s", i, e.msg);
		spawn_argv_free(argv);
		got = read_text(log);
		want = xasprintf("2|--no-video|%s|", file);
		assert_string_equal(got, want);
		free(want);
		free(got);
		assert_int_equal(access(pwned, F_OK), -1);
		assert_int_equal(view_podcast_close(&v, &e), 0);
		assert_int_equal(unlink(file), 0);
		free(file);
		settings_release(&cfg);
	}
	free(cfgline);
	free(pwned);
	free(log);
	free(player);
}

/* The hints line: the keymap's keys in the podboat view, bind-key and
 * unbind-key included */
static void
test_hints_follow_the_keymap(void **state)
{
	static const struct {
		const char *config, *want;
	} cases[] = {
		{ "", "q:Back d:Download c:Cancel D:Delete P:Purge p:Play m:Finished "
		  "a:Download all +:More downloads -:Fewer ^R:Reload ?:Help" },
		{ "bind-key x pb-download podboat\nunbind-key d podboat\nunbind-key ? podboat\n"
		  "bind-key ^P pb-play podboat\nunbind-key p podboat\n",
		  "q:Back x:Download c:Cancel D:Delete P:Purge ^P:Play m:Finished "
		  "a:Download all +:More downloads -:Fewer ^R:Reload" },
	};
	struct fixture *f = *state;
	struct settings cfg;
	struct view_podcast v;
	struct buf b;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].config, strlen(cases[i].config));
		assert_int_equal(view_podcast_open(&v, f->db, &cfg, &e), 0);
		buf_init(&b, 0);
		view_podcast_hints(&v, &b);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, b.data, cases[i].want);
		buf_release(&b);
		assert_int_equal(view_podcast_close(&v, &e), 0);
		settings_release(&cfg);
	}
}

/*
 * pb-reload: the file's entries and states replace the view's; a running
 * download keeps its entry and its handle, also when its line went; the
 * cursor stays on its episode.
 */
static void
test_reload_reads_the_queue_again(void **state)
{
	struct fixture *f = *state;
	struct settings cfg;
	struct view_podcast v;
	struct err e;
	char *b = xasprintf("%s/b.mp3", f->dir), *text;
	unsigned long id_a, id_b;

	settings_init(&cfg);
	text = xasprintf("http://h/a.mp3 \"%s/a.mp3\"\nhttp://h/b.mp3 \"%s\"\n"
	    "http://h/gone.mp3 \"%s/gone.mp3\"\n", f->dir, b, f->dir);
	write_text(f->queue, text);
	free(text);
	assert_int_equal(view_podcast_open(&v, f->db, &cfg, &e), 0);
	assert_int_equal(v.q.n, 3);
	view_list_goto(&v.list, 1);
	/* a runs (as view_podcast_download leaves it, without the network) */
	v.q.entries[0].state = PODCAST_DOWNLOADING;
	v.rows[0].have = 1234;
	id_a = v.rows[0].id;
	id_b = v.rows[1].id;
	/* meanwhile podboat or tidings enqueue: c is queued, b downloaded and
	 * played, a's line and gone's line removed */
	write_text(b, "12345");
	text = xasprintf("http://h/c.mp3 \"%s/c.mp3\"\nhttp://h/b.mp3 \"%s\" played\n",
	    f->dir, b);
	write_text(f->queue, text);
	free(text);
	view_podcast_reload(&v);
	assert_string_equal(v.msg, "queue read again: 3 episodes, 1 new");
	assert_int_equal(v.q.n, 3);
	assert_int_equal(v.list.count, 3);
	assert_string_equal(v.q.entries[0].url, "http://h/c.mp3");
	assert_int_equal(v.q.entries[0].state, PODCAST_QUEUED);
	assert_true(v.rows[0].id != id_a && v.rows[0].id != id_b);
	assert_string_equal(v.q.entries[1].url, "http://h/b.mp3");
	assert_int_equal(v.q.entries[1].state, PODCAST_PLAYED);
	assert_int_equal(v.rows[1].id, id_b);
	assert_int_equal(v.rows[1].have, 5);
	assert_int_equal(v.rows[1].total, 5);
	assert_string_equal(v.q.entries[2].url, "http://h/a.mp3");
	assert_int_equal(v.q.entries[2].state, PODCAST_DOWNLOADING);
	assert_int_equal(v.rows[2].id, id_a);
	assert_int_equal(v.rows[2].have, 1234);
	assert_int_equal(v.list.cursor, 1);
	/* a queue that cannot be read (a directory, for root too) leaves the
	 * view as it was */
	text = xasprintf("%s.saved", f->queue);
	assert_int_equal(rename(f->queue, text), 0);
	assert_int_equal(mkdir(f->queue, 0700), 0);
	view_podcast_reload(&v);
	assert_int_equal(v.msg_error, 1);
	assert_int_equal(v.q.n, 3);
	assert_string_equal(v.q.entries[2].url, "http://h/a.mp3");
	assert_int_equal(rmdir(f->queue), 0);
	assert_int_equal(rename(text, f->queue), 0);
	free(text);
	v.q.entries[2].state = PODCAST_QUEUED;
	assert_int_equal(view_podcast_close(&v, &e), 0);
	/* closing wrote a's line back */
	text = read_text(f->queue);
	assert_non_null(strstr(text, "http://h/a.mp3 "));
	free(text);
	settings_release(&cfg);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_queue_file_round_trip, setup, teardown),
		cmocka_unit_test(test_queue_refuses_what_cannot_be_a_line),
		cmocka_unit_test_setup_teardown(test_queue_file_bounds, setup, teardown),
		cmocka_unit_test(test_file_names_stay_in_the_download_dir),
		cmocka_unit_test(test_very_long_names_are_cut),
		cmocka_unit_test_setup_teardown(test_enqueue_and_auto_enqueue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_podlist_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_play_through_spawn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hints_follow_the_keymap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_reads_the_queue_again, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
