/*
 * Unit tests for net/download (issue 17) against tests/httpd.py on
 * loopback: each status a download can end with, the free-space and size
 * bounds, resuming, and several at once.  Needs python3 (fails without:
 * see httpd_child.h).
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

#include "app/podcast_download.h"
#include "app/settings.h"
#include "net/download.h"
#include "net/fetch.h"
#include "util/xalloc.h"
#include "tmp_cache.h"
#include "httpd_child.h"

static char tmpdir[TMP_CACHE_DIR_MAX];
static char base[64];

struct outcome {
	int done;
	enum download_status status;
	long http_code;
	long long bytes;
	char msg[ERR_MSG_MAX];
	int progress_calls;
};

static void
on_done(const struct download_result *r, void *arg)
{
	struct outcome *o = (struct outcome *)arg + (uintptr_t)r->user;

	o->done++;
	o->status = r->status;
	o->http_code = r->http_code;
	o->bytes = r->bytes;
	snprintf(o->msg, sizeof o->msg, "%s", r->err.msg);
}

static void
on_progress(void *user, long long have, long long total, void *arg)
{
	struct outcome *o = (struct outcome *)arg + (uintptr_t)user;

	(void)have;
	(void)total;
	o->progress_calls++;
}

/* Run one download of base+path to tmpdir/name with opts; its outcome. */
static struct outcome
one(const char *path, const char *name, const struct download_opts *opts)
{
	struct outcome o[1];
	struct download *d;
	struct err e;
	char url[256], file[512];

	memset(o, 0, sizeof o);
	snprintf(url, sizeof url, "%s%s", base, path);
	snprintf(file, sizeof file, "%s/%s", tmpdir, name);
	d = download_new(opts, on_done, on_progress, o);
	download_add(d, url, file, (void *)(uintptr_t)0);
	assert_int_equal(download_run(d, &e), 0);
	download_free(d);
	assert_int_equal(o[0].done, 1);
	return o[0];
}

static int
exists(const char *name)
{
	char file[512];

	snprintf(file, sizeof file, "%s/%s", tmpdir, name);
	return access(file, F_OK) == 0;
}

static void
test_statuses(void **state)
{
	struct download_opts opts = { 0 };
	struct outcome o;

	(void)state;
	o = one("/media?n=700000", "ok.mp3", &opts);
	assert_int_equal(o.status, DOWNLOAD_OK);
	assert_int_equal(o.bytes, 700000);
	assert_true(o.progress_calls >= 2);	/* along the way and at the end */
	assert_true(exists("ok.mp3") && !exists("ok.mp3.part"));

	o = one("/status?code=404", "gone.mp3", &opts);
	assert_int_equal(o.status, DOWNLOAD_HTTP_ERROR);
	assert_int_equal(o.http_code, 404);
	assert_non_null(strstr(o.msg, "HTTP 404"));
	assert_false(exists("gone.mp3") || exists("gone.mp3.part"));

	o = one("/tofile", "file.mp3", &opts);	/* a redirect to file:// */
	assert_int_not_equal(o.status, DOWNLOAD_OK);
	assert_false(exists("file.mp3"));

	/* a short body, no retries: the part keeps what came */
	opts.retries = 0;
	o = one("/media?n=5000&cut=1000", "short.mp3", &opts);
	assert_int_equal(o.status, DOWNLOAD_NETWORK);
	assert_true(exists("short.mp3.part") && !exists("short.mp3"));
	/* one retry resumes it */
	opts.retries = 1;
	o = one("/media?n=5000&cut=1000", "short.mp3", &opts);
	assert_int_equal(o.status, DOWNLOAD_OK);
	assert_int_equal(o.bytes, 5000);
}

static void
test_bounds(void **state)
{
	struct download_opts opts = { 0 };
	struct outcome o;

	(void)state;
	/* Content-Length over the cap: stopped before a byte is written */
	opts.max_size = 1000;
	o = one("/media?n=5000", "big.mp3", &opts);
	assert_int_equal(o.status, DOWNLOAD_TOO_BIG);
	assert_non_null(strstr(o.msg, "over the limit of 1000"));
	assert_false(exists("big.mp3"));
	/* no Content-Length: stopped as the bytes pass the cap */
	opts.max_size = 100000;
	o = one("/big?mb=1", "big2.mp3", &opts);
	assert_int_equal(o.status, DOWNLOAD_TOO_BIG);
	assert_false(exists("big2.mp3"));

	/* a file system that would keep less than min_free: nothing written */
	memset(&opts, 0, sizeof opts);
	opts.min_free = (long long)1 << 60;
	o = one("/media?n=5000", "full.mp3", &opts);
	assert_int_equal(o.status, DOWNLOAD_NO_SPACE);
	assert_non_null(strstr(o.msg, "not enough free space"));
	assert_false(exists("full.mp3"));

	/* not http(s) */
	{
		struct outcome out[1];
		struct download *d;
		struct err e;
		char file[512];

		memset(out, 0, sizeof out);
		snprintf(file, sizeof file, "%s/x.mp3", tmpdir);
		d = download_new(NULL, on_done, NULL, out);
		download_add(d, "file:///etc/passwd", file, (void *)(uintptr_t)0);
		assert_int_equal(download_run(d, &e), 0);
		download_free(d);
		assert_int_equal(out[0].status, DOWNLOAD_BAD_URL);
		assert_false(exists("x.mp3") || exists("x.mp3.part"));
	}
}

