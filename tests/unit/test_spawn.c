/*
 * app/spawn: the user's command strings run through /bin/sh -c as newsboat
 * runs them, with the URL (and every other value) as a positional
 * parameter, never in the shell text.
 *
 * Every case runs for real: a stand-in program records the arguments it
 * was given, one a line, so a test sees exactly what a browser would see;
 * hostile URLs try to create a marker file, which must never exist.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/settings.h"
#include "app/spawn.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "read_file.h"
#include "tmp_cache.h"

struct t {
	char dir[TMP_CACHE_DIR_MAX];
	char logger[600];	/* records its arguments into out */
	char out[600];
	char marker[600];	/* what a hostile URL tries to create */
	char *home;		/* $HOME before the test */
};

static int
run_sh(const char *text)
{
	char **argv = spawn_argv(text, NULL, 0);
	struct spawn_opts o = { 0 };
	struct err e;
	int rc = spawn_run(argv, &o, &e);

	spawn_argv_free(argv);
	return rc;
}

static int
setup(void **state)
{
	struct t *t = xcalloc(1, sizeof *t);
	char *cmd;
	FILE *fp;

	if (tmp_dir_make(t->dir, sizeof t->dir, "spawn") < 0)
		return -1;
	snprintf(t->logger, sizeof t->logger, "%s/logger", t->dir);
	snprintf(t->out, sizeof t->out, "%s/argv.txt", t->dir);
	snprintf(t->marker, sizeof t->marker, "%s/pwned", t->dir);
	fp = fopen(t->logger, "w");
	assert_non_null(fp);
	/* written whole, then renamed: a reader never sees half of it */
	fprintf(fp, "#!/bin/sh\n{ echo \"$#\"; for a in \"$@\"; do printf '%%s\\n' \"$a\"; done; }"
	    " >'%s.tmp' && mv '%s.tmp' '%s'\n", t->out, t->out, t->out);
	fclose(fp);
	assert_int_equal(chmod(t->logger, 0700), 0);
	/* the same program in ~/bin and in a directory with a space */
	cmd = xasprintf("mkdir -p '%s/bin' '%s/Google Chrome.app' && cp '%s' '%s/bin/x' && "
	    "cp '%s' '%s/Google Chrome.app/chrome'", t->dir, t->dir, t->logger, t->dir,
	    t->logger, t->dir);
	assert_int_equal(run_sh(cmd), 0);
	free(cmd);
	t->home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;
	char *cmd = xasprintf("rm -rf '%s'", t->dir);

	run_sh(cmd);
	free(cmd);
	if (t->home != NULL)
		setenv("HOME", t->home, 1);
	free(t->home);
	free(t);
	return 0;
}

/* The whole file, or NULL when it is not there (yet). */
static char *
read_file(const char *path, size_t *len)
{
	struct buf b;

	buf_init(&b, 0);
	if (read_file_into(path, &b) < 0) {
		buf_release(&b);
		return NULL;
	}
	*len = b.len;
	return buf_take(&b);
}

/* Wait (bounded) for the logger's record: a command sent to the
 * background writes it after the shell has returned. */
static char *
wait_record(const struct t *t)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	size_t len;
	int i;
	char *got;

	for (i = 0; i < 500; i++) {
		if ((got = read_file(t->out, &len)) != NULL)
			return got;
		nanosleep(&ts, NULL);
	}
	return NULL;
}

/* ---- the shell text ---- */

