/*
 * Unit tests for app/exec_feed: the commands of exec: and filter: feeds
 * run through /bin/sh with their input on a pipe, bounded in time and
 * output; what travels on the pipe is never shell text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/exec_feed.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/xalloc.h"

static int
run(const char *cmd, const char *in, size_t max, long timeout_ms, struct buf *out,
    struct err *e)
{
	buf_init(out, 0);
	memset(e, 0, sizeof *e);
	return exec_feed_run(cmd, in, in ? strlen(in) : 0, max, timeout_ms, out, e);
}

/* Shell syntax works (it is the user's own command, as in newsboat). */
static void
test_output_through_the_shell(void **state)
{
	struct buf out;
	struct err e;

	(void)state;
	assert_int_equal(run("x=feed; printf '<rss>%s</rss>' \"$x\" | tr a-z A-Z; echo oops >&2",
	    NULL, 1024, 5000, &out, &e), 0);
	assert_string_equal(out.data, "<RSS>FEED</RSS>");
	buf_release(&out);
}

/* A filter's input on its stdin, untouched by any shell: a document full
 * of shell syntax runs nothing. */
static void
test_input_is_never_shell_text(void **state)
{
	char marker[] = "/tmp/tidings-exec-XXXXXX";
	char *doc;
	struct buf out;
	struct err e;
	int fd = mkstemp(marker);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(marker);
	doc = xasprintf("<rss>$(touch %s) `touch %s` '; touch %s</rss>", marker, marker, marker);
	assert_int_equal(run("cat", doc, 1024, 5000, &out, &e), 0);
	assert_string_equal(out.data, doc);
	assert_int_not_equal(access(marker, F_OK), 0);
	buf_release(&out);
	free(doc);
}

/* A large input to a command that reads none of it: no SIGPIPE, no hang. */
static void
test_command_that_ignores_its_input(void **state)
{
	char *big = xmalloc(1 << 20);
	struct buf out;
	struct err e;

	(void)state;
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	assert_int_equal(run("echo done", big, 1024, 5000, &out, &e), 0);
	assert_string_equal(out.data, "done\n");
	buf_release(&out);
	/* and one that reads it all */
	assert_int_equal(run("wc -c", big, 1024, 5000, &out, &e), 0);
	assert_int_equal(strtol(out.data, NULL, 10), (1 << 20) - 1);
	buf_release(&out);
	free(big);
}

/* Time: the command and what it started are killed at the timeout. */
static void
test_timeout_kills_the_group(void **state)
{
	struct buf out;
	struct err e;
	long long t0 = date_now_ms();

	(void)state;
	assert_int_equal(run("sleep 30 & sleep 30; echo never", NULL, 1024, 300, &out, &e), -1);
	assert_true(date_now_ms() - t0 < 5000);
	assert_non_null(strstr(e.msg, "did not finish in 1 s"));
	buf_release(&out);
}

/* Size: more than max bytes stops it. */
static void
test_output_is_bounded(void **state)
{
	struct buf out;
	struct err e;

	(void)state;
	assert_int_equal(run("yes", NULL, 100000, 5000, &out, &e), -1);
	assert_non_null(strstr(e.msg, "printed more than 100000 bytes"));
	assert_true(out.len <= 100000);
	buf_release(&out);
}

/* Exit status: output is read whatever the status (newsboat does);
 * nothing printed is an error that says how it ended. */
static void
test_exit_status(void **state)
{
	struct buf out;
	struct err e;

	(void)state;
	assert_int_equal(run("echo partial; exit 2", NULL, 1024, 5000, &out, &e), 0);
	assert_string_equal(out.data, "partial\n");
	buf_release(&out);
	assert_int_equal(run("exit 3", NULL, 1024, 5000, &out, &e), -1);
	assert_string_equal(e.msg, "exited with status 3 and printed nothing");
	buf_release(&out);
	assert_int_equal(run("kill -9 $$", NULL, 1024, 5000, &out, &e), -1);
	assert_string_equal(e.msg, "ended by signal 9 and printed nothing");
	buf_release(&out);
}

/* The poll's form: the body replaced by the output, errors named by URL. */
static void
test_filter_replaces_the_body(void **state)
{
	struct buf body;
	struct err e;

	(void)state;
	buf_init(&body, 0);
	buf_addstr(&body, "<title>Kyiv</title>");
	assert_int_equal(exec_feed_filter("filter:sed:https://x/", "sed s/Kyiv/Kiev/", &body,
	    1024, 5000, &e), 0);
	assert_string_equal(body.data, "<title>Kiev</title>");
	assert_int_equal(exec_feed_filter("exec:false", "false", &body, 1024, 5000, &e), -1);
	assert_string_equal(e.msg, "exec:false: exited with status 1 and printed nothing");
	assert_string_equal(body.data, "<title>Kiev</title>");
	buf_release(&body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_through_the_shell),
		cmocka_unit_test(test_input_is_never_shell_text),
		cmocka_unit_test(test_command_that_ignores_its_input),
		cmocka_unit_test(test_timeout_kills_the_group),
		cmocka_unit_test(test_output_is_bounded),
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_filter_replaces_the_body),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
