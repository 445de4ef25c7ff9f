/*
 * podcast_queue (app): podboat's queue file read and written
 * (podcast_queue.h).
 */
#include "config.h"

#include "app/podcast_queue.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xalloc.h"

static const char *const podcast_state_names[] = {
	[PODCAST_QUEUED] = "queued",
	[PODCAST_DOWNLOADED] = "downloaded",
	[PODCAST_PLAYED] = "played",
	[PODCAST_FINISHED] = "finished",
	[PODCAST_MISSING] = "missing",
	[PODCAST_DOWNLOADING] = "downloading",
	[PODCAST_FAILED] = "failed",
	[PODCAST_CANCELLED] = "cancelled",
	[PODCAST_DELETED] = "deleted",
};

const char *
podcast_state_name(enum podcast_state s)
{
	if ((size_t)s >= sizeof podcast_state_names / sizeof podcast_state_names[0])
		return "?";
	return podcast_state_names[s];
}

static int
podcast_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The next word of a line as podboat's tokenize_quoted reads it: blanks
 * separate, "..." quotes with \ escapes, # starts a comment.  NULL at the
 * end of the line.
 */
static char *
podcast_word(const char **sp)
{
	const char *s = *sp;
	struct buf b;

	while (podcast_blank((unsigned char)*s))
		s++;
	if (*s == '\0' || *s == '#') {
		*sp = s + strlen(s);
		return NULL;
	}
	buf_init(&b, PODCAST_QUEUE_MAX_LINE);
	if (*s == '"') {
		for (s++; *s != '\0' && *s != '"'; s++) {
			if (*s == '\\' && s[1] != '\0') {
				s++;
				/* podboat's escapes: \n \r \t \v \" \\ and others as themselves */
				(void)buf_addc(&b, *s == 'n' ? '\n' : *s == 'r' ? '\r' :
				    *s == 't' ? '\t' : *s == 'v' ? '\v' : *s);
			} else {
				(void)buf_addc(&b, *s);
			}
		}
		if (*s == '"')
			s++;
	} else {
		while (*s != '\0' && !podcast_blank((unsigned char)*s))
			(void)buf_addc(&b, *s++);
	}
	*sp = s;
	return buf_take(&b);
}

/* Does path (or path.part) exist?  What podboat checks at load. */
static int
podcast_exists(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	int rc = access(p, F_OK) == 0;

	free(p);
	return rc;
}

static void
podcast_queue_line(struct podcast_queue *q, const char *line)
{
	const char *s = line;
	char *url, *path, *state;
	enum podcast_state st = PODCAST_QUEUED;

	if ((url = podcast_word(&s)) == NULL)
		return;
	path = podcast_word(&s);
	if (path == NULL || *path == '\0' || podcast_queue_find(q, url) >= 0 ||
	    q->n >= PODCAST_QUEUE_MAX) {
		/* podboat names a missing path from the URL; tidings wants a
		 * path it chose itself: such a line is left out */
		free(url);
		free(path);
		return;
	}
	if ((state = podcast_word(&s)) != NULL) {
		if (strcmp(state, "downloaded") == 0)
			st = PODCAST_DOWNLOADED;
		else if (strcmp(state, "played") == 0)
			st = PODCAST_PLAYED;
		else if (strcmp(state, "finished") == 0)
			st = PODCAST_FINISHED;
		else if (strcmp(state, "missing") == 0)
			st = PODCAST_MISSING;
		free(state);
	}
	if (podcast_exists(path, "")) {
		if (st == PODCAST_QUEUED || st == PODCAST_MISSING)
			st = PODCAST_DOWNLOADED;
	} else if (podcast_exists(path, ".part")) {
		st = PODCAST_FAILED;
	} else if (st != PODCAST_QUEUED) {
		st = PODCAST_MISSING;
	}
	q->entries = xgrow(q->entries, q->n, &q->cap, 16, sizeof *q->entries);
	q->entries[q->n].url = url;
	q->entries[q->n].path = path;
	q->entries[q->n].state = st;
	q->n++;
}

int
podcast_queue_load(struct podcast_queue *q, const char *file, struct err *e)
{
	FILE *fp = fopen(file, "r");
	char line[PODCAST_QUEUE_MAX_LINE + 2];
	size_t total = 0, len;
	int skipping = 0;

	if (fp == NULL)
		return errno == ENOENT ? 0 : err_set(e, "%s: %s", file, strerror(errno));
	while (fgets(line, sizeof line, fp) != NULL) {
		len = strlen(line);
		total += len;
		if (total > PODCAST_QUEUE_MAX_BYTES) {
			fclose(fp);
			return err_set(e, "%s: over %u bytes: not a queue file", file,
			    PODCAST_QUEUE_MAX_BYTES);
		}
		if (skipping) {
			/* the rest of an overlong line */
			skipping = len == 0 || line[len - 1] != '\n';
			continue;
		}
		if (len > 0 && line[len - 1] != '\n' && !feof(fp)) {
			skipping = 1;	/* no entry is this long: left out */
			continue;
		}
		podcast_queue_line(q, line);
	}
	if (ferror(fp)) {
		fclose(fp);
		return err_set(e, "%s: %s", file, strerror(errno));
	}
	fclose(fp);
	return 0;
}

