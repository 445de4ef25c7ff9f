/*
 * fuzz_search: libFuzzer harness for the search query language.
 *
 * A small cache (two feeds, a few items) is made once in a temporary
 * directory.  Each input is compiled as a query, with and without
 * SEARCH_LIVE; a query that compiles must also run and highlight without
 * an error (search.h: user text never becomes SQL or FTS5 syntax, so the
 * only errors are the compiler's plain messages).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed/feed.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/search.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define NOW ((time_t)1735689600)

static struct db *db;
static char dir[256];
static char path[300];

static void
cleanup(void)
{
	char wal[320];

	db_close(db);
	unlink(path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	rmdir(dir);
}

static void
seed(void)
{
	static const char *titles[] = { "Caf\xC3\xA9 in Kyiv", "Kernel \"release\" notes",
	    "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 news", "Quantum OR classical", "title: author* -x" };
	struct feed_poll_result r = { .title = "Feed", .status = FEEDS_OK, .now = NOW };
	char *tags[] = { "news" };
	struct item it[5];
	char *texts[5];
	int64_t id;
	struct err e;
	size_t i;

	if (feeds_set_tags(db, "https://a.example/rss", tags, 1, &e) < 0 ||
	    feeds_ensure(db, "https://a.example/rss", &id, &e) < 0 ||
	    feeds_record_poll(db, id, &r, &e) < 0 || db_begin(db, &e) < 0)
		goto fail;
	memset(it, 0, sizeof it);
	for (i = 0; i < 5; i++) {
		it[i].guid = (char *)titles[i];
		it[i].title = (char *)titles[i];
		it[i].author = (char *)"Some Author";
		it[i].link = (char *)"https://a.example/x";
		it[i].published = NOW - (time_t)i * 86400 * 20;
		texts[i] = (char *)"Plain text with words, caf\xC3\xA9, kernel and quantum.";
	}
	if (items_store(db, id, "Feed", it, texts, 5, NOW, NULL, &e) < 0 ||
	    db_commit(db, &e) < 0)
		goto fail;
	return;
fail:
	fprintf(stderr, "fuzz_search: seeding the cache: %s\n", e.msg);
	exit(1);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	struct err e;

	snprintf(dir, sizeof dir, "%s/tidings-fuzz-search-XXXXXX",
	    tmp != NULL && *tmp != '\0' && strlen(tmp) < 100 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/cache.db", dir);
	db = db_open(path, 0, &e);
	if (db == NULL) {
		fprintf(stderr, "fuzz_search: %s\n", e.msg);
		exit(1);
	}
	atexit(cleanup);
	seed();
	return 0;
}

static void
one(const char *text, int flags)
{
	struct search_query *q;
	struct search_result r;
	struct search_opts o = { .limit = 5 };
	struct search_span *spans = NULL;
	size_t n = 0;
	struct err e;
	static const char line[] = "Caf\xC3\xA9 in Kyiv, kernel notes and quantum words";

	q = search_compile(db, text, NOW, flags, &e);
	if (q == NULL)
		return;
	(void)strlen(search_query_fts(q));
	memset(&r, 0, sizeof r);
	if (search_run(db, q, &o, &r, &e) < 0) {
		fprintf(stderr, "fuzz_search: compiled but failed: %s\n", e.msg);
		abort();
	}
	search_result_release(&r);
	if (search_highlight(db, q, line, sizeof line - 1, &spans, &n, &e) < 0) {
		fprintf(stderr, "fuzz_search: highlight failed: %s\n", e.msg);
		abort();
	}
	free(spans);
	search_query_free(q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size > SEARCH_QUERY_MAX + 100)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	one(text, 0);
	one(text, SEARCH_LIVE);
	free(text);
	return 0;
}