static void
test_shell_text_table(void **state)
{
	static const struct {
		const char *cmd, *keys;
		int nappend;
		const char *want;
	} cases[] = {
		{ "lynx", "u", 1, "lynx \"${1}\"" },
		{ "w3m %u", "u", 1, "w3m \"${1}\"" },
		{ "x '%u'", "u", 1, "x ''\"${1}\"''" },
		{ "x \"--url=%u\"", "u", 1, "x \"--url=${1}\"" },
		{ "x --url=%u --again=%u", "u", 1, "x --url=\"${1}\" --again=\"${1}\"" },
		{ "setsid xdg-open %u &>/dev/null &", "u", 1,
		  "setsid xdg-open \"${1}\" &>/dev/null &" },
		/* an escaped quote opens nothing; an escaped % is not a placeholder */
		{ "x \\' %u", "u", 1, "x \\' \"${1}\"" },
		{ "x \\%u", "u", 1, "x \\%u \"${1}\"" },
		{ "x '\\' %u", "u", 1, "x '\\' \"${1}\"" },
		/* text for a second shell: the value through its environment */
		{ "sh -c 'w3m %u'", "u", 1,
		  "TIDINGS_ARG1=\"${1}\"; export TIDINGS_ARG1; sh -c 'w3m \"${TIDINGS_ARG1}\"'" },
		{ "sh -c \"w3m %u\"", "u", 1,
		  "TIDINGS_ARG1=\"${1}\"; export TIDINGS_ARG1; sh -c \"w3m \\\"\\${TIDINGS_ARG1}\\\"\"" },
		{ "tmux new-window 'w3m %u; echo %u'", "u", 1,
		  "TIDINGS_ARG1=\"${1}\"; export TIDINGS_ARG1; "
		  "tmux new-window 'w3m \"${TIDINGS_ARG1}\"; echo \"${TIDINGS_ARG1}\"'" },
		/* other % are left as written, as newsboat leaves them */
		{ "x %d%% %u", "u", 1, "x %d%% \"${1}\"" },
		{ "b %T %u %F %t", "uFtT", 1, "b \"${4}\" \"${1}\" \"${2}\" \"${3}\"" },
		{ "bm", "", 4, "bm \"${1}\" \"${2}\" \"${3}\" \"${4}\"" },
		{ "cat", "", 0, "cat" },
		{ "x %", "u", 1, "x % \"${1}\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = spawn_shell_text(cases[i].cmd, cases[i].keys, cases[i].nappend);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: %s -> %s (want %s)", i, cases[i].cmd, got, cases[i].want);
		free(got);
	}
}

/* Which command the browser option names (moved from test_settings). */
static void
test_browser_command(void **state)
{
	static const struct {
		const char *browser, *env, *want;
	} cases[] = {
		{ NULL, NULL, "xdg-open" },
		{ "", NULL, "xdg-open" },
		{ NULL, "lynx", "lynx" },
		{ NULL, "w3m:lynx", "w3m" },
		{ "firefox %u", "lynx", "firefox %u" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		char *owned;

		settings_init(&cfg);
		if (cases[i].browser)
			cfg.browser = xstrdup(cases[i].browser);
		if (cases[i].env)
			setenv("BROWSER", cases[i].env, 1);
		else
			unsetenv("BROWSER");
		if (strcmp(spawn_browser_command(&cfg, &owned), cases[i].want) != 0)
			fail_msg("case %zu", i);
		free(owned);
		settings_release(&cfg);
	}
	unsetenv("BROWSER");
}

static void
test_browser_refuses(void **state)
{
	static const char *const urls[] = { "file:///etc/passwd", "javascript:alert(1)",
	    "data:text/html,x", "-e evil", "--help", "ftp://x/", "", "https://x/\x1b]0;t\x07",
	    "https://x/\nnext", "https://x/\rnext", "http://x/\x7f" };
	struct settings cfg;
	struct err e;
	size_t i;

	(void)state;
	settings_init(&cfg);
	cfg.browser = xstrdup("true");
	for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		err_clear(&e);
		if (spawn_browser_argv(&cfg, urls[i], NULL, NULL, NULL, &e) != NULL)
			fail_msg("case %zu accepted", i);
		assert_true(e.msg[0] != '\0');
	}
	assert_null(spawn_browser_argv(&cfg, NULL, NULL, NULL, NULL, &e));
	settings_release(&cfg);
}

/* ---- real runs: shell syntax works ---- */

/*
 * Each browser line as real newsboat configs write it, run through the
 * shell with a URL holding a space, a quote and a $: @ is the logger's
 * path, D the test directory.  want: the arguments the logger got.
 */