/* podboat's utils::quote: in "...", with " escaped; \ too, which podboat's
 * reader takes as an escape. */
static void
podcast_quote(struct buf *b, const char *s)
{
	(void)buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			(void)buf_addc(b, '\\');
		(void)buf_addc(b, *s);
	}
	(void)buf_addc(b, '"');
}

int
podcast_queue_save(const struct podcast_queue *q, const char *file, struct err *e)
{
	struct buf b;
	char *tmp;
	size_t i;
	int fd, rc = 0;

	buf_init(&b, 0);
	for (i = 0; i < q->n; i++) {
		const struct podcast_entry *en = &q->entries[i];

		(void)buf_addstr(&b, en->url);
		(void)buf_addc(&b, ' ');
		podcast_quote(&b, en->path);
		if (en->state >= PODCAST_DOWNLOADED && en->state <= PODCAST_MISSING) {
			(void)buf_addc(&b, ' ');
			(void)buf_addstr(&b, podcast_state_name(en->state));
		}
		(void)buf_addc(&b, '\n');
	}
	tmp = xasprintf("%s.tmp%ld", file, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = err_set(e, "%s: %s", tmp, strerror(errno));
	} else {
		size_t off = 0;
		ssize_t w;

		while (off < b.len) {
			w = write(fd, b.data + off, b.len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		if (off < b.len || fsync(fd) < 0) {
			rc = err_set(e, "%s: %s", tmp, strerror(errno ? errno : EIO));
			close(fd);
			unlink(tmp);
		} else if (close(fd) < 0 || rename(tmp, file) < 0) {
			rc = err_set(e, "%s: %s", file, strerror(errno));
			unlink(tmp);
		}
	}
	free(tmp);
	buf_release(&b);
	return rc;
}

long
podcast_queue_find(const struct podcast_queue *q, const char *url)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		if (strcmp(q->entries[i].url, url) == 0)
			return (long)i;
	return -1;
}

int
podcast_queue_add(struct podcast_queue *q, const char *url, const char *path,
    struct err *e)
{
	const char *s;
	size_t i;

	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return err_set(e, "%s: not an http(s) URL: not queued", url);
	for (s = url; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || *s == '"')
			return err_set(e, "%s: blank, quote or control character in the URL: "
			    "not queued", url);
	if (strlen(url) + strlen(path) > PODCAST_QUEUE_MAX_LINE - 32)
		return err_set(e, "%s: URL too long: not queued", url);
	if (podcast_queue_find(q, url) >= 0)
		return 1;
	for (i = 0; i < q->n; i++)
		if (strcmp(q->entries[i].path, path) == 0)
			return 2;
	if (q->n >= PODCAST_QUEUE_MAX)
		return err_set(e, "the queue holds %d entries: purge it first", PODCAST_QUEUE_MAX);
	q->entries = xgrow(q->entries, q->n, &q->cap, 16, sizeof *q->entries);
	q->entries[q->n].url = xstrdup(url);
	q->entries[q->n].path = xstrdup(path);
	q->entries[q->n].state = PODCAST_QUEUED;
	q->n++;
	return 0;
}

void
podcast_queue_purge(struct podcast_queue *q)
{
	size_t i, k = 0;

	for (i = 0; i < q->n; i++) {
		if (q->entries[i].state == PODCAST_FINISHED ||
		    q->entries[i].state == PODCAST_DELETED) {
			free(q->entries[i].url);
			free(q->entries[i].path);
			continue;
		}
		q->entries[k++] = q->entries[i];
	}
	q->n = k;
}

void
podcast_queue_release(struct podcast_queue *q)
{
	size_t i;

	for (i = 0; i < q->n; i++) {
		free(q->entries[i].url);
		free(q->entries[i].path);
	}
	free(q->entries);
	memset(q, 0, sizeof *q);
}

char *
podcast_queue_file(const char *cache)
{
	const char *slash = strrchr(cache, '/');

	if (slash == NULL)
		return xstrdup("queue");
	return xasprintf("%.*s/queue", (int)(slash - cache), cache);
}
