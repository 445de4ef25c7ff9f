/* Unit tests for app/settings: every option, quoting, errors with line numbers. */
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

#include "app/settings.h"
#include "app/sync_priv.h"

static void
load(struct settings *cfg, const char *text)
{
	settings_init(cfg);
	settings_load_string(cfg, text, strlen(text));
}

static void
test_defaults(void **state)
{
	struct settings cfg;

	(void)state;
	settings_init(&cfg);
	assert_int_equal(cfg.nerrors, 0);
	assert_int_equal(cfg.reload_threads, 16);
	assert_int_equal(cfg.max_items, SETTINGS_DEFAULT_MAX_ITEMS);
	assert_int_equal(cfg.download_articles, 1);
	assert_int_equal(cfg.articles_per_poll, 200);
	assert_true(cfg.max_download_size == 32LL * 1024 * 1024);
	assert_int_equal(cfg.download_timeout, 60);
	assert_int_equal(cfg.articles_deadline, 300);
	assert_int_equal(cfg.articles_host_budget, 60);
	assert_int_equal(cfg.mouse, 1);
	assert_int_equal(cfg.show_read_items, 1);
	assert_int_equal(cfg.confirm_exit, 0);
	assert_null(cfg.browser);
	assert_int_equal(cfg.colors[SETTINGS_COLOR_LISTFOCUS].attrs, SETTINGS_ATTR_REVERSE);
	assert_int_equal(cfg.colors[SETTINGS_COLOR_INFO].fg, 3);
	assert_int_equal(cfg.colors[SETTINGS_COLOR_INFO].bg, 4);
	settings_release(&cfg);
}

/* The default bindings come from KEYMAP_ACTIONS through the parser. */
static void
test_default_bindings(void **state)
{
	static const struct {
		uint32_t key;
		enum keymap_action action;
	} cases[] = {
		/* newsboat's feed list: j, k, s and g are not moves there */
		{ 'j', KEYMAP_NONE }, { 'k', KEYMAP_NONE }, { 's', KEYMAP_NONE },
		{ KEYMAP_KEY_DOWN, KEYMAP_DOWN }, { KEYMAP_KEY_UP, KEYMAP_UP },
		{ 'g', KEYMAP_SORT }, { 'G', KEYMAP_REV_SORT }, { KEYMAP_KEY_HOME, KEYMAP_HOME },
		{ KEYMAP_KEY_ENTER, KEYMAP_OPEN }, { 'q', KEYMAP_QUIT },
		{ 'n', KEYMAP_NEXT_UNREAD }, { 'p', KEYMAP_PREV_UNREAD }, { 'J', KEYMAP_NEXT },
		{ 'r', KEYMAP_RELOAD }, { 'R', KEYMAP_RELOAD_ALL },
		{ 'o', KEYMAP_OPEN_BROWSER }, { 't', KEYMAP_NEXT_TAG }, { 0x14, KEYMAP_CLEAR_TAG },
		{ '/', KEYMAP_SEARCH }, { '?', KEYMAP_HELP }, { ':', KEYMAP_CMDLINE },
		{ KEYMAP_KEY_NPAGE, KEYMAP_PAGEDOWN }, { ' ', KEYMAP_NONE },
		{ ',', KEYMAP_MACRO_PREFIX }, { '1', KEYMAP_CMD_ONE }, { 0x0c, KEYMAP_REDRAW },
	};
	struct settings cfg;
	size_t i;

	(void)state;
	settings_init(&cfg);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum keymap_action a = keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, cases[i].key);

		if (a != cases[i].action)
			fail_msg("case %zu: %s", i, keymap_action_name(a));
	}
	settings_release(&cfg);
}

struct option_case {
	const char *line;
	size_t offset;
	long long want;
	int is_llong;
};

#define OPT(line, field, want) { line, offsetof(struct settings, field), want, 0 }