static void
test_several_at_once(void **state)
{
	struct download_opts opts = { .max_parallel = 2 };
	struct outcome o[5];
	struct download *d;
	struct err e;
	char url[256], file[512];
	size_t i;

	(void)state;
	memset(o, 0, sizeof o);
	d = download_new(&opts, on_done, on_progress, o);
	for (i = 0; i < 5; i++) {
		snprintf(url, sizeof url, "%s/media?n=%zu", base, 1000 * (i + 1));
		snprintf(file, sizeof file, "%s/many%zu.mp3", tmpdir, i);
		download_add(d, url, file, (void *)(uintptr_t)i);
	}
	assert_int_equal(download_run(d, &e), 0);
	download_free(d);
	for (i = 0; i < 5; i++) {
		assert_int_equal(o[i].done, 1);
		assert_int_equal(o[i].status, DOWNLOAD_OK);
		assert_int_equal(o[i].bytes, (long long)(1000 * (i + 1)));
	}
}

/* The reader's way: its own descriptor (a pipe, as the keyboard) polled
 * with the downloads', answered while they run. */
static void
test_event_loop(void **state)
{
	struct outcome o[2];
	struct download *d;
	struct pollfd fds[64];
	char url[256], file[512], c;
	int p[2], wait, n, heard = 0, steps = 0;
	size_t nfds, i;

	(void)state;
	memset(o, 0, sizeof o);
	assert_int_equal(pipe(p), 0);
	d = download_new(NULL, on_done, on_progress, o);
	for (i = 0; i < 2; i++) {
		snprintf(url, sizeof url, "%s/drip?n=5&ms=50", base);
		snprintf(file, sizeof file, "%s/loop%zu.txt", tmpdir, i);
		download_add(d, url, file, (void *)(uintptr_t)i);
	}
	assert_int_equal(write(p[1], "k", 1), 1);
	assert_int_equal(download_pending(d), 2);
	while (download_pending(d) > 0 && steps++ < 10000) {
		fds[0].fd = p[0];
		fds[0].events = POLLIN;
		fds[0].revents = 0;
		wait = -1;
		nfds = download_fds(d, fds + 1, 63, &wait);
		assert_true(wait >= 0 && wait <= 1000);
		n = poll(fds, nfds + 1, wait);
		assert_true(n >= 0);
		if (fds[0].revents & POLLIN) {
			assert_int_equal(read(p[0], &c, 1), 1);
			heard = download_pending(d) > 0;	/* while they ran */
		}
		(void)download_step(d, fds + 1, n > 0 ? nfds : 0);
	}
	download_free(d);
	close(p[0]);
	close(p[1]);
	assert_true(heard);
	for (i = 0; i < 2; i++) {
		assert_int_equal(o[i].status, DOWNLOAD_OK);
		assert_int_equal(o[i].bytes, 5);
	}
}

