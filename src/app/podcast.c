/*
 * podcast (app): enclosures described for people (podcast.h).
 */
#include "config.h"

#include "app/podcast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/podcast_queue.h"
#include "app/settings.h"
#include "store/items.h"
#include "util/url.h"
#include "util/xalloc.h"

void
podcast_duration(long seconds, char *out, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", seconds / 3600,
		    seconds / 60 % 60, seconds % 60);
	else
		snprintf(out, size, "%ld:%02ld", seconds / 60, seconds % 60);
}

void
podcast_size(long long bytes, char *out, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes;
	size_t u = 0;

	if (bytes < 1024) {
		snprintf(out, size, "%lld B", bytes < 0 ? 0 : bytes);
		return;
	}
	v /= 1024;
	while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1024;
		u++;
	}
	snprintf(out, size, "%.1f %s", v, units[u]);
}

void
podcast_describe(const struct enclosure_row *r, struct buf *out)
{
	char tmp[32], *shown = url_display(r->url);
	int parts = 0;

	/* credentials in a URL are used for the request, shown nowhere */
	(void)buf_addstr(out, shown);
	free(shown);
	if (r->type != NULL && *r->type != '\0') {
		(void)buf_addstr(out, " (");
		(void)buf_addstr(out, r->type);
		parts++;
	}
	if (r->length > 0) {
		podcast_size(r->length, tmp, sizeof tmp);
		(void)buf_addstr(out, parts++ ? ", " : " (");
		(void)buf_addstr(out, tmp);
	}
	if (r->duration >= 0) {
		podcast_duration(r->duration, tmp, sizeof tmp);
		(void)buf_addstr(out, parts++ ? ", " : " (");
		(void)buf_addstr(out, tmp);
	}
	if (parts)
		(void)buf_addstr(out, ")");
}

/* " [downloaded: FILE]", " [queued]", ...: where the episode is. */
static void
podcast_describe_state(const struct podcast_entry *en, struct buf *out)
{
	switch (en->state) {
	case PODCAST_DOWNLOADED:
	case PODCAST_PLAYED:
	case PODCAST_FINISHED:
		(void)buf_addstr(out, " [");
		(void)buf_addstr(out, podcast_state_name(en->state));
		(void)buf_addstr(out, ": ");
		(void)buf_addstr(out, en->path);
		(void)buf_addstr(out, "]");
		break;
	case PODCAST_FAILED:
		(void)buf_addstr(out, " [partly downloaded: ");
		(void)buf_addstr(out, en->path);
		(void)buf_addstr(out, ".part]");
		break;
	default:
		(void)buf_addstr(out, " [");
		(void)buf_addstr(out, podcast_state_name(en->state));
		(void)buf_addstr(out, "]");
		break;
	}
}

int
podcast_item_lines(struct db *db, int64_t item_id, char ***lines, size_t *n,
    struct err *e)
{
	struct enclosure_row *rows;
	struct podcast_queue q = { 0 };
	struct err qerr;
	size_t nrows, i;
	struct buf b;
	char *qfile;

	*lines = NULL;
	*n = 0;
	if (enclosures_list(db, item_id, &rows, &nrows, e) < 0)
		return -1;
	if (nrows == 0)
		return 0;
	/* what the queue knows: offline, the file is the episode */
	qfile = podcast_queue_file(db_path(db));
	if (podcast_queue_load(&q, qfile, &qerr) < 0)
		memset(&q, 0, sizeof q);	/* an unreadable queue: no state shown */
	free(qfile);
	*lines = xcalloc(nrows, sizeof **lines);
	for (i = 0; i < nrows; i++) {
		long k = podcast_queue_find(&q, rows[i].url);

		buf_init(&b, 0);
		podcast_describe(&rows[i], &b);
		if (k >= 0)
			podcast_describe_state(&q.entries[k], &b);
		(*lines)[i] = buf_take(&b);
	}
	podcast_queue_release(&q);
	*n = nrows;
	enclosures_free_rows(rows, nrows);
	return 0;
}

