/*
 * sync: the server-independent half of a sync (app/sync.h): the password,
 * one HTTP request at a time over net/fetch, the journal's push with its
 * conflict rule, and the order of the steps.  The servers' APIs are the
 * drivers' (sync_ttrss.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/sync_priv.h"
#include "store/sync.h"
#include "util/url.h"
#include "util/xalloc.h"

#define SYNC_PASSWORD_MAX 4096

const char *
sync_server(const struct settings *cfg)
{
	const char *s = settings_str(cfg, SETTINGS_V_URLS_SOURCE);

	return s != NULL && strcmp(s, "ttrss") == 0 ? "ttrss" : NULL;
}

/* ---- HTTP -------------------------------------------------------------- */

static void
sync_done(struct fetch *f, struct fetch_result *r, void *arg)
{
	struct sync_conn *c = arg;

	(void)f;
	c->got = 1;
	c->status = r->status;
	c->http_code = r->http_code;
	buf_release(&c->body);
	c->body = r->body;
	buf_init(&r->body, 1);
	c->ferr = r->err;
}

int
sync_http(struct sync_conn *c, const char *method, const char *url, const char *ctype,
    const char *body, size_t len, const char *const *headers, size_t nheaders,
    struct err *e)
{
	struct fetch_request req = { .url = url };
	struct fetch_send s = { method, body, len, ctype, headers, nheaders };

	c->got = 0;
	err_clear(&c->ferr);
	if ((body != NULL ? fetch_add_send(c->f, &req, &s) : fetch_add(c->f, &req)) < 0 ||
	    fetch_run(c->f, e) < 0)
		return err_prefix(e, "%s %s", c->kind, c->shown);
	if (!c->got)
		return err_set(e, "%s %s: no answer", c->kind, c->shown);
	switch (c->status) {
	case FETCH_OK:
		return 0;
	case FETCH_HTTP_ERROR:
		if (c->http_code == 401 || c->http_code == 403)
			return err_set(e, "%s %s: HTTP %ld: the login was refused (check the "
			    "login and the password)", c->kind, c->shown, c->http_code);
		return err_set(e, "%s %s: HTTP %ld", c->kind, c->shown, c->http_code);
	default:
		/* fetch's message names the URL, credentials removed */
		*e = c->ferr;
		url_redact(e->msg);
		return err_prefix(e, "%s", c->kind);
	}
}

json_t *
sync_json(struct sync_conn *c, struct err *e)
{
	json_error_t je;
	json_t *j;

	j = json_loadb(c->body.data, c->body.len, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL)
		err_set(e, "%s %s: the answer is not JSON (an HTML page?): is the URL the "
		    "server's address?", c->kind, c->shown);
	return j;
}

/* ---- the password ------------------------------------------------------ */

/* The first line of f, at most SYNC_PASSWORD_MAX bytes; NULL when empty. */
static char *
sync_first_line(FILE *f)
{
	char line[SYNC_PASSWORD_MAX + 2];
	size_t n;

	if (fgets(line, sizeof line, f) == NULL)
		return NULL;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (n == 0)
		return NULL;
	return xstrdup(line);
}

/*
 * newsboat's three ways, in its order: the password itself, a file whose
 * first line it is, a command whose first line of output it is (run by
 * /bin/sh -c: it is the user's own config).  The command's text is not
 * repeated in a message (it may hold a secret of its own).
 */
static int
sync_password(const struct settings *cfg, const char *name, enum settings_value_id pw,
    enum settings_value_id pwfile, enum settings_value_id pweval, char **out,
    struct err *e)
{
	const char *s;
	char *path;
	FILE *f;
	int st;

	*out = NULL;
	if ((s = settings_str(cfg, pw)) != NULL && *s) {
		*out = xstrdup(s);
		return 0;
	}
	if ((s = settings_str(cfg, pwfile)) != NULL && *s) {
		path = settings_expand_path(s, NULL);
		f = fopen(path, "r");
		if (f == NULL) {
			err_set(e, "%s-passwordfile %s: cannot read it", name, path);
			free(path);
			return -1;
		}
		*out = sync_first_line(f);
		fclose(f);
		if (*out == NULL) {
			err_set(e, "%s-passwordfile %s: its first line is empty", name, path);
			free(path);
			return -1;
		}
		free(path);
		return 0;
	}
	if ((s = settings_str(cfg, pweval)) != NULL && *s) {
		fflush(NULL);
		if ((f = popen(s, "r")) == NULL)
			return err_set(e, "%s-passwordeval: cannot run the command", name);
		*out = sync_first_line(f);
		st = pclose(f);
		if (st != 0 || *out == NULL) {
			free(*out);
			*out = NULL;
			return err_set(e, "%s-passwordeval: the command %s", name,
			    st != 0 ? "failed" : "printed no password");
		}
		return 0;
	}
	return err_set(e, "urls-source %s: set %s-password, %s-passwordfile or "
	    "%s-passwordeval", name, name, name, name);
}

