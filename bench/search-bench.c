/*
 * search-bench: the program behind bench/search.
 *
 *   search-bench gen [--no-fts] [--newsboat NB.db] [--tx D] [--seed N] N CACHE.db
 *	Build a cache of N generated items through the real write path
 *	(feeds_ensure, feeds_set_tags, items_store in one transaction a feed
 *	document of 50 items, like a poll; --tx D puts D documents in a
 *	transaction, to build big caches faster).  Prints the time storing took.
 *	--repoll P then polls every feed P times more, each time with its last
 *	document again plus 5 new items (45 unchanged), and prints the time a
 *	document took: the store step of a steady-state poll.
 *	--no-fts shadows items_fts with an in-memory plain table, so the same
 *	path runs without the full-text index: the difference is what the
 *	index costs.  --newsboat also writes the same items into a cache file
 *	whose schema newsboat itself created (rss_feed, rss_item).
 *   search-bench queries
 *	Print the fixed set of 50 queries, one a line.
 *   search-bench run [--rounds R] [--limit N] [--tune] [-v] CACHE.db
 *	After one warm-up round, run every query R times through
 *	search_compile/search_run and print
 *	p50, p90, p99 and max latency, wall clock and CPU time (a query's time
 *	includes compiling it, ranking, fetching the page of 20 results and
 *	their snippets).  --tune first sets a 64 MB page cache and mmap.
 *   search-bench rss NFEEDS ROUND DIR
 *	Write RSS documents DIR/feedK.xml of 50 items for whole polls; each
 *	ROUND after the first brings 5 new items a feed.
 *   search-bench unindex CACHE.db
 *	Replace items_fts by a plain table of the same columns (a cache that
 *	tidings writes the same way, without the full-text index).
 *   search-bench schema2 CACHE.db
 *	Add the index of schema 2 (migration 1 -> 2 in src/store/db_schema.c).
 *   search-bench prefix CACHE.db 'N ...'
 *	Build items_fts again with other prefix indexes ('' for none), in one
 *	transaction (bench/README, lever 20).
 *   search-bench newsboat [--rounds R] NB.db
 *	Time the query newsboat 2.21 issues for its search (cache.cpp,
 *	search_for_items: title or content LIKE '%text%' with
 *	case_sensitive_like off, all matches newest first) for the text a
 *	newsboat user would type for each of the 50 queries.
 *
 * Text is generated from a fixed seed: a vocabulary of 50,000 made-up words
 * (some with accents, some Cyrillic) drawn with a Zipf distribution
 * (s = 1), sentences of 6-18 words, titles of 5-12 words without the most
 * common words, two-word names ("phrases") sprinkled in, authors, 1 feed
 * per 2,000 items with tags, and dates spread over two years.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "feed/feed.h"
#include "store/db.h"
#include "store/db_priv.h"	/* white-box: raw SQL on the cache */
#include "store/feeds.h"
#include "store/items.h"
#include "store/search.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

