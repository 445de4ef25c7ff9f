/*
 * Unit tests for app/sync's JSON mapping (tt-rss answers recorded from the
 * real server in tests/data/sync/; Miniflux's and the Google Reader API's
 * from the replay pairs written from their docs, tests/data/sync/miniflux/
 * and greader/; hostile ones) and store/sync's
 * journal, on a real cache.  The whole client against a real tt-rss is
 * tests/e2e/sync-ttrss.sh.
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

#include "app/sync_priv.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/sync.h"
#include "util/xalloc.h"
#include "cache_count.h"
#include "tmp_cache.h"

/* The whole of tests/data/sync/NAME. */
static json_t *
loaded(const char *name)
{
	const char *top = getenv("top_srcdir");
	json_error_t je;
	json_t *j;
	char *path;

	path = xasprintf("%s/tests/data/sync/%s", top != NULL ? top : ".", name);
	j = json_load_file(path, 0, &je);
	if (j == NULL)
		fail_msg("%s: %s", path, je.text);
	free(path);
	return j;
}

/* The "content" of a recorded answer in tests/data/sync/NAME. */
static json_t *
recorded(const char *name)
{
	json_t *j = loaded(name), *c;

	c = json_incref(json_object_get(j, "content"));
	json_decref(j);
	assert_non_null(c);
	return c;
}

/* The answer ("json") of the first pair of a replay file (written from
 * the server's docs) for method and path, a new reference. */
static json_t *
replayed(const char *name, const char *method, const char *path)
{
	json_t *j = loaded(name), *p, *ans = NULL;
	size_t i;

	json_array_foreach(json_object_get(j, "pairs"), i, p) {
		if (strcmp(json_string_value(json_object_get(p, "method")), method) == 0 &&
		    strcmp(json_string_value(json_object_get(p, "path")), path) == 0) {
			ans = json_incref(json_object_get(p, "json"));
			break;
		}
	}
	json_decref(j);
	if (ans == NULL)
		fail_msg("%s: no pair %s %s", name, method, path);
	return ans;
}

static void
test_ttrss_subscriptions(void **state)
{
	json_t *feeds = recorded("ttrss-getFeeds.json");
	json_t *cats = recorded("ttrss-getCategories.json");
	struct sync_sub *s;
	struct err e = { { 0 } };
	size_t n;

	(void)state;
	assert_int_equal(sync_ttrss_parse_subs(feeds, cats, &s, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].remote, "201");
	assert_string_equal(s[0].url, "http://127.0.0.1:41595/example.xml");
	assert_string_equal(s[0].title, "Example News");
	assert_string_equal(s[0].tag, "Tech");
	/* category 0 is "Uncategorized": no tag */
	assert_string_equal(s[1].remote, "202");
	assert_null(s[1].tag);
	sync_subs_free(s, n);
	/* an answer that is no list is an error, not an empty server */
	assert_int_equal(sync_ttrss_parse_subs(cats, json_object_get(feeds, "x"), &s, &n, &e), -1);
	json_decref(feeds);
	json_decref(cats);
}

