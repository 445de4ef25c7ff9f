/* Unit tests for app/keymap: key names, actions, bind/unbind per view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/keymap.h"
#include "app/settings.h"

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
		{ "PAGEUP", 1, KEYMAP_KEY_PPAGE, "PPAGE" },	/* census: 1 config */
		{ "PAGEDOWN", 1, KEYMAP_KEY_NPAGE, "NPAGE" },
		{ "DC", 1, KEYMAP_KEY_DC, "DEL" },
		{ "IC", 1, KEYMAP_KEY_IC, "INS" },
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

/*
 * newsboat's default key map, key for key and view for view (its
 * src/keymap.cpp opdescs and the b/SPACE pager keys): a newsboat user's
 * fingers work.  KEYMAP_NONE rows are keys newsboat leaves unbound there.
 */
static void
test_newsboat_defaults_table(void **state)
{
	static const struct {
		enum keymap_view view;
		uint32_t key;
		enum keymap_action action;
	} cases[] = {
		{ KEYMAP_VIEW_FEEDLIST, 'J', KEYMAP_NEXT },
		{ KEYMAP_VIEW_FEEDLIST, 'K', KEYMAP_PREV },
		{ KEYMAP_VIEW_FEEDLIST, 'j', KEYMAP_NONE },
		{ KEYMAP_VIEW_FEEDLIST, 'k', KEYMAP_NONE },
		{ KEYMAP_VIEW_FEEDLIST, 'n', KEYMAP_NEXT_UNREAD },
		{ KEYMAP_VIEW_FEEDLIST, 'p', KEYMAP_PREV_UNREAD },
		{ KEYMAP_VIEW_FEEDLIST, 'N', KEYMAP_NONE },
		{ KEYMAP_VIEW_FEEDLIST, 'l', KEYMAP_TOGGLE_SHOW_READ },
		{ KEYMAP_VIEW_FEEDLIST, 't', KEYMAP_NEXT_TAG },
		{ KEYMAP_VIEW_FEEDLIST, KEYMAP_KEY_CTRL('T'), KEYMAP_CLEAR_TAG },
		{ KEYMAP_VIEW_FEEDLIST, KEYMAP_KEY_CTRL('R'), KEYMAP_RELOAD_URLS },
		{ KEYMAP_VIEW_FEEDLIST, 'E', KEYMAP_EDIT_URLS },
		{ KEYMAP_VIEW_FEEDLIST, 'g', KEYMAP_SORT },
		{ KEYMAP_VIEW_FEEDLIST, 'G', KEYMAP_REV_SORT },
		{ KEYMAP_VIEW_FEEDLIST, 'f', KEYMAP_SELECT_FILTER },
		{ KEYMAP_VIEW_FEEDLIST, 'F', KEYMAP_SET_FILTER },
		{ KEYMAP_VIEW_FEEDLIST, ',', KEYMAP_MACRO_PREFIX },
		{ KEYMAP_VIEW_FEEDLIST, 'v', KEYMAP_VIEW_DIALOGS },
		{ KEYMAP_VIEW_FEEDLIST, '5', KEYMAP_CMD_FIVE },
		{ KEYMAP_VIEW_FEEDLIST, 'u', KEYMAP_NONE },
		{ KEYMAP_VIEW_FEEDLIST, 'C', KEYMAP_MARK_ALL_READ },
		{ KEYMAP_VIEW_FEEDLIST, 'R', KEYMAP_RELOAD_ALL },
		{ KEYMAP_VIEW_FEEDLIST, KEYMAP_KEY_CTRL('K'), KEYMAP_RANDOM_UNREAD },
		{ KEYMAP_VIEW_ITEMLIST, 'j', KEYMAP_NEXT_FEED },
		{ KEYMAP_VIEW_ITEMLIST, 'k', KEYMAP_PREV_FEED },
		{ KEYMAP_VIEW_ITEMLIST, KEYMAP_KEY_CTRL('N'), KEYMAP_NEXT_UNREAD_FEED },
		{ KEYMAP_VIEW_ITEMLIST, KEYMAP_KEY_CTRL('P'), KEYMAP_PREV_UNREAD_FEED },
		{ KEYMAP_VIEW_ITEMLIST, 'N', KEYMAP_TOGGLE_READ },
		{ KEYMAP_VIEW_ITEMLIST, 'u', KEYMAP_SHOW_URLS },
		{ KEYMAP_VIEW_ITEMLIST, 's', KEYMAP_SAVE },
		{ KEYMAP_VIEW_ITEMLIST, 'S', KEYMAP_TOGGLE_STAR },	/* tidings' own, free in newsboat */
		{ KEYMAP_VIEW_ITEMLIST, 'O', KEYMAP_OPEN_BROWSER_MARK },
		{ KEYMAP_VIEW_ITEMLIST, 'D', KEYMAP_DELETE_ARTICLE },
		{ KEYMAP_VIEW_ITEMLIST, KEYMAP_KEY_CTRL('D'), KEYMAP_DELETE_ALL_ARTICLES },
		{ KEYMAP_VIEW_ITEMLIST, '$', KEYMAP_PURGE_DELETED },
		{ KEYMAP_VIEW_ITEMLIST, 'e', KEYMAP_ENQUEUE },
		{ KEYMAP_VIEW_ITEMLIST, KEYMAP_KEY_CTRL('B'), KEYMAP_BOOKMARK },
		{ KEYMAP_VIEW_ITEMLIST, KEYMAP_KEY_CTRL('E'), KEYMAP_EDIT_FLAGS },
		{ KEYMAP_VIEW_ITEMLIST, '|', KEYMAP_PIPE_TO },
		{ KEYMAP_VIEW_ITEMLIST, 'R', KEYMAP_NONE },
		{ KEYMAP_VIEW_ITEMLIST, 'r', KEYMAP_RELOAD },
		{ KEYMAP_VIEW_ARTICLE, 'j', KEYMAP_NONE },
		{ KEYMAP_VIEW_ARTICLE, KEYMAP_KEY_ENTER, KEYMAP_NONE },
		{ KEYMAP_VIEW_ARTICLE, ' ', KEYMAP_PAGEDOWN },
		{ KEYMAP_VIEW_ARTICLE, 'b', KEYMAP_PAGEUP },
		{ KEYMAP_VIEW_ARTICLE, '#', KEYMAP_GOTO_URL },
		{ KEYMAP_VIEW_ARTICLE, '1', KEYMAP_ONE },
		{ KEYMAP_VIEW_ARTICLE, '0', KEYMAP_ZERO },
		{ KEYMAP_VIEW_ARTICLE, KEYMAP_KEY_CTRL('U'), KEYMAP_TOGGLE_SOURCE },
		{ KEYMAP_VIEW_ARTICLE, 'J', KEYMAP_NEXT },
		{ KEYMAP_VIEW_ARTICLE, 'A', KEYMAP_NONE },
		{ KEYMAP_VIEW_HELP, ' ', KEYMAP_PAGEDOWN },
		{ KEYMAP_VIEW_HELP, '/', KEYMAP_SEARCH },
		{ KEYMAP_VIEW_HELP, '?', KEYMAP_NONE },
		{ KEYMAP_VIEW_HELP, 'q', KEYMAP_QUIT },
		{ KEYMAP_VIEW_SEARCH, 'z', KEYMAP_PREVSEARCHRESULTS },
		{ KEYMAP_VIEW_SEARCH, 'A', KEYMAP_MARK_FEED_READ },
		{ KEYMAP_VIEW_URLVIEW, '1', KEYMAP_ONE },
		{ KEYMAP_VIEW_URLVIEW, 'O', KEYMAP_OPEN_BROWSER_MARK },
		{ KEYMAP_VIEW_DIALOGLIST, KEYMAP_KEY_CTRL('X'), KEYMAP_CLOSE_DIALOG },
		{ KEYMAP_VIEW_PODBOAT, 'd', KEYMAP_PB_DOWNLOAD },
		{ KEYMAP_VIEW_PODBOAT, 'D', KEYMAP_PB_DELETE },
		{ KEYMAP_VIEW_PODBOAT, 'p', KEYMAP_PB_PLAY },
		{ KEYMAP_VIEW_PODBOAT, 'P', KEYMAP_PB_PURGE },
		{ KEYMAP_VIEW_PODBOAT, KEYMAP_KEY_CTRL('R'), KEYMAP_PB_RELOAD },
		{ KEYMAP_VIEW_PODBOAT, ':', KEYMAP_NONE },	/* newsboat's cmdline: not podboat's */
		{ KEYMAP_VIEW_FILEBROWSER, KEYMAP_KEY_TAB, KEYMAP_SWITCH_FOCUS },
		{ KEYMAP_VIEW_PODBOAT, 'q', KEYMAP_QUIT },
		{ KEYMAP_VIEW_PODBOAT, KEYMAP_KEY_CTRL('L'), KEYMAP_REDRAW },
	};
	struct settings cfg;
	size_t i;

	(void)state;
	settings_init(&cfg);
	assert_int_equal(cfg.nerrors, 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum keymap_action a = keymap_lookup(cfg.keymap, cases[i].view, cases[i].key);

		if (a != cases[i].action)
			fail_msg("case %zu (%s): %s, want %s", i, keymap_view_name(cases[i].view),
			    keymap_action_name(a), keymap_action_name(cases[i].action));
	}
	settings_release(&cfg);
}

