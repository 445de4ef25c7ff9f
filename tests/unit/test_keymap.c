/* Unit tests for app/keymap: key names, actions, bind/unbind per view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/keymap.h"

struct key_case {
	const char *name;
	int ok;
	uint32_t key;
	const char *canonical;	/* the name keymap_key_name gives back */
};

static void
test_key_names_table(void **state)
{
	static const struct key_case cases[] = {
		{ "j", 1, 'j', "j" },
		{ "G", 1, 'G', "G" },
		{ "/", 1, '/', "/" },
		{ "^R", 1, 0x12, "^R" },
		{ "^r", 1, 0x12, "^R" },
		{ "^L", 1, 0x0c, "^L" },
		{ "^[", 1, 0x1b, "ESC" },
		{ "ENTER", 1, KEYMAP_KEY_ENTER, "ENTER" },
		{ "SPACE", 1, ' ', "SPACE" },
		{ "TAB", 1, '\t', "TAB" },
		{ "ESC", 1, 0x1b, "ESC" },
		{ "PPAGE", 1, KEYMAP_KEY_PPAGE, "PPAGE" },
		{ "NPAGE", 1, KEYMAP_KEY_NPAGE, "NPAGE" },
		{ "UP", 1, KEYMAP_KEY_UP, "UP" },
		{ "HOME", 1, KEYMAP_KEY_HOME, "HOME" },
		{ "BACKSPACE", 1, KEYMAP_KEY_BACKSPACE, "BACKSPACE" },
		{ "F1", 1, KEYMAP_KEY_F(1), "F1" },
		{ "F12", 1, KEYMAP_KEY_F(12), "F12" },
		{ "\xC3\xA9", 1, 0xE9, "\xC3\xA9" },		/* é */
		{ "\xE4\xB8\xAD", 1, 0x4E2D, "\xE4\xB8\xAD" },	/* 中 */
		{ "^", 1, '^', "^" },
		{ "", 0, 0, NULL },
		{ "F0", 0, 0, NULL },
		{ "F13", 0, 0, NULL },
		{ "F1x", 0, 0, NULL },
		{ "jj", 0, 0, NULL },
		{ "enter", 0, 0, NULL },
		{ "^1", 0, 0, NULL },
		{ "\x1b", 0, 0, NULL },
		{ "\xFF", 0, 0, NULL },
		{ " ", 0, 0, NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t key = 0;
		int ok = keymap_key_parse(cases[i].name, &key);
		char name[32];

		if (ok != cases[i].ok)
			fail_msg("case %zu (%s): ok %d", i, cases[i].name, ok);
		if (!ok)
			continue;
		if (key != cases[i].key)
			fail_msg("case %zu (%s): key %lu", i, cases[i].name, (unsigned long)key);
		keymap_key_name(key, name, sizeof name);
		if (strcmp(name, cases[i].canonical) != 0)
			fail_msg("case %zu: name \"%s\"", i, name);
	}
}

static void
test_actions_by_name(void **state)
{
	int a;

	(void)state;
	assert_int_equal(keymap_action_parse("down"), KEYMAP_DOWN);
	assert_int_equal(keymap_action_parse("reload-all"), KEYMAP_RELOAD_ALL);
	assert_int_equal(keymap_action_parse("none"), -1);
	assert_int_equal(keymap_action_parse("Down"), -1);
	assert_int_equal(keymap_action_parse(""), -1);
	/* every action round-trips and has help text; tidings 0.1's actions
	 * have default keys (newsboat leaves some of its own unbound) */
	for (a = 1; a < KEYMAP_NACTIONS; a++) {
		assert_int_equal(keymap_action_parse(keymap_action_name((enum keymap_action)a)), a);
		assert_true(strlen(keymap_action_help((enum keymap_action)a)) > 0);
		if (a <= KEYMAP_REDRAW)
			assert_true(strlen(keymap_action_default_keys((enum keymap_action)a)) > 0);
	}
	assert_int_equal(keymap_view_parse("feedlist"), KEYMAP_VIEW_FEEDLIST);
	assert_int_equal(keymap_view_parse("articlelist"), KEYMAP_VIEW_ITEMLIST);
	assert_int_equal(keymap_view_parse("itemlist"), KEYMAP_VIEW_ITEMLIST);
	assert_int_equal(keymap_view_parse("article"), KEYMAP_VIEW_ARTICLE);
	assert_int_equal(keymap_view_parse("nosuch"), -1);
}

static void
test_bind_all_views(void **state)
{
	struct keymap *km = keymap_new();
	struct err e;
	int v;

	(void)state;
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_FEEDLIST, 'j'), KEYMAP_NONE);
	assert_int_equal(keymap_bind(km, "j", "down", NULL, &e), 0);
	for (v = 0; v < KEYMAP_NVIEWS; v++)
		assert_int_equal(keymap_lookup(km, (enum keymap_view)v, 'j'), KEYMAP_DOWN);
	/* rebinding replaces */
	assert_int_equal(keymap_bind(km, "j", "up", NULL, &e), 0);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_ARTICLE, 'j'), KEYMAP_UP);
	keymap_free(km);
}

