/* Unit tests for app/macro: operation lists run in order, set as newsboat's
 * macros do it (no value restored afterwards), the first failure stops. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/macro.h"

struct record {
	struct settings *cfg;
	char log[512];		/* "open-in-browser[browser=X] next ..." */
	int fail_at;		/* action count that fails, 0: none */
	int count;
	char changed[128];
};

static int
record_act(void *arg, enum keymap_action a, char *const *args, int nargs, struct err *e)
{
	struct record *r = arg;
	size_t used = strlen(r->log);
	char *browser = settings_value_text(r->cfg, "browser");
	int i;

	r->count++;
	snprintf(r->log + used, sizeof r->log - used, "%s%s[browser=%s]", used ? " " : "",
	    keymap_action_name(a), browser);
	free(browser);
	for (i = 0; i < nargs; i++) {
		used = strlen(r->log);
		snprintf(r->log + used, sizeof r->log - used, " <%s>", args[i]);
	}
	if (r->count == r->fail_at)
		return err_set(e, "%s failed", keymap_action_name(a));
	return 0;
}

static void
record_changed(void *arg, const char *option)
{
	struct record *r = arg;
	size_t used = strlen(r->changed);

	snprintf(r->changed + used, sizeof r->changed - used, "%s%s", used ? "," : "", option);
}

/* Load text as a config, then run the macro on key (or run-on-startup
 * when key is 0). */
static int
run_macro(struct settings *cfg, const char *config, uint32_t key, struct record *r,
    struct err *e)
{
	struct macro_runner m = { cfg, record_act, record_changed, r };
	const struct keymap_ops *ops;
	size_t i;

	settings_load_string(cfg, config, strlen(config));
	for (i = 0; i < cfg->nerrors; i++)
		fail_msg("config error: %s", cfg->errors[i]);
	r->cfg = cfg;
	ops = key ? keymap_macro(cfg->keymap, key) : keymap_startup(cfg->keymap);
	assert_non_null(ops);
	return macro_run(&m, ops, e);
}

/* the census idiom: 155 of 184 real macros; the browser stays what the
 * last set says (newsboat restores nothing) */
static void
test_set_browser_idiom(void **state)
{
	struct settings cfg;
	struct record r = { 0 };
	struct err e;
	char *b;

	(void)state;
	settings_init(&cfg);
	assert_int_equal(run_macro(&cfg, "browser firefox\n"
	    "macro v set browser \"mpv %u\"; open-in-browser ; set browser firefox -- \"mpv\"\n",
	    'v', &r, &e), 0);
	assert_string_equal(r.log, "open-in-browser[browser=mpv %u]");
	b = settings_value_text(&cfg, "browser");
	assert_string_equal(b, "firefox");
	free(b);
	assert_string_equal(r.changed, "browser,browser");
	/* without the last set, the macro's browser stays (as in newsboat) */
	memset(&r, 0, sizeof r);
	assert_int_equal(run_macro(&cfg, "macro w set browser w3m;open-in-browser\n", 'w', &r,
	    &e), 0);
	b = settings_value_text(&cfg, "browser");
	assert_string_equal(b, "w3m");
	free(b);
	settings_release(&cfg);
}

struct ops_case {
	const char *line;
	uint32_t key;
	const char *log;	/* what ran, or NULL: the line is refused */
	const char *error;	/* part of the message */
};