void
podcast_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* One specifier's value, hostile: made safe for one file name's part. */
static void
podcast_name_value(struct buf *out, const char *v)
{
	size_t start = out->len;
	const unsigned char *s = (const unsigned char *)v;

	if (v == NULL)
		return;
	for (; *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7f || *s == '/' || *s == '\\' || *s == '"' ||
		    *s == '\'' || *s == '`' || (*s == '.' && out->len == start))
			(void)buf_addc(out, '_');
		else
			(void)buf_addc(out, (char)*s);
		if (out->len - start > 1024)
			break;	/* cut below, at a component's bound */
	}
}

/* The last path segment of url (no query, no fragment), its extension, its host. */
static void
podcast_url_parts(const char *url, char **base, char **ext, char **host)
{
	const char *p, *end, *slash, *dot, *h, *hend;

	*base = *ext = *host = NULL;
	if (url == NULL)
		return;
	if ((p = strstr(url, "://")) != NULL) {
		h = p + 3;
		hend = h + strcspn(h, "/?#");
		if ((p = memchr(h, '@', (size_t)(hend - h))) != NULL)
			h = p + 1;
		if ((p = memchr(h, ':', (size_t)(hend - h))) != NULL)
			hend = p;
		*host = xstrndup(h, (size_t)(hend - h));
		p = hend;
	} else {
		p = url;
	}
	end = p + strcspn(p, "?#");
	slash = p;
	for (h = p; h < end; h++)
		if (*h == '/')
			slash = h + 1;
	*base = xstrndup(slash, (size_t)(end - slash));
	if ((dot = strrchr(*base, '.')) != NULL && dot[1] != '\0')
		*ext = xstrdup(dot + 1);
}

/* Cut a component to 200 bytes at a UTF-8 character boundary. */
#define PODCAST_NAME_MAX 200

static void
podcast_add_component(struct buf *path, const char *c, size_t n)
{
	if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
		return;	/* the user's format may not climb above dir either */
	if (n > PODCAST_NAME_MAX) {
		n = PODCAST_NAME_MAX;
		while (n > 0 && ((unsigned char)c[n] & 0xc0) == 0x80)
			n--;
	}
	if (path->len == 0 || path->data[path->len - 1] != '/')
		(void)buf_addc(path, '/');
	(void)buf_add(path, c, n);
}

/* strftime with one of podboat's date specifiers (literal formats only). */
static void
podcast_strftime(char *out, size_t size, unsigned char c, const struct tm *tm)
{
	size_t n = 0;

	switch (c) {
	case 'F': n = strftime(out, size, "%F", tm); break;
	case 'm': n = strftime(out, size, "%m", tm); break;
	case 'b': n = strftime(out, size, "%b", tm); break;
	case 'd': n = strftime(out, size, "%d", tm); break;
	case 'H': n = strftime(out, size, "%H", tm); break;
	case 'M': n = strftime(out, size, "%M", tm); break;
	case 'S': n = strftime(out, size, "%S", tm); break;
	case 'y': n = (size_t)snprintf(out, size, "%02d", tm->tm_year % 100); break;
	case 'Y': n = strftime(out, size, "%Y", tm); break;
	default: break;
	}
	out[n] = '\0';
}