static void
sync_conn_release(struct sync_conn *c)
{
	fetch_free(c->f);
	if (c->password != NULL) {
		volatile char *p = c->password;

		while (*p)
			*p++ = '\0';
	}
	free(c->password);
	free(c->base);
	free(c->shown);
	free(c->login);
	free(c->session);
	buf_release(&c->body);
}

/* ---- the steps --------------------------------------------------------- */

static void
sync_line(struct sync_report *r, char *line)
{
	r->lines = xreallocarray(r->lines, r->nlines + 1, sizeof *r->lines);
	r->lines[r->nlines++] = line;
}

static const char *
sync_flag(enum sync_field f, int v)
{
	if (f == SYNC_FIELD_STARRED)
		return v ? "starred" : "not starred";
	return v ? "read" : "unread";
}

/* Push the journal: what the server changed since wins (reported once). */
static int
sync_push(struct db *db, const struct sync_driver *d, struct sync_conn *c,
    struct sync_report *r, struct err *e)
{
	struct sync_change *ch, *todo;
	size_t n, i, ntodo = 0;
	int *server, rc = -1;

	if (sync_cache_journal(db, &ch, &n, e) < 0)
		return -1;
	if (n == 0)
		return 0;
	server = xcalloc(n, sizeof *server);
	todo = xcalloc(n, sizeof *todo);
	if (d->current(c, ch, n, server, e) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		/*
		 * A flag has two values: a change the server made meanwhile
		 * to the same flag is the same change, and is not sent again.
		 * A change to an item the server no longer has cannot be
		 * sent: that is the conflict the user hears of, once.
		 */
		if (ch[i].value == ch[i].base || server[i] == ch[i].value) {
			/* nothing to send: undone here, or the same there */
		} else if (server[i] < 0) {
			r->conflicts++;
			sync_line(r, xasprintf("conflict: \"%s\" was made %s here, but the "
			    "server no longer has it; the change was not sent",
			    ch[i].title != NULL ? ch[i].title : ch[i].remote,
			    sync_flag(ch[i].field, ch[i].value)));
		} else {
			todo[ntodo++] = ch[i];
			continue;
		}
		if (sync_cache_done(db, &ch[i], server[i] < 0 ? ch[i].base : server[i], e) < 0)
			goto out;
	}
	if (ntodo > 0 && d->push(c, todo, ntodo, e) < 0)
		goto out;
	for (i = 0; i < ntodo; i++)
		if (sync_cache_done(db, &todo[i], todo[i].value, e) < 0)
			goto out;
	r->pushed += (int)ntodo;
	rc = 0;
out:
	free(todo);
	free(server);
	sync_cache_free_changes(ch, n);
	return rc;
}

int
sync_run(struct db *db, const struct settings *cfg, const struct poll_opts *po,
    struct sync_report *r, struct err *e)
{
	const struct sync_driver *d = &sync_ttrss;
	struct sync_conn c = { 0 };
	struct fetch_opts fo;
	struct sync_sub *subs = NULL;
	struct sync_feed_in *fin = NULL;
	struct sync_item_in *items = NULL;
	struct sync_ids unread = { 0 }, starred = { 0 };
	size_t nsubs = 0, nitems = 0, i;
	char *since = NULL, *next = NULL, *key = NULL;
	const char *url;
	int orphans, rc = -1;

	memset(r, 0, sizeof *r);
	if (sync_server(cfg) == NULL)
		return err_set(e, "urls-source: no feed server to sync with");
	c.kind = d->kind;
	url = settings_str(cfg, SETTINGS_V_TTRSS_URL);
	if (url == NULL || *url == '\0')
		return err_set(e, "urls-source ttrss: ttrss-url is not set");
	c.base = xstrdup(url);
	while (*c.base && c.base[strlen(c.base) - 1] == '/')
		c.base[strlen(c.base) - 1] = '\0';
	c.shown = url_display(c.base);
	c.login = xstrdup(settings_str(cfg, SETTINGS_V_TTRSS_LOGIN) != NULL ?
	    settings_str(cfg, SETTINGS_V_TTRSS_LOGIN) : "");
	buf_init(&c.body, 1);
	if (sync_password(cfg, "ttrss", SETTINGS_V_TTRSS_PASSWORD,
	    SETTINGS_V_TTRSS_PASSWORDFILE, SETTINGS_V_TTRSS_PASSWORDEVAL, &c.password, e) < 0 ||
	    fetch_global_init(e) < 0)
		goto out;
	fetch_opts_init(&fo);
	fo.max_parallel = 1;
	if (po->timeout_ms > 0)
		fo.timeout_ms = po->timeout_ms;
	if (po->max_size > 0)
		fo.max_size = po->max_size;
	fo.user_agent = po->user_agent;
	fo.net = po->net;
	c.f = fetch_new(&fo, sync_done, &c);