/* newsboat's other names for actions and views */
static void
test_aliases(void **state)
{
	(void)state;
	assert_int_equal(keymap_action_parse("toggle-show-read"), KEYMAP_TOGGLE_SHOW_READ);
	assert_int_equal(keymap_action_parse("toggle-show-read-feeds"), KEYMAP_TOGGLE_SHOW_READ);
	assert_int_equal(keymap_action_parse("select-tag"), KEYMAP_NEXT_TAG);
	assert_int_equal(keymap_action_parse("set-tag"), KEYMAP_NEXT_TAG);
	assert_int_equal(keymap_action_parse("search"), KEYMAP_SEARCH);
	assert_int_equal(keymap_action_parse("open-search"), KEYMAP_SEARCH);
	assert_int_equal(keymap_action_parse("pb-decreate-max-dls"), KEYMAP_PB_FEWER_DLS);
	/* newsboat's names are the ones shown */
	assert_string_equal(keymap_action_name(KEYMAP_SEARCH), "open-search");
	assert_string_equal(keymap_action_name(KEYMAP_NEXT_TAG), "set-tag");
	assert_int_equal(keymap_view_parse("everywhere"), KEYMAP_VIEW_ALL);
	assert_int_equal(keymap_view_parse("search"), KEYMAP_VIEW_SEARCH);
	assert_int_equal(keymap_view_parse("searchresultslist"), KEYMAP_VIEW_SEARCH);
	assert_int_equal(keymap_view_parse("podboat"), KEYMAP_VIEW_PODBOAT);
	assert_int_equal(keymap_view_parse("dialogs"), KEYMAP_VIEW_DIALOGLIST);
	assert_int_equal(keymap_view_parse("urlview"), KEYMAP_VIEW_URLVIEW);
	assert_int_equal(keymap_view_parse("tagselection"), KEYMAP_VIEW_TAGSELECT);
	assert_int_equal(keymap_view_parse("filterselection"), KEYMAP_VIEW_FILTERSELECT);
	assert_int_equal(keymap_view_parse("filebrowser"), KEYMAP_VIEW_FILEBROWSER);
	assert_int_equal(keymap_view_parse("dirbrowser"), KEYMAP_VIEW_DIRBROWSER);
	assert_int_equal(keymap_view_parse("Feedlist"), -1);
}