#define VOCAB 50000
#define NPHRASES 400
#define NAUTHORS 2000
#define BATCH 50
#define NQUERIES 50
/* "now" for generated dates and for since:/before: in the queries */
#define BENCH_NOW ((time_t)1767225600)	/* 2026-01-01T00:00:00Z */
#define BENCH_SPAN ((time_t)2 * 365 * 86400)

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng_next(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static double
rng_unit(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

static unsigned
rng_below(unsigned n)
{
	return (unsigned)(rng_next() % n);
}

static const char *const latin[] = {
	"ka", "lo", "mi", "ren", "tas", "vo", "der", "sun", "pel", "gra", "bi", "no",
	"sta", "mar", "tor", "li", "en", "ve", "qui", "dan", "fel", "ro", "ha", "zen",
	"cor", "pa", "si", "tru", "mo", "bel", "ga", "nu", "ster", "wil", "ox", "ti",
	"ar", "dro", "fi", "lu", "kem", "ja", "sor", "ne", "pri", "ul", "ber", "cha",
};
static const char *const cyrillic[] = {
	"ки", "ло", "ми", "рен", "тас", "во", "дер", "сун", "пел", "гра", "би", "но",
	"ста", "мар", "тор", "лі", "єн", "ве", "ква", "дан", "фел", "ро", "ха", "зен",
};
#define NLATIN (sizeof latin / sizeof latin[0])
#define NCYR (sizeof cyrillic / sizeof cyrillic[0])

static char *vocab[VOCAB];
static double zipf_cdf[VOCAB];
static unsigned phrase_a[NPHRASES], phrase_b[NPHRASES];
static char *authors[NAUTHORS];

static char *
word_make(unsigned i)
{
	char w[64];
	size_t len = 0;
	unsigned n = i;
	int cyr = i >= 50 && i % 17 == 3;
	size_t base = cyr ? NCYR : NLATIN;

	do {
		const char *s = cyr ? cyrillic[n % base] : latin[n % base];
		size_t sl = strlen(s);

		if (len + sl + 1 >= sizeof w)
			break;
		memcpy(w + len, s, sl);
		len += sl;
		n /= (unsigned)base;
	} while (n > 0);
	w[len] = '\0';
	/* about one word in 13 carries an accent, as names and loanwords do */
	if (!cyr && i >= 100 && i % 13 == 7) {
		char *p = strchr(w, 'e');
		const char *acc = "\xc3\xa9";	/* é */

		if (p == NULL) {
			p = strchr(w, 'a');
			acc = "\xc3\xa1";	/* á */
		}
		if (p != NULL && len + 2 < sizeof w) {
			memmove(p + 2, p + 1, strlen(p + 1) + 1);
			memcpy(p, acc, 2);
		}
	}
	return xstrdup(w);
}

static void
capitalize_into(struct buf *b, const char *w)
{
	if (w[0] >= 'a' && w[0] <= 'z') {
		if (buf_addc(b, (char)(w[0] - 'a' + 'A')) < 0 || buf_addstr(b, w + 1) < 0)
			abort();
	} else if (buf_addstr(b, w) < 0)
		abort();
}

static void
vocab_build(void)
{
	double h = 0;
	unsigned i;

	for (i = 0; i < VOCAB; i++) {
		vocab[i] = word_make(i);
		h += 1.0 / (i + 1);
		zipf_cdf[i] = h;
	}
	for (i = 0; i < VOCAB; i++)
		zipf_cdf[i] /= h;
	for (i = 0; i < NPHRASES; i++) {
		phrase_a[i] = 200 + rng_below(4800);
		phrase_b[i] = 200 + rng_below(4800);
	}
	for (i = 0; i < NAUTHORS; i++) {
		struct buf b;

		buf_init(&b, 0);
		capitalize_into(&b, vocab[1000 + rng_below(3000)]);
		if (buf_addc(&b, ' ') < 0)
			abort();
		capitalize_into(&b, vocab[1000 + rng_below(3000)]);
		authors[i] = buf_take(&b);
		buf_release(&b);
	}
}

static void
vocab_free(void)
{
	unsigned i;

	for (i = 0; i < VOCAB; i++)
		free(vocab[i]);
	for (i = 0; i < NAUTHORS; i++)
		free(authors[i]);
}

static unsigned
zipf_draw(void)
{
	double u = rng_unit();
	unsigned lo = 0, hi = VOCAB - 1;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* n words of running text in sentences; min_rank skips the commonest words. */
static void
text_gen(struct buf *b, unsigned n, unsigned min_rank, int sentences)
{
	unsigned i, left = 0;
	int start = 1;

	for (i = 0; i < n; i++) {
		const char *w;

		if (i > 0 && buf_addc(b, ' ') < 0)
			abort();
		if (rng_unit() < 0.02) {
			unsigned p = (unsigned)(rng_unit() * rng_unit() * NPHRASES);

			capitalize_into(b, vocab[phrase_a[p]]);
			if (buf_addc(b, ' ') < 0)
				abort();
			capitalize_into(b, vocab[phrase_b[p]]);
			i++;
			start = 0;
			continue;
		}
		{
			unsigned r;

			do
				r = zipf_draw();
			while (r < min_rank);
			w = vocab[r];
		}
		if (start)
			capitalize_into(b, w);
		else if (buf_addstr(b, w) < 0)
			abort();
		start = 0;
		if (sentences) {
			if (left == 0)
				left = 6 + rng_below(13);
			if (--left == 0) {
				if (buf_addc(b, '.') < 0)
					abort();
				start = 1;
			} else if (rng_unit() < 0.06 && buf_addc(b, ',') < 0)
				abort();
		}
	}
	if (sentences && !start && buf_addc(b, '.') < 0)
		abort();
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process: what a query costs without the other
 * programs sharing the machine's cores. */
static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct gen_feed {
	char *url;
	char *title;
	int64_t id;
	struct item items[BATCH];
	char *texts[BATCH];
	size_t n;
	struct item last[BATCH];	/* the last document stored, for --repoll */
	char *last_texts[BATCH];
	size_t nlast;
};

struct gen {
	struct db *db;
	sqlite3 *nb;		/* newsboat's cache, or NULL */
	sqlite3_stmt *nb_item;
	double store_seconds;
	double store_cpu;
	long stored;
	int tx_batches;		/* feed documents a transaction */
	int in_tx;
};

static void
die(const char *what, const struct err *e)
{
	fprintf(stderr, "search-bench: %s: %s\n", what, e ? e->msg : "failed");
	exit(1);
}

static void
item_clear(struct item *it)
{
	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	memset(it, 0, sizeof *it);
}

/* The stored document becomes the feed's last one; the older is freed. */
static void
gen_keep_last(struct gen_feed *f)
{
	size_t i;

	for (i = 0; i < f->nlast; i++) {
		item_clear(&f->last[i]);
		free(f->last_texts[i]);
	}
	for (i = 0; i < f->n; i++) {
		f->last[i] = f->items[i];
		f->last_texts[i] = f->texts[i];
		memset(&f->items[i], 0, sizeof f->items[i]);
		f->texts[i] = NULL;
	}
	f->nlast = f->n;
	f->n = 0;
}

/* One generated item: number j of n, published at its place in the span. */
static void
item_gen(struct item *it, char **text, const char *guid, time_t published)
{
	struct buf b;

	memset(it, 0, sizeof *it);
	it->guid = xstrdup(guid);
	it->link = xasprintf("https://site.example.org/%s", guid);
	it->published = published;
	buf_init(&b, 0);
	text_gen(&b, 5 + rng_below(8), 30, 0);
	it->title = buf_take(&b);
	if (rng_unit() < 0.6)
		it->author = xstrdup(authors[(unsigned)(rng_unit() * rng_unit() * NAUTHORS)]);
	text_gen(&b, 20 + rng_below(60) + rng_below(60), 0, 1);
	*text = buf_take(&b);
	buf_release(&b);
	it->summary = xasprintf("<p>%s</p>", *text);
}

/*
 * Steady-state polls: every feed's document comes back with `fresh` new
 * items on top and the rest of its last document unchanged, as a feed
 * does between two polls.  Returns the seconds items_store took.
 */
static double
gen_repoll(struct gen *g, struct gen_feed *feeds, size_t nfeeds, int rounds, int fresh,
    long *docs, double *cpu)
{
	struct err e;
	double total = 0;
	size_t k, i;
	int r;

	for (r = 0; r < rounds; r++) {
		for (k = 0; k < nfeeds; k++) {
			struct gen_feed *f = &feeds[k];
			double t0, c0;

			if (f->nlast == 0)
				continue;
			for (i = 0; i < (size_t)fresh; i++) {
				char guid[64];

				snprintf(guid, sizeof guid, "urn:bench:poll-%d-%zu-%zu", r, k, i);
				item_gen(&f->items[i], &f->texts[i], guid,
				    BENCH_NOW + (time_t)r * 3600 + (time_t)i);
			}
			/* the rest of the last document, unchanged (copies) */
			for (i = 0; i + fresh < BATCH && i < f->nlast; i++) {
				const struct item *o = &f->last[i];
				struct item *it = &f->items[fresh + i];

				memset(it, 0, sizeof *it);
				it->guid = xstrdup(o->guid);
				it->link = xstrdup(o->link);
				it->title = xstrdup(o->title);
				it->author = o->author ? xstrdup(o->author) : NULL;
				it->published = o->published;
				it->summary = xstrdup(o->summary);
				f->texts[fresh + i] = xstrdup(f->last_texts[i]);
			}
			f->n = (size_t)fresh + i;
			t0 = now_seconds();
			c0 = cpu_seconds();
			if (db_begin(g->db, &e) < 0 ||
			    items_store(g->db, f->id, f->title, f->items, f->texts, f->n,
			    BENCH_NOW + (time_t)r * 3600, NULL, &e) < 0 ||
			    db_commit(g->db, &e) < 0)
				die("polling", &e);
			total += now_seconds() - t0;
			*cpu += cpu_seconds() - c0;
			(*docs)++;
			gen_keep_last(f);
		}
	}
	return total;
}

static void
gen_flush(struct gen *g, struct gen_feed *f)
{
	struct err e;
	double t0, c0;
	size_t i;

	if (f->n == 0)
		return;
	t0 = now_seconds();
	c0 = cpu_seconds();
	if (g->in_tx == 0 && db_begin(g->db, &e) < 0)
		die("storing items", &e);
	if (items_store(g->db, f->id, f->title, f->items, f->texts, f->n,
	    f->items[f->n - 1].published, NULL, &e) < 0)
		die("storing items", &e);
	if (++g->in_tx >= g->tx_batches) {
		if (db_commit(g->db, &e) < 0)
			die("storing items", &e);
		g->in_tx = 0;
	}
	g->store_seconds += now_seconds() - t0;
	g->store_cpu += cpu_seconds() - c0;
	g->stored += (long)f->n;

	for (i = 0; i < f->n; i++) {
		struct item *it = &f->items[i];

		if (g->nb) {
			sqlite3_stmt *st = g->nb_item;

			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, it->guid, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, it->title, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, it->author ? it->author : "", -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, it->link, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 5, f->url, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 6, (sqlite3_int64)it->published);
			sqlite3_bind_text(st, 7, it->summary, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 8, it->published > BENCH_NOW - 3 * 86400);
			if (sqlite3_step(st) != SQLITE_DONE) {
				fprintf(stderr, "search-bench: newsboat cache: %s\n",
				    sqlite3_errmsg(g->nb));
				exit(1);
			}
		}
	}
	gen_keep_last(f);
}

static void
nb_exec(sqlite3 *nb, const char *sql)
{
	if (sqlite3_exec(nb, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "search-bench: newsboat cache: %s\n", sqlite3_errmsg(nb));
		exit(1);
	}
}

static int
cmd_gen(int argc, char **argv)
{
	static const char *const tagnames[] = {
		"news", "tech", "science", "world", "sport", "culture", "economy", "local",
	};
	struct gen g = { 0 };
	struct gen_feed *feeds;
	const char *nbpath = NULL, *path;
	struct err e;
	long n, j;
	size_t nfeeds, k;
	int no_fts = 0, repoll = 0, i;
	char *end;

	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--no-fts") == 0)
			no_fts = 1;
		else if (strcmp(argv[i], "--newsboat") == 0 && i + 1 < argc)
			nbpath = argv[++i];
		else if (strcmp(argv[i], "--repoll") == 0 && i + 1 < argc)
			repoll = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--tx") == 0 && i + 1 < argc)
			g.tx_batches = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			rng_state ^= strtoull(argv[++i], NULL, 10) * 0x9e3779b97f4a7c15ULL;
		else
			return 2;
	}
	if (argc - i != 2)
		return 2;
	if (g.tx_batches < 1)
		g.tx_batches = 1;
	n = strtol(argv[i], &end, 10);
	if (*end != '\0' || n <= 0 || n > 100000000)
		return 2;
	path = argv[i + 1];

	vocab_build();
	g.db = db_open(path, 0, &e);
	if (g.db == NULL)
		die("opening the cache", &e);
	/* a bench cache is thrown away: no need to wait for the disk */
	if (db_exec(g.db, "PRAGMA synchronous = OFF", &e) < 0 ||
	    (g.tx_batches > 1 && db_exec(g.db, "PRAGMA cache_size = -262144", &e) < 0))
		die("pragma", &e);
	if (no_fts && db_exec(g.db, "CREATE TEMP TABLE items_fts(title, author, feed, body)",
	    &e) < 0)
		die("shadowing items_fts", &e);
	/* schema 2 (src/store/db_schema.c, migration 1 -> 2), a cost of search too */
	if (!no_fts && db_exec(g.db, "CREATE INDEX IF NOT EXISTS items_search ON "
	    "items(id, published, feed_id, read, starred)", &e) < 0)
		die("creating items_search", &e);
	if (nbpath) {
		if (sqlite3_open_v2(nbpath, &g.nb, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
			fprintf(stderr, "search-bench: %s: %s\n", nbpath, sqlite3_errmsg(g.nb));
			return 1;
		}
		nb_exec(g.nb, "PRAGMA synchronous = OFF; BEGIN");
		if (sqlite3_prepare_v2(g.nb, "INSERT INTO rss_item(guid, title, author, url, "
		    "feedurl, pubDate, content, unread) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		    -1, &g.nb_item, NULL) != SQLITE_OK) {
			fprintf(stderr, "search-bench: %s: %s\n", nbpath, sqlite3_errmsg(g.nb));
			return 1;
		}
	}

	nfeeds = (size_t)(n / 2000 < 20 ? 20 : n / 2000);
	feeds = xcalloc(nfeeds, sizeof *feeds);
	for (k = 0; k < nfeeds; k++) {
		struct gen_feed *f = &feeds[k];
		char *tags[2];
		struct buf b;

		f->url = xasprintf("https://feeds%zu.example.org/rss", k);
		buf_init(&b, 0);
		capitalize_into(&b, vocab[300 + k * 7 % 2000]);
		if (buf_addc(&b, ' ') < 0)
			abort();
		capitalize_into(&b, vocab[310 + k * 13 % 3000]);
		if (buf_printf(&b, " %zu", k) < 0)
			abort();
		f->title = buf_take(&b);
		buf_release(&b);
		tags[0] = (char *)tagnames[k % 8];
		tags[1] = (char *)tagnames[(k / 8 + 3) % 8];
		if (feeds_set_tags(g.db, f->url, tags, k % 3 == 0 ? 2 : 1, &e) < 0 ||
		    feeds_ensure(g.db, f->url, &f->id, &e) < 0)
			die("feeds", &e);
		{
			struct feed_poll_result r = { .title = f->title, .status = FEEDS_OK,
			    .now = BENCH_NOW };

			if (feeds_record_poll(g.db, f->id, &r, &e) < 0)
				die("feeds", &e);
		}
		if (g.nb) {
			sqlite3_stmt *st;

			if (sqlite3_prepare_v2(g.nb, "INSERT INTO rss_feed(rssurl, url, title) "
			    "VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
				nb_exec(g.nb, "SELECT error");
			sqlite3_bind_text(st, 1, f->url, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, f->url, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, f->title, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				nb_exec(g.nb, "SELECT error");
			sqlite3_finalize(st);
		}
	}

	for (j = 0; j < n; j++) {
		struct gen_feed *f = &feeds[rng_below((unsigned)nfeeds)];
		char guid[64];

		snprintf(guid, sizeof guid, "urn:bench:%ld", j);
		item_gen(&f->items[f->n], &f->texts[f->n], guid, BENCH_NOW - BENCH_SPAN +
		    (time_t)((double)BENCH_SPAN * (double)j / (double)n) - (time_t)rng_below(3600));
		if (++f->n == BATCH)
			gen_flush(&g, f);
	}
	for (k = 0; k < nfeeds; k++)
		gen_flush(&g, &feeds[k]);
	if (g.in_tx && db_commit(g.db, &e) < 0)
		die("storing items", &e);
	printf("stored %ld items in %zu feeds%s: %.2f s wall, %.2f s CPU (%.1f us/item)\n",
	    g.stored, nfeeds, no_fts ? " without the index" : " with the index",
	    g.store_seconds, g.store_cpu, g.store_cpu * 1e6 / (double)g.stored);
	if (repoll > 0) {
		long docs = 0;
		double cpu = 0, t = gen_repoll(&g, feeds, nfeeds, repoll, 5, &docs, &cpu);

		printf("steady-state polls%s: %ld documents of up to %d items, 5 new each: "
		    "%.3f ms wall, %.3f ms CPU a document\n",
		    no_fts ? " without the index" : " with the index", docs, BATCH,
		    docs ? t * 1e3 / (double)docs : 0.0, docs ? cpu * 1e3 / (double)docs : 0.0);
	}

	/* read and starred state, as after months of reading */
	if (db_exec(g.db, "UPDATE items SET read = 1 WHERE published < 1766966400 "
	    "AND id % 10 != 3", &e) < 0 ||
	    db_exec(g.db, "UPDATE items SET starred = 1 WHERE id % 97 = 5", &e) < 0)
		die("read state", &e);
	if (g.nb) {
		sqlite3_finalize(g.nb_item);
		nb_exec(g.nb, "COMMIT; ANALYZE");
		sqlite3_close(g.nb);
	}
	for (k = 0; k < nfeeds; k++) {
		gen_keep_last(&feeds[k]);	/* frees the last document */
		gen_keep_last(&feeds[k]);
		free(feeds[k].url);
		free(feeds[k].title);
	}
	free(feeds);
	if (db_exec(g.db, "PRAGMA wal_checkpoint(TRUNCATE)", &e) < 0)
		die("checkpoint", &e);
	db_close(g.db);
	vocab_free();
	return 0;
}

/* --- the 50 queries --- */

static char *queries[NQUERIES];

/* The first n bytes of a word, whole UTF-8 characters. */
static char *
word_prefix(const char *w, size_t n)
{
	size_t len = strlen(w);

	if (n >= len)
		return xstrdup(w);
	while (n > 0 && ((unsigned char)w[n] & 0xC0) == 0x80)
		n--;
	return xstrndup(w, n);
}

/* vocabulary word of rank r, with its accents taken off (as people type) */
static char *
word_plain(unsigned r)
{
	struct buf b;
	const char *s;

	buf_init(&b, 0);
	for (s = vocab[r]; *s; s++) {
		if ((unsigned char)s[0] == 0xC3 && (unsigned char)s[1] == 0xA9) {
			if (buf_addc(&b, 'e') < 0)
				abort();
			s++;
		} else if ((unsigned char)s[0] == 0xC3 && (unsigned char)s[1] == 0xA1) {
			if (buf_addc(&b, 'a') < 0)
				abort();
			s++;
		} else if (buf_addc(&b, *s) < 0) {
			abort();
		}
	}
	s = buf_take(&b);
	buf_release(&b);
	return (char *)s;
}

static unsigned
rank_with(int (*pred)(unsigned), unsigned from)
{
	unsigned r;

	for (r = from; r < VOCAB; r++)
		if (pred(r))
			return r;
	return from;
}

static int
is_accented(unsigned r)
{
	return strstr(vocab[r], "\xc3\xa9") != NULL;
}

static int
is_cyrillic(unsigned r)
{
	return (unsigned char)vocab[r][0] >= 0xD0;
}

static void
queries_build(void)
{
	char *p1, *p2, *pl;
	int n = 0;
	unsigned r;

#define Q(...) (queries[n++] = xasprintf(__VA_ARGS__))
	/* single words, middle of the distribution (names, topics) */
	Q("%s", vocab[300]);
	Q("%s", vocab[700]);
	Q("%s", vocab[1500]);
	Q("%s", vocab[2500]);
	Q("%s", vocab[4000]);
	Q("%s", vocab[6000]);
	Q("%s", vocab[9000]);
	Q("%s", vocab[15000]);
	/* common words: match a third to a tenth of everything */
	Q("%s", vocab[15]);
	Q("%s", vocab[40]);
	Q("%s", vocab[80]);
	/* rare words */
	Q("%s", vocab[25000]);
	Q("%s", vocab[35000]);
	Q("%s", vocab[45000]);
	Q("%s", vocab[49000]);
	/* two and three words */
	Q("%s %s", vocab[500], vocab[2000]);
	Q("%s %s", vocab[800], vocab[12000]);
	Q("%s %s", vocab[60], vocab[3000]);
	Q("%s %s", vocab[1200], vocab[1300]);
	Q("%s %s", vocab[30], vocab[50]);
	Q("%s %s %s", vocab[200], vocab[900], vocab[3000]);
	/* phrases: names that occur, and one made of two common words */
	Q("\"%s %s\"", vocab[phrase_a[0]], vocab[phrase_b[0]]);
	Q("\"%s %s\"", vocab[phrase_a[3]], vocab[phrase_b[3]]);
	Q("\"%s %s\"", vocab[phrase_a[10]], vocab[phrase_b[10]]);
	Q("\"%s %s\"", vocab[phrase_a[50]], vocab[phrase_b[50]]);
	Q("\"%s %s\"", vocab[20], vocab[21]);
	/* prefixes, as typed in the live view */
	p1 = word_prefix(vocab[1000], 3);
	Q("%s*", p1);
	free(p1);
	p1 = word_prefix(vocab[5000], 4);
	Q("%s*", p1);
	free(p1);
	p1 = word_prefix(vocab[30000], 6);
	Q("%s*", p1);
	free(p1);
	p1 = word_prefix(vocab[3], 2);
	Q("%s*", p1);
	free(p1);
	p1 = word_prefix(vocab[2000], 5);
	Q("%s %s*", vocab[700], p1);
	free(p1);
	/* OR */
	Q("%s OR %s", vocab[400], vocab[900]);
	Q("%s OR %s OR %s", vocab[20000], vocab[30000], vocab[40000]);
	Q("\"%s %s\" OR %s", vocab[phrase_a[5]], vocab[phrase_b[5]], vocab[8000]);
	Q("%s OR %s", vocab[100], vocab[200]);
	Q("%s %s OR %s", vocab[1000], vocab[3000], vocab[3500]);
	/* filters */
	Q("is:unread %s", vocab[500]);
	Q("since:30d %s", vocab[2000]);
	Q("tag:tech %s", vocab[800]);
	pl = word_plain(300 + 7 % 2000);	/* a word of the first feed's title */
	Q("feed:%s %s", pl, vocab[1500]);
	free(pl);
	Q("title:%s", vocab[2000]);
	Q("is:starred %s", vocab[100]);
	Q("before:2025-06-01 %s", vocab[1000]);
	Q("author:\"%s\"", authors[0]);
	Q("is:unread since:7d");
	/* unwanted words */
	Q("%s -%s", vocab[600], vocab[30]);
	Q("%s -%s", vocab[300], vocab[700]);
	Q("%s -%s -%s", vocab[2000], vocab[50], vocab[60]);
	/* accents and Cyrillic typed plainly */
	r = rank_with(is_accented, 3000);
	p2 = word_plain(r);
	Q("%s", p2);
	free(p2);
	r = rank_with(is_cyrillic, 2000);
	Q("%s", vocab[r]);
#undef Q
	if (n != NQUERIES) {
		fprintf(stderr, "search-bench: %d queries, want %d\n", n, NQUERIES);
		exit(1);
	}
}

static void
queries_free(void)
{
	int i;

	for (i = 0; i < NQUERIES; i++)
		free(queries[i]);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
pct(const double *v, size_t n, double p)
{
	size_t i = (size_t)ceil(p / 100.0 * (double)n);

	if (i > 0)
		i--;
	return v[i < n ? i : n - 1];
}

static void
report(const char *what, double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	printf("%s: %zu runs: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", what, n,
	    pct(v, n, 50) * 1e3, pct(v, n, 90) * 1e3, pct(v, n, 99) * 1e3, v[n - 1] * 1e3);
}

static int
cmd_queries(void)
{
	int i;

	vocab_build();
	queries_build();
	for (i = 0; i < NQUERIES; i++)
		printf("%s\n", queries[i]);
	queries_free();
	vocab_free();
	return 0;
}

static int
cmd_run(int argc, char **argv)
{
	struct search_opts o = { .limit = 20 };
	struct db *db;
	struct err e;
	double *t, *tc, best[NQUERIES];
	size_t nt = 0;
	int rounds = 5, verbose = 0, tune = 0, i, k;
	long nhits[NQUERIES];
	int windowed[NQUERIES];

	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
			o.limit = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "--tune") == 0)
			tune = 1;
		else
			return 2;
	}
	if (argc - i != 1 || rounds < 1 || rounds > 1000)
		return 2;
	vocab_build();
	queries_build();
	db = db_open(argv[i], DB_OPEN_READONLY, &e);
	if (db == NULL)
		die("opening the cache", &e);
	/* --tune: the connection settings proposed for db_open (a 64 MB page
	 * cache and memory-mapped reads instead of a pread per page) */
	if (tune && (db_exec(db, "PRAGMA cache_size = -65536", &e) < 0 ||
	    db_exec(db, "PRAGMA mmap_size = 1073741824", &e) < 0))
		die("pragma", &e);
	t = xcalloc((size_t)rounds * NQUERIES, sizeof *t);
	tc = xcalloc((size_t)rounds * NQUERIES, sizeof *tc);
	/* round -1 warms the page caches (a search view's connection is warm
	 * after its first query) and is not counted */
	for (k = -1; k < rounds; k++) {
		for (i = 0; i < NQUERIES; i++) {
			struct search_query *q;
			struct search_result r;
			double t0 = now_seconds(), c0 = cpu_seconds(), dt, dc;

			q = search_compile(db, queries[i], BENCH_NOW, 0, &e);
			if (q == NULL)
				die(queries[i], &e);
			if (search_run(db, q, &o, &r, &e) != 0)
				die(queries[i], &e);
			dt = now_seconds() - t0;
			dc = cpu_seconds() - c0;
			nhits[i] = (long)r.n;
			windowed[i] = r.windowed;
			search_result_release(&r);
			search_query_free(q);
			if (k < 0)
				continue;
			tc[nt] = dc;
			t[nt++] = dt;
			if (k == 0 || dt < best[i])
				best[i] = dt;
		}
	}
	if (verbose)
		for (i = 0; i < NQUERIES; i++)
			printf("  %7.2f ms  %3ld hits%s  %s\n", best[i] * 1e3, nhits[i],
			    windowed[i] ? " (windowed)" : "", queries[i]);
	report(tune ? "tidings search (FTS5, tuned connection), wall clock"
	    : "tidings search (FTS5), wall clock", t, nt);
	report(tune ? "tidings search (FTS5, tuned connection), CPU time"
	    : "tidings search (FTS5), CPU time", tc, nt);
	free(t);
	free(tc);
	db_close(db);
	queries_free();
	vocab_free();
	return 0;
}

/* What a newsboat user would type for the query: its first wanted word or
 * phrase, without operators (newsboat searches one literal substring). */
static char *
newsboat_text(const char *q)
{
	const char *s = q;

	while (*s) {
		const char *w;
		size_t n;

		while (*s == ' ')
			s++;
		if (*s == '"') {
			const char *end = strchr(s + 1, '"');

			if (end)
				return xstrndup(s + 1, (size_t)(end - s - 1));
		}
		w = s;
		while (*s && *s != ' ')
			s++;
		n = (size_t)(s - w);
		if (n == 0 || w[0] == '-' || memchr(w, ':', n) || (n == 2 && memcmp(w, "OR", 2) == 0))
			continue;
		while (n > 0 && w[n - 1] == '*')
			n--;
		return xstrndup(w, n);
	}
	return NULL;
}

static int
cmd_newsboat(int argc, char **argv)
{
	sqlite3 *nb;
	sqlite3_stmt *st;
	double *t, *tc;
	size_t nt = 0;
	int rounds = 3, i, k;
	long rows = 0;

	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = (int)strtol(argv[++i], NULL, 10);
		else
			return 2;
	}
	if (argc - i != 1 || rounds < 1 || rounds > 1000)
		return 2;
	vocab_build();
	queries_build();
	if (sqlite3_open_v2(argv[i], &nb, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "search-bench: %s: %s\n", argv[i], sqlite3_errmsg(nb));
		return 1;
	}
	/* newsboat's cache::set_pragmas and cache::search_for_items, bound
	 * instead of spliced (same plan: LIKE cannot use an index either way) */
	nb_exec(nb, "PRAGMA case_sensitive_like = OFF");
	if (sqlite3_prepare_v2(nb, "SELECT guid, title, author, url, pubDate, length(content), "
	    "unread, feedurl, enclosure_url, enclosure_type, enqueued, flags, base "
	    "FROM rss_item WHERE (title LIKE ?1 OR content LIKE ?1) AND deleted = 0 "
	    "ORDER BY pubDate DESC, id DESC", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "search-bench: %s: %s\n", argv[i], sqlite3_errmsg(nb));
		return 1;
	}
	t = xcalloc((size_t)rounds * NQUERIES, sizeof *t);
	tc = xcalloc((size_t)rounds * NQUERIES, sizeof *tc);
	for (k = -1; k < rounds; k++) {		/* round -1: warm-up, not counted */
		for (i = 0; i < NQUERIES; i++) {
			char *text = newsboat_text(queries[i]);
			char *pat;
			double t0, c0;

			if (text == NULL)
				continue;	/* filters only: newsboat has no such search */
			pat = xasprintf("%%%s%%", text);
			t0 = now_seconds();
			c0 = cpu_seconds();
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, pat, -1, SQLITE_TRANSIENT);
			while (sqlite3_step(st) == SQLITE_ROW) {
				/* newsboat copies every column of every row */
				int c;

				for (c = 0; c < 13; c++)
					(void)sqlite3_column_text(st, c);
				rows++;
			}
			if (k >= 0) {
				t[nt] = now_seconds() - t0;
				tc[nt++] = cpu_seconds() - c0;
			}
			free(pat);
			free(text);
		}
	}
	report("newsboat 2.21 search (SQL LIKE), wall clock", t, nt);
	report("newsboat 2.21 search (SQL LIKE), CPU time", tc, nt);
	free(t);
	free(tc);
	sqlite3_finalize(st);
	sqlite3_close(nb);
	queries_free();
	vocab_free();
	return 0;
}

/* --- documents for whole polls --- */

static void
xml_put(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		default: fputc(*s, fp);
		}
	}
}

/*
 * search-bench rss NFEEDS ROUND DIR: DIR/feedK.xml, RSS 2.0 documents of 50
 * items each.  Item i of a feed is the same in every round; round r holds
 * items 5(r-1) .. 5(r-1)+49, so each round after the first brings 5 new.
 */
static int
cmd_rss(int argc, char **argv)
{
	long nfeeds, round, k, i;
	char *end;

	if (argc != 3)
		return 2;
	nfeeds = strtol(argv[0], &end, 10);
	if (*end != '\0' || nfeeds < 1 || nfeeds > 100000)
		return 2;
	round = strtol(argv[1], &end, 10);
	if (*end != '\0' || round < 1 || round > 1000)
		return 2;
	vocab_build();
	for (k = 0; k < nfeeds; k++) {
		char *path = xasprintf("%s/feed%ld.xml", argv[2], k), *tmp;
		FILE *fp;

		tmp = xasprintf("%s.tmp", path);
		fp = fopen(tmp, "w");
		if (fp == NULL) {
			perror(tmp);
			return 1;
		}
		fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
		    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
		    "<title>Bench feed %ld</title><link>https://site%ld.example.org/</link>"
		    "<description>generated</description>\n", k, k);
		for (i = 5 * (round - 1) + 49; i >= 5 * (round - 1); i--) {
			struct item it;
			char *text, guid[64], date[64];
			time_t t = BENCH_NOW - (time_t)(1000 - i) * 3600;
			struct tm tm;

			rng_state = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)k * 1000003u + (uint64_t)i + 1) *
			    0xbf58476d1ce4e5b9ULL;
			snprintf(guid, sizeof guid, "urn:feed%ld:item%ld", k, i);
			item_gen(&it, &text, guid, t);
			gmtime_r(&t, &tm);
			strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
			fputs("<item><title>", fp);
			xml_put(fp, it.title);
			fprintf(fp, "</title><link>%s</link><guid isPermaLink=\"false\">%s</guid>"
			    "<pubDate>%s</pubDate>", it.link, guid, date);
			if (it.author) {
				fputs("<dc:creator>", fp);
				xml_put(fp, it.author);
				fputs("</dc:creator>", fp);
			}
			fputs("<description>", fp);
			xml_put(fp, it.summary);
			fputs("</description></item>\n", fp);
			item_clear(&it);
			free(text);
		}
		fputs("</channel></rss>\n", fp);
		if (fclose(fp) != 0 || rename(tmp, path) != 0) {
			perror(path);
			return 1;
		}
		free(tmp);
		free(path);
	}
	vocab_free();
	return 0;
}

