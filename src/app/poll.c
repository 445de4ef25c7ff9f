#include "app/poll.h"
#include "app/filters.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article/extract.h"
#include "app/exec_feed.h"
#include "markup/markup.h"
#include "feed/feed.h"
#include "net/fetch.h"
#include "store/feeds.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/hash.h"
#include "util/xalloc.h"

#define POLL_ARTICLES_PER_HOST 2
/* network failures (timeouts, resets) after which a host's pages wait for
 * the next poll */
#define POLL_HOST_FAILURES 3
#define POLL_MAX_BACKOFF (24 * 3600)

/*
 * Parsed feeds and extracted articles wait in a batch and are written
 * together, in one transaction, once the batch is POLL_BATCH_MS old, holds
 * POLL_BATCH_ITEMS items or POLL_BATCH_BYTES of responses, or the phase
 * ends.  The full-text index is what makes this worth it: FTS5 writes a
 * segment at every commit and merges segments as they pile up, so 200
 * feeds in a few transactions cost the index about a third less than in
 * one transaction a feed (bench/search).  No transaction is held while
 * waiting on the network, and a kill loses at most the batch: its feeds'
 * validators were not recorded either, so the next poll fetches them again.
 * A batch holds its feeds parsed and their index text, about twice the
 * responses' bytes: 2,500 items and 8 MiB keep a first poll's peak at 42
 * MB on an idle machine (5,000 and 16 MiB: 57 MB, over the 50 MB target),
 * for the same CPU (bench/README, lever 26).
 */
#define POLL_BATCH_MS 250
#define POLL_BATCH_ITEMS 2500
#define POLL_BATCH_BYTES ((size_t)8 << 20)

struct poll_feed {
	struct poll *poll;
	int64_t id;
	char *url;
	char *title;			/* the title people see (custom or the feed's) */
	int custom_title;		/* ... and it is the feeds file's */
	int error_count;
	int tries;			/* download-retries */
	char *command;			/* exec:/filter: feeds: the response goes through it */
	uint64_t body_hash;		/* of the document stored last, 0: none */
};

struct poll_article {
	struct poll *poll;
	int64_t item_id;
	char *url;
};

/* A parsed feed or an extracted (or failed) article waiting to be stored. */
struct poll_done {
	struct poll_feed *pf;		/* a feed ... */
	struct feed *feed;
	char **texts;			/* each item's plain text, for the index */
	char *etag;
	char *last_modified;
	uint64_t body_hash;		/* poll_body_hash of its document */
	struct poll_article *pa;	/* ... or an article */
	struct article a;
	enum article_status status;
	char *error;
	int skipped;			/* the cache refused it (see poll_flush) */
	time_t now;
	struct items_store_stats st;	/* filled while storing */
};

struct poll {
	struct db *db;
	struct poll_opts opts;
	uint64_t store_salt;		/* poll_store_salt(&opts) */
	struct fetch *feeds;
	struct fetch *articles;		/* NULL until the articles phase */
	struct poll_feed *pf;
	size_t npf;
	struct poll_article *pa;
	size_t npa;
	struct poll_done *batch;	/* waiting to be stored */
	size_t nbatch;
	size_t batch_cap;
	size_t batch_items;
	size_t batch_bytes;
	struct timespec batch_since;
	struct poll_progress progress;
	long long articles_deadline;	/* monotonic ms, 0: none */
	int deadline_hit;
	char **errors;
	size_t nerrors;
	int fatal;
	struct err fatal_err;
	poll_progress_fn *cb;
	void *cb_arg;
	struct filters kill;		/* filter: ignore-article, download mode */
};

void
poll_opts_init(struct poll_opts *o)
{
	memset(o, 0, sizeof *o);
	o->jobs = FETCH_DEFAULT_PARALLEL;
	o->max_size = FETCH_DEFAULT_MAX_SIZE;
	o->timeout_ms = FETCH_DEFAULT_TIMEOUT_MS;
	o->download_articles = 1;
	o->articles_per_poll = 200;
	o->max_items = 1000;
	o->articles_deadline_ms = 5 * 60 * 1000L;
	o->host_budget_ms = 60 * 1000L;
}