static void
test_bind_one_view_overrides(void **state)
{
	struct keymap *km = keymap_new();
	struct err e;

	(void)state;
	assert_int_equal(keymap_bind(km, "^R", "reload-all", NULL, &e), 0);
	assert_int_equal(keymap_bind(km, "^R", "reload", "articlelist", &e), 0);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_ITEMLIST, 0x12), KEYMAP_RELOAD);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_FEEDLIST, 0x12), KEYMAP_RELOAD_ALL);
	/* a later binding for every view wins over the view's own */
	assert_int_equal(keymap_bind(km, "^R", "redraw", NULL, &e), 0);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_ITEMLIST, 0x12), KEYMAP_REDRAW);
	keymap_free(km);
}

static void
test_unbind_one_view(void **state)
{
	struct keymap *km = keymap_new();
	struct err e;

	(void)state;
	assert_int_equal(keymap_bind(km, "q", "quit", NULL, &e), 0);
	assert_int_equal(keymap_unbind(km, "q", "article", &e), 0);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_ARTICLE, 'q'), KEYMAP_NONE);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_FEEDLIST, 'q'), KEYMAP_QUIT);
	keymap_free(km);
}

static void
test_unbind_everywhere(void **state)
{
	struct keymap *km = keymap_new();
	struct err e;
	int v;

	(void)state;
	assert_int_equal(keymap_bind(km, "x", "quit", NULL, &e), 0);
	assert_int_equal(keymap_bind(km, "x", "help", "article", &e), 0);
	assert_int_equal(keymap_unbind(km, "x", NULL, &e), 0);
	for (v = 0; v < KEYMAP_NVIEWS; v++)
		assert_int_equal(keymap_lookup(km, (enum keymap_view)v, 'x'), KEYMAP_NONE);
	keymap_free(km);
}

static void
test_unbind_all_keys(void **state)
{
	struct keymap *km = keymap_new();
	struct err e;

	(void)state;
	assert_int_equal(keymap_bind(km, "j", "down", NULL, &e), 0);
	assert_int_equal(keymap_bind(km, "k", "up", NULL, &e), 0);
	assert_int_equal(keymap_unbind(km, "-a", "help", &e), 0);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_HELP, 'j'), KEYMAP_NONE);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_FEEDLIST, 'j'), KEYMAP_DOWN);
	assert_int_equal(keymap_bind(km, "j", "quit", "help", &e), 0);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_HELP, 'j'), KEYMAP_QUIT);
	assert_int_equal(keymap_unbind(km, "-a", NULL, &e), 0);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_FEEDLIST, 'k'), KEYMAP_NONE);
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_HELP, 'j'), KEYMAP_NONE);
	keymap_free(km);
}

struct bad_bind {
	const char *key, *action, *view, *msg;
};

static void
test_bind_errors_table(void **state)
{
	static const struct bad_bind cases[] = {
		{ "nosuchkey", "down", NULL, "unknown key name \"nosuchkey\"" },
		{ "j", "fly", NULL, "unknown action \"fly\"" },
		{ "j", "down", "moon", "unknown view \"moon\"" },
	};
	struct keymap *km = keymap_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct err e = { "" };

		assert_int_equal(keymap_bind(km, cases[i].key, cases[i].action, cases[i].view,
		    &e), -1);
		if (strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu: \"%s\"", i, e.msg);
	}
	assert_int_equal(keymap_lookup(km, KEYMAP_VIEW_FEEDLIST, 'j'), KEYMAP_NONE);
	keymap_free(km);
}

static void
test_keys_for(void **state)
{
	struct keymap *km = keymap_new();
	char out[64];
	struct err e;

	(void)state;
	assert_int_equal(keymap_bind(km, "j", "down", NULL, &e), 0);
	assert_int_equal(keymap_bind(km, "DOWN", "down", NULL, &e), 0);
	assert_int_equal(keymap_bind(km, "^N", "down", "article", &e), 0);
	assert_int_equal(keymap_keys_for(km, KEYMAP_VIEW_FEEDLIST, KEYMAP_DOWN, out, sizeof out), 2);
	assert_string_equal(out, "j DOWN");
	assert_int_equal(keymap_keys_for(km, KEYMAP_VIEW_ARTICLE, KEYMAP_DOWN, out, sizeof out), 3);
	assert_string_equal(out, "^N j DOWN");
	assert_int_equal(keymap_unbind(km, "j", "article", &e), 0);
	assert_int_equal(keymap_keys_for(km, KEYMAP_VIEW_ARTICLE, KEYMAP_DOWN, out, sizeof out), 2);
	assert_string_equal(out, "^N DOWN");
	/* a small buffer stays terminated */
	keymap_keys_for(km, KEYMAP_VIEW_FEEDLIST, KEYMAP_DOWN, out, 3);
	assert_true(strlen(out) < 3);
	keymap_free(km);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names_table),
		cmocka_unit_test(test_actions_by_name),
		cmocka_unit_test(test_bind_all_views),
		cmocka_unit_test(test_bind_one_view_overrides),
		cmocka_unit_test(test_unbind_one_view),
		cmocka_unit_test(test_unbind_everywhere),
		cmocka_unit_test(test_unbind_all_keys),
		cmocka_unit_test(test_bind_errors_table),
		cmocka_unit_test(test_keys_for),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
