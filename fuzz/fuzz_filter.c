/*
 * fuzz_filter: libFuzzer harness for newsboat's filter language
 * (filter/filter) and its SQL (store/filter).
 *
 * Each input is parsed; an expression that parses is matched in C on a
 * fixed subject and run through SQL on a small cache made once in a
 * temporary directory, as a list, a count and the reader's view tables.
 * A parsed expression must always run: store/filter binds every value,
 * so SQL errors mean a bug (abort).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter/filter.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/filter.h"
#include "store/items.h"
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
	static const char *titles[] = { "Linux 6.1", "x'); DROP TABLE items; --",
	    "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 news", "RT by someone", "12 monkeys" };
	struct feed_poll_result r = { .title = "Feed", .status = FEEDS_OK, .now = NOW };
	char *tags[] = { (char *)"news", (char *)"two words" };
	struct item it[5];
	int64_t id;
	struct err e;
	size_t i;

	if (feeds_set_tags(db, "https://a.example/rss", tags, 2, &e) < 0 ||
	    feeds_ensure(db, "https://a.example/rss", &id, &e) < 0 ||
	    feeds_record_poll(db, id, &r, &e) < 0 || db_begin(db, &e) < 0)
		goto fail;
	memset(it, 0, sizeof it);
	for (i = 0; i < 5; i++) {
		it[i].guid = (char *)titles[i];
		it[i].title = (char *)titles[i];
		it[i].author = (char *)"Some Author";
		it[i].link = (char *)"https://a.example/x";
		it[i].content = (char *)"<p>body</p>";
		it[i].published = NOW - (time_t)i * 86400 * 20;
	}
	if (items_store(db, id, "Feed", it, NULL, 5, NOW, NULL, &e) < 0 || db_commit(db, &e) < 0)
		goto fail;
	return;
fail:
	fprintf(stderr, "fuzz_filter: seeding the cache: %s\n", e.msg);
	exit(1);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	struct err e;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "%s/tidings-fuzz-filter-XXXXXX",
	    tmp != NULL && *tmp != '\0' && strlen(tmp) < 100 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/cache.db", dir);
	db = db_open(path, 0, &e);
	if (db == NULL) {
		fprintf(stderr, "fuzz_filter: %s\n", e.msg);
		exit(1);
	}
	atexit(cleanup);
	seed();
	return 0;
}

static const char *
subject(void *ctx, enum filter_attr a)
{
	(void)ctx;
	switch (a) {
	case FILTER_A_TITLE: return "Linux 6.1 \xD0\x9A";
	case FILTER_A_TAGS: return "news two words ";
	case FILTER_A_AGE: return "3";
	case FILTER_A_UNREAD: return "yes";
	default: return "";
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct filter_scope s = { 0 };
	struct filter_ignore r;
	struct item_row *rows;
	struct filter *f;
	struct err e;
	char *text;
	size_t n;
	int unread, total, view;

	if (size > FILTER_MAX_LEN + 100)
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	f = filter_parse(text, &e);
	if (f == NULL) {
		free(text);
		return 0;
	}
	(void)filter_match(f, subject, NULL);
	s.match = f;
	s.now = NOW;
	if (filter_sql_items(db, &s, &rows, &n, &e) < 0 ||
	    filter_sql_count(db, &s, &unread, &total, &e) < 0) {
		fprintf(stderr, "fuzz_filter: parsed but failed: %s\n", e.msg);
		abort();
	}
	items_free_rows(rows, n);
	if (filter_ignore_init(&r, "*", text, &e) == 0) {
		s.ignore = &r;
		s.nignore = 1;
		if (filter_sql_view(db, &s, &view, &e) < 0) {
			fprintf(stderr, "fuzz_filter: view failed: %s\n", e.msg);
			abort();
		}
		filter_ignore_release(&r);
	}
	filter_free(f);
	free(text);
	return 0;
}