static void
poll_error(struct poll *p, const char *msg)
{
	p->errors = xreallocarray(p->errors, p->nerrors + 1, sizeof *p->errors);
	p->errors[p->nerrors++] = xstrdup(msg);
	p->progress.message = p->errors[p->nerrors - 1];
}

static int
poll_has_error(const struct poll *p, const char *msg)
{
	size_t i;

	for (i = 0; i < p->nerrors; i++)
		if (strcmp(p->errors[i], msg) == 0)
			return 1;
	return 0;
}

static void
poll_notify(struct poll *p)
{
	if (p->cb)
		p->cb(&p->progress, p->cb_arg);
}

/* Plain text of an item for the index: its content, else its summary. */
static char *
poll_item_text(const struct item *it)
{
	const char *html = it->content ? it->content : it->summary;

	return html != NULL ? markup_index_text(html, strlen(html), 4u << 20) : NULL;
}

/*
 * What else decides what a document leaves in the cache: the retention
 * (max-items, keep-articles-days) and the killfile (ignore-article,
 * ignore-mode).  Mixed into every body hash, so a changed config makes
 * the next poll store the same document again under the new rules.
 */
static uint64_t
poll_store_salt(const struct poll_opts *o)
{
	long long v[3] = { o->max_items, o->max_items_newest, o->keep_days };
	uint64_t h = hash_words(HASH_FNV_OFFSET, v, sizeof v);
	const struct settings_line *l;
	size_t n = 0, i;
	int j;

	if (o->ignore_cfg == NULL)
		return h;
	l = settings_lines(o->ignore_cfg, SETTINGS_L_IGNORE_ARTICLE, &n);
	for (i = 0; i < n; i++)
		for (j = 0; j < l[i].argc; j++)
			h = hash_words(h, l[i].argv[j], strlen(l[i].argv[j]) + 1);
	{
		const char *mode = settings_str(o->ignore_cfg, SETTINGS_V_IGNORE_MODE);

		h = hash_words(h, mode, strlen(mode) + 1);
	}
	return h;
}

/*
 * What a feed's answer is, for telling a 200 with the same document from
 * news: the body as sent (still gzipped when the server gzipped it:
 * FETCH_RAW_BODY, so nothing is inflated to find that it is old news), its
 * encoding, and the URL and charset it is parsed with (relative links
 * resolve against the one, the other decodes it), word-wise FNV-1a
 * (util/hash: 0.02 ms a 170 KB document, far below parsing it); a feed
 * that forges a collision only keeps its own news from being read.
 * Never 0 (the cache's "none").
 */
static uint64_t
poll_body_hash(const struct fetch_result *r, const char *url, uint64_t salt)
{
	const char *charset = r->charset ? r->charset : "";
	const char *enc = r->content_encoding ? r->content_encoding : "";
	uint64_t h = salt;

	h = hash_words(h, url, strlen(url) + 1);
	h = hash_words(h, charset, strlen(charset) + 1);
	h = hash_words(h, enc, strlen(enc) + 1);
	h = hash_words(h, r->body.data, r->body.len);
	return h ? h : 1;
}

/* What a fetch's outcome makes of a feed's status (its text: feeds_status_name). */
static enum feeds_status
poll_feeds_status(const struct fetch_result *r)
{
	switch (r->status) {
	case FETCH_OK:
		return FEEDS_OK;
	case FETCH_NOT_MODIFIED:
		return FEEDS_NOT_MODIFIED;
	case FETCH_HTTP_ERROR:
		return FEEDS_HTTP_ERROR;
	case FETCH_NETWORK:
		return FEEDS_NETWORK_ERROR;
	case FETCH_TOO_BIG:
		return FEEDS_TOO_BIG;
	case FETCH_BAD_URL:
		return FEEDS_BAD_URL;
	case FETCH_CANCELLED:
		return FEEDS_CANCELLED;
	case FETCH_SKIPPED:
		return FEEDS_SKIPPED;
	}
	return FEEDS_ERROR;
}

/* Next time this feed may be polled after a failure: Retry-After, else
 * exponential backoff once a feed has failed three times in a row. */