static void
test_operation_lists_table(void **state)
{
	static const struct ops_case cases[] = {
		{ "macro a next;prev", 'a', "next[browser=] prev[browser=]", NULL },
		{ "macro a next ; ; prev ;", 'a', "next[browser=] prev[browser=]", NULL },
		{ "macro a ; next", 'a', "next[browser=]", NULL },
		{ "macro ^O open", 0x0f, "open[browser=]", NULL },
		{ "macro a toggle-article-read \"read\"", 'a',
		  "toggle-article-read[browser=] <read>", NULL },
		{ "macro a set-tag \"a b\" -- \"tag a b\"", 'a', "set-tag[browser=] <a b>", NULL },
		/* a quoted word with a blank keeps its ";" (words without one
		 * cannot tell quoted from not: the split removed the quotes) */
		{ "macro a set browser \"mpv %u; echo\"; open-in-browser", 'a',
		  "open-in-browser[browser=mpv %u; echo]", NULL },
		/* aliases work inside lists too */
		{ "macro a select-tag; search; toggle-show-read", 'a',
		  "set-tag[browser=] open-search[browser=] toggle-show-read-feeds[browser=]", NULL },
		{ "run-on-startup next-unread; open", 0, "next-unread[browser=] open[browser=]",
		  NULL },
		{ "macro a nosuch", 'a', NULL, "unknown action \"nosuch\"" },
		{ "macro a next; set browser", 'a', NULL, "set needs OPTION VALUE" },
		{ "macro a", 'a', NULL, "macro needs KEY" },
		{ "macro a ;", 'a', NULL, "no operation" },
		{ "macro jj next", 'a', NULL, "unknown key name \"jj\"" },
		{ "macro a next -- \"one\" extra", 'a', NULL, "-- takes one" },
		{ "run-on-startup next -- \"x\"", 0, NULL, "takes no -- description" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct ops_case *c = &cases[i];
		struct macro_runner m;
		const struct keymap_ops *ops;
		struct settings cfg;
		struct record r = { 0 };
		struct err e;

		settings_init(&cfg);
		settings_load_string(&cfg, c->line, strlen(c->line));
		r.cfg = &cfg;
		m = (struct macro_runner){ &cfg, record_act, NULL, &r };
		ops = c->key ? keymap_macro(cfg.keymap, c->key) : keymap_startup(cfg.keymap);
		if (c->log == NULL) {
			if (cfg.nerrors != 1 || strstr(cfg.errors[0], c->error) == NULL ||
			    strncmp(cfg.errors[0], "config:1: ", 10) != 0)
				fail_msg("case %zu (%s): errors %zu: %s", i, c->line, cfg.nerrors,
				    cfg.nerrors ? cfg.errors[0] : "");
			if (ops != NULL)
				fail_msg("case %zu: refused line still bound", i);
		} else {
			if (cfg.nerrors != 0)
				fail_msg("case %zu (%s): %s", i, c->line, cfg.errors[0]);
			if (ops == NULL || macro_run(&m, ops, &e) < 0)
				fail_msg("case %zu (%s): did not run", i, c->line);
			if (strcmp(r.log, c->log) != 0)
				fail_msg("case %zu (%s): ran \"%s\"", i, c->line, r.log);
		}
		settings_release(&cfg);
	}
}

/* a failing operation stops the list, as newsboat's run_commands does */
static void
test_stops_at_failure(void **state)
{
	struct settings cfg;
	struct record r = { 0 };
	struct err e;

	(void)state;
	settings_init(&cfg);
	r.fail_at = 2;
	assert_int_equal(run_macro(&cfg, "macro x next; prev; set browser lynx; open\n", 'x',
	    &r, &e), -1);
	assert_string_equal(e.msg, "prev failed");
	assert_string_equal(r.log, "next[browser=] prev[browser=]");
	assert_string_equal(r.changed, "");
	/* a set that the parser refuses stops it too, naming the option */
	memset(&r, 0, sizeof r);
	assert_int_equal(run_macro(&cfg, "macro y set mouse maybe; next\n", 'y', &r, &e), -1);
	assert_non_null(strstr(e.msg, "set: mouse"));
	assert_string_equal(r.log, "");
	settings_release(&cfg);
}

static void
test_set_forms(void **state)
{
	struct settings cfg;
	struct err e;
	char *v;
	char *args[3];
	char browser[] = "browser", value[] = "sh -c 'echo \"$1\" \\ `x`'";
	char gnf[] = "goto-next-feed!", mouse[] = "mouse", no[] = "no", mouse_reset[] = "mouse&";
	char dt[] = "datetime-format!", nosuch_flip[] = "nosuch!", nosuch[] = "nosuch", one[] = "1";

	(void)state;
	settings_init(&cfg);
	/* a value with quotes, backslashes and backticks stays one word, as typed */
	args[0] = browser;
	args[1] = value;
	assert_int_equal(macro_set(&cfg, args, 2, &e), 0);
	v = settings_value_text(&cfg, "browser");
	assert_string_equal(v, args[1]);
	free(v);
	/* OPTION! flips a yes/no option, OPTION& puts the default back */
	args[0] = gnf;
	assert_int_equal(macro_set(&cfg, args, 1, &e), 0);
	assert_int_equal(settings_bool(&cfg, SETTINGS_V_GOTO_NEXT_FEED), 0);
	assert_int_equal(macro_set(&cfg, args, 1, &e), 0);
	assert_int_equal(settings_bool(&cfg, SETTINGS_V_GOTO_NEXT_FEED), 1);
	args[0] = mouse;
	args[1] = no;
	assert_int_equal(macro_set(&cfg, args, 2, &e), 0);
	assert_int_equal(cfg.mouse, 0);
	args[0] = mouse_reset;
	assert_int_equal(macro_set(&cfg, args, 1, &e), 0);
	assert_int_equal(cfg.mouse, 1);
	args[0] = dt;
	assert_int_equal(macro_set(&cfg, args, 1, &e), -1);
	assert_non_null(strstr(e.msg, "not a yes/no option"));
	args[0] = nosuch_flip;
	assert_int_equal(macro_set(&cfg, args, 1, &e), -1);
	args[0] = nosuch;
	args[1] = one;
	assert_int_equal(macro_set(&cfg, args, 2, &e), -1);
	assert_non_null(strstr(e.msg, "unknown option"));
	assert_int_equal(macro_set(&cfg, args, 1, &e), -1);
	settings_release(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_browser_idiom),
		cmocka_unit_test(test_operation_lists_table),
		cmocka_unit_test(test_stops_at_failure),
		cmocka_unit_test(test_set_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