static void
test_every_option_table(void **state)
{
	static const struct option_case cases[] = {
		OPT("mouse no", mouse, 0),
		OPT("mouse yes", mouse, 1),
		OPT("show-read-items no", show_read_items, 0),
		OPT("confirm-exit yes", confirm_exit, 1),
		OPT("download-articles no", download_articles, 0),
		OPT("reload-threads 4", reload_threads, 4),
		OPT("max-items 500", max_items, 500),
		OPT("max-items 0", max_items, 0),
		OPT("articles-per-poll 10", articles_per_poll, 10),
		{ "max-download-size 1048576", offsetof(struct settings, max_download_size), 1048576, 1 },
		OPT("download-timeout 5", download_timeout, 5),
		OPT("articles-deadline 1", articles_deadline, 1),
		OPT("articles-deadline 0", articles_deadline, 0),
		OPT("articles-host-budget 2", articles_host_budget, 2),
		OPT("  mouse   \"no\"  # trailing comment", mouse, 0),
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		long long got;

		load(&cfg, cases[i].line);
		if (cfg.nerrors != 0)
			fail_msg("case %zu: %s", i, cfg.errors[0]);
		if (cases[i].is_llong)
			got = *(long long *)(void *)((char *)&cfg + cases[i].offset);
		else
			got = *(int *)(void *)((char *)&cfg + cases[i].offset);
		if (got != cases[i].want)
			fail_msg("case %zu (%s): %lld", i, cases[i].line, got);
		settings_release(&cfg);
	}
}

/* newsboat's options beyond tidings' own fields: typed, defaulted, kept */
static void
test_newsboat_values_and_lists(void **state)
{
	struct settings cfg;
	const struct settings_line *l;
	size_t n;
	const char *text =
	    "auto-reload yes\n"
	    "reload-time 15\n"
	    "datetime-format \"%Y-%m-%d %H:%M\"\n"
	    "ignore-mode display\n"
	    "ignore-mode sometimes\n"
	    "reload-time soon\n"
	    "highlight article \"^Title:.*$\" blue default bold\n"
	    "highlight all foo\n"
	    "macro v set browser mpv ; open-in-browser ; set browser firefox\n";

	(void)state;
	settings_init(&cfg);
	/* defaults are newsboat's */
	assert_int_equal(settings_bool(&cfg, SETTINGS_V_AUTO_RELOAD), 0);
	assert_int_equal(settings_int(&cfg, SETTINGS_V_RELOAD_TIME), 60);
	assert_string_equal(settings_str(&cfg, SETTINGS_V_DATETIME_FORMAT), "%b %d");
	assert_string_equal(settings_str(&cfg, SETTINGS_V_IGNORE_MODE), "download");
	settings_load_string(&cfg, text, strlen(text));
	assert_int_equal(settings_bool(&cfg, SETTINGS_V_AUTO_RELOAD), 1);
	assert_int_equal(settings_int(&cfg, SETTINGS_V_RELOAD_TIME), 15);
	assert_string_equal(settings_str(&cfg, SETTINGS_V_DATETIME_FORMAT), "%Y-%m-%d %H:%M");
	assert_string_equal(settings_str(&cfg, SETTINGS_V_IGNORE_MODE), "display");
	assert_int_equal(cfg.nerrors, 3);
	assert_string_equal(cfg.errors[0],
	    "config:5: ignore-mode: expected one of download|display, not \"sometimes\"");
	assert_string_equal(cfg.errors[1], "config:6: reload-time: expected a number, not \"soon\"");
	assert_string_equal(cfg.errors[2], "config:8: highlight takes at least 3 arguments");
	l = settings_lines(&cfg, SETTINGS_L_HIGHLIGHT, &n);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].argc, 6);
	assert_string_equal(l[0].argv[2], "^Title:.*$");
	assert_string_equal(l[0].where, "config:7");
	l = settings_lines(&cfg, SETTINGS_L_MACRO, &n);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].argv[1], "v");
	assert_true(settings_is_option("notify-program"));
	{
		char *t;

		t = settings_value_text(&cfg, "reload-time");
		assert_string_equal(t, "15");
		free(t);
		t = settings_value_text(&cfg, "max-items");
		assert_string_equal(t, "1000");
		free(t);
		t = settings_value_text(&cfg, "mouse");
		assert_string_equal(t, "yes");
		free(t);
		t = settings_value_text(&cfg, "browser");
		assert_string_equal(t, "");
		free(t);
		assert_null(settings_value_text(&cfg, "highlight"));
		assert_null(settings_value_text(&cfg, "nonsense"));
	}
	assert_true(settings_is_option("ignore-article"));
	settings_release(&cfg);
}