/* Append fmt[0..len) expanded (one level of %?x?A&B?) to name. */
static void
podcast_expand(struct buf *name, const char *fmt, size_t len, const char *const *vals,
    const struct tm *tm)
{
	const char *f, *end = fmt + len;
	char tmp[64];

	for (f = fmt; f < end; f++) {
		unsigned char c;

		if (*f != '%') {
			(void)buf_addc(name, *f);
			continue;
		}
		if (++f >= end)
			break;
		c = (unsigned char)*f;
		if (c == '%') {
			(void)buf_addc(name, '%');
		} else if (c == '?') {
			/* %?x?A&B?: A when x has a value, else B */
			const char *a, *amp, *q, *v;
			unsigned char x;

			if (f + 2 >= end || f[2] != '?')
				break;
			x = (unsigned char)f[1];
			a = f + 3;
			if ((q = memchr(a, '?', (size_t)(end - a))) == NULL)
				break;
			amp = memchr(a, '&', (size_t)(q - a));
			v = x < 128 ? vals[x] : NULL;
			if (v != NULL && *v != '\0')
				podcast_expand(name, a, (size_t)((amp ? amp : q) - a), vals, tm);
			else if (amp != NULL)
				podcast_expand(name, amp + 1, (size_t)(q - amp - 1), vals, tm);
			f = q;
		} else if (strchr("FmbdHMSyY", (int)c) != NULL) {
			tmp[0] = '\0';
			if (tm != NULL)
				podcast_strftime(tmp, sizeof tmp, c, tm);
			podcast_name_value(name, tmp);
		} else if (c < 128) {
			podcast_name_value(name, vals[c]);
		}
	}
}

char *
podcast_filename(const char *dir, const char *fmt, const struct podcast_name_in *in)
{
	struct buf name, path;
	char *base, *ext, *host;
	const char *vals[128], *comp, *p;
	struct tm tm;
	time_t t = in->published;
	size_t dirlen;
	int have_tm;

	memset(vals, 0, sizeof vals);
	podcast_url_parts(in->url, &base, &ext, &host);
	have_tm = t > 0 && localtime_r(&t, &tm) != NULL;
	vals['n'] = vals['N'] = in->feed_title;
	vals['t'] = in->item_title;
	vals['u'] = base;
	vals['e'] = ext;
	vals['h'] = host;
	buf_init(&name, 0);
	podcast_expand(&name, fmt, strlen(fmt), vals, have_tm ? &tm : NULL);
	/* components: the user's slashes make directories; empty and dot ones go */
	buf_init(&path, 0);
	(void)buf_addstr(&path, dir);
	if (path.len > 1 && path.data[path.len - 1] == '/')
		buf_truncate(&path, path.len - 1);
	dirlen = path.len;
	comp = name.data;
	for (p = name.data;; p++) {
		if (*p == '/' || *p == '\0') {
			podcast_add_component(&path, comp, (size_t)(p - comp));
			comp = p + 1;
			if (*p == '\0')
				break;
		}
	}
	if (path.len == dirlen)
		podcast_add_component(&path, "download", 8);
	buf_release(&name);
	free(base);
	free(ext);
	free(host);
	return buf_take(&path);
}

void
podcast_opts_init(struct podcast_opts *o, const struct settings *cfg, const char *cache)
{
	o->queue_file = podcast_queue_file(cache);
	o->download_dir = settings_expand_path(settings_str(cfg, SETTINGS_V_DOWNLOAD_PATH), NULL);
	o->name_format = xstrdup(settings_str(cfg, SETTINGS_V_DOWNLOAD_FILENAME_FORMAT));
}

void
podcast_opts_release(struct podcast_opts *o)
{
	free(o->queue_file);
	free(o->download_dir);
	free(o->name_format);
	memset(o, 0, sizeof *o);
}

int
podcast_playable(const char *type)
{
	return type == NULL || *type == '\0' || strncasecmp(type, "audio/", 6) == 0 ||
	    strncasecmp(type, "video/", 6) == 0 || strcasecmp(type, "application/ogg") == 0;
}

/* path, or path with "-N" before its extension, that no entry of q has. */
static char *
podcast_free_name(const struct podcast_queue *q, const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	char *p = xstrdup(path);
	size_t i;
	int n = 1, used;

	if (dot == NULL || (slash != NULL && dot < slash) || dot == slash + 1)
		dot = path + strlen(path);
	for (;;) {
		used = 0;
		for (i = 0; i < q->n && !used; i++)
			used = strcmp(q->entries[i].path, p) == 0;
		if (!used || n >= 1000)
			return p;
		free(p);
		n++;
		p = xasprintf("%.*s-%d%s", (int)(dot - path), path, n, dot);
	}
}