struct seq_case {
	const char *text;
	int ok;
	size_t n;
	uint32_t keys[4];
};

/* bind's key sequences, as newsboat's keycombination.rs reads them */
static void
test_key_sequences_table(void **state)
{
	static const struct seq_case cases[] = {
		{ "gg", 1, 2, { 'g', 'g' } },
		{ "G", 1, 1, { 'G' } },
		{ "^X", 1, 1, { 0x18 } },
		{ "^xa", 1, 2, { 0x18, 'a' } },
		{ "<C-x>", 1, 1, { 0x18 } },
		{ "<ENTER>", 1, 1, { KEYMAP_KEY_ENTER } },
		{ "<PPAGE><NPAGE>", 1, 2, { KEYMAP_KEY_PPAGE, KEYMAP_KEY_NPAGE } },
		{ "<LT><GT>", 1, 2, { '<', '>' } },
		{ "<F5>x", 1, 2, { KEYMAP_KEY_F(5), 'x' } },
		{ "<", 1, 1, { '<' } },
		{ "a<", 1, 2, { 'a', '<' } },
		{ "\xC3\xA9z", 1, 2, { 0xE9, 'z' } },
		{ "", 0, 0, { 0 } },
		{ "<M-x>", 0, 0, { 0 } },		/* no Meta keys */
		{ "<NOSUCH>", 0, 0, { 0 } },
		{ "abcdefghi", 0, 0, { 0 } },		/* past KEYMAP_MAX_SEQ */
		{ "a b", 0, 0, { 0 } },
		{ "a\x1b", 0, 0, { 0 } },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t seq[KEYMAP_MAX_SEQ];
		size_t n = 99;
		int ok = keymap_seq_parse(cases[i].text, seq, KEYMAP_MAX_SEQ, &n);

		if (ok != cases[i].ok)
			fail_msg("case %zu (%s): ok %d", i, cases[i].text, ok);
		if (!ok)
			continue;
		if (n != cases[i].n)
			fail_msg("case %zu (%s): %zu keys", i, cases[i].text, n);
		for (j = 0; j < n; j++)
			if (seq[j] != cases[i].keys[j])
				fail_msg("case %zu (%s): key %zu is %lu", i, cases[i].text, j,
				    (unsigned long)seq[j]);
	}
}