static void
test_browser_and_quotes(void **state)
{
	struct settings cfg;

	(void)state;
	load(&cfg, "browser \"firefox --new-tab %u\"\n");
	assert_int_equal(cfg.nerrors, 0);
	assert_string_equal(cfg.browser, "firefox --new-tab %u");
	settings_release(&cfg);

	load(&cfg, "browser \"say \\\"hi\\\" \\\\ # not a comment\"");
	assert_int_equal(cfg.nerrors, 0);
	assert_string_equal(cfg.browser, "say \"hi\" \\ # not a comment");
	settings_release(&cfg);
}

struct split_case {
	const char *line;
	int argc;
	const char *words[4];
};

static void
test_split_table(void **state)
{
	static const struct split_case cases[] = {
		{ "", 0, { NULL } },
		{ "   # only a comment", 0, { NULL } },
		{ "a b\tc", 3, { "a", "b", "c" } },
		{ "bind-key \"#\" quit", 3, { "bind-key", "#", "quit" } },
		{ "x \"a b\" c", 3, { "x", "a b", "c" } },
		{ "x a\"b c\"d", 2, { "x", "ab cd" } },
		{ "x \"\"", 2, { "x", "" } },
		{ "x \"tab\\there\"", 2, { "x", "tab\there" } },
		{ "x y#z", 2, { "x", "y#z" } },
		{ "x #y", 1, { "x" } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char **argv;
		int argc, j;

		assert_int_equal(settings_split(cases[i].line, &argv, &argc, NULL), 0);
		if (argc != cases[i].argc)
			fail_msg("case %zu: argc %d", i, argc);
		for (j = 0; j < argc; j++)
			if (strcmp(argv[j], cases[i].words[j]) != 0)
				fail_msg("case %zu word %d: \"%s\"", i, j, argv[j]);
		assert_null(argv[argc]);
		settings_free_words(argv);
	}
}

static void
test_bind_and_unbind_lines(void **state)
{
	struct settings cfg;

	(void)state;
	load(&cfg, "bind-key x reload\n"
	    "bind-key ^R reload-all articlelist\n"
	    "unbind-key J\n"
	    "unbind-key K article\n"
	    "bind-key \"#\" help\n");
	assert_int_equal(cfg.nerrors, 0);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, 'x'), KEYMAP_RELOAD);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ITEMLIST, 0x12), KEYMAP_RELOAD_ALL);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, 0x12), KEYMAP_RELOAD_URLS);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, 'J'), KEYMAP_NONE);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, 'K'), KEYMAP_PREV);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ARTICLE, 'K'), KEYMAP_NONE);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ARTICLE, '#'), KEYMAP_HELP);
	settings_release(&cfg);
}

static void
test_color_lines(void **state)
{
	struct settings cfg;
	struct settings_color *c;

	(void)state;
	load(&cfg, "color listfocus color208 default bold underline\n"
	    "color info white black\n");
	assert_int_equal(cfg.nerrors, 0);
	c = &cfg.colors[SETTINGS_COLOR_LISTFOCUS];
	assert_int_equal(c->fg, 208);
	assert_int_equal(c->bg, SETTINGS_COLOR_DEFAULT);
	assert_int_equal(c->attrs, SETTINGS_ATTR_BOLD | SETTINGS_ATTR_UNDERLINE);
	c = &cfg.colors[SETTINGS_COLOR_INFO];
	assert_int_equal(c->fg, 7);
	assert_int_equal(c->bg, 0);
	assert_int_equal(c->attrs, 0);
	settings_release(&cfg);
}

struct error_case {
	const char *text;
	const char *msg;	/* the first error, exactly */
};