/* search-bench unindex CACHE: items_fts becomes a plain table with the same
 * columns, so tidings runs its usual statements without the full-text index. */
static int
cmd_unindex(int argc, char **argv)
{
	struct db *db;
	struct err e;

	if (argc != 1)
		return 2;
	db = db_open(argv[0], 0, &e);
	if (db == NULL)
		die("opening the cache", &e);
	if (db_exec(db, "BEGIN; DROP TRIGGER items_fts_delete; DROP TABLE items_fts; "
	    "CREATE TABLE items_fts(title, author, feed, body); "
	    "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN "
	    "DELETE FROM items_fts WHERE rowid = old.id; END; COMMIT", &e) < 0)
		die("replacing items_fts", &e);
	db_close(db);
	return 0;
}

/*
 * search-bench prefix CACHE SPEC: build items_fts again with prefix = 'SPEC'
 * ('' for none; bench/README lever 20), from the text in items.fts, in one
 * transaction (so every variant compared has its index in one segment).
 */
static int
cmd_prefix(int argc, char **argv)
{
	struct db *db;
	struct err e;
	char *sql;
	const char *p;

	if (argc != 2)
		return 2;
	for (p = argv[1]; *p; p++)
		if (!(*p == ' ' || (*p >= '1' && *p <= '9')))
			return 2;
	db = db_open(argv[0], 0, &e);
	if (db == NULL)
		die("opening the cache", &e);
	sql = xasprintf("BEGIN; DROP TRIGGER items_fts_delete; DROP TABLE items_fts; "
	    "CREATE VIRTUAL TABLE items_fts USING fts5(title, author, feed, body, "
	    "tokenize = 'unicode61 remove_diacritics 2', prefix = '%s', "
	    "content = 'items_fts_text', content_rowid = 'id'); "
	    "INSERT INTO items_fts(items_fts) VALUES ('rebuild'); "
	    "CREATE TRIGGER items_fts_delete BEFORE DELETE ON items BEGIN "
	    "DELETE FROM items_fts WHERE rowid = old.id; END; COMMIT", argv[1]);
	if (db_exec(db, sql, &e) < 0)
		die("building items_fts again", &e);
	free(sql);
	db_close(db);
	return 0;
}