static time_t
poll_next_time(const struct fetch_result *r, int failures, time_t now)
{
	long wait = 0;

	if (r->retry_after > 0)
		wait = r->retry_after < POLL_MAX_BACKOFF ? r->retry_after : POLL_MAX_BACKOFF;
	else if (failures >= 3)
		wait = failures - 3 < 10 ? 300L << (failures - 3) : POLL_MAX_BACKOFF;
	if (wait > POLL_MAX_BACKOFF)
		wait = POLL_MAX_BACKOFF;
	return wait ? now + wait : 0;
}

/* Write one parsed feed (the caller holds the transaction). */
/* url is on one of n config lines OPTION URL... (always-download,
 * reset-unread-on-update: newsboat's options) */
static int
poll_url_listed(const struct settings_line *lines, size_t n, const char *url)
{
	size_t i;
	int j;

	for (i = 0; i < n; i++)
		for (j = 1; j < lines[i].argc; j++)
			if (strcmp(lines[i].argv[j], url) == 0)
				return 1;
	return 0;
}

static int
poll_store_feed(struct poll *p, struct poll_done *d, struct err *e)
{
	struct feed_poll_result res = { 0 };
	const struct feed *f = d->feed;
	struct poll_feed *pf = d->pf;

	struct item *kept = NULL;
	char **kept_texts = NULL;
	size_t nkept = f->nitems;
	int rc;

	/* filter: ignore-article (download mode) drops items before they are stored */
	if (p->kill.nignore > 0)
		nkept = filters_keep(&p->kill, p->db, pf->id, pf->url, f->title, f->items,
		    d->texts, f->nitems, d->now, &kept, &kept_texts);
	/* the index's feed column holds the title people see */
	rc = items_store_flags(p->db, pf->id, pf->title ? pf->title : f->title,
	    kept ? kept : f->items, kept ? kept_texts : d->texts, nkept, d->now,
	    poll_url_listed(p->opts.reset_unread, p->opts.nreset_unread, pf->url) ?
	    ITEMS_RESET_UNREAD : 0, &d->st, e);
	free(kept);
	free(kept_texts);
	if (rc < 0 ||
	    (p->opts.max_items_newest ? 0 : items_retain(p->db, pf->id, p->opts.max_items,
	    d->now, &d->st, e)) < 0 ||
	    items_prune(p->db, pf->id, p->opts.max_items_newest ? p->opts.max_items : 0,
	    p->opts.keep_days, d->now, &d->st, e) < 0)
		return -1;
	res.title = f->title;
	res.site = f->link;
	res.etag = d->etag;
	res.last_modified = d->last_modified;
	res.status = FEEDS_OK;
	res.now = d->now;
	res.body_hash = d->body_hash;	/* with its items, or not at all */
	if (feeds_record_poll(p->db, pf->id, &res, e) < 0)
		return -1;
	/* a feed that renamed itself: feed: searches follow the new title */
	if (!pf->custom_title && f->title && pf->title && strcmp(f->title, pf->title) != 0 &&
	    items_reindex_feed(p->db, pf->id, e) < 0)
		return -1;
	return 0;
}

static int
poll_store_article(struct poll *p, struct poll_done *d, struct err *e)
{
	struct article_in in = { 0 };

	in.status = d->status;
	in.error = d->error;
	in.fetched_at = d->now;
	if (d->error == NULL) {
		in.title = d->a.title && d->a.title[0] ? d->a.title : NULL;
		in.byline = d->a.byline && d->a.byline[0] ? d->a.byline : NULL;
		in.published = d->a.published == (time_t)-1 ? 0 : d->a.published;
		in.html = d->a.html;
		/* a short page keeps the feed's own text in the index */
		in.text = d->status == ARTICLE_OK ? d->a.text : NULL;
	}
	return articles_store(p->db, d->pa->item_id, &in, e);
}

static long
poll_batch_age_ms(const struct poll *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - p->batch_since.tv_sec) * 1000L +
	    (now.tv_nsec - p->batch_since.tv_nsec) / 1000000L;
}

static void
poll_done_release(struct poll_done *d)
{
	size_t i;

	if (d->texts != NULL)
		for (i = 0; i < d->feed->nitems; i++)
			free(d->texts[i]);
	free(d->texts);
	feed_free(d->feed);
	free(d->etag);
	free(d->last_modified);
	if (d->pa != NULL)
		extract_release(&d->a);
	free(d->error);
}