static void
test_errors_table(void **state)
{
	static const struct error_case cases[] = {
		{ "frobnicate yes", "config:1: unknown option \"frobnicate\"" },
		{ "\n\nmouse maybe", "config:3: mouse: expected yes or no, not \"maybe\"" },
		{ "mouse", "config:1: mouse takes one argument" },
		{ "reload-threads 0", "config:1: reload-threads: expected a number from 1 to 256, not \"0\"" },
		{ "max-items -1", "config:1: max-items: expected a number from 0 to 2147483647, not \"-1\"" },
		{ "max-items 12abc", "config:1: max-items: expected a number from 0 to 2147483647, not \"12abc\"" },
		{ "max-items 99999999999999999999", "config:1: max-items: expected a number from 0 to 2147483647, not \"99999999999999999999\"" },
		{ "browser \"unterminated", "config:1: unterminated quote" },
		{ "bind-key j", "config:1: bind-key needs KEY ACTION [VIEW]" },
		{ "bind-key WAT down", "config:1: unknown key name \"WAT\"" },
		{ "bind-key j fly", "config:1: unknown action \"fly\"" },
		{ "bind-key j down nowhere", "config:1: unknown view \"nowhere\" (feedlist, articlelist, article, help, searchresultslist, urlview, tagselection, filterselection, dialogs, podboat, filebrowser, dirbrowser, all)" },
		{ "unbind-key", "config:1: unbind-key needs KEY [VIEW]" },
		{ "color nosuch red blue", "config:1: unknown color element \"nosuch\"" },
		{ "color info pink blue", "config:1: unknown color \"pink\"" },
		{ "color info red color256", "config:1: unknown color \"color256\"" },
		{ "color info red blue shiny", "config:1: unknown attribute \"shiny\"" },
		{ "color info red", "config:1: color needs ELEMENT FG BG [ATTR...]" },
		{ "browser", "config:1: browser takes one argument (quote a command with spaces)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;

		load(&cfg, cases[i].text);
		if (cfg.nerrors != 1)
			fail_msg("case %zu: %zu errors", i, cfg.nerrors);
		if (strcmp(cfg.errors[0], cases[i].msg) != 0)
			fail_msg("case %zu: \"%s\"", i, cfg.errors[0]);
		settings_release(&cfg);
	}
}

/* Bad lines are reported with their numbers and the good ones still apply. */
static void
test_errors_keep_the_rest(void **state)
{
	struct settings cfg;

	(void)state;
	load(&cfg, "# comment\n"
	    "mouse no\n"
	    "nonsense\n"
	    "max-items 10\n"
	    "bind-key j fly\n"
	    "bind-key x quit\n");
	assert_int_equal(cfg.nerrors, 2);
	assert_string_equal(cfg.errors[0], "config:3: unknown option \"nonsense\"");
	assert_string_equal(cfg.errors[1], "config:5: unknown action \"fly\"");
	assert_int_equal(cfg.mouse, 0);
	assert_int_equal(cfg.max_items, 10);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_FEEDLIST, 'x'), KEYMAP_QUIT);
	assert_int_equal(keymap_lookup(cfg.keymap, KEYMAP_VIEW_ITEMLIST, 'j'), KEYMAP_NEXT_FEED);
	settings_release(&cfg);
}

static void
test_error_list_is_bounded(void **state)
{
	struct settings cfg;
	char *text = malloc(1000 * 4 + 1);
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		memcpy(text + i * 4, "xx\n\n", 4);
	text[4000] = '\0';
	load(&cfg, text);
	assert_int_equal(cfg.nerrors, SETTINGS_MAX_ERRORS + 1);
	assert_string_equal(cfg.errors[1], "config:3: unknown option \"xx\"");
	settings_release(&cfg);
	free(text);
}

static void
test_load_file(void **state)
{
	char dir[] = "/tmp/test_settings.XXXXXX", path[64];
	struct settings cfg;
	struct err e;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/config", dir);
	/* absent: defaults, no error */
	settings_init(&cfg);
	assert_int_equal(settings_load(&cfg, path, &e), 0);
	assert_int_equal(cfg.nerrors, 0);
	settings_release(&cfg);

	f = fopen(path, "w");
	assert_non_null(f);
	fputs("max-items 7\r\nbogus\r\n", f);
	fclose(f);
	settings_init(&cfg);
	assert_int_equal(settings_load(&cfg, path, &e), 0);
	assert_int_equal(cfg.max_items, 7);
	assert_int_equal(cfg.nerrors, 1);
	assert_string_equal(cfg.errors[0], "config:2: unknown option \"bogus\"");
	settings_release(&cfg);

	/* /dev/null is an empty config */
	settings_init(&cfg);
	assert_int_equal(settings_load(&cfg, "/dev/null", &e), 0);
	assert_int_equal(cfg.nerrors, 0);
	settings_release(&cfg);

	/* a directory is not a config file */
	settings_init(&cfg);
	assert_int_equal(settings_load(&cfg, dir, &e), -1);
	assert_non_null(strstr(e.msg, "not a regular file"));
	settings_release(&cfg);
	unlink(path);
	rmdir(dir);
}

