/* Unit tests for app/reload: the one mapping from config to poll options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/settings.h"
#include "app/reload.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "util/xalloc.h"

struct opts_case {
	const char *config;	/* config file text */
	int jobs;
	int max_items;
	int download_articles;
	int articles_per_poll;
	size_t max_size;
	long timeout_ms;
	long deadline_ms;	/* articles-deadline */
	long budget_ms;		/* articles-host-budget */
};

/* What `tidings poll` and the reader's r/R both start from. */
static void
test_poll_opts_from_config(void **state)
{
	struct poll_opts def;
	const struct opts_case cases[] = {
		{ "reload-threads 3\nmax-items 7\ndownload-articles no\n"
		    "articles-per-poll 9\nmax-download-size 4096\ndownload-timeout 5\n"
		    "articles-deadline 40\narticles-host-budget 6\n",
		    3, 7, 0, 9, 4096, 5000, 40000, 6000 },
		{ "download-articles yes\narticles-per-poll 0\nmax-items 0\n"
		    "articles-deadline 0\narticles-host-budget 0\n",
		    -1, 0, 1, 0, 0, 0, 0, 0 },
	};
	size_t i;

	(void)state;
	poll_opts_init(&def);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		struct poll_opts o;

		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].config, strlen(cases[i].config));
		assert_int_equal(cfg.nerrors, 0);
		reload_poll_opts(&cfg, &o);
		assert_int_equal(o.jobs, cases[i].jobs < 0 ? cfg.reload_threads : cases[i].jobs);
		assert_int_equal(o.max_items, cases[i].max_items);
		assert_int_equal(o.download_articles, cases[i].download_articles);
		assert_int_equal(o.articles_per_poll, cases[i].articles_per_poll);
		/* 0 in the table: the config's default, whatever it is */
		assert_int_equal(o.max_size, cases[i].max_size ? cases[i].max_size
		    : (size_t)cfg.max_download_size);
		assert_int_equal(o.timeout_ms, cases[i].timeout_ms ? cases[i].timeout_ms
		    : cfg.download_timeout * 1000L);
		assert_int_equal(o.articles_deadline_ms, cases[i].deadline_ms);
		assert_int_equal(o.host_budget_ms, cases[i].budget_ms);
		/* what only the caller knows stays poll's default */
		assert_int_equal(o.force, def.force);
		assert_int_equal(o.only_feed, def.only_feed);
		settings_release(&cfg);
	}
}

/* newsboat's start-up rules: refresh-on-startup, auto-reload less
 * suppress-first-reload, and tidings' first run (an empty cache). */
static void
test_reload_at_start(void **state)
{
	static const struct {
		const char *config;
		int cache_empty, reload, auto_on;
	} cases[] = {
		{ "", 0, 0, 0 },
		{ "", 1, 1, 0 },
		{ "refresh-on-startup yes", 0, 1, 0 },
		{ "auto-reload yes", 0, 1, 1 },
		{ "auto-reload yes\nsuppress-first-reload yes", 0, 0, 1 },
		{ "auto-reload yes\nsuppress-first-reload yes\nrefresh-on-startup yes", 0, 1, 1 },
		{ "auto-reload yes\nsuppress-first-reload yes", 1, 1, 1 },
		{ "suppress-first-reload yes\nrefresh-on-startup yes", 0, 1, 0 },
	};
	const struct timespec now = { 5000, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		struct reload r;

		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].config, strlen(cases[i].config));
		assert_int_equal(cfg.nerrors, 0);
		reload_init(&r, NULL, &cfg, NULL);
		if (reload_at_start(&r, cases[i].cache_empty, &now) != cases[i].reload)
			fail_msg("case %zu: reload at start", i);
		if ((reload_auto_ms(&r, &now) >= 0) != cases[i].auto_on)
			fail_msg("case %zu: auto-reload clock", i);
		reload_release(&r);
		settings_release(&cfg);
	}
}