/* Load config lines over the defaults; fail on any error. */
static void
load_ok(struct settings *cfg, const char *text)
{
	size_t i;

	settings_init(cfg);
	settings_load_string(cfg, text, strlen(text));
	for (i = 0; i < cfg->nerrors; i++)
		fail_msg("unexpected: %s", cfg->errors[i]);
}

static void
test_bind_sequences_and_lists(void **state)
{
	struct settings cfg;
	const struct keymap_ops *ops;
	enum keymap_action a;
	uint32_t gg[2] = { 'g', 'g' }, gx[2] = { 'g', 'x' }, x = 'x';
	char what[128];

	(void)state;
	load_ok(&cfg, "bind gg articlelist,feedlist home\n"
	    "bind x everywhere set browser lynx; open-in-browser -- \"lynx it\"\n"
	    "bind-key J next-feed articlelist\n"
	    "bind-key ^D pagedown podboat\n");
	/* g waits for the second key; gg goes home; g then x is nothing */
	assert_int_equal(keymap_match(cfg.keymap, KEYMAP_VIEW_ITEMLIST, gg, 1, &a, &ops),
	    KEYMAP_MATCH_MORE);
	assert_int_equal(keymap_match(cfg.keymap, KEYMAP_VIEW_ITEMLIST, gg, 2, &a, &ops),
	    KEYMAP_MATCH_FOUND);
	assert_non_null(ops);
	assert_int_equal(ops->n, 1);
	assert_int_equal(ops->ops[0].action, KEYMAP_HOME);
	assert_int_equal(keymap_match(cfg.keymap, KEYMAP_VIEW_FEEDLIST, gx, 2, &a, &ops),
	    KEYMAP_MATCH_NONE);
	/* the view bind did not name keeps g for sort */
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_SEARCH, 'g'), KEYMAP_SORT);
	/* everywhere: every view, the list and its description */
	assert_int_equal(keymap_match(cfg.keymap, KEYMAP_VIEW_ARTICLE, &x, 1, &a, &ops),
	    KEYMAP_MATCH_FOUND);
	assert_non_null(ops);
	assert_int_equal(ops->n, 2);
	assert_int_equal(ops->ops[0].action, KEYMAP_OP_SET);
	assert_string_equal(ops->ops[0].args[1], "lynx");
	keymap_ops_describe(ops, what, sizeof what);
	assert_string_equal(what, "lynx it");
	/* the census' most common rebinding, and a podboat binding kept */
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ITEMLIST, 'J'), KEYMAP_NEXT_FEED);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, 'J'), KEYMAP_NEXT);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_PODBOAT, KEYMAP_KEY_CTRL('D')),
	    KEYMAP_PAGEDOWN);
	/* the help lists bind lines by view, keys as bind writes them */
	settings_load_string(&cfg, "bind <ENTER>x<LT>^X article next\n", 33);
	assert_int_equal(cfg.nerrors, 0);
	assert_non_null(keymap_list_binding(cfg.keymap, KEYMAP_VIEW_ARTICLE, 0, what, sizeof what));
	assert_string_equal(what, "<ENTER>x<LT>^X");
	assert_non_null(keymap_list_binding(cfg.keymap, KEYMAP_VIEW_ARTICLE, 1, what, sizeof what));
	assert_string_equal(what, "x");	/* the everywhere one */
	assert_null(keymap_list_binding(cfg.keymap, KEYMAP_VIEW_ARTICLE, 2, what, sizeof what));
	assert_non_null(keymap_list_binding(cfg.keymap, KEYMAP_VIEW_FEEDLIST, 0, what, sizeof what));
	assert_string_equal(what, "gg");
	/* bind-key over a sequence's first key makes it a key again */
	settings_load_string(&cfg, "bind-key g end articlelist\n", 26);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ITEMLIST, 'g'), KEYMAP_END);
	assert_int_equal(keymap_match(cfg.keymap, KEYMAP_VIEW_ITEMLIST, gg, 2, &a, &ops),
	    KEYMAP_MATCH_NONE);
	/* unbind-key -a frees the lists too (ASan) and leaves no key */
	settings_load_string(&cfg, "unbind-key -a\n", 14);
	assert_int_equal(keymap_match(cfg.keymap, KEYMAP_VIEW_ARTICLE, &x, 1, &a, &ops),
	    KEYMAP_MATCH_NONE);
	settings_release(&cfg);
}