/* ---- the file language: continuation, comments, backticks, include, set ---- */

static char lang_dir[64];

static void
put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", lang_dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
load_file(struct settings *cfg, const char *name)
{
	char path[256];
	struct err e;

	snprintf(path, sizeof path, "%s/%s", lang_dir, name);
	settings_init(cfg);
	if (settings_load(cfg, path, &e) < 0)
		fail_msg("%s", e.msg);
}

static int
exists(const char *name)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", lang_dir, name);
	return access(path, F_OK) == 0;
}

static void
lang_setup(void)
{
	snprintf(lang_dir, sizeof lang_dir, "/tmp/test_settings_lang.XXXXXX");
	assert_non_null(mkdtemp(lang_dir));
	setenv("HOME", lang_dir, 1);
}

static void
lang_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", lang_dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_continuation_comments_set(void **state)
{
	struct settings cfg;

	(void)state;
	lang_setup();
	put("config", "max-items \\\n  7\n"
	    "auto-reload yes # reload in the reader\n"
	    "set reload-time 15\n"
	    "user-agent \"a # b\" # the quoted one is text\n"
	    "\\\n"
	    "bogus \\\r\n 1\n");
	load_file(&cfg, "config");
	assert_int_equal(cfg.max_items, 7);
	assert_int_equal(settings_bool(&cfg, SETTINGS_V_AUTO_RELOAD), 1);
	assert_int_equal(settings_int(&cfg, SETTINGS_V_RELOAD_TIME), 15);
	assert_string_equal(settings_str(&cfg, SETTINGS_V_USER_AGENT), "a # b");
	/* a continued line is named by its first line */
	assert_int_equal(cfg.nerrors, 1);
	assert_string_equal(cfg.errors[0], "config:6: unknown option \"bogus\"");
	settings_release(&cfg);
	lang_teardown();
}

static void
test_backticks(void **state)
{
	struct settings cfg;

	(void)state;
	lang_setup();
	put("config", "reload-time `echo 25`\n"
	    "user-agent \"UA `printf 'x#y  '`/1\"\n"
	    "error-log `printf '%s' \"$HOME\"`/err.log\n"
	    "browser \"echo \\`date\\`\"\n"
	    "max-items 3 # `touch \"$HOME/commented\"`\n"
	    "cookie-cache `echo 'stderr passes through' 1>&2; touch \"$HOME/ran\"; echo /c`\n"
	    "max-items `printf 9; exit 3`\n"
	    "text-width `echo 1\n"
	    "download-retries `head -c 70000 /dev/zero | tr '\\0' 1`\n");
	load_file(&cfg, "config");
	assert_int_equal(settings_int(&cfg, SETTINGS_V_RELOAD_TIME), 25);
	/* a '#' the command writes is text, and trailing blanks are cut */
	assert_string_equal(settings_str(&cfg, SETTINGS_V_USER_AGENT), "UA x#y/1");
	{
		char want[128];

		snprintf(want, sizeof want, "%s/err.log", lang_dir);
		assert_string_equal(settings_str(&cfg, SETTINGS_V_ERROR_LOG), want);
	}
	/* \` runs nothing */
	assert_string_equal(cfg.browser, "echo `date`");
	assert_false(exists("commented"));
	assert_string_equal(settings_str(&cfg, SETTINGS_V_COOKIE_CACHE), "/c");
	assert_true(exists("ran"));
	/* the exit status is not looked at (newsboat does not) */
	assert_int_equal(cfg.max_items, 9);
	assert_int_equal(cfg.nerrors, 2);
	assert_string_equal(cfg.errors[0], "config:8: unterminated backtick");
	assert_non_null(strstr(cfg.errors[1], "config:9: `head -c 70000"));
	assert_non_null(strstr(cfg.errors[1], "wrote more than 65536 bytes"));
	settings_release(&cfg);
	lang_teardown();
}

