/*
 * fetch_queue: where transfers wait and which may run.  Owns the three
 * lists (queued, running, done), the hosts transfers count against, the
 * slots under max_parallel and max_per_host, and the per-host time and
 * failure budgets that end a slow host's transfers for this poll.
 */
#include "config.h"

#include "net/fetch_priv.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/xalloc.h"

/* ---- lists --------------------------------------------------------- */

void
tlist_append(struct tlist *l, struct transfer *t)
{
	t->next = NULL;
	t->prev = l->tail;
	if (l->tail != NULL)
		l->tail->next = t;
	else
		l->head = t;
	l->tail = t;
	l->n++;
}

void
tlist_remove(struct tlist *l, struct transfer *t)
{
	if (t->prev != NULL)
		t->prev->next = t->next;
	else
		l->head = t->next;
	if (t->next != NULL)
		t->next->prev = t->prev;
	else
		l->tail = t->prev;
	t->prev = t->next = NULL;
	l->n--;
}

struct host *
host_get(struct fetch *f, const char *name)
{
	struct host *h;
	size_t n;

	for (h = f->hosts; h != NULL; h = h->next)
		if (strcmp(h->name, name) == 0)
			return h;
	n = strlen(name);
	h = xmalloc(sizeof *h + n + 1);
	memcpy(h->name, name, n + 1);
	h->running = 0;
	h->used_ms = 0;
	h->failures = 0;
	h->over = 0;
	h->next = f->hosts;
	f->hosts = h;
	return h;
}

/* Drop t's easy handle and give up its slot; t is on no list after this. */
void
transfer_detach(struct fetch *f, struct transfer *t)
{
	tlist_remove(&f->running, t);
	t->host->running--;
	curl_multi_remove_handle(f->multi, t->easy);
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
	curl_slist_free_all(t->headers);
	t->headers = NULL;
}

/* End t (on no list) as FETCH_SKIPPED: its host is out of budget. */
static void
transfer_skip(struct fetch *f, struct transfer *t)
{
	char *p;

	t->res.status = FETCH_SKIPPED;
	buf_release(&t->res.body);
	/* one message a host (the key has no credentials), so a caller
	 * can say it once */
	err_set(&t->res.err, "%s: skipped until the next poll: %s", t->host->name,
	    t->host->failures >= f->o.host_max_failures && f->o.host_max_failures > 0 ?
	    "its transfers keep failing" : "too slow (its transfers took too long)");
	for (p = t->res.err.msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	tlist_append(&f->done, t);
}

/*
 * Mark the hosts whose transfers have used their budget, counting running
 * transfers' time so far, and end what they have running (what they have
 * queued ends when fetch_schedule reaches it).
 */
void
fetch_budget(struct fetch *f)
{
	struct transfer *t, *next;
	struct host *h;
	long long now;

	if (f->o.host_budget_ms <= 0 && f->o.host_max_failures <= 0)
		return;
	now = date_now_ms();
	for (h = f->hosts; h != NULL; h = h->next) {
		long long used = h->used_ms;

		if (h->over)
			continue;
		for (t = f->running.head; t != NULL; t = t->next)
			if (t->host == h)
				used += now - t->started;
		if ((f->o.host_budget_ms > 0 && used >= f->o.host_budget_ms) ||
		    (f->o.host_max_failures > 0 && h->failures >= f->o.host_max_failures))
			h->over = 1;
	}
	for (t = f->running.head; t != NULL; t = next) {
		next = t->next;
		if (!t->host->over)
			continue;
		/* tried and too slow: a failure, so a caller that retries
		 * failures a few times gives up on a tarpit in the end */
		transfer_detach(f, t);
		t->res.status = FETCH_NETWORK;
		t->res.elapsed_ms = (long)(now - t->started);
		buf_release(&t->res.body);
		transfer_error(t, "too slow: stopped after %lld s, the host's budget for this poll",
		    (now - t->started + 999) / 1000);
		tlist_append(&f->done, t);
	}
}

/* Start queued transfers while there are free slots. */
void
fetch_schedule(struct fetch *f)
{
	struct transfer *t, *next;

	for (t = f->queued.head; t != NULL &&
	    f->running.n < (size_t)f->o.max_parallel; t = next) {
		next = t->next;
		if (t->host->over) {
			tlist_remove(&f->queued, t);
			transfer_skip(f, t);
			continue;
		}
		if (t->host->running >= f->o.max_per_host)
			continue;
		tlist_remove(&f->queued, t);
		tlist_append(&f->running, t);
		t->host->running++;
		t->started = date_now_ms();
		if (transfer_start(f, t) < 0) {
			t->res.status = FETCH_NETWORK;
			transfer_detach(f, t);
			tlist_append(&f->done, t);
		}
	}
}
