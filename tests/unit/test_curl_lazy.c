/*
 * Unit tests for net/curl_lazy (the libcurl version check) and for what
 * net/fetch does when libcurl refuses one of its limits: the transfer is
 * refused, never run without the limit.
 *
 * The refusal is injected around curl_easy_setopt: in the lazy build by
 * swapping the entry of the curl_lazy table, in the --disable-lazy-curl
 * build by defining curl_easy_setopt here (the executable's definition wins
 * over libcurl's for fetch.o, linked in statically) and forwarding to
 * libcurl's with dlsym(RTLD_NEXT).  Both builds run every test.
 */
#define _GNU_SOURCE		/* RTLD_NEXT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
/* the table itself, not the macros that rename curl's functions */
#define CURL_LAZY_IMPL
#include "net/curl_lazy.h"
#include "net/fetch.h"
#include "util/xalloc.h"
#include "tmp_cache.h"

static char tmpdir[256];
static char feed_path[sizeof tmpdir + 16];
static char feed_url[sizeof feed_path + 16];
static const char feed_text[] = "<rss version=\"2.0\"><channel/></rss>\n";

/* ---- the version check -------------------------------------------------- */

static void
test_version_check(void **state)
{
	static const struct {
		unsigned found, need;
		const char *msg;	/* NULL: accepted */
	} cases[] = {
		{ 0x075500, 0x075500, NULL },
		{ 0x075501, 0x075500, NULL },
		{ 0x075600, 0x075500, NULL },
		{ 0x080b01, 0x075500, NULL },
		{ 0x075500, 0x073e00, NULL },
		{ 0x075409, 0x075500,
		    "libcurl 7.84.9 is too old: tidings needs 7.85.0 or newer" },
		{ 0x074a00, 0x075500,
		    "libcurl 7.74.0 is too old: tidings needs 7.85.0 or newer" },
		{ 0x073d01, 0x073e00,
		    "libcurl 7.61.1 is too old: tidings needs 7.62.0 or newer" },
		/* an older major with a larger minor is still older */
		{ 0x07ffff, 0x080000,
		    "libcurl 7.255.255 is too old: tidings needs 8.0.0 or newer" },
		{ 0, 0x075500,
		    "libcurl 0.0.0 is too old: tidings needs 7.85.0 or newer" },
	};
	char msg[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(msg, 0, sizeof msg);
		if (cases[i].msg == NULL) {
			assert_int_equal(curl_lazy_check_version(cases[i].found,
			    cases[i].need, msg, sizeof msg), 0);
			assert_string_equal(msg, "");
		} else {
			assert_int_equal(curl_lazy_check_version(cases[i].found,
			    cases[i].need, msg, sizeof msg), -1);
			assert_string_equal(msg, cases[i].msg);
		}
	}
}

/* ---- an injected refusal ------------------------------------------------ */

typedef CURLcode setopt_fn(CURL *, CURLoption, ...);
typedef void any_fn(void);

static setopt_fn *real_setopt;
static CURLoption refuse;	/* the option to refuse; 0: none */
static int refused;		/* how often it was refused */

static CURLcode
setopt_forward(CURL *h, CURLoption opt, va_list ap)
{
	/* the option's number says the type of its argument */
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		return real_setopt(h, opt, va_arg(ap, long));
	if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		return real_setopt(h, opt, va_arg(ap, void *));
	if (opt < CURLOPTTYPE_OFF_T)
		return real_setopt(h, opt, va_arg(ap, any_fn *));
	if (opt < CURLOPTTYPE_BLOB)
		return real_setopt(h, opt, va_arg(ap, curl_off_t));
	return real_setopt(h, opt, va_arg(ap, void *));
}

static CURLcode
setopt_refusing(CURL *h, CURLoption opt, va_list ap)
{
	if (refuse != 0 && opt == refuse) {
		refused++;
		return CURLE_UNKNOWN_OPTION;
	}
	return setopt_forward(h, opt, ap);
}

typedef curl_version_info_data *version_fn(CURLversion);

static version_fn *real_version_info;
static unsigned fake_version;	/* the version libcurl claims; 0: its own */