/* search-bench schema2 CACHE: add the index of schema 2 (src/store/db_schema.c). */
static int
cmd_schema2(int argc, char **argv)
{
	struct db *db;
	struct err e;

	if (argc != 1)
		return 2;
	db = db_open(argv[0], 0, &e);
	if (db == NULL)
		die("opening the cache", &e);
	if (db_exec(db, "CREATE INDEX IF NOT EXISTS items_search ON "
	    "items(id, published, feed_id, read, starred)", &e) < 0)
		die("creating items_search", &e);
	db_close(db);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 2;

	if (argc >= 2 && strcmp(argv[1], "gen") == 0)
		rc = cmd_gen(argc - 2, argv + 2);
	else if (argc == 2 && strcmp(argv[1], "queries") == 0)
		rc = cmd_queries();
	else if (argc >= 2 && strcmp(argv[1], "run") == 0)
		rc = cmd_run(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "newsboat") == 0)
		rc = cmd_newsboat(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "rss") == 0)
		rc = cmd_rss(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "unindex") == 0)
		rc = cmd_unindex(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "schema2") == 0)
		rc = cmd_schema2(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "prefix") == 0)
		rc = cmd_prefix(argc - 2, argv + 2);
	if (rc == 2)
		fprintf(stderr, "usage: search-bench gen [--no-fts] [--newsboat NB.db] [--tx D] [--repoll P] N CACHE.db\n"
		    "       search-bench queries\n"
		    "       search-bench run [--rounds R] [--limit N] [--tune] [-v] CACHE.db\n"
		    "       search-bench newsboat [--rounds R] NB.db\n"
		    "       search-bench rss NFEEDS ROUND DIR\n"
		    "       search-bench unindex CACHE.db | schema2 CACHE.db\n"
		    "       search-bench prefix CACHE.db 'N ...'\n");
	return rc;
}
