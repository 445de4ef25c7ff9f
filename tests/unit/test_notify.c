/*
 * app/notify: newsboat's notification after a reload: when (notify-always
 * or more unread), the message (notify-format's %f %n %d %D), the
 * terminal escapes (notify-screen, notify-xterm, notify-beep with OSC 9
 * or 777 where the terminal shows them) and notify-program, run with the
 * message as "$1" (a message holding shell syntax runs nothing).
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
#include <time.h>
#include <unistd.h>

#include "app/notify.h"
#include "app/settings.h"
#include "store/db.h"
#include "store/feeds.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "read_file.h"
#include "tmp_cache.h"

static void
load(struct settings *cfg, const char *text)
{
	settings_init(cfg);
	settings_load_string(cfg, text, strlen(text));
	assert_int_equal(cfg->nerrors, 0);
}

static void
test_due(void **state)
{
	static const struct {
		const char *config;
		struct notify_counts before, after;
		int want;
	} cases[] = {
		{ "", { 1, 5 }, { 1, 5 }, 0 },
		{ "", { 1, 5 }, { 1, 6 }, 1 },
		{ "", { 1, 5 }, { 2, 5 }, 1 },
		/* read while the reload ran: fewer unread is no news */
		{ "", { 2, 5 }, { 1, 3 }, 0 },
		{ "notify-always yes", { 1, 5 }, { 1, 5 }, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;

		load(&cfg, cases[i].config);
		if (notify_due(&cfg, &cases[i].before, &cases[i].after) != cases[i].want)
			fail_msg("case %zu", i);
		settings_release(&cfg);
	}
}

static void
test_message(void **state)
{
	static const struct notify_counts before = { 2, 10 }, after = { 3, 17 }, less = { 1, 4 };
	static const struct {
		const char *fmt;
		const struct notify_counts *after;
		const char *want;
	} cases[] = {
		{ "Newsboat: finished reload, %f unread feeds (%n unread articles total)", &after,
		  "Newsboat: finished reload, 3 unread feeds (17 unread articles total)" },
		{ "%d new articles (%n unread articles, %f unread feeds), %D new feeds", &after,
		  "7 new articles (17 unread articles, 3 unread feeds), 1 new feeds" },
		{ "%d/%D", &less, "0/0" },
		{ "100%% %x %", &after, "100% %x %" },
		{ "bad \033]0;title\007 \xc2\x9b" "2J end", &after, "bad  2J end" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = notify_message(cases[i].fmt, &before, cases[i].after);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: [%s]", i, got);
		free(got);
	}
}

/* The default notify-format is newsboat's (its name included: scripts
 * that match it keep working). */
static void
test_default_format(void **state)
{
	struct settings cfg;

	(void)state;
	settings_init(&cfg);
	assert_string_equal(settings_str(&cfg, SETTINGS_V_NOTIFY_FORMAT),
	    "Newsboat: finished reload, %f unread feeds (%n unread articles total)");
	settings_release(&cfg);
}

static void
test_escapes(void **state)
{
	static const struct {
		const char *config;
		enum notify_osc osc;
		const char *want;
	} cases[] = {
		{ "", NOTIFY_OSC_9, "" },
		{ "notify-screen yes", NOTIFY_OSC_NONE, "\033^hi\033\\" },
		{ "notify-xterm yes", NOTIFY_OSC_NONE, "\033]2;hi\033\\" },
		{ "notify-beep yes", NOTIFY_OSC_NONE, "\a" },
		{ "notify-beep yes", NOTIFY_OSC_9, "\a\033]9;hi\033\\" },
		{ "notify-beep yes", NOTIFY_OSC_777, "\a\033]777;notify;tidings;hi\033\\" },
		{ "notify-screen yes\nnotify-xterm yes", NOTIFY_OSC_9,
		  "\033^hi\033\\\033]2;hi\033\\" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		struct buf out;

		load(&cfg, cases[i].config);
		buf_init(&out, 0);
		notify_escapes(&cfg, "hi", cases[i].osc, &out);
		if (strcmp(out.data, cases[i].want) != 0)
			fail_msg("case %zu", i);
		buf_release(&out);
		settings_release(&cfg);
	}
}

static void
test_osc_for(void **state)
{
	static const struct {
		const char *term, *tp;
		enum notify_osc want;
	} cases[] = {
		{ "xterm-256color", NULL, NOTIFY_OSC_NONE },
		{ "screen", NULL, NOTIFY_OSC_NONE },
		{ "tmux-256color", "tmux", NOTIFY_OSC_NONE },
		{ "xterm-256color", "iTerm.app", NOTIFY_OSC_9 },
		{ "xterm-256color", "WezTerm", NOTIFY_OSC_9 },
		{ "xterm-kitty", NULL, NOTIFY_OSC_9 },
		{ "foot", NULL, NOTIFY_OSC_777 },
		{ "foot-extra", NULL, NOTIFY_OSC_777 },
		{ "rxvt-unicode-256color", NULL, NOTIFY_OSC_777 },
		{ NULL, NULL, NOTIFY_OSC_NONE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (notify_osc_for(cases[i].term, cases[i].tp) != cases[i].want)
			fail_msg("case %zu", i);
}

/* notify-program gets the message as its one argument, whatever it holds. */
static void
test_program(void **state)
{
	char dir[TMP_CACHE_DIR_MAX], prog[600], out[600], marker[600], *config, *msg, *want;
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	struct settings cfg;
	struct buf got;
	struct err e;
	FILE *fp;
	int i;

	(void)state;
	assert_int_equal(tmp_dir_make(dir, sizeof dir, "notify"), 0);
	snprintf(prog, sizeof prog, "%s/notifier", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(marker, sizeof marker, "%s/pwned", dir);
	fp = fopen(prog, "w");
	assert_non_null(fp);
	fprintf(fp, "#!/bin/sh\nprintf '%%s|%%s' \"$#\" \"$1\" > '%s.tmp' && mv '%s.tmp' '%s'\n",
	    out, out, out);
	fclose(fp);
	assert_int_equal(chmod(prog, 0700), 0);
	config = xasprintf("notify-program \"%s\"\n", prog);
	load(&cfg, config);
	msg = xasprintf("3 new $(touch %s) `touch %s` ';touch %s'", marker, marker, marker);
	assert_int_equal(notify_program(&cfg, msg, &e), 0);
	buf_init(&got, 0);
	for (i = 0; i < 500 && read_file_into(out, &got) < 0; i++)
		nanosleep(&ts, NULL);
	buf_addc(&got, '\0');
	want = xasprintf("1|%s", msg);
	assert_string_equal(got.data, want);
	free(want);
	assert_int_equal(access(marker, F_OK), -1);
	buf_release(&got);
	settings_release(&cfg);
	/* unset: nothing to run, not an error */
	settings_init(&cfg);
	assert_int_equal(notify_program(&cfg, "x", &e), 0);
	settings_release(&cfg);
	free(msg);
	free(config);
	unlink(prog);
	unlink(out);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_default_format),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_osc_for),
		cmocka_unit_test(test_program),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
