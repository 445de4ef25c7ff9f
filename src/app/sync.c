/*
 * sync: the server-independent half of a sync (app/sync.h): the password,
 * one HTTP request at a time over net/fetch, the journal's push with its
 * conflict rule, and the order of the steps.  The servers' APIs are the
 * drivers' (sync_ttrss.c, sync_miniflux.c, sync_greader.c).
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

#define V(x) SETTINGS_V_##x
static const struct sync_server sync_servers[] = {
	{ "ttrss", &sync_ttrss, NULL, V(TTRSS_URL), V(TTRSS_LOGIN), V(TTRSS_PASSWORD),
	  V(TTRSS_PASSWORDFILE), V(TTRSS_PASSWORDEVAL), -1, -1, -1, -1, -1 },
	{ "miniflux", &sync_miniflux, NULL, V(MINIFLUX_URL), V(MINIFLUX_LOGIN),
	  V(MINIFLUX_PASSWORD), V(MINIFLUX_PASSWORDFILE), V(MINIFLUX_PASSWORDEVAL),
	  V(MINIFLUX_TOKEN), V(MINIFLUX_TOKENFILE), V(MINIFLUX_TOKENEVAL), -1, -1 },
	/* freshrss-url is the API's address (".../api/greader.php") */
	{ "freshrss", &sync_greader, NULL, V(FRESHRSS_URL), V(FRESHRSS_LOGIN),
	  V(FRESHRSS_PASSWORD), V(FRESHRSS_PASSWORDFILE), V(FRESHRSS_PASSWORDEVAL),
	  -1, -1, -1, -1, -1 },
	/* services with one address: newsboat has no -url option for them */
	{ "oldreader", &sync_greader, "https://theoldreader.com", -1, V(OLDREADER_LOGIN),
	  V(OLDREADER_PASSWORD), V(OLDREADER_PASSWORDFILE), V(OLDREADER_PASSWORDEVAL),
	  -1, -1, -1, -1, -1 },
	{ "inoreader", &sync_greader, "https://www.inoreader.com", -1, V(INOREADER_LOGIN),
	  V(INOREADER_PASSWORD), V(INOREADER_PASSWORDFILE), V(INOREADER_PASSWORDEVAL),
	  -1, -1, -1, V(INOREADER_APP_ID), V(INOREADER_APP_KEY) },
};
#undef V

const struct sync_server *
sync_server_find(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof sync_servers / sizeof sync_servers[0]; i++)
		if (strcmp(name, sync_servers[i].name) == 0)
			return &sync_servers[i];
	return NULL;
}

const char *
sync_server(const struct settings *cfg)
{
	const struct sync_server *srv =
	    sync_server_find(settings_str(cfg, SETTINGS_V_URLS_SOURCE));

	return srv != NULL ? srv->name : NULL;
}

/* An option's value, NULL when unset, empty or not the server's. */
static const char *
sync_opt(const struct settings *cfg, int id)
{
	const char *s;

	if (id < 0)
		return NULL;
	s = settings_str(cfg, (enum settings_value_id)id);
	return s != NULL && *s ? s : NULL;
}

void
sync_wipe(char *s)
{
	volatile char *p = s;

	while (p != NULL && *p)
		*p++ = '\0';
}