static curl_version_info_data *
version_claimed(CURLversion age)
{
	static curl_version_info_data fake;
	curl_version_info_data *v = real_version_info(age);

	if (fake_version == 0 || v == NULL)
		return v;
	fake = *v;
	fake.version_num = fake_version;
	return &fake;
}

#if TIDINGS_LAZY_CURL

static CURLcode
setopt_hook(CURL *h, CURLoption opt, ...)
{
	va_list ap;
	CURLcode rc;

	va_start(ap, opt);
	rc = setopt_refusing(h, opt, ap);
	va_end(ap);
	return rc;
}

static void
hook_install(void)
{
	real_setopt = curl_lazy.curl_easy_setopt;
	curl_lazy.curl_easy_setopt = setopt_hook;
	real_version_info = curl_lazy.curl_version_info;
	curl_lazy.curl_version_info = version_claimed;
}

#else

/* in parentheses: <curl/curl.h> makes the name a type-checking macro */
CURLcode
(curl_easy_setopt)(CURL *h, CURLoption opt, ...)
{
	va_list ap;
	CURLcode rc;

	va_start(ap, opt);
	rc = setopt_refusing(h, opt, ap);
	va_end(ap);
	return rc;
}

curl_version_info_data *
curl_version_info(CURLversion age)
{
	return version_claimed(age);
}

/* libcurl's own definition of name, the one after ours */
static void
hook_next(const char *name, void *fnp, size_t size)
{
	void *sym = dlsym(RTLD_NEXT, name);

	if (sym == NULL || size != sizeof sym) {
		fprintf(stderr, "test_curl_lazy: no %s after ours\n", name);
		exit(1);
	}
	/* dlsym gives an object pointer; memcpy turns it into a function pointer */
	memcpy(fnp, &sym, sizeof sym);
}

static void
hook_install(void)
{
	hook_next("curl_easy_setopt", &real_setopt, sizeof real_setopt);
	hook_next("curl_version_info", &real_version_info,
	    sizeof real_version_info);
}

#endif

struct outcome {
	int seen;
	enum fetch_status status;
	size_t len;
	char msg[ERR_MSG_MAX];
};

static void
collect(struct fetch *f, struct fetch_result *r, void *arg)
{
	struct outcome *o = r->user;

	(void)f;
	(void)arg;
	o->seen++;
	o->status = r->status;
	o->len = r->body.len;
	memcpy(o->msg, r->err.msg, sizeof o->msg);
}

/* Fetch the local feed file (file: allowed) and wait for the result. */
static void
fetch_feed(struct outcome *out)
{
	struct fetch_request req = { 0 };
	struct fetch *f;
	struct err e;

	memset(out, 0, sizeof *out);
	f = fetch_new(NULL, collect, NULL);
	req.url = feed_url;
	req.flags = FETCH_ALLOW_FILE;
	req.user = out;
	assert_int_equal(fetch_add(f, &req), 0);
	assert_int_equal(fetch_run(f, &e), 0);
	fetch_free(f);
	assert_int_equal(out->seen, 1);
}

/* With nothing refused the hook passes every option on: the feed arrives. */
static void
test_hook_forwards(void **state)
{
	struct outcome out;

	(void)state;
	refuse = 0;
	refused = 0;
	fetch_feed(&out);
	assert_int_equal(out.status, FETCH_OK);
	assert_int_equal(out.len, strlen(feed_text));
	assert_int_equal(refused, 0);
}