static void
test_shell_syntax_runs(void **state)
{
	struct t *t = *state;
	static const char url[] = "https://x.org/a b?q='1'&r=\"$HOME\"";
	static const struct {
		const char *browser;
		const char *want;
	} cases[] = {
		{ "~/bin/x %u", "1\n" "%U" },
		{ "$BROWSER --new-tab %u", "2\n--new-tab\n%U" },
		{ "setsid @ %u &>/dev/null &", "1\n%U" },
		{ "setsid @ '%u' >/dev/null 2>&1 &", "1\n%U" },
		{ "@ -a 'Google Chrome' %u", "3\n-a\nGoogle Chrome\n%U" },
		{ "D/Google\\ Chrome.app/chrome %u", "1\n%U" },
		{ "\"D/Google Chrome.app/chrome\" --x=%u", "1\n--x=%U" },
		{ "@ \"%u\" 2>/dev/null; true", "1\n%U" },
		{ "@", "1\n%U" },
		{ "@ --title %T %u", "3\n--title\nA title\n%U" },
		{ "echo %u | @ piped", "1\npiped" },
		{ "sh -c '@ %u' &", "1\n%U" },
		{ "sh -c \"exec '@' --u=%u\"", "1\n--u=%U" },
	};
	size_t i;

	assert_int_equal(setenv("HOME", t->dir, 1), 0);
	assert_int_equal(setenv("BROWSER", t->logger, 1), 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		struct spawn_opts o = { 0 };
		struct buf cmd, want;
		struct err e;
		const char *p;
		char **argv, *got;

		buf_init(&cmd, 0);
		buf_init(&want, 0);
		for (p = cases[i].browser; *p != '\0'; p++) {
			if (*p == '@')
				buf_addstr(&cmd, t->logger);
			else if (*p == 'D' && p[1] == '/')
				buf_addstr(&cmd, t->dir);
			else
				buf_addc(&cmd, *p);
		}
		for (p = cases[i].want; *p != '\0'; p++) {
			if (p[0] == '%' && p[1] == 'U') {
				buf_addstr(&want, url);
				p++;
			} else {
				buf_addc(&want, *p);
			}
		}
		buf_addc(&want, '\n');
		settings_init(&cfg);
		cfg.browser = buf_take(&cmd);
		argv = spawn_browser_argv(&cfg, url, NULL, "article", "A title", &e);
		if (argv == NULL)
			fail_msg("case %zu: %s", i, e.msg);
		unlink(t->out);
		o.what = "the browser";
		if (spawn_run(argv, &o, &e) < 0)
			fail_msg("case %zu (%s): %s", i, cfg.browser, e.msg);
		got = wait_record(t);
		if (got == NULL || strcmp(got, want.data) != 0)
			fail_msg("case %zu (%s): got [%s] want [%s]", i, cfg.browser,
			    got ? got : "(nothing)", want.data);
		free(got);
		buf_release(&want);
		spawn_argv_free(argv);
		settings_release(&cfg);
	}
	unsetenv("BROWSER");
	assert_int_equal(access(t->marker, F_OK), -1);
}

/* ---- real runs: a hostile URL runs nothing ---- */

static void
test_hostile_urls_run_nothing(void **state)
{
	struct t *t = *state;
	static const char *const urls[] = {
		"https://x/$(touch M)", "https://x/`touch M`", "https://x/';touch M;'",
		"https://x/\";touch M;\"", "https://x/'\"$(touch M)\"'", "https://x/;touch M",
		"https://x/|touch M", "https://x/&&touch M", "https://x/${IFS}$(touch${IFS}M)",
		"https://x/'`touch M`'", "https://x/\\'$(touch M)",
	};
	static const char *const cmds[] = { "@ %u", "@ '%u'", "@ \"%u\"", "@",
	    "sh -c '@ %u'", "@ --a=%u &" };
	size_t i, j;

	for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		struct buf url;
		const char *p;

		buf_init(&url, 0);
		for (p = urls[i]; *p != '\0'; p++) {
			if (*p == 'M')
				buf_addstr(&url, t->marker);
			else
				buf_addc(&url, *p);
		}
		for (j = 0; j < sizeof cmds / sizeof cmds[0]; j++) {
			struct settings cfg;
			struct spawn_opts o = { 0 };
			struct buf cmd;
			struct err e;
			char **argv, *got, *want;

			buf_init(&cmd, 0);
			for (p = cmds[j]; *p != '\0'; p++) {
				if (*p == '@')
					buf_addstr(&cmd, t->logger);
				else
					buf_addc(&cmd, *p);
			}
			settings_init(&cfg);
			cfg.browser = buf_take(&cmd);
			argv = spawn_browser_argv(&cfg, url.data, NULL, NULL, NULL, &e);
			assert_non_null(argv);
			unlink(t->out);
			spawn_run(argv, &o, &e);
			got = wait_record(t);
			want = j == 5 ? xasprintf("1\n--a=%s\n", url.data)
			    : xasprintf("1\n%s\n", url.data);
			if (got == NULL || strcmp(got, want) != 0)
				fail_msg("url %zu, command %zu: got [%s]", i, j, got ? got : "(nothing)");
			if (access(t->marker, F_OK) == 0)
				fail_msg("url %zu, command %zu: the URL ran a command", i, j);
			free(got);
			free(want);
			spawn_argv_free(argv);
			settings_release(&cfg);
		}
		buf_release(&url);
	}
}