void
sync_conn_header(struct sync_conn *c, char *line)
{
	if (c->nhdr >= SYNC_HDR_MAX) {
		sync_wipe(line);
		free(line);
		return;
	}
	c->hdr[c->nhdr++] = line;
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
	const char *all[SYNC_HDR_MAX + 8];
	struct fetch_send s = { method, body != NULL ? body : "", len, ctype, all, 0 };
	size_t i;
	int rc;

	/* the connection's lines (credentials) first, then the call's */
	for (i = 0; i < c->nhdr; i++)
		all[s.nheaders++] = c->hdr[i];
	for (i = 0; i < nheaders && s.nheaders < sizeof all / sizeof all[0]; i++)
		all[s.nheaders++] = headers[i];
	c->got = 0;
	err_clear(&c->ferr);
	/* a GET with no header lines is a plain fetch; any other request
	 * goes through fetch_add_send (a GET there sends no body) */
	rc = body == NULL && s.nheaders == 0 && (method == NULL || strcmp(method, "GET") == 0) ?
	    fetch_add(c->f, &req) : fetch_add_send(c->f, &req, &s);
	if (rc < 0 || fetch_run(c->f, e) < 0)
		return err_prefix(e, "%s %s", c->kind, c->shown);
	if (!c->got)
		return err_set(e, "%s %s: no answer", c->kind, c->shown);
	switch (c->status) {
	case FETCH_OK:
		return 0;
	case FETCH_HTTP_ERROR:
		if (c->http_code == 401 || c->http_code == 403)
			return err_set(e, "%s %s: HTTP %ld: the login was refused (check the "
			    "%s)", c->kind, c->shown, c->http_code,
			    c->token != NULL ? "token" : "login and the password");
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
 * newsboat's three ways, in its order: the secret itself, a file whose
 * first line it is, a command whose first line of output it is (run by
 * /bin/sh -c: it is the user's own config).  The command's text is not
 * repeated in a message (it may hold a secret of its own).  what is
 * "password" or "token" (the options' suffix).  1 with *out NULL when
 * none of the three is set.
 */
static int
sync_secret(const struct settings *cfg, const char *name, const char *what, int pw,
    int pwfile, int pweval, char **out, struct err *e)
{
	const char *s;
	char *path;
	FILE *f;
	int st;

	*out = NULL;
	if ((s = sync_opt(cfg, pw)) != NULL) {
		*out = xstrdup(s);
		return 0;
	}
	if ((s = sync_opt(cfg, pwfile)) != NULL) {
		path = settings_expand_path(s, NULL);
		f = fopen(path, "r");
		if (f == NULL) {
			err_set(e, "%s-%sfile %s: cannot read it", name, what, path);
			free(path);
			return -1;
		}
		*out = sync_first_line(f);
		fclose(f);
		if (*out == NULL) {
			err_set(e, "%s-%sfile %s: its first line is empty", name, what, path);
			free(path);
			return -1;
		}
		free(path);
		return 0;
	}
	if ((s = sync_opt(cfg, pweval)) != NULL) {
		fflush(NULL);
		if ((f = popen(s, "r")) == NULL)
			return err_set(e, "%s-%seval: cannot run the command", name, what);
		*out = sync_first_line(f);
		st = pclose(f);
		if (st != 0 || *out == NULL) {
			free(*out);
			*out = NULL;
			return err_set(e, "%s-%seval: the command %s", name, what,
			    st != 0 ? "failed" : "printed nothing");
		}
		return 0;
	}
	return 1;
}

/* The password, or for a server that takes one, the API token first. */
static int
sync_credentials(const struct settings *cfg, struct sync_conn *c, struct err *e)
{
	const struct sync_server *v = c->srv;
	int rc;

	if (v->token >= 0) {
		rc = sync_secret(cfg, v->name, "token", v->token, v->tokenfile, v->tokeneval,
		    &c->token, e);
		if (rc <= 0)
			return rc;
	}
	rc = sync_secret(cfg, v->name, "password", v->password, v->passwordfile,
	    v->passwordeval, &c->password, e);
	if (rc <= 0)
		return rc;
	if (v->token >= 0)
		return err_set(e, "urls-source %s: set %s-token (or -tokenfile, -tokeneval), "
		    "or %s-login with %s-password (or -passwordfile, -passwordeval)",
		    v->name, v->name, v->name, v->name);
	return err_set(e, "urls-source %s: set %s-password, %s-passwordfile or "
	    "%s-passwordeval", v->name, v->name, v->name, v->name);
}

static void
sync_conn_release(struct sync_conn *c)
{
	size_t i;

	fetch_free(c->f);
	sync_wipe(c->password);
	free(c->password);
	sync_wipe(c->token);
	free(c->token);
	sync_wipe(c->session);
	sync_wipe(c->edit);
	free(c->edit);
	for (i = 0; i < c->nhdr; i++) {
		sync_wipe(c->hdr[i]);
		free(c->hdr[i]);
	}
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
	const struct sync_server *srv;
	const struct sync_driver *d;
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
	srv = sync_server_find(settings_str(cfg, SETTINGS_V_URLS_SOURCE));
	if (srv == NULL)
		return err_set(e, "urls-source: no feed server to sync with");
	d = srv->driver;
	c.srv = srv;
	/* the Google Reader API's servers are told apart by name */
	c.kind = d == &sync_greader ? srv->name : d->kind;
	url = srv->fixed_url != NULL ? srv->fixed_url : sync_opt(cfg, srv->url);
	if (url == NULL)
		return err_set(e, "urls-source %s: %s-url is not set", srv->name, srv->name);
	c.base = xstrdup(url);
	while (*c.base && c.base[strlen(c.base) - 1] == '/')
		c.base[strlen(c.base) - 1] = '\0';
	c.shown = url_display(c.base);
	c.login = xstrdup(sync_opt(cfg, srv->login) != NULL ? sync_opt(cfg, srv->login) : "");
	buf_init(&c.body, 1);
	if (srv->app_id >= 0 && sync_opt(cfg, srv->app_id) != NULL)
		sync_conn_header(&c, xasprintf("AppId: %s", sync_opt(cfg, srv->app_id)));
	if (srv->app_key >= 0 && sync_opt(cfg, srv->app_key) != NULL)
		sync_conn_header(&c, xasprintf("AppKey: %s", sync_opt(cfg, srv->app_key)));
	if (sync_credentials(cfg, &c, e) < 0 || fetch_global_init(e) < 0)
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