struct bad_line {
	const char *line, *msg;
};

static void
test_bind_line_errors_table(void **state)
{
	static const struct bad_line cases[] = {
		{ "bind gg", "config:1: bind needs KEYS VIEW" },
		{ "bind gg feedlist", "config:1: bind needs KEYS VIEW" },
		{ "bind <M-x> feedlist home", "config:1: bind: unknown key sequence \"<M-x>\"" },
		{ "bind gg moon home", "config:1: bind: unknown view \"moon\"" },
		{ "bind gg feedlist,moon home", "config:1: bind: unknown view \"moon\"" },
		{ "bind gg feedlist fly", "config:1: unknown action \"fly\"" },
		{ "bind gg feedlist home -- \"a\" b", "config:1: -- takes one quoted" },
		{ "macro ^ open", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;

		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].line, strlen(cases[i].line));
		if (cases[i].msg == NULL) {
			if (cfg.nerrors != 0)
				fail_msg("case %zu: %s", i, cfg.errors[0]);
		} else if (cfg.nerrors != 1 ||
		    strncmp(cfg.errors[0], cases[i].msg, strlen(cases[i].msg)) != 0) {
			fail_msg("case %zu (%s): %s", i, cases[i].line,
			    cfg.nerrors ? cfg.errors[0] : "no error");
		}
		settings_release(&cfg);
	}
}

/* The fuzzer's seed of bind/macro lines (tests/data/hostile/config-keys):
 * every bad line named with its number, the good ones bound, nothing
 * leaked or overrun (ASan). */
static void
test_hostile_config_seed(void **state)
{
	static const char *const want[] = {
		"config-keys:6: set needs OPTION VALUE",
		"config-keys:7: set needs OPTION VALUE",
		"config-keys:8: no operation",
		"config-keys:12: bind: unknown key sequence \"abcdefghijk\"",
		"config-keys:13: bind: unknown key sequence \"<M-x>\"",
		"config-keys:15: bind: unknown key sequence \"<C->\"",
		"config-keys:16: bind: unknown view \"\"",
		"config-keys:17: bind: unknown view \"moon\"",
		"config-keys:18: unknown action \"nosuch\"",
		"config-keys:20: bind: unknown key sequence \"\"",
		"config-keys:22: run-on-startup takes no -- description",
	};
	const char *top = getenv("top_srcdir");
	struct settings cfg;
	struct err e;
	char path[4096];
	const struct keymap_ops *ops;
	char what[128];
	size_t i;

	(void)state;
	snprintf(path, sizeof path, "%s/tests/data/hostile/config-keys", top ? top : ".");
	settings_init(&cfg);
	assert_int_equal(settings_load(&cfg, path, &e), 0);
	for (i = 0; i < cfg.nerrors && i < sizeof want / sizeof want[0]; i++)
		if (strcmp(cfg.errors[i], want[i]) != 0)
			fail_msg("error %zu: %s", i, cfg.errors[i]);
	assert_int_equal(cfg.nerrors, sizeof want / sizeof want[0]);
	/* the macros stay after unbind-key -a (it is about keys) */
	assert_int_equal(keymap_macro_count(cfg.keymap), 5);
	ops = keymap_macro(cfg.keymap, 'x');
	assert_non_null(ops);
	assert_int_equal(ops->n, 2);
	ops = keymap_macro(cfg.keymap, 0x0f);
	assert_non_null(ops);
	keymap_ops_describe(ops, what, sizeof what);
	assert_non_null(strstr(what, "desc with"));
	ops = keymap_startup(cfg.keymap);
	assert_non_null(ops);
	assert_int_equal(ops->n, 2);
	/* unbind-key -a took every key but the one bound after it */
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ITEMLIST, 'J'), KEYMAP_NONE);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ARTICLE, 'q'), KEYMAP_QUIT);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, KEYMAP_KEY_ENTER),
	    KEYMAP_NONE);
	settings_release(&cfg);
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
		cmocka_unit_test(test_newsboat_defaults_table),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_key_sequences_table),
		cmocka_unit_test(test_bind_sequences_and_lists),
		cmocka_unit_test(test_bind_line_errors_table),
		cmocka_unit_test(test_hostile_config_seed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