/* 1 when the row an entry belongs to (its feed, or an article's item) is
 * no longer in the cache, 0 when it is, -1 when that cannot be told. */
static int
poll_entry_gone(struct poll *p, const struct poll_done *d)
{
	int there = d->feed ? feeds_exists(p->db, d->pf->id, NULL)
	    : items_exists(p->db, d->pa->item_id, NULL);

	return there < 0 ? -1 : !there;
}

/* Mark an entry whose feed or item is gone and say so. */
static void
poll_skip(struct poll *p, struct poll_done *d)
{
	char *url = fetch_url_redact(d->feed ? d->pf->url : d->pa->url);
	struct err e;

	d->skipped = 1;
	err_set(&e, "%s: not stored: %s was removed from the cache meanwhile", url,
	    d->feed ? "the feed" : "its item");
	free(url);
	poll_error(p, e.msg);
}

/*
 * Store the batch in one transaction.  An entry whose feed or item was
 * removed meanwhile (`tidings remove` in another process) is skipped and
 * counted as failed: the batch is rolled back and written again without
 * it.  (Optimistic, because a savepoint an entry would copy every page the
 * entry touches to a journal: +20% CPU on a poll.)  Any other failure (a
 * full disk, an I/O error) rolls the whole batch back and is fatal to the
 * poll.
 */
static void
poll_flush(struct poll *p)
{
	struct err e;
	size_t i;
	int rc = -1, retry = 1;

	if (p->nbatch == 0)
		return;
	err_clear(&e);
	while (retry && !p->fatal) {
		retry = 0;
		if (db_begin(p->db, &e) < 0)
			break;
		rc = 0;
		for (i = 0; i < p->nbatch && rc == 0; i++) {
			struct poll_done *d = &p->batch[i];

			if (d->skipped)
				continue;
			memset(&d->st, 0, sizeof d->st);
			if ((d->feed ? poll_store_feed(p, d, &e) :
			    poll_store_article(p, d, &e)) == 0)
				continue;
			rc = -1;
			if (poll_entry_gone(p, d) == 1) {
				poll_skip(p, d);
				retry = 1;
			}
		}
		if (rc == 0)
			rc = db_commit(p->db, &e);
		else
			db_rollback(p->db);
	}
	for (i = 0; i < p->nbatch; i++) {
		struct poll_done *d = &p->batch[i];

		if (rc == 0 && !d->skipped) {
			p->progress.items_new += d->st.added;
			p->progress.items_updated += d->st.updated;
		} else if (d->feed) {
			/* not stored (a full disk, say): not "ok" in the summary */
			p->progress.feeds_failed++;
		} else if (d->error == NULL) {
			/* (a failed fetch was counted when it came in) */
			p->progress.articles_failed++;
		}
		poll_done_release(d);
	}
	p->nbatch = 0;
	p->batch_items = 0;
	p->batch_bytes = 0;
	if (rc < 0 && !p->fatal) {
		p->fatal = 1;
		p->fatal_err = e;
		if (e.msg[0])
			poll_error(p, e.msg);
	}
	poll_notify(p);
}

/* A new entry at the end of the batch (zeroed). */
static struct poll_done *
poll_batch_add(struct poll *p, size_t items, size_t bytes)
{
	struct poll_done *d;

	if (p->nbatch == p->batch_cap) {
		p->batch_cap = p->batch_cap ? p->batch_cap * 2 : 32;
		p->batch = xreallocarray(p->batch, p->batch_cap, sizeof *p->batch);
	}
	if (p->nbatch == 0)
		clock_gettime(CLOCK_MONOTONIC, &p->batch_since);
	d = &p->batch[p->nbatch++];
	memset(d, 0, sizeof *d);
	p->batch_items += items;
	p->batch_bytes += bytes;
	return d;
}

/* After adding to the batch: store it when it is big or old enough. */
static void
poll_batch_check(struct poll *p)
{
	if (p->nbatch > 0 && (p->batch_items >= POLL_BATCH_ITEMS ||
	    p->batch_bytes >= POLL_BATCH_BYTES || poll_batch_age_ms(p) >= POLL_BATCH_MS))
		poll_flush(p);
}