/* Queue the item's first playable enclosure into q: 1, 0 (*why), -1. */
static int
podcast_enqueue_into(struct podcast_queue *q, struct db *db, const struct podcast_opts *o,
    int64_t item_id, const char **why, struct err *e)
{
	struct enclosure_row *rows;
	struct item_full it;
	struct podcast_name_in in;
	size_t n, i;
	char *path, *free_path;
	int found, rc;

	*why = NULL;
	if ((found = items_get(db, item_id, &it, e)) < 0)
		return -1;
	if (found == 0) {
		*why = "no such item";
		return 0;
	}
	if (enclosures_list(db, item_id, &rows, &n, e) < 0) {
		item_full_release(&it);
		return -1;
	}
	for (i = 0; i < n && !podcast_playable(rows[i].type); i++)
		;
	if (i == n) {
		*why = "no enclosure to queue";
		rc = 0;
	} else if (podcast_queue_find(q, rows[i].url) >= 0) {
		*why = "queued already";
		rc = 0;
	} else {
		in.feed_title = it.row.feed_title;
		in.item_title = it.row.title;
		in.url = rows[i].url;
		in.published = it.row.published;
		path = podcast_filename(o->download_dir, o->name_format, &in);
		free_path = podcast_free_name(q, path);
		rc = podcast_queue_add(q, rows[i].url, free_path, e);
		if (rc > 0) {
			*why = "queued already";
			rc = 0;
		} else if (rc == 0) {
			rc = 1;
		}
		free(free_path);
		free(path);
	}
	enclosures_free_rows(rows, n);
	item_full_release(&it);
	return rc;
}

int
podcast_enqueue(struct db *db, const struct podcast_opts *o, int64_t item_id,
    const char **why, struct err *e)
{
	struct podcast_queue q;
	int rc;

	memset(&q, 0, sizeof q);
	if (podcast_queue_load(&q, o->queue_file, e) < 0)
		return -1;
	rc = podcast_enqueue_into(&q, db, o, item_id, why, e);
	if (rc == 1 && podcast_queue_save(&q, o->queue_file, e) < 0)
		rc = -1;
	podcast_queue_release(&q);
	return rc;
}

int
podcast_enqueue_cfg(struct db *db, const struct settings *cfg, int64_t item_id,
    const char **why, struct err *e)
{
	struct podcast_opts o;
	int rc;

	podcast_opts_init(&o, cfg, db_path(db));
	rc = podcast_enqueue(db, &o, item_id, why, e);
	podcast_opts_release(&o);
	return rc;
}

int
podcast_auto_enqueue(struct db *db, const struct podcast_opts *o, time_t since,
    int *added, struct err *e)
{
	struct podcast_queue q;
	int64_t *ids;
	size_t n, i;
	const char *why;
	int rc = 0, r;

	*added = 0;
	if (enclosures_items_since(db, since, &ids, &n, e) < 0)
		return -1;
	if (n == 0) {
		free(ids);
		return 0;
	}
	memset(&q, 0, sizeof q);
	if (podcast_queue_load(&q, o->queue_file, e) < 0) {
		free(ids);
		return -1;
	}
	for (i = 0; i < n; i++) {
		r = podcast_enqueue_into(&q, db, o, ids[i], &why, e);
		if (r < 0) {
			/* a URL that cannot be a queue line: the others still go */
			continue;
		}
		*added += r;
	}
	if (*added > 0 && podcast_queue_save(&q, o->queue_file, e) < 0)
		rc = -1;
	podcast_queue_release(&q);
	free(ids);
	return rc;
}

int
podcast_after_poll(struct db *db, const struct settings *cfg, const char *cache,
    time_t since, struct err *e)
{
	struct podcast_opts o;
	int added = 0, rc;

	if (!settings_bool(cfg, SETTINGS_V_PODCAST_AUTO_ENQUEUE))
		return 0;
	podcast_opts_init(&o, cfg, cache);
	rc = podcast_auto_enqueue(db, &o, since, &added, e);
	podcast_opts_release(&o);
	return rc < 0 ? -1 : added;
}