/* The reader's timer: due every reload-time minutes, 0 read as 1. */
static void
test_auto_reload_clock(void **state)
{
	static const struct {
		const char *config;
		long interval_ms;	/* -1: never */
	} cases[] = {
		{ "auto-reload yes\nreload-time 30", 30 * 60000L },
		{ "auto-reload yes", 60 * 60000L },
		{ "auto-reload yes\nreload-time 0", 60000L },
		{ "reload-time 5", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		struct reload r;
		struct timespec t = { 1000, 500000000 };
		long iv = cases[i].interval_ms;

		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].config, strlen(cases[i].config));
		reload_init(&r, NULL, &cfg, NULL);
		reload_at_start(&r, 0, &t);
		if (iv < 0) {
			assert_int_equal(reload_auto_ms(&r, &t), -1);
			t.tv_sec += 100000;
			assert_int_equal(reload_auto_due(&r, &t), 0);
			reload_release(&r);
			settings_release(&cfg);
			continue;
		}
		assert_int_equal(reload_auto_ms(&r, &t), iv);
		/* a second early: not due, and the timeout says how long */
		t.tv_sec += iv / 1000 - 1;
		assert_int_equal(reload_auto_ms(&r, &t), 1000);
		assert_int_equal(reload_auto_due(&r, &t), 0);
		/* on time: due once, then the next one a whole interval on */
		t.tv_sec += 1;
		assert_int_equal(reload_auto_ms(&r, &t), 0);
		assert_int_equal(reload_auto_due(&r, &t), 1);
		assert_int_equal(reload_auto_due(&r, &t), 0);
		assert_int_equal(reload_auto_ms(&r, &t), iv);
		/* late (the machine slept): one reload, not one per interval missed */
		t.tv_sec += 5 * (iv / 1000);
		assert_int_equal(reload_auto_due(&r, &t), 1);
		assert_int_equal(reload_auto_due(&r, &t), 0);
		reload_release(&r);
		settings_release(&cfg);
	}
}

/* R with reload-only-visible-feeds and a tag filter: only those feeds. */
static void
test_reload_only_visible_feeds(void **state)
{
	static const struct {
		const char *config, *tag;
		int feeds;
	} cases[] = {
		{ "reload-only-visible-feeds yes", "tech", 2 },
		{ "reload-only-visible-feeds yes", NULL, 3 },
		{ "reload-only-visible-feeds no", "tech", 3 },
		{ "", "tech", 3 },
	};
	char dir[] = "/tmp/test_reload.XXXXXX", path[128], cmd[160];
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/urls", dir);
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fprintf(f, "file://%s/a.xml tech\nfile://%s/b.xml news\n"
		    "file://%s/c.xml news tech\n", dir, dir, dir);
		fclose(f);
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		struct reload r;
		struct db *db;
		struct err e;
		char dbpath[128];

		snprintf(dbpath, sizeof dbpath, "%s/cache%zu.db", dir, i);
		db = db_open(dbpath, 0, &e);
		assert_non_null(db);
		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].config, strlen(cases[i].config));
		reload_init(&r, db, &cfg, path);
		if (reload_start_visible(&r, cases[i].tag, &e) < 0)
			fail_msg("case %zu: %s", i, e.msg);
		if (reload_progress(&r)->feeds_total != cases[i].feeds)
			fail_msg("case %zu: %d feeds", i, reload_progress(&r)->feeds_total);
		reload_release(&r);
		settings_release(&cfg);
		db_close(db);
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int
feed_items(struct db *db, int64_t feed_id)
{
	struct items_query q = { 0 };
	struct item_row *rows;
	size_t n;
	struct err e;

	q.feed_id = feed_id;
	if (items_list(db, &q, &rows, &n, &e) < 0)
		fail_msg("%s", e.msg);
	items_free_rows(rows, n);
	return (int)n;
}

