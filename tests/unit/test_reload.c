/* Unit tests for app/reload: the one mapping from config to poll options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "app/settings.h"
#include "app/reload.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poll_opts_from_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