static void
test_refused_limit_refuses_transfer(void **state)
{
	static const struct {
		CURLoption opt;
		const char *name;
	} limits[] = {
#if CURL_LAZY_PROTOCOLS_STR
		{ CURLOPT_PROTOCOLS_STR, "CURLOPT_PROTOCOLS_STR" },
		{ CURLOPT_REDIR_PROTOCOLS_STR, "CURLOPT_REDIR_PROTOCOLS_STR" },
#else
		{ CURLOPT_PROTOCOLS, "CURLOPT_PROTOCOLS" },
		{ CURLOPT_REDIR_PROTOCOLS, "CURLOPT_REDIR_PROTOCOLS" },
#endif
		{ CURLOPT_FOLLOWLOCATION, "CURLOPT_FOLLOWLOCATION" },
		{ CURLOPT_MAXREDIRS, "CURLOPT_MAXREDIRS" },
		{ CURLOPT_MAXFILESIZE_LARGE, "CURLOPT_MAXFILESIZE_LARGE" },
	};
	struct outcome out;
	char want[sizeof feed_url + 128];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		refuse = limits[i].opt;
		refused = 0;
		fetch_feed(&out);
		refuse = 0;
		/* the refusal happened, and nothing was fetched without it */
		assert_int_equal(refused, 1);
		assert_int_not_equal(out.status, FETCH_OK);
		assert_int_equal(out.len, 0);
		n = snprintf(want, sizeof want, "%s: libcurl refused %s (",
		    feed_url, limits[i].name);
		assert_true(n > 0 && (size_t)n < sizeof want);
		assert_memory_equal(out.msg, want, strlen(want));
		assert_non_null(strstr(out.msg, "); not fetched"));
		assert_null(strchr(out.msg, '\n'));
	}
}

/* ---- loading: the version of the library found --------------------------- */

/* The libcurl this machine runs is new enough, and loading checks it. */
static void
test_load_checks_installed_version(void **state)
{
	const curl_version_info_data *v;
	char msg[256] = "";

	(void)state;
	assert_int_equal(curl_lazy_load(msg, sizeof msg), 0);
	assert_string_equal(msg, "");
	v = real_version_info(CURLVERSION_NOW);
	assert_non_null(v);
	assert_true(v->version_num >= CURL_LAZY_NEED_VERSION);
	/* the headers this was built with agree on what "need" means */
	assert_true(LIBCURL_VERSION_NUM >= CURL_LAZY_NEED_VERSION);
}

/* Loading refuses a library older than the build needs, naming both. */
static void
test_load_refuses_old_library(void **state)
{
	char msg[256] = "", want[128];
	unsigned need = CURL_LAZY_NEED_VERSION;

	(void)state;
	fake_version = need - 1;
	assert_int_equal(curl_lazy_load(msg, sizeof msg), -1);
	fake_version = 0;
	snprintf(want, sizeof want, "is too old: tidings needs %u.%u.%u or newer",
	    need >> 16, (need >> 8) & 0xffu, need & 0xffu);
	assert_memory_equal(msg, "libcurl ", 8);
	assert_non_null(strstr(msg, want));
	assert_null(strchr(msg, '\n'));

	/* and the real one is accepted again */
	msg[0] = '\0';
	assert_int_equal(curl_lazy_load(msg, sizeof msg), 0);
}

/* ---- main --------------------------------------------------------------- */

static int
make_feed(void)
{
	if (tmp_dir_make(tmpdir, sizeof tmpdir, "curl-lazy") < 0)
		return -1;
	/* cannot truncate: the sizes are derived from tmpdir's */
	snprintf(feed_path, sizeof feed_path, "%s/feed.xml", tmpdir);
	snprintf(feed_url, sizeof feed_url, "file://%s", feed_path);
	return tmp_file_put(feed_path, feed_text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_check),
		cmocka_unit_test(test_load_checks_installed_version),
		cmocka_unit_test(test_load_refuses_old_library),
		cmocka_unit_test(test_hook_forwards),
		cmocka_unit_test(test_refused_limit_refuses_transfer),
	};
	struct err e;
	int rc;

	if (make_feed() < 0) {
		perror("test_curl_lazy: temporary feed");
		return 1;
	}
#if !TIDINGS_LAZY_CURL
	/* linked: our definitions answer from libcurl's first use on */
	hook_install();
#endif
	if (fetch_global_init(&e) < 0) {
		fprintf(stderr, "test_curl_lazy: %s\n", e.msg);
		return 1;
	}
#if TIDINGS_LAZY_CURL
	/* loaded: the table to hook exists now */
	hook_install();
#endif
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	fetch_global_cleanup();
	tmp_dir_remove(tmpdir);
	return rc;
}