static void
poll_record_failure(struct poll *p, struct poll_feed *pf, enum feeds_status status,
    const char *msg, const struct fetch_result *r, time_t now)
{
	struct feed_poll_result res = { 0 };
	struct err e;

	res.status = status;
	res.http_code = r->http_code;
	res.error = msg;
	res.failed = 1;
	res.now = now;
	res.next_poll = poll_next_time(r, pf->error_count + 1, now);
	p->progress.feeds_failed++;
	poll_error(p, msg);
	if (feeds_record_poll(p->db, pf->id, &res, &e) < 0 && !p->fatal) {
		p->fatal = 1;
		p->fatal_err = e;
	}
}

/*
 * A feed's body inflated (when the server compressed it), only once its
 * hash has said it is news: the hash is of the bytes as sent.  Counted in
 * the progress.  -1 with r's status and err set as curl's would be.
 */
static int
poll_inflate(struct poll *p, const struct poll_feed *pf, struct fetch_result *r)
{
	struct err e;

	if (r->content_encoding == NULL)
		return 0;
	p->progress.feeds_inflated++;
	return fetch_decode(r, pf->url, p->opts.max_size, &e);
}

static void
poll_feed_done(struct fetch *f, struct fetch_result *r, void *arg)
{
	struct poll_feed *pf = r->user;
	struct poll *p = pf->poll;
	struct feed_parse_opts po = { 0 };
	struct feed *feed;
	struct err e;
	time_t now = time(NULL);
	char *redacted;
	uint64_t hash = 0;
	size_t i;

	(void)arg;
	/* download-retries: a network failure is tried again (unconditional:
	 * the stored validators went with the first request) */
	if (r->status == FETCH_NETWORK && ++pf->tries < p->opts.retries) {
		struct fetch_request again = { .url = pf->url,
			.flags = FETCH_ALLOW_FILE | FETCH_RAW_BODY, .user = pf };

		if (fetch_add(f, &again) == 0)
			return;
	}
	p->progress.feeds_done++;
	if (r->status == FETCH_CANCELLED) {
		poll_notify(p);
		return;
	}
	if (r->status == FETCH_OK) {
		po.url = r->effective_url ? r->effective_url : pf->url;
		hash = poll_body_hash(r, po.url, p->store_salt);
	}
	if (r->status == FETCH_NOT_MODIFIED ||
	    (r->status == FETCH_OK && hash == pf->body_hash)) {
		/* a 304, or a 200 with the document stored last: nothing new,
		 * and nothing parsed, rendered or indexed to find that out */
		struct feed_poll_result res = { .status = FEEDS_NOT_MODIFIED, .now = now,
		    .etag = r->etag, .last_modified = r->last_modified };

		p->progress.feeds_unchanged++;
		if (feeds_record_poll(p->db, pf->id, &res, &e) < 0 && !p->fatal) {
			p->fatal = 1;
			p->fatal_err = e;
		}
	} else if (r->status != FETCH_OK) {
		poll_record_failure(p, pf, poll_feeds_status(r), r->err.msg, r, now);
	} else if (poll_inflate(p, pf, r) < 0) {
		poll_record_failure(p, pf, poll_feeds_status(r), r->err.msg, r, now);
	} else if (pf->command != NULL && exec_feed_filter(pf->url, pf->command, &r->body,
	    p->opts.max_size, p->opts.timeout_ms, &e) < 0) {
		poll_record_failure(p, pf, FEEDS_ERROR, e.msg, r, now);
	} else {
		po.charset = r->charset;
		feed = feed_parse(r->body.data, r->body.len, &po, &e);
		if (feed == NULL) {
			redacted = fetch_url_redact(pf->url);
			err_prefix(&e, "%s", redacted);
			free(redacted);
			poll_record_failure(p, pf, FEEDS_PARSE_ERROR, e.msg, r, now);
		} else {
			struct poll_done *d = poll_batch_add(p, feed->nitems, r->body.len);

			d->pf = pf;
			d->feed = feed;
			/* rendered now, so the write transaction holds only writes */
			d->texts = xcalloc(feed->nitems ? feed->nitems : 1, sizeof *d->texts);
			for (i = 0; i < feed->nitems; i++)
				d->texts[i] = poll_item_text(&feed->items[i]);
			d->etag = r->etag;
			r->etag = NULL;
			d->last_modified = r->last_modified;
			r->last_modified = NULL;
			d->now = now;
			d->body_hash = hash;
		}
	}
	poll_notify(p);
	poll_batch_check(p);
}