/* podboat's + and -: max-downloads changed while downloads run */
static void
test_set_max_while_running(void **state)
{
	struct outcome o[3];
	struct download *d;
	struct download_opts opts = { .max_parallel = 1 };
	struct pollfd fds[64];
	char url[256], file[512];
	int wait;
	size_t i;

	(void)state;
	memset(o, 0, sizeof o);
	d = download_new(&opts, on_done, on_progress, o);
	for (i = 0; i < 3; i++) {
		/* slow enough to be running still when the test looks */
		snprintf(url, sizeof url, "%s/drip?n=3&ms=3000&k=%zu", base, i);
		snprintf(file, sizeof file, "%s/max%zu.txt", tmpdir, i);
		download_add(d, url, file, (void *)(uintptr_t)i);
	}
	/* a download starts by opening its part */
	wait = -1;
	(void)download_fds(d, fds, 64, &wait);
	assert_true(exists("max0.txt.part"));
	assert_false(exists("max1.txt.part"));
	download_set_max(d, 3);
	(void)download_fds(d, fds, 64, &wait);
	assert_true(exists("max1.txt.part"));
	assert_true(exists("max2.txt.part"));
	/* lower: the running ones go on */
	download_set_max(d, 0);
	(void)download_fds(d, fds, 64, &wait);
	assert_int_equal(download_pending(d), 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(download_cancel(d, (void *)(uintptr_t)i), 1);
	download_free(d);
	for (i = 0; i < 3; i++)
		assert_int_equal(o[i].status, DOWNLOAD_CANCELLED);
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * max-download-speed in the reader's way (download_fds, poll,
 * download_step): two downloads at once, 256 KB each at 64 KB/s each,
 * take at least 1.5 s (4 s at the limit; libcurl's first burst may be
 * 100 KB, download_buffer_size says why) (a lower bound only: from loopback they take
 * milliseconds without the limit, libcurl reading the whole file in one
 * socket_action), come out whole, and the loop waits on libcurl's timer
 * between reads rather than spinning (a bounded number of steps).
 */
static void
test_speed_limit(void **state)
{
	struct download_opts opts = { .max_parallel = 2, .max_speed = 64 * 1024 };
	struct outcome o[2];
	struct download *d;
	struct pollfd fds[64];
	char url[256], file[512];
	int wait, n, steps = 0;
	long long t0, took;
	size_t nfds, i;

	(void)state;
	memset(o, 0, sizeof o);
	d = download_new(&opts, on_done, on_progress, o);
	for (i = 0; i < 2; i++) {
		snprintf(url, sizeof url, "%s/media?n=%zu", base, (size_t)262144 + i);
		snprintf(file, sizeof file, "%s/slow%zu.mp3", tmpdir, i);
		download_add(d, url, file, (void *)(uintptr_t)i);
	}
	t0 = now_ms();
	while (download_pending(d) > 0 && steps++ < 100000) {
		wait = -1;
		nfds = download_fds(d, fds, 64, &wait);
		if (steps == 1)
			assert_int_equal(download_active(d), 2);	/* each its own limit */
		n = poll(fds, nfds, wait);
		assert_true(n >= 0);
		(void)download_step(d, fds, n > 0 ? nfds : 0);
	}
	took = now_ms() - t0;
	download_free(d);
	for (i = 0; i < 2; i++) {
		assert_int_equal(o[i].status, DOWNLOAD_OK);
		assert_int_equal(o[i].bytes, 262144 + (long long)i);
	}
	print_message("2 x 256 KB at 64 KB/s each: %lld ms, %d steps\n", took, steps);
	if (took < 1500)
		fail_msg("2 x 256 KB at 64 KB/s each took %lld ms, under 1500", took);
	if (steps > 2000)
		fail_msg("%d steps for 2 x 256 KB: the loop spins", steps);
}

/*
 * The options both callers (tidings download, the podcast view) take from
 * the config through podcast_download_opts: podboat's KB are 1024 bytes,
 * 0 and nonsense are no limit; --jobs (max_parallel > 0) wins over
 * max-downloads.
 */
static void
test_opts_from_config(void **state)
{
	static const struct {
		const char *config;
		int jobs;
		long long max_speed;
		int max_parallel, retries;
	} cases[] = {
		{ "", 0, 0, 1, 1 },
		{ "max-download-speed 128\nmax-downloads 3\ndownload-retries 4\n", 0,
		    131072, 3, 4 },
		{ "max-download-speed 1\n", 5, 1024, 5, 1 },
		{ "max-download-speed 0\n", 0, 0, 1, 1 },
		{ "max-download-speed -5\n", 0, 0, 1, 1 },
	};
	struct download_opts o;
	struct settings cfg;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		settings_init(&cfg);
		settings_load_string(&cfg, cases[i].config, strlen(cases[i].config));
		podcast_download_opts(&o, &cfg, cases[i].jobs);
		if (o.max_speed != cases[i].max_speed || o.max_parallel != cases[i].max_parallel ||
		    o.retries != cases[i].retries)
			fail_msg("case %zu: max_speed %lld, max_parallel %d, retries %d", i,
			    o.max_speed, o.max_parallel, o.retries);
		settings_release(&cfg);
	}
}

static int
group_setup(void **state)
{
	struct err e;
	long port;

	(void)state;
	if (tmp_dir_make(tmpdir, sizeof tmpdir, "download") < 0)
		return -1;
	if (fetch_global_init(&e) < 0) {
		fprintf(stderr, "test_download: %s\n", e.msg);
		return -1;
	}
	if ((port = httpd_child_start(tmpdir, "test_download")) < 0)
		return -1;
	snprintf(base, sizeof base, "http://127.0.0.1:%ld", port);
	setenv("no_proxy", "127.0.0.1", 1);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	httpd_child_stop();
	tmp_dir_remove(tmpdir);
	fetch_global_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_several_at_once),
		cmocka_unit_test(test_event_loop),
		cmocka_unit_test(test_set_max_while_running),
		cmocka_unit_test(test_speed_limit),
		cmocka_unit_test(test_opts_from_config),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