static void
test_include(void **state)
{
	struct settings cfg;
	char path[256];
	int i;

	(void)state;
	lang_setup();
	snprintf(path, sizeof path, "%s/sub", lang_dir);
	assert_int_equal(mkdir(path, 0700), 0);
	/* relative to the including file, nested, ~, and errors named by the
	 * file they are in */
	put("config", "include sub/colors\n"
	    "include \"~/keys\"\n"
	    "include missing\n"
	    "include sub/loop\n"
	    "include\n");
	put("sub/colors", "color info red blue\n\nnot-an-option 1\ninclude more\n");
	put("sub/more", "max-items 12\n");
	put("keys", "reload-time 33\n");
	put("sub/loop", "auto-reload yes\ninclude ../sub/loop\n");
	load_file(&cfg, "config");
	assert_int_equal(cfg.colors[SETTINGS_COLOR_INFO].fg, 1);
	assert_int_equal(cfg.max_items, 12);
	assert_int_equal(settings_int(&cfg, SETTINGS_V_RELOAD_TIME), 33);
	assert_int_equal(settings_bool(&cfg, SETTINGS_V_AUTO_RELOAD), 1);
	assert_int_equal(cfg.nerrors, 4);
	assert_string_equal(cfg.errors[0], "colors:3: unknown option \"not-an-option\"");
	snprintf(path, sizeof path, "config:3: include %s/missing: No such file or directory",
	    lang_dir);
	assert_string_equal(cfg.errors[1], path);
	snprintf(path, sizeof path, "loop:2: include loop: %s/sub/../sub/loop", lang_dir);
	assert_string_equal(cfg.errors[2], path);
	assert_string_equal(cfg.errors[3], "config:5: include takes one argument (a file)");
	settings_release(&cfg);

	/* a chain deeper than the bound stops with a message, not a crash */
	for (i = 0; i <= SETTINGS_MAX_INCLUDE_DEPTH + 1; i++) {
		char name[16], text[64];

		snprintf(name, sizeof name, "d%d", i);
		snprintf(text, sizeof text, "include d%d\n", i + 1);
		put(name, text);
	}
	put("d18", "max-items 1\n");
	load_file(&cfg, "d0");
	assert_int_equal(cfg.nerrors, 1);
	assert_string_equal(cfg.errors[0], "d16:1: include d17: nested more than 16 deep");
	assert_int_equal(cfg.max_items, SETTINGS_DEFAULT_MAX_ITEMS);
	settings_release(&cfg);

	/* text from anywhere but a file runs nothing and includes nothing */
	settings_init(&cfg);
	{
		const char *t = "user-agent \"`touch $HOME/ran`\"\ninclude keys\n";

		settings_load_string(&cfg, t, strlen(t));
	}
	assert_false(exists("ran"));
	assert_string_equal(settings_str(&cfg, SETTINGS_V_USER_AGENT), "`touch $HOME/ran`");
	assert_int_equal(cfg.nerrors, 1);
	assert_string_equal(cfg.errors[0], "config:2: include works in a config file only");
	settings_release(&cfg);
	lang_teardown();
}

static void
test_backtick_timeout(void **state)
{
	struct settings cfg;

	(void)state;
	lang_setup();
	/* the background child keeps the pipe open: its group is killed too */
	put("config", "user-agent `sleep 600 & echo x`\nmax-items 4\n");
	load_file(&cfg, "config");
	assert_int_equal(cfg.nerrors, 1);
	assert_string_equal(cfg.errors[0],
	    "config:1: `sleep 600 & echo x` took longer than 10 seconds");
	assert_int_equal(cfg.max_items, 4);
	settings_release(&cfg);
	lang_teardown();
}

/*
 * The credential options of every server tidings syncs with reach that
 * server: each config line of text is read back through the server's own
 * entry (app/sync.c's table), so oldreader-login is Old Reader's login and
 * not another server's.  The servers' e2e tests (sync-ttrss.sh,
 * sync-miniflux.sh, sync-greader.sh) run the generic login with these.
 */
static int
option_id(const char *name)
{
	int i;

	for (i = 0; i < SETTINGS_NVALUES; i++)
		if (strcmp(settings_value_name((enum settings_value_id)i), name) == 0)
			return i;
	return -1;
}