static void
poll_article_done(struct fetch *f, struct fetch_result *r, void *arg)
{
	struct poll_article *pa = r->user;
	struct poll *p = pa->poll;
	struct poll_done *d;
	struct err e;
	char tmp[FEEDS_STATUS_NAME_MAX];
	int rc;

	(void)f;
	(void)arg;
	p->progress.articles_done++;
	if (r->status == FETCH_SKIPPED || (r->status == FETCH_CANCELLED && p->deadline_hit)) {
		/* not an attempt: the page waits for the next poll, and the
		 * host is named once */
		p->progress.articles_skipped++;
		if (r->status == FETCH_SKIPPED && !poll_has_error(p, r->err.msg))
			poll_error(p, r->err.msg);
	}
	if (r->status == FETCH_CANCELLED || r->status == FETCH_SKIPPED) {
		poll_notify(p);
		return;
	}
	d = poll_batch_add(p, 1, r->body.len);
	d->pa = pa;
	d->now = time(NULL);
	if (r->status != FETCH_OK) {
		d->status = ARTICLE_FAILED;
		d->error = xstrdup(r->err.msg[0] ? r->err.msg :
		    feeds_status_name(poll_feeds_status(r), r->http_code, tmp, sizeof tmp));
		p->progress.articles_failed++;
	} else {
		rc = extract_article(&d->a, r->body.data, r->body.len,
		    r->effective_url ? r->effective_url : pa->url, r->charset, &e);
		if (rc < 0) {
			d->status = ARTICLE_FAILED;
			d->error = xstrdup(e.msg);
			p->progress.articles_failed++;
		} else {
			d->status = rc == EXTRACT_OK ? ARTICLE_OK : ARTICLE_SHORT;
		}
	}
	poll_notify(p);
	poll_batch_check(p);
}


struct poll *
poll_new(struct db *db, const struct feedlist *fl, const struct poll_opts *o,
    poll_progress_fn *progress, void *arg, struct err *e)
{
	struct poll *p = xcalloc(1, sizeof *p);
	struct fetch_opts fo;
	struct feed_row row;
	time_t now = time(NULL);
	size_t i;

	p->db = db;
	if (o)
		p->opts = *o;
	else
		poll_opts_init(&p->opts);
	p->cb = progress;
	p->cb_arg = arg;
	p->store_salt = poll_store_salt(&p->opts);
	if (p->opts.ignore_cfg != NULL) {
		filters_load(&p->kill, p->opts.ignore_cfg);
		if (p->kill.display)
			filters_release(&p->kill);	/* display mode: the lists hide them */
	}
	fetch_opts_init(&fo);
	fo.max_parallel = p->opts.jobs;
	fo.max_size = p->opts.max_size;
	fo.timeout_ms = p->opts.timeout_ms;
	fo.user_agent = p->opts.user_agent;
	fo.net = p->opts.net;
	p->feeds = fetch_new(&fo, poll_feed_done, p);
	p->pf = xcalloc(fl->nlines ? fl->nlines : 1, sizeof *p->pf);
	for (i = 0; i < fl->nlines; i++) {
		const struct feedlist_line *l = &fl->lines[i];
		struct fetch_request req = { 0 };
		struct poll_feed *pf;
		int64_t id;
		int found;

		if (l->kind != FEEDLIST_FEED)
			continue;
		if (feeds_ensure(db, l->url, &id, e) < 0)
			goto fail;
		if (p->opts.only_feed && id != p->opts.only_feed)
			continue;
		found = feeds_get(db, id, NULL, &row, e);
		if (found < 0)
			goto fail;
		p->progress.feeds_total++;
		if (!p->opts.force && row.next_poll > now) {
			p->progress.feeds_skipped++;
			p->progress.feeds_done++;
			feed_row_release(&row);
			continue;
		}
		pf = &p->pf[p->npf++];
		pf->poll = p;
		pf->id = id;
		pf->url = xstrdup(l->url);
		pf->title = row.title ? xstrdup(row.title) : NULL;
		pf->custom_title = row.custom_title;
		pf->error_count = row.error_count;
		pf->body_hash = row.body_hash;
		pf->command = l->command ? xstrdup(l->command) : NULL;
		if (l->command != NULL && l->source == NULL) {
			/* exec: nothing to fetch; the command's output is the
			 * response (it runs now, before the transfers) */
			struct fetch_result r = { .user = pf, .url = l->url, .retry_after = -1 };

			buf_init(&r.body, 0);
			poll_feed_done(NULL, &r, NULL);
			buf_release(&r.body);
			feed_row_release(&row);
			continue;
		}
		req.url = l->source ? l->source : l->url;	/* filter: its URL */
		if (!poll_url_listed(p->opts.always_download, p->opts.nalways_download, l->url)) {
			req.etag = row.etag;
			req.last_modified = row.last_modified;
		}
		/* the user's own feeds file; the body as sent, for the hash */
		req.flags = FETCH_ALLOW_FILE | FETCH_RAW_BODY;
		req.user = pf;
		fetch_add(p->feeds, &req);
		feed_row_release(&row);
	}
	return p;
fail:
	poll_free(p);
	return NULL;
}