/* ---- running: status, input, output, background ---- */

static void
test_run_status(void **state)
{
	static const struct {
		const char *text;
		const char *msg;	/* NULL: success */
	} cases[] = {
		{ "true", NULL },
		{ "exit 3", "the thing exited with status 3" },
		{ "no-such-program-tidings-x", "the thing: command not found" },
		{ "kill -TERM $$", "the thing was killed by signal 15" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char **argv = spawn_argv(cases[i].text, NULL, 0);
		struct spawn_opts o = { 0 };
		struct err e;
		int rc;

		o.what = "the thing";
		err_clear(&e);
		rc = spawn_run(argv, &o, &e);
		if (cases[i].msg == NULL && rc != 0)
			fail_msg("case %zu: %s", i, e.msg);
		if (cases[i].msg != NULL && (rc == 0 || strstr(e.msg, cases[i].msg) == NULL))
			fail_msg("case %zu: rc %d, %s", i, rc, e.msg);
		spawn_argv_free(argv);
	}
}

/* pipe-to and external-url-viewer: the text on stdin; bookmark-cmd: stdout
 * read back; a command that reads nothing does not hang or kill us. */
static void
test_run_input_output(void **state)
{
	static const char *const args[] = { "one", "two words" };
	struct spawn_opts o = { 0 };
	struct buf out, big;
	struct err e;
	char **argv;
	size_t i;

	(void)state;
	buf_init(&out, 0);
	argv = spawn_argv("tr a-z A-Z; printf '[%s][%s]' \"$1\" \"$2\"", args, 2);
	o.input = "hello\n";
	o.input_len = 6;
	o.output = &out;
	assert_int_equal(spawn_run(argv, &o, &e), 0);
	assert_string_equal(out.data, "HELLO\n[one][two words]");
	spawn_argv_free(argv);

	/* 1 MB to a command that reads none of it */
	buf_init(&big, 0);
	for (i = 0; i < 1024 * 1024 / 8; i++)
		buf_addstr(&big, "abcdefg\n");
	buf_reset(&out);
	argv = spawn_argv("echo done", NULL, 0);
	o.input = big.data;
	o.input_len = big.len;
	assert_int_equal(spawn_run(argv, &o, &e), 0);
	assert_string_equal(out.data, "done\n");
	spawn_argv_free(argv);

	/* output past the cap is dropped, not an error */
	buf_reset(&out);
	argv = spawn_argv("cat", NULL, 0);
	assert_int_equal(spawn_run(argv, &o, &e), 0);
	assert_int_equal(out.len, SPAWN_MAX_OUTPUT);
	spawn_argv_free(argv);
	buf_release(&big);
	buf_release(&out);
}

/* A background command: we do not wait for it (it sleeps; we return at
 * once) and it still runs to the end. */
static void
test_run_background(void **state)
{
	struct t *t = *state;
	struct spawn_opts o = { 0 };
	struct timespec a, b;
	struct err e;
	char *text = xasprintf("sleep 1; '%s' late", t->logger), **argv, *got;

	argv = spawn_argv(text, NULL, 0);
	o.background = 1;
	unlink(t->out);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(spawn_run(argv, &o, &e), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_true(b.tv_sec - a.tv_sec < 1 || (b.tv_sec - a.tv_sec == 1 && b.tv_nsec < a.tv_nsec));
	got = wait_record(t);
	assert_non_null(got);
	assert_string_equal(got, "1\nlate\n");
	free(got);
	free(text);
	spawn_argv_free(argv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shell_text_table),
		cmocka_unit_test(test_browser_command),
		cmocka_unit_test(test_browser_refuses),
		cmocka_unit_test_setup_teardown(test_shell_syntax_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_urls_run_nothing, setup, teardown),
		cmocka_unit_test(test_run_status),
		cmocka_unit_test(test_run_input_output),
		cmocka_unit_test_setup_teardown(test_run_background, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