/* cleanup-on-quit and delete-read-articles-on-quit as the reader quits. */
static void
test_quit_cleanup(void **state)
{
	static const struct {
		const char *config;
		int urls_listed;	/* 0: the feeds file lists no feed */
		int b_kept, a_items;	/* a: 3 items, 2 read, one of those starred */
		const char *msg;
		int server;	/* urls-source a server listing a (the file aside) */
	} cases[] = {
		{ "", 1, 1, 3, NULL, 0 },
		{ "cleanup-on-quit nudge\ndelete-read-articles-on-quit yes", 1, 1, 3, NULL, 0 },
		{ "cleanup-on-quit no", 1, 1, 3, NULL, 0 },
		{ "cleanup-on-quit yes", 1, 0, 3,
		    "cleanup-on-quit: deleted 1 feed no longer in the feeds file (1 item) "
		    "and 0 read items", 0 },
		{ "cleanup-on-quit yes\ndelete-read-articles-on-quit yes", 1, 0, 2,
		    "cleanup-on-quit: deleted 1 feed no longer in the feeds file (1 item) "
		    "and 1 read item", 0 },
		{ "cleanup-on-quit yes", 0, 1, 3, NULL, 0 },
		/* a feed server's list stands for the (empty) feeds file */
		{ "urls-source \"miniflux\"\nminiflux-url \"http://127.0.0.1:9/\"\n"
		    "cleanup-on-quit yes", 0, 0, 3,
		    "cleanup-on-quit: deleted 1 feed no longer in the feed server's list "
		    "(1 item) and 0 read items", 1 },
	};
	char dir[] = "/tmp/test_reload_quit.XXXXXX", cmd[160];
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *a = xasprintf("file://%s/a.xml", dir), *b = xasprintf("file://%s/b.xml", dir);
		char *urls = xasprintf("%s/urls%zu", dir, i), *dbpath = xasprintf("%s/c%zu.db", dir, i);
		char *path, *msg, *both;
		const char *listed[1];
		struct feedlist *fl;
		struct poll_opts o;
		struct poll *p;
		struct settings cfg;
		struct reload r;
		struct item_row *rows;
		struct items_query q = { 0 };
		struct db *db;
		struct err e;
		int64_t ida, idb;
		size_t n;
		FILE *f;
		int rc;

		path = xasprintf("%s/a.xml", dir);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs("<rss version=\"2.0\"><channel><title>A</title>"
		    "<item><title>1</title><guid>1</guid><pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate></item>"
		    "<item><title>2</title><guid>2</guid><pubDate>Tue, 02 Jan 2024 00:00:00 +0000</pubDate></item>"
		    "<item><title>3</title><guid>3</guid><pubDate>Wed, 03 Jan 2024 00:00:00 +0000</pubDate></item>"
		    "</channel></rss>\n", f);
		fclose(f);
		free(path);
		path = xasprintf("%s/b.xml", dir);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs("<rss version=\"2.0\"><channel><title>B</title>"
		    "<item><title>b</title><guid>b</guid></item></channel></rss>\n", f);
		fclose(f);
		free(path);
		/* poll both, then the feeds file keeps a only */
		db = db_open(dbpath, 0, &e);
		assert_non_null(db);
		both = xasprintf("%s\n%s\n", a, b);
		fl = feedlist_parse(both, strlen(both), "urls");
		poll_opts_init(&o);
		o.download_articles = 0;
		p = poll_new(db, fl, &o, NULL, NULL, &e);
		assert_non_null(p);
		assert_int_equal(poll_run(p, &e), 0);
		poll_free(p);
		feedlist_free(fl);
		free(both);
		f = fopen(urls, "w");
		assert_non_null(f);
		if (cases[i].urls_listed)
			fprintf(f, "%s\n", a);
		fclose(f);
		listed[0] = a;
		assert_int_equal(feeds_sync_listed(db, listed, cases[i].urls_listed ||
		    cases[i].server, &e), 0);
		assert_int_equal(feeds_ensure(db, a, &ida, &e), 0);
		assert_int_equal(feeds_ensure(db, b, &idb, &e), 0);
		/* items 1 and 2 of a read, 1 also starred */
		q.feed_id = ida;
		assert_int_equal(items_list(db, &q, &rows, &n, &e), 0);
		assert_int_equal(n, 3);
		assert_int_equal(items_set_read(db, rows[1].id, 1, &e), 0);
		assert_int_equal(items_set_read(db, rows[2].id, 1, &e), 0);
		assert_int_equal(items_set_starred(db, rows[2].id, 1, &e), 0);
		items_free_rows(rows, n);

		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].config, strlen(cases[i].config));
		assert_int_equal(cfg.nerrors, 0);
		reload_init(&r, db, &cfg, urls);
		rc = reload_quit(&r, &msg, &e);
		if (rc < 0)
			fail_msg("case %zu: %s", i, e.msg);
		if (cases[i].msg == NULL && rc != 0)
			fail_msg("case %zu: %s", i, msg);
		if (cases[i].msg != NULL && (rc != 1 || strcmp(msg, cases[i].msg) != 0))
			fail_msg("case %zu: %s", i, msg ? msg : "(nothing)");
		free(msg);
		if (feeds_exists(db, idb, &e) != cases[i].b_kept)
			fail_msg("case %zu: feed b", i);
		if (feed_items(db, ida) != cases[i].a_items)
			fail_msg("case %zu: %d items of a", i, feed_items(db, ida));
		reload_release(&r);
		settings_release(&cfg);
		db_close(db);
		free(a);
		free(b);
		free(urls);
		free(dbpath);
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* newsboat's network options reach poll (and from there net/fetch). */
static void
test_net_opts_from_config(void **state)
{
	struct settings cfg;
	struct poll_opts o;
	const char *text;

	(void)state;
	settings_init(&cfg);
	reload_poll_opts(&cfg, &o);
	assert_null(o.user_agent);
	assert_null(o.net.cookie_file);
	assert_null(o.net.proxy);
	assert_int_equal(o.net.insecure_peer, 0);
	assert_int_equal(o.net.insecure_host, 0);
	assert_string_equal(o.net.http_auth_method, "any");
	assert_int_equal(o.retries, 1);
	settings_release(&cfg);

	text = "ssl-verifypeer no\nssl-verifyhost no\nhttp-auth-method digest\n"
	    "proxy localhost:3128\nproxy-type socks5h\nproxy-auth u:p\n"
	    "user-agent \"UA 1\"\ndownload-retries 4\nproxy-auth-method ntlm\n";
	settings_init(&cfg);
	settings_load_string(&cfg, text, strlen(text));
	assert_int_equal(cfg.nerrors, 0);
	reload_poll_opts(&cfg, &o);
	assert_int_equal(o.net.insecure_peer, 1);
	assert_int_equal(o.net.insecure_host, 1);
	assert_string_equal(o.net.http_auth_method, "digest");
	assert_string_equal(o.user_agent, "UA 1");
	assert_int_equal(o.retries, 4);
	/* a proxy is used only with use-proxy yes, as in newsboat */
	assert_null(o.net.proxy);
	settings_parse_line(&cfg, "use-proxy yes", NULL);
	reload_poll_opts(&cfg, &o);
	assert_string_equal(o.net.proxy, "localhost:3128");
	assert_string_equal(o.net.proxy_type, "socks5h");
	assert_string_equal(o.net.proxy_auth, "u:p");
	assert_string_equal(o.net.proxy_auth_method, "ntlm");
	settings_release(&cfg);

	/* values newsboat does not know are refused with the choices */
	text = "proxy-type socks6\nhttp-auth-method magic\n";
	settings_init(&cfg);
	settings_load_string(&cfg, text, strlen(text));
	assert_int_equal(cfg.nerrors, 2);
	assert_string_equal(cfg.errors[0], "config:1: proxy-type: expected one of "
	    "http|socks4|socks4a|socks5|socks5h, not \"socks6\"");
	settings_release(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poll_opts_from_config),
		cmocka_unit_test(test_reload_at_start),
		cmocka_unit_test(test_auto_reload_clock),
		cmocka_unit_test(test_reload_only_visible_feeds),
		cmocka_unit_test(test_quit_cleanup),
		cmocka_unit_test(test_net_opts_from_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