static int
poll_start_articles(struct poll *p, struct err *e)
{
	struct article_todo *todo;
	struct fetch_opts fo;
	size_t n, i;

	if (!p->opts.download_articles || p->opts.articles_per_poll <= 0)
		return 0;
	if (articles_pending(p->db, p->opts.only_feed, p->opts.articles_per_poll,
	    &todo, &n, e) < 0)
		return -1;
	fetch_opts_init(&fo);
	fo.max_parallel = p->opts.jobs;
	fo.max_per_host = POLL_ARTICLES_PER_HOST;
	fo.max_size = p->opts.max_size;
	fo.timeout_ms = p->opts.timeout_ms;
	fo.host_budget_ms = p->opts.host_budget_ms;
	fo.host_max_failures = POLL_HOST_FAILURES;
	fo.user_agent = p->opts.user_agent;
	fo.net = p->opts.net;
	p->articles = fetch_new(&fo, poll_article_done, p);
	if (p->opts.articles_deadline_ms > 0)
		p->articles_deadline = date_now_ms() + p->opts.articles_deadline_ms;
	p->pa = xcalloc(n ? n : 1, sizeof *p->pa);
	for (i = 0; i < n; i++) {
		struct fetch_request req = { 0 };
		struct poll_article *pa = &p->pa[p->npa++];

		pa->poll = p;
		pa->item_id = todo[i].id;
		pa->url = todo[i].url;
		todo[i].url = NULL;
		req.url = pa->url;
		req.user = pa;		/* no FETCH_ALLOW_FILE: pages are http(s) only */
		fetch_add(p->articles, &req);
	}
	p->progress.articles_total = (int)n;
	articles_free_todo(todo, n);
	/* say so now: the first page may take a while */
	poll_notify(p);
	return 0;
}

/* The fetch of the phase in progress, switching phase when one ends. */
static struct fetch *
poll_current(struct poll *p)
{
	struct err e;

	if (p->progress.finished)
		return NULL;
	if (p->articles == NULL && fetch_pending(p->feeds) > 0)
		return p->feeds;
	if (p->articles == NULL && !p->fatal) {
		/* the articles phase picks its pages from what the feeds stored */
		poll_flush(p);
		if (!p->fatal && poll_start_articles(p, &e) < 0) {
			p->fatal = 1;
			p->fatal_err = e;
		}
	}
	if (p->articles && fetch_pending(p->articles) > 0 && !p->fatal)
		return p->articles;
	poll_flush(p);
	p->progress.finished = 1;
	poll_notify(p);
	return NULL;
}