static void
test_ttrss_headlines(void **state)
{
	json_t *list = recorded("ttrss-getHeadlines.json");
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t max = 0;

	(void)state;
	assert_int_equal(sync_ttrss_parse_headlines(list, &it, &n, &cap, &max, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(max, 303);
	assert_string_equal(it[0].remote, "301");
	assert_string_equal(it[0].feed_remote, "201");
	assert_string_equal(it[0].item.title, "First story");
	assert_string_equal(it[0].item.link, "http://127.0.0.1:41595/a1.html");
	assert_string_equal(it[0].item.author, "Ann");
	assert_int_equal(it[0].item.published, 1796678285);
	assert_string_equal(it[0].item.content, "<p>Server text one</p>");
	assert_non_null(strstr(it[0].text, "Server text one"));
	assert_int_equal(it[0].read, 1);	/* "unread": false */
	assert_int_equal(it[0].starred, 0);
	assert_int_equal(it[1].read, 0);
	assert_int_equal(it[1].starred, 1);	/* "marked": true */
	sync_items_free(it, n);
	json_decref(list);
}

static void
test_ttrss_headlines_hostile(void **state)
{
	json_t *list = recorded("ttrss-getHeadlines-hostile.json");
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t max = 0;

	(void)state;
	assert_int_equal(sync_ttrss_parse_headlines(list, &it, &n, &cap, &max, &e), 0);
	/* a text id and a non-object are no items; fields of the wrong type
	 * are absent, never misread */
	assert_int_equal(n, 3);
	assert_string_equal(it[0].remote, "402");
	assert_string_equal(it[0].feed_remote, "202");
	assert_int_equal(it[0].read, 0);	/* "t" is PostgreSQL's true */
	assert_int_equal(it[0].starred, 1);
	assert_null(it[0].item.title);
	assert_null(it[0].item.link);
	assert_null(it[0].item.author);
	assert_null(it[0].item.content);
	assert_null(it[0].text);
	assert_int_equal(it[0].item.published, 0);
	assert_string_equal(it[1].remote, "403");
	assert_string_equal(it[1].feed_remote, "");
	assert_int_equal(max, INT64_MAX);
	sync_items_free(it, n);
	/* not a list */
	n = 0;
	it = NULL;
	assert_int_equal(sync_ttrss_parse_headlines(json_object_get(list, "x"), &it, &n, &cap,
	    &max, &e), -1);
	json_decref(list);
}

/* ---- Miniflux ---------------------------------------------------------- */

static void
test_miniflux_feeds(void **state)
{
	json_t *feeds = replayed("miniflux/first.json", "GET", "/v1/feeds");
	struct sync_sub *s;
	struct err e = { { 0 } };
	size_t n;

	(void)state;
	assert_int_equal(sync_miniflux_parse_feeds(feeds, &s, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].remote, "42");
	assert_string_equal(s[0].url, "@PAGES@/example.xml");
	assert_string_equal(s[0].title, "Example News");
	assert_string_equal(s[0].tag, "Tech");
	/* Miniflux's default category is a category like any other */
	assert_string_equal(s[1].tag, "All");
	sync_subs_free(s, n);
	assert_int_equal(sync_miniflux_parse_feeds(json_object_get(feeds, "x"), &s, &n, &e), -1);
	json_decref(feeds);
}

static void
test_miniflux_entries(void **state)
{
	json_t *ans = replayed("miniflux/first.json", "GET", "/v1/entries");
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t max = 0;
	long long total;

	(void)state;
	assert_int_equal(sync_miniflux_parse_entries(ans, &it, &n, &cap, &max, &total, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(max, 890);
	assert_int_equal(total, 3);
	assert_string_equal(it[0].remote, "888");
	assert_string_equal(it[0].feed_remote, "42");
	assert_string_equal(it[0].item.title, "First story");
	assert_string_equal(it[0].item.link, "@PAGES@/a1.html");
	assert_string_equal(it[0].item.author, "Ann");
	assert_string_equal(it[0].item.content, "<p>Server text one</p>");
	assert_non_null(strstr(it[0].text, "Server text one"));
	/* "2023-08-01T18:33:22.000000-07:00" */
	assert_int_equal(it[0].item.published, 1690940002);
	assert_int_equal(it[0].read, 0);
	assert_int_equal(it[0].starred, 0);
	assert_int_equal(it[1].read, 1);	/* "status": "read" */
	assert_int_equal(it[1].starred, 1);
	sync_items_free(it, n);
	json_decref(ans);
}

static void
test_miniflux_entries_hostile(void **state)
{
	json_t *ans = loaded("miniflux-entries-hostile.json"), *none;
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t max = 0;
	long long total;

	(void)state;
	assert_int_equal(sync_miniflux_parse_entries(ans, &it, &n, &cap, &max, &total, &e), 0);
	/* a text id, a negative one and the non-objects are no entries;
	 * fields of the wrong type are absent, never misread */
	assert_int_equal(n, 2);
	assert_int_equal(total, -1);
	assert_string_equal(it[0].remote, "901");
	assert_string_equal(it[0].feed_remote, "42");
	assert_null(it[0].item.title);
	assert_null(it[0].item.link);
	assert_null(it[0].item.content);
	assert_null(it[0].item.author);
	assert_int_equal(it[0].item.published, 0);
	assert_int_equal(it[0].read, 0);	/* a status that is no string */
	assert_int_equal(it[0].starred, 0);	/* "yes" is no JSON truth */
	assert_string_equal(it[1].remote, "9223372036854775807");
	assert_int_equal(it[1].item.published, 1691046000);
	assert_int_equal(it[1].read, 1);
	assert_int_equal(it[1].starred, 1);
	assert_int_equal(max, INT64_MAX);
	sync_items_free(it, n);
	/* no entries at all: Go writes null */
	none = json_pack("{s:i, s:n}", "total", 0, "entries");
	n = 0;
	it = NULL;
	assert_int_equal(sync_miniflux_parse_entries(none, &it, &n, &cap, &max, &total, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(sync_miniflux_parse_entries(json_object_get(ans, "entries"), &it, &n, &cap,
	    &max, &total, &e), -1);
	json_decref(none);
	json_decref(ans);
}

static void
test_miniflux_entry_value(void **state)
{
	json_t *unread = replayed("miniflux/push.json", "GET", "/v1/entries/888");
	json_t *starred = replayed("miniflux/push.json", "GET", "/v1/entries/889");
	json_t *gone = replayed("miniflux/nopush.json", "GET", "/v1/entries/889");

	(void)state;
	assert_int_equal(sync_miniflux_entry_value(unread, SYNC_FIELD_READ), 0);
	assert_int_equal(sync_miniflux_entry_value(unread, SYNC_FIELD_STARRED), 0);
	assert_int_equal(sync_miniflux_entry_value(starred, SYNC_FIELD_READ), 1);
	assert_int_equal(sync_miniflux_entry_value(starred, SYNC_FIELD_STARRED), 1);
	/* a 404's {"error_message": ...} is no entry */
	assert_int_equal(sync_miniflux_entry_value(gone, SYNC_FIELD_READ), -1);
	json_decref(unread);
	json_decref(starred);
	json_decref(gone);
}

/* ---- the Google Reader API ---------------------------------------------- */

#define READING_LIST "/api/greader.php/reader/api/0/stream/contents/" \
	"user/-/state/com.google/reading-list"

static void
test_greader_subscriptions(void **state)
{
	json_t *fresh = replayed("greader/first.json", "GET",
	    "/api/greader.php/reader/api/0/subscription/list");
	json_t *old = loaded("oldreader-subscription-list.json");
	json_t *ino = loaded("inoreader-subscription-list.json");
	struct sync_sub *s;
	struct err e = { { 0 } };
	size_t n;

	(void)state;
	assert_int_equal(sync_greader_parse_subs(fresh, &s, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].remote, "feed/@PAGES@/example.xml");
	assert_string_equal(s[0].url, "@PAGES@/example.xml");
	assert_string_equal(s[0].title, "Example News");
	assert_string_equal(s[0].tag, "Tech");
	assert_null(s[1].tag);
	sync_subs_free(s, n);
	/* The Old Reader: ObjectIds, the URL in url */
	assert_int_equal(sync_greader_parse_subs(old, &s, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(s[0].remote, "feed/00157a17b192950b65be3791");
	assert_string_equal(s[0].url, "http://xkcd.com/rss.xml");
	assert_string_equal(s[0].tag, "Comics");
	sync_subs_free(s, n);
	/* Inoreader: a feed with no url member is its id's; a label and a
	 * number id are no subscriptions */
	assert_int_equal(sync_greader_parse_subs(ino, &s, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].tag, "MUST READ");
	assert_string_equal(s[1].url, "http://no-url.example/rss");
	assert_null(s[1].tag);
	sync_subs_free(s, n);
	assert_int_equal(sync_greader_parse_subs(json_object_get(old, "subscriptions"), &s, &n,
	    &e), -1);
	json_decref(fresh);
	json_decref(old);
	json_decref(ino);
}

static void
test_greader_items(void **state)
{
	json_t *ans = replayed("greader/first.json", "GET", READING_LIST);
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t newest = 0;
	char *cont;

	(void)state;
	assert_int_equal(sync_greader_parse_items(ans, &it, &n, &cap, &newest, &cont, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(cont, "page-2");
	/* crawlTimeMsec 1691000000500 */
	assert_int_equal(newest, 1691000000);
	/* the long id in items/ids' short form */
	assert_string_equal(it[0].remote, "1691000000000003");
	assert_string_equal(it[0].feed_remote, "feed/@PAGES@/loose.xml");
	assert_string_equal(it[0].item.title, "Loose story");
	assert_string_equal(it[0].item.link, "@PAGES@/a3.html");
	assert_string_equal(it[0].item.content, "<p>Server text three</p>");
	assert_int_equal(it[0].item.published, 1691000000);
	assert_int_equal(it[0].read, 0);
	assert_int_equal(it[0].starred, 0);
	assert_string_equal(it[1].item.author, "Bob");
	assert_int_equal(it[1].read, 1);
	assert_int_equal(it[1].starred, 1);
	free(cont);
	sync_items_free(it, n);
	json_decref(ans);
}

static void
test_greader_items_hostile(void **state)
{
	json_t *ans = loaded("greader-contents-hostile.json");
	struct sync_item_in *it = NULL;
	struct err e = { { 0 } };
	size_t n = 0, cap = 0;
	int64_t newest = 0;
	char *cont;

	(void)state;
	assert_int_equal(sync_greader_parse_items(ans, &it, &n, &cap, &newest, &cont, &e), 0);
	assert_int_equal(n, 3);
	assert_null(cont);	/* a continuation that is no string */
	/* all 64 bits set: items/ids' -1 */
	assert_string_equal(it[0].remote, "-1");
	assert_string_equal(it[0].feed_remote, "feed/x");
	assert_int_equal(it[0].read, 1);	/* user/ID/state/... counts as user/-/ */
	assert_int_equal(it[0].starred, 0);	/* "starred-not" is another tag */
	assert_int_equal(it[0].item.published, 1691000000);
	/* not hex: kept as it is; no origin, categories no list */
	assert_string_equal(it[1].remote, "00000000000000zz");
	assert_string_equal(it[1].feed_remote, "");
	assert_int_equal(it[1].read, 0);
	/* The Old Reader's ObjectId tail is kept */
	assert_string_equal(it[2].remote, "5f3c9a2b1d4e6f7a8b9c0d1e");
	assert_string_equal(it[2].item.link, "http://x/a");
	assert_string_equal(it[2].item.content, "<p>c</p>");
	assert_int_equal(it[2].item.published, 0);
	assert_int_equal(newest, 1691000123);
	sync_items_free(it, n);
	n = 0;
	it = NULL;
	assert_int_equal(sync_greader_parse_items(json_object_get(ans, "items"), &it, &n, &cap,
	    &newest, &cont, &e), -1);
	json_decref(ans);
}

static void
test_greader_ids(void **state)
{
	json_t *ans = replayed("greader/first.json", "GET",
	    "/api/greader.php/reader/api/0/stream/items/ids");
	json_t *empty = json_object(), *bad = json_pack("{s:i}", "itemRefs", 3);
	json_t *nums = json_pack("{s:[{s:I}, {s:s}, {s:s}]}", "itemRefs", "id",
	    (json_int_t)1691000000000001, "id", "", "id", "9");
	struct sync_ids ids = { 0 };
	struct err e = { { 0 } };

	(void)state;
	assert_int_equal(sync_greader_parse_ids(ans, &ids, &e), 0);
	assert_int_equal(ids.n, 2);
	assert_string_equal(ids.v[0], "1691000000000001");
	assert_string_equal(ids.v[1], "1691000000000003");
	sync_ids_release(&ids);
	/* FreshRSS leaves itemRefs out when there are none */
	assert_int_equal(sync_greader_parse_ids(empty, &ids, &e), 0);
	assert_int_equal(ids.n, 0);
	assert_int_equal(sync_greader_parse_ids(bad, &ids, &e), -1);
	/* a number id is read as decimal; an empty one is none */
	assert_int_equal(sync_greader_parse_ids(nums, &ids, &e), 0);
	assert_int_equal(ids.n, 2);
	assert_string_equal(ids.v[0], "1691000000000001");
	sync_ids_release(&ids);
	json_decref(ans);
	json_decref(empty);
	json_decref(bad);
	json_decref(nums);
}

static void
test_greader_id(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "tag:google.com,2005:reader/item/000601f49e50b001", "1691000000000001" },
		{ "tag:google.com,2005:reader/item/0000000000000000", "0" },
		{ "tag:google.com,2005:reader/item/7fffffffffffffff", "9223372036854775807" },
		{ "tag:google.com,2005:reader/item/8000000000000000", "-9223372036854775808" },
		{ "tag:google.com,2005:reader/item/FFFFFFFFFFFFFFFE", "-2" },
		{ "tag:google.com,2005:reader/item/5f3c9a2b1d4e6f7a8b9c0d1e",
		  "5f3c9a2b1d4e6f7a8b9c0d1e" },
		{ "tag:google.com,2005:reader/item/", "" },
		{ "1691000000000001", "1691000000000001" },
		{ "tag:google.com,2005:reader/item/-006020f2b6bd001", "-006020f2b6bd001" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = sync_greader_id(cases[i].in);

		if (strcmp(got, cases[i].out) != 0)
			fail_msg("%s: got %s, want %s", cases[i].in, got, cases[i].out);
		free(got);
	}
}

static void
test_form_and_base64(void **state)
{
	static const struct { const char *in, *out; } b64[] = {
		{ "", "" }, { "a", "YQ==" }, { "ab", "YWI=" }, { "abc", "YWJj" },
		{ "admin:secret", "YWRtaW46c2VjcmV0" }, { "\xc3\xa9:\xff", "w6k6/w==" },
	};
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 4096);
	sync_form_add(&b, "s", "user/-/state/com.google/read");
	sync_form_add(&b, "a b", "x&y=z+\xc3\xa9~._-");
	assert_string_equal(b.data, "s=user%2F-%2Fstate%2Fcom.google%2Fread&"
	    "a%20b=x%26y%3Dz%2B%C3%A9~._-");
	buf_release(&b);
	for (i = 0; i < sizeof b64 / sizeof b64[0]; i++) {
		char *got = sync_base64(b64[i].in);

		assert_string_equal(got, b64[i].out);
		free(got);
	}
}

/* ---- the servers -------------------------------------------------------- */

static void
test_servers(void **state)
{
	static const struct { const char *line, *server, *fixed; int warns; } cases[] = {
		{ "urls-source \"ttrss\"", "ttrss", NULL, 0 },
		{ "urls-source \"miniflux\"", "miniflux", NULL, 0 },
		{ "urls-source \"freshrss\"", "freshrss", NULL, 0 },
		{ "urls-source \"oldreader\"", "oldreader", "https://theoldreader.com", 0 },
		{ "urls-source \"inoreader\"", "inoreader", "https://www.inoreader.com", 0 },
		/* servers this tidings does not speak: a warning, the urls file */
		{ "urls-source \"newsblur\"", NULL, NULL, 1 },
		{ "urls-source \"feedbin\"", NULL, NULL, 1 },
		{ "urls-source \"local\"", NULL, NULL, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct settings cfg;
		struct err e = { { 0 } };
		const struct sync_server *srv;
		const char *got;

		settings_init(&cfg);
		assert_int_equal(settings_parse_line(&cfg, cases[i].line, &e), cases[i].warns ? -1 : 0);
		got = sync_server(&cfg);
		if (cases[i].server == NULL) {
			assert_null(got);
		} else {
			assert_non_null(got);
			assert_string_equal(got, cases[i].server);
			srv = sync_server_find(got);
			assert_non_null(srv);
			if (cases[i].fixed == NULL)
				assert_null(srv->fixed_url);
			else
				assert_string_equal(srv->fixed_url, cases[i].fixed);
		}
		settings_release(&cfg);
	}
	/* Inoreader's application headers; Miniflux's token options */
	assert_true(sync_server_find("inoreader")->app_id >= 0);
	assert_true(sync_server_find("inoreader")->app_key >= 0);
	assert_true(sync_server_find("miniflux")->token >= 0);
	assert_true(sync_server_find("freshrss")->token < 0);
	assert_ptr_equal(sync_server_find("oldreader")->driver, &sync_greader);
}

/* ---- store/sync -------------------------------------------------------- */

struct fixture {
	char dir[TMP_CACHE_DIR_MAX];
	char *path;
	struct db *db;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	*state = f;
	return tmp_cache_open(f->dir, sizeof f->dir, "sync", &f->path, &f->db);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tmp_cache_remove(f->dir, f->path, f->db);
	free(f);
	return 0;
}

/* Two feeds and three items from a server: 1 unread, 2 read and starred,
 * 3 of a feed the server did not list. */
static int
seed(struct db *db)
{
	struct sync_feed_in feeds[] = {
		{ "201", "http://s/a.xml", "A", "Tech" },
		{ "202", "http://s/b.xml", "B", NULL },
	};
	struct sync_item_in it[3];
	struct err e = { { 0 } };
	int added, orphans;

	memset(it, 0, sizeof it);
	it[0] = (struct sync_item_in){ .remote = "301", .feed_remote = "201", .read = 0 };
	it[0].item.title = (char *)"one";
	it[0].item.link = (char *)"http://s/1.html";
	it[1] = (struct sync_item_in){ .remote = "302", .feed_remote = "202", .read = 1,
	    .starred = 1 };
	it[1].item.title = (char *)"two";
	it[2] = (struct sync_item_in){ .remote = "303", .feed_remote = "999" };
	assert_int_equal(sync_cache_feeds(db, feeds, 2, 1000, &e), 0);
	assert_int_equal(sync_cache_items(db, it, 3, 1000, 0, 0, &added, &orphans, &e), 0);
	assert_int_equal(orphans, 1);
	return added;
}

static int64_t
item_id(struct db *db, const char *remote)
{
	char *sql = xasprintf("SELECT item_id FROM sync_items WHERE remote = '%s'", remote);
	int id = count(db, sql);

	free(sql);
	return id;
}

static void
test_store_items_and_tags(void **state)
{
	struct fixture *f = *state;
	struct err e = { { 0 } };

	assert_int_equal(seed(f->db), 2);
	assert_int_equal(sync_cache_active(f->db, &e), 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds WHERE listed = 1"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feed_tags WHERE tag = 'Tech'"), 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM feeds WHERE last_status = 'ok' "
	    "AND last_poll = 1000"), 2);
	assert_int_equal(count(f->db, "SELECT read + 2 * starred FROM items WHERE title = 'two'"), 3);
	/* what the server said is no local change */
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_journal"), 0);
	/* a second sync of the same items adds nothing */
	assert_int_equal(seed(f->db), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), 2);
	/* an id seen before under another feed names the new item */
	{
		struct sync_item_in moved = { .remote = "301", .feed_remote = "202" };
		int added, orphans;

		moved.item.title = (char *)"one, moved";
		assert_int_equal(sync_cache_items(f->db, &moved, 1, 1000, 0, 0, &added, &orphans,
		    &e), 0);
		assert_int_equal(added, 1);
		assert_int_equal(count(f->db, "SELECT count(*) FROM sync_items s JOIN items i "
		    "ON i.id = s.item_id WHERE s.remote = '301' AND i.title = 'one, moved'"), 1);
	}
}

static void
test_store_journal(void **state)
{
	struct fixture *f = *state;
	struct sync_change *c;
	struct err e = { { 0 } };
	size_t n;

	seed(f->db);
	/* every path that sets a flag journals it: the store call the reader
	 * and the views use, and marking a whole feed read */
	assert_int_equal(items_set_read(f->db, item_id(f->db, "301"), 1, &e), 0);
	assert_int_equal(items_set_starred(f->db, item_id(f->db, "302"), 0, &e), 0);
	assert_int_equal(items_set_starred(f->db, item_id(f->db, "302"), 1, &e), 0);
	assert_int_equal(items_set_starred(f->db, item_id(f->db, "302"), 0, &e), 0);
	assert_int_equal(sync_cache_journal(f->db, &c, &n, &e), 0);
	assert_int_equal(n, 2);
	/* in the order made (of the last entry), collapsed per item and flag */
	assert_string_equal(c[0].remote, "301");
	assert_int_equal(c[0].field, SYNC_FIELD_READ);
	assert_int_equal(c[0].value, 1);
	assert_int_equal(c[0].base, 0);
	assert_string_equal(c[0].title, "one");
	assert_string_equal(c[1].remote, "302");
	assert_int_equal(c[1].field, SYNC_FIELD_STARRED);
	assert_int_equal(c[1].value, 0);
	assert_int_equal(c[1].base, 1);	/* the server's, before all three */

	/* the server's state does not undo a change still waiting */
	{
		char u[] = "301", st[] = "302";
		char *unread[] = { u };
		char *starred[] = { st };
		int changed;

		assert_int_equal(sync_cache_state(f->db, unread, 1, starred, 1, &changed, &e), 0);
		assert_int_equal(changed, 0);
		assert_int_equal(count(f->db, "SELECT read FROM items WHERE title = 'one'"), 1);
		assert_int_equal(count(f->db, "SELECT starred FROM items WHERE title = 'two'"), 0);
	}
	/* once the server took one, its entries go and the base follows */
	assert_int_equal(sync_cache_done(f->db, &c[0], 1, &e), 0);
	sync_cache_free_changes(c, n);
	assert_int_equal(sync_cache_journal(f->db, &c, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].remote, "302");
	sync_cache_free_changes(c, n);
	assert_int_equal(count(f->db, "SELECT read FROM sync_items WHERE remote = '301'"), 1);
	assert_int_equal(items_set_read(f->db, item_id(f->db, "301"), 0, &e), 0);
	assert_int_equal(items_mark_feed_read(f->db, 0, &e), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_journal WHERE field = 'read'"), 2);
}

static void
test_store_state_from_server(void **state)
{
	struct fixture *f = *state;
	struct err e = { { 0 } };
	char u[] = "302";
	char *unread[] = { u };
	int changed;

	seed(f->db);
	/* another device read 301, unread and unstarred 302 */
	assert_int_equal(sync_cache_state(f->db, unread, 1, NULL, 0, &changed, &e), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(count(f->db, "SELECT read FROM items WHERE title = 'one'"), 1);
	assert_int_equal(count(f->db, "SELECT read + starred FROM items WHERE title = 'two'"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_journal"), 0);
}

static void
test_store_retention(void **state)
{
	struct fixture *f = *state;
	struct sync_feed_in feed = { "201", "http://s/a.xml", "A", NULL };
	struct sync_item_in it[3];
	struct err e = { { 0 } };
	int added, orphans, i;

	memset(it, 0, sizeof it);
	for (i = 0; i < 3; i++) {
		it[i].feed_remote = "201";
		it[i].item.published = 100 + i;
	}
	it[0].remote = "1";
	it[0].starred = 1;	/* the oldest, but starred */
	it[1].remote = "2";
	it[2].remote = "3";
	assert_int_equal(sync_cache_feeds(f->db, &feed, 1, 1000, &e), 0);
	/* the server keeps sending: the cache keeps the newest one and the
	 * starred one, and counts as new only what it kept */
	assert_int_equal(sync_cache_items(f->db, it, 3, 1000, 1, 0, &added, &orphans, &e), 0);
	assert_int_equal(added, 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM items"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sync_items WHERE remote IN ('1', '3')"), 2);
}

static void
test_store_state_values(void **state)
{
	struct fixture *f = *state;
	struct err e = { { 0 } };
	char *v;

	assert_int_equal(sync_cache_active(f->db, &e), 0);
	assert_int_equal(sync_cache_get(f->db, "since x", &v, &e), 0);
	assert_null(v);
	assert_int_equal(sync_cache_set(f->db, "since x", "12", &e), 0);
	assert_int_equal(sync_cache_set(f->db, "since x", "13", &e), 0);
	assert_int_equal(sync_cache_get(f->db, "since x", &v, &e), 0);
	assert_string_equal(v, "13");
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ttrss_subscriptions),
		cmocka_unit_test(test_ttrss_headlines),
		cmocka_unit_test(test_ttrss_headlines_hostile),
		cmocka_unit_test(test_miniflux_feeds),
		cmocka_unit_test(test_miniflux_entries),
		cmocka_unit_test(test_miniflux_entries_hostile),
		cmocka_unit_test(test_miniflux_entry_value),
		cmocka_unit_test(test_greader_subscriptions),
		cmocka_unit_test(test_greader_items),
		cmocka_unit_test(test_greader_items_hostile),
		cmocka_unit_test(test_greader_ids),
		cmocka_unit_test(test_greader_id),
		cmocka_unit_test(test_form_and_base64),
		cmocka_unit_test(test_servers),
		cmocka_unit_test_setup_teardown(test_store_items_and_tags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_state_from_server, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_retention, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_state_values, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