static void
test_sync_server_options(void **state)
{
	static const char *const servers[] = {
		"ttrss", "miniflux", "freshrss", "oldreader", "inoreader",
	};
	static const char *const fields[] = {
		"url", "login", "password", "passwordfile", "passwordeval",
		"token", "tokenfile", "tokeneval", "app-id", "app-key",
	};
	static const char text[] =
	    "\n"
	    "ttrss-url \"v:ttrss-url\"\n"
	    "ttrss-login \"v:ttrss-login\"\n"
	    "ttrss-password \"v:ttrss-password\"\n"
	    "ttrss-passwordfile \"v:ttrss-passwordfile\"\n"
	    "ttrss-passwordeval \"v:ttrss-passwordeval\"\n"
	    "miniflux-url \"v:miniflux-url\"\n"
	    "miniflux-login \"v:miniflux-login\"\n"
	    "miniflux-password \"v:miniflux-password\"\n"
	    "miniflux-passwordfile \"v:miniflux-passwordfile\"\n"
	    "miniflux-passwordeval \"v:miniflux-passwordeval\"\n"
	    "miniflux-token \"v:miniflux-token\"\n"
	    "miniflux-tokenfile \"v:miniflux-tokenfile\"\n"
	    "miniflux-tokeneval \"v:miniflux-tokeneval\"\n"
	    "freshrss-url \"v:freshrss-url\"\n"
	    "freshrss-login \"v:freshrss-login\"\n"
	    "freshrss-password \"v:freshrss-password\"\n"
	    "freshrss-passwordfile \"v:freshrss-passwordfile\"\n"
	    "freshrss-passwordeval \"v:freshrss-passwordeval\"\n"
	    "oldreader-login \"v:oldreader-login\"\n"
	    "oldreader-password \"v:oldreader-password\"\n"
	    "oldreader-passwordfile \"v:oldreader-passwordfile\"\n"
	    "oldreader-passwordeval \"v:oldreader-passwordeval\"\n"
	    "inoreader-login \"v:inoreader-login\"\n"
	    "inoreader-password \"v:inoreader-password\"\n"
	    "inoreader-passwordfile \"v:inoreader-passwordfile\"\n"
	    "inoreader-passwordeval \"v:inoreader-passwordeval\"\n"
	    "inoreader-app-id \"v:inoreader-app-id\"\n"
	    "inoreader-app-key \"v:inoreader-app-key\"\n";
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof servers / sizeof servers[0]; i++) {
		const struct sync_server *srv = sync_server_find(servers[i]);
		struct settings cfg;

		assert_non_null(srv);
		/* the text names every option these servers have */
		for (j = 0; j < sizeof fields / sizeof fields[0]; j++) {
			char name[64], line[80];

			snprintf(name, sizeof name, "%s-%s", servers[i], fields[j]);
			snprintf(line, sizeof line, "\n%s ", name);
			if (option_id(name) >= 0 && strstr(text, line) == NULL)
				fail_msg("the text lacks %s", name);
		}
		load(&cfg, text);
		assert_int_equal(cfg.nerrors, 0);
		{
			const int ids[] = {
				srv->url, srv->login, srv->password, srv->passwordfile,
				srv->passwordeval, srv->token, srv->tokenfile, srv->tokeneval,
				srv->app_id, srv->app_key,
			};

			for (j = 0; j < sizeof fields / sizeof fields[0]; j++) {
				char want[64];

				snprintf(want, sizeof want, "v:%s-%s", servers[i], fields[j]);
				if (ids[j] < 0) {
					/* newsboat has no such option for this server */
					if (option_id(want + 2) >= 0)
						fail_msg("%s: %s is not read", servers[i], want + 2);
					continue;
				}
				if (strcmp(settings_str(&cfg, (enum settings_value_id)ids[j]), want) != 0)
					fail_msg("%s: %s reads \"%s\"", servers[i], fields[j],
					    settings_str(&cfg, (enum settings_value_id)ids[j]));
			}
		}
		settings_release(&cfg);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_default_bindings),
		cmocka_unit_test(test_every_option_table),
		cmocka_unit_test(test_newsboat_values_and_lists),
		cmocka_unit_test(test_browser_and_quotes),
		cmocka_unit_test(test_split_table),
		cmocka_unit_test(test_bind_and_unbind_lines),
		cmocka_unit_test(test_color_lines),
		cmocka_unit_test(test_errors_table),
		cmocka_unit_test(test_errors_keep_the_rest),
		cmocka_unit_test(test_error_list_is_bounded),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_continuation_comments_set),
		cmocka_unit_test(test_backticks),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_backtick_timeout),
		cmocka_unit_test(test_sync_server_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