size_t
poll_fds(struct poll *p, struct pollfd *fds, size_t max, int *timeout_ms)
{
	struct fetch *f = poll_current(p);
	size_t n;
	long left;

	if (f == NULL) {
		*timeout_ms = 0;
		return 0;
	}
	n = fetch_fds(f, fds, max, timeout_ms);
	/* wake up at the articles' deadline */
	if (f == p->articles && p->articles_deadline > 0) {
		left = (long)(p->articles_deadline - date_now_ms());
		if (left < 0)
			left = 0;
		if (*timeout_ms < 0 || *timeout_ms > left)
			*timeout_ms = (int)left;
	}
	/* wake up in time to store the batch */
	if (p->nbatch > 0) {
		left = POLL_BATCH_MS - poll_batch_age_ms(p);
		if (left < 0)
			left = 0;
		if (*timeout_ms < 0 || *timeout_ms > left)
			*timeout_ms = (int)left;
	}
	return n;
}

/* The articles phase ran out of time: what is left waits for the next
 * poll (not an attempt), said in one line. */
static void
poll_deadline(struct poll *p)
{
	struct err e;
	int before = p->progress.articles_skipped;

	p->deadline_hit = 1;
	fetch_cancel_all(p->articles);
	err_set(&e, "article pages: the poll's %ld s for them ran out; %d left for the next poll",
	    p->opts.articles_deadline_ms / 1000, p->progress.articles_skipped - before);
	poll_error(p, e.msg);
	poll_notify(p);
}

int
poll_step(struct poll *p, const struct pollfd *fds, size_t nfds)
{
	struct fetch *f = poll_current(p);

	if (f == NULL)
		return 0;
	fetch_step(f, fds, nfds);
	if (f == p->articles && p->articles_deadline > 0 && !p->deadline_hit &&
	    date_now_ms() >= p->articles_deadline && fetch_pending(f) > 0)
		poll_deadline(p);
	poll_batch_check(p);
	if (p->fatal) {
		poll_cancel(p);
		return 0;
	}
	return poll_current(p) != NULL;
}

int
poll_run(struct poll *p, struct err *e)
{
	struct pollfd *fds = NULL;
	size_t cap = 0, n;
	int tmo;

	/* fetch_run's loop, with poll_fds's wake-ups for the batch */
	while (poll_current(p) != NULL) {
		n = poll_fds(p, fds, cap, &tmo);
		if (n > cap) {
			cap = n + 16;
			fds = xreallocarray(fds, cap, sizeof *fds);
			continue;
		}
		if (poll(fds, (nfds_t)n, tmo) < 0 && errno != EINTR) {
			err_set(e, "poll: %s", strerror(errno));
			free(fds);
			return -1;
		}
		poll_step(p, fds, n);
	}
	free(fds);
	if (p->fatal) {
		if (e)
			*e = p->fatal_err;
		return -1;
	}
	return 0;
}

void
poll_cancel(struct poll *p)
{
	if (p->feeds)
		fetch_cancel_all(p->feeds);
	if (p->articles)
		fetch_cancel_all(p->articles);
	/* what was fetched and parsed is kept (cancelling may deliver a last
	 * few results too) */
	poll_flush(p);
	if (!p->progress.finished) {
		p->progress.finished = 1;
		poll_notify(p);
	}
}

int
poll_in_articles(const struct poll *p)
{
	return p->articles != NULL && !p->progress.finished;
}

const struct poll_progress *
poll_progress(const struct poll *p)
{
	return &p->progress;
}

size_t
poll_errors(const struct poll *p, const char *const **lines)
{
	*lines = (const char *const *)p->errors;
	return p->nerrors;
}

void
poll_free(struct poll *p)
{
	size_t i;

	if (p == NULL)
		return;
	/* cancelled transfers are delivered to callbacks that use pf/pa */
	p->cb = NULL;
	filters_release(&p->kill);
	fetch_free(p->feeds);
	fetch_free(p->articles);
	for (i = 0; i < p->nbatch; i++)
		poll_done_release(&p->batch[i]);
	free(p->batch);
	for (i = 0; i < p->npf; i++) {
		free(p->pf[i].url);
		free(p->pf[i].title);
		free(p->pf[i].command);
	}
	free(p->pf);
	for (i = 0; i < p->npa; i++)
		free(p->pa[i].url);
	free(p->pa);
	for (i = 0; i < p->nerrors; i++)
		free(p->errors[i]);
	free(p->errors);
	free(p);
}