	if (d->login(&c, e) < 0 || sync_push(db, d, &c, r, e) < 0)
		goto out;
	if (d->subscriptions(&c, &subs, &nsubs, e) < 0)
		goto out;
	fin = xcalloc(nsubs ? nsubs : 1, sizeof *fin);
	for (i = 0; i < nsubs; i++)
		fin[i] = (struct sync_feed_in){ subs[i].remote, subs[i].url, subs[i].title,
		    subs[i].tag };
	if (sync_cache_feeds(db, fin, nsubs, time(NULL), e) < 0)
		goto out;
	r->feeds = (int)nsubs;
	key = xasprintf("since %s", c.shown);
	if (sync_cache_get(db, key, &since, e) < 0 ||
	    d->items(&c, since, &items, &nitems, &next, e) < 0 ||
	    sync_cache_items(db, items, nitems, time(NULL), po->max_items,
	    po->keep_days, &r->items_new, &orphans, e) < 0 ||
	    (next != NULL && sync_cache_set(db, key, next, e) < 0))
		goto out;
	if (d->state(&c, &unread, &starred, e) < 0 ||
	    sync_cache_state(db, unread.v, unread.n, starred.v, starred.n, &r->changed, e) < 0)
		goto out;
	rc = 0;
out:
	sync_ids_release(&unread);
	sync_ids_release(&starred);
	sync_items_free(items, nitems);
	free(fin);
	sync_subs_free(subs, nsubs);
	free(since);
	free(next);
	free(key);
	sync_conn_release(&c);
	return rc;
}

void
sync_report_release(struct sync_report *r)
{
	size_t i;

	for (i = 0; i < r->nlines; i++)
		free(r->lines[i]);
	free(r->lines);
	memset(r, 0, sizeof *r);
}

/* ---- in the background -------------------------------------------------- */

extern char **environ;

int
sync_bg_start(struct sync_bg *b, const char *config, const char *feeds, const char *cache,
    struct err *e)
{
	const char *argv[16];
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int p[2], n = 0, rc;

	memset(b, 0, sizeof *b);
	b->fd = -1;
	argv[n++] = "tidings";
	argv[n++] = "--config";
	argv[n++] = config;
	if (feeds != NULL) {
		argv[n++] = "--feeds";
		argv[n++] = feeds;
	}
	argv[n++] = "--cache";
	argv[n++] = cache;
	argv[n++] = "poll";
	argv[n++] = "--no-articles";
	argv[n++] = "--quiet";
	argv[n] = NULL;
	if (pipe(p) < 0)
		return err_set(e, "sync: pipe: %s", strerror(errno));
	(void)fcntl(p[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(p[0], F_SETFL, O_NONBLOCK);
	posix_spawn_file_actions_init(&fa);
	/* stdin and stdout from /dev/null (the reader owns the terminal),
	 * stderr to us */
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	rc = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		return err_set(e, "sync: cannot start tidings: %s", strerror(rc));
	}
	b->pid = (int)pid;
	b->fd = p[0];
	b->out = xcalloc(1, 1);
	return 0;
}

int
sync_bg_step(struct sync_bg *b, int *failed)
{
	char chunk[4096];
	ssize_t got;
	int st;

	*failed = 0;
	if (b->pid == 0)
		return 0;
	while ((got = read(b->fd, chunk, sizeof chunk)) > 0) {
		size_t take = (size_t)got;

		if (b->len + take > SYNC_BG_OUT_MAX)
			take = SYNC_BG_OUT_MAX - b->len;
		b->out = xrealloc(b->out, b->len + take + 1);
		memcpy(b->out + b->len, chunk, take);
		b->len += take;
		b->out[b->len] = '\0';
	}
	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return 1;
	/* end of file: it has ended, or is about to */
	if (waitpid((pid_t)b->pid, &st, 0) < 0)
		st = 1;
	b->pid = 0;
	close(b->fd);
	b->fd = -1;
	*failed = !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return 0;
}

void
sync_bg_release(struct sync_bg *b)
{
	if (b->pid != 0) {
		kill((pid_t)b->pid, SIGTERM);
		(void)waitpid((pid_t)b->pid, NULL, 0);
	}
	if (b->fd >= 0)
		close(b->fd);
	free(b->out);
	memset(b, 0, sizeof *b);
	b->fd = -1;
}
