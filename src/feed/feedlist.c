#include "feed/feedlist.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/url.h"
#include "util/hash.h"
#include "util/xalloc.h"

#define FEEDLIST_MAX_BYTES (16u * 1024 * 1024)
#define FEEDLIST_MAX_TAGS 256

static void feedlist_index_add(struct feedlist *fl, size_t idx);

static void
feedlist_warn(struct feedlist *fl, int lineno, const char *msg, const char *arg)
{
	fl->warnings = xreallocarray(fl->warnings, fl->nwarnings + 1, sizeof *fl->warnings);
	fl->warnings[fl->nwarnings++] = xasprintf("%s:%d: %s%s%s%s", fl->name, lineno, msg,
	    arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
}

int
feedlist_url_ok(const char *url)
{
	return (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "file://", 7) == 0) && url_chars_ok(url);
}

int
feedlist_text_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int
feedlist_tag_ok(const char *tag)
{
	/* the parser reads any word "~..." as a title and "!" as the hidden
	 * flag, quoted or not, as newsboat does: such a tag cannot be written */
	return tag[0] != '\0' && tag[0] != '~' && strcmp(tag, "!") != 0 && feedlist_text_ok(tag);
}

static int
feedlist_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * Split one line into words as newsboat's tokenize_quoted does: blanks
 * separate; "..." groups, a backslash taking the next character as it is
 * (\n, \r, \t stand for those controls, as in newsboat); a quote left
 * open runs to the end of the line (`"~Title""` is the title and an empty
 * word); a word that starts with `#` outside quotes ends the line.
 * Returns the number of words.
 */
static int
feedlist_split(const char *s, char ***words)
{
	struct buf w;
	size_t n = 0;

	*words = NULL;
	buf_init(&w, 0);
	for (;;) {
		while (feedlist_is_blank(*s))
			s++;
		if (*s == '\0' || *s == '#')
			break;
		buf_reset(&w);
		if (*s == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\') {
					/* a backslash at the end of the line is dropped */
					if (*++s == '\0')
						break;
					buf_addc(&w, *s == 'n' ? '\n' : *s == 'r' ? '\r' :
					    *s == 't' ? '\t' : *s);
					s++;
					continue;
				}
				buf_addc(&w, *s++);
			}
			if (*s == '"')
				s++;
		} else {
			while (*s && !feedlist_is_blank(*s))
				buf_addc(&w, *s++);
		}
		*words = xreallocarray(*words, n + 1, sizeof **words);
		(*words)[n++] = xstrdup(w.data);
	}
	buf_release(&w);
	return (int)n;
}

static void
feedlist_line_release(struct feedlist_line *l)
{
	size_t i;

	free(l->text);
	free(l->url);
	free(l->title);
	free(l->query);
	free(l->command);
	free(l->source);
	for (i = 0; i < l->ntags; i++)
		free(l->tags[i]);
	free(l->tags);
	memset(l, 0, sizeof *l);
}

static struct feedlist_line *
feedlist_push(struct feedlist *fl)
{
	struct feedlist_line *l;

	fl->lines = xgrow(fl->lines, fl->nlines, &fl->cap, 64, sizeof *fl->lines);
	l = &fl->lines[fl->nlines++];
	memset(l, 0, sizeof *l);
	return l;
}

/* Does word start with a URL scheme ("x:" with RFC 3986's scheme characters)? */
static int
feedlist_has_scheme(const char *w)
{
	const char *p = w;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

/* Give l the tags, title and "!" of words (newsboat's tags: "~Title",
 * "!" and plain words), adding only what it does not have yet. */
static void
feedlist_take_tags(struct feedlist_line *l, char *const *words, int n)
{
	size_t j;
	int i;

	for (i = 0; i < n; i++) {
		if (words[i][0] == '~') {
			/* a bare "~" sets no title: the feed's own stays */
			if (l->title == NULL && words[i][1] != '\0')
				l->title = xstrdup(words[i] + 1);
		} else if (strcmp(words[i], "!") == 0) {
			l->hidden = 1;
		} else if (words[i][0] != '\0') {
			for (j = 0; j < l->ntags && strcmp(l->tags[j], words[i]) != 0; j++)
				;
			if (j < l->ntags || l->ntags >= FEEDLIST_MAX_TAGS)
				continue;
			l->tags = xreallocarray(l->tags, l->ntags + 1, sizeof *l->tags);
			l->tags[l->ntags++] = xstrdup(words[i]);
		}
	}
}

/*
 * A line that lists a URL again: newsboat merges its tags into the first
 * line's and says so.  Both lines stay in the file as written.
 */
static void
feedlist_merge(struct feedlist *fl, size_t idx, char *const *words, int n)
{
	struct feedlist_line *l = &fl->lines[idx];
	struct feedlist_line *first = feedlist_find(fl, words[0]);
	char *msg;

	if (first == NULL || first == l)
		return;
	l->kind = FEEDLIST_DUPLICATE;
	l->url = xstrdup(words[0]);
	msg = xasprintf("listed again (first on line %d), tags merged:", first->lineno);
	feedlist_warn(fl, l->lineno, msg, words[0]);
	free(msg);
	feedlist_take_tags(first, words + 1, n - 1);
}

/*
 * "exec:COMMAND" or "filter:COMMAND:URL" (newsboat's split: the command
 * ends at the first ':'): a feed made by the user's own command.
 */
static void
feedlist_command(struct feedlist *fl, struct feedlist_line *l, char *const *words, int n)
{
	const char *w = words[0], *cmd, *colon = NULL;
	int filter = w[0] == 'f';

	cmd = w + (filter ? 7 : 5);
	if (filter && (colon = strchr(cmd, ':')) == NULL) {
		feedlist_warn(fl, l->lineno, "filter: needs a command and a URL "
		    "(filter:COMMAND:URL); line kept but ignored", NULL);
		return;
	}
	if ((colon ? colon : cmd + strlen(cmd)) == cmd) {
		feedlist_warn(fl, l->lineno, "no command; line kept but ignored", NULL);
		return;
	}
	if (colon && !feedlist_url_ok(colon + 1)) {
		feedlist_warn(fl, l->lineno, "filter: needs an http, https or file URL; "
		    "line kept but ignored", colon + 1);
		return;
	}
	if (feedlist_find(fl, w) != NULL) {
		feedlist_merge(fl, fl->nlines - 1, words, n);
		return;
	}
	l->kind = FEEDLIST_FEED;
	l->url = xstrdup(w);
	l->command = colon ? xstrndup(cmd, (size_t)(colon - cmd)) : xstrdup(cmd);
	l->source = colon ? xstrdup(colon + 1) : NULL;
	feedlist_take_tags(l, words + 1, n - 1);
	feedlist_index_add(fl, fl->nlines - 1);
}

static void
feedlist_parse_line(struct feedlist *fl, const char *text, int lineno)
{
	struct feedlist_line *l = feedlist_push(fl);
	const char *p = text;
	char **words;
	int n, i;

	l->lineno = lineno;
	l->text = xstrdup(text);
	while (feedlist_is_blank(*p))
		p++;
	if (*p == '\0') {
		l->kind = FEEDLIST_BLANK;
		return;
	}
	if (*p == '#') {
		l->kind = FEEDLIST_COMMENT;
		return;
	}
	l->kind = FEEDLIST_UNSUPPORTED;
	n = feedlist_split(p, &words);
	if (n == 0 || words[0][0] == '\0') {
		/* only quotes: nothing newsboat would list */
		l->kind = n == 0 ? FEEDLIST_COMMENT : FEEDLIST_UNSUPPORTED;
		if (n > 0)
			feedlist_warn(fl, lineno, "an empty URL; line kept but ignored", NULL);
	} else if (strncmp(words[0], "query:", 6) == 0) {
		const char *colon = strchr(words[0] + 6, ':');

		l->kind = FEEDLIST_QUERY;
		l->url = xstrdup(words[0]);
		l->title = colon ? xstrndup(words[0] + 6, (size_t)(colon - words[0] - 6)) :
		    xstrdup(words[0] + 6);
		l->query = xstrdup(colon ? colon + 1 : "");
	} else if (strncmp(words[0], "exec:", 5) == 0 || strncmp(words[0], "filter:", 7) == 0) {
		feedlist_command(fl, l, words, n);
	} else if (strchr(words[0], ' ') != NULL ||
	    (!feedlist_has_scheme(words[0]) && strchr(words[0], '/') == NULL)) {
		/* "---Tech---", "== News ==": newsboat lists such a line as a
		 * feed that never loads, which people use as a group heading */
		l->kind = FEEDLIST_HEADING;
		l->url = xstrdup(words[0]);
		feedlist_take_tags(l, words + 1, n - 1);
		if (l->title == NULL)
			l->title = xstrdup(words[0]);
	} else if (!feedlist_url_ok(words[0])) {
		feedlist_warn(fl, lineno, "not an http, https or file URL; line kept but ignored", words[0]);
	} else if (n - 1 > FEEDLIST_MAX_TAGS) {
		feedlist_warn(fl, lineno, "too many tags; line kept but ignored", NULL);
	} else if (feedlist_find(fl, words[0]) != NULL) {
		feedlist_merge(fl, fl->nlines - 1, words, n);
	} else {
		l->kind = FEEDLIST_FEED;
		l->url = xstrdup(words[0]);
		feedlist_take_tags(l, words + 1, n - 1);
		feedlist_index_add(fl, fl->nlines - 1);
	}
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

struct feedlist *
feedlist_parse(const char *data, size_t len, const char *name)
{
	struct feedlist *fl = xcalloc(1, sizeof *fl);
	const char *p = data, *end = data + len;
	int lineno = 0;

	fl->name = xstrdup(name);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t linelen = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *text = xstrndup(p, linelen);

		lineno++;
		if (strlen(text) != linelen) {
			/* a NUL inside a line: keep the bytes before it, say so */
			feedlist_warn(fl, lineno, "NUL byte in line; the rest of the line is ignored", NULL);
		}
		feedlist_parse_line(fl, text, lineno);
		free(text);
		p += linelen + (nl ? 1 : 0);
	}
	return fl;
}

struct feedlist *
feedlist_load(const char *path, int *missing, struct err *e)
{
	struct buf b;
	struct feedlist *fl;
	struct stat sb;
	char chunk[8192];
	ssize_t n;
	int fd;

	if (missing)
		*missing = 0;
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT) {
			if (missing)
				*missing = 1;
			return feedlist_parse("", 0, path);
		}
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		err_set(e, "%s: not a regular file", path);
		return NULL;
	}
	buf_init(&b, FEEDLIST_MAX_BYTES);
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (buf_add(&b, chunk, (size_t)n) < 0) {
			close(fd);
			buf_release(&b);
			err_set(e, "%s: larger than %u bytes", path, FEEDLIST_MAX_BYTES);
			return NULL;
		}
	}
	close(fd);
	if (n < 0) {
		buf_release(&b);
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	fl = feedlist_parse(b.data, b.len, path);
	buf_release(&b);
	return fl;
}

static int
feedlist_needs_quotes(const char *s)
{
	if (*s == '\0' || *s == '"' || *s == '#')
		return 1;
	for (; *s; s++)
		if (feedlist_is_blank(*s) || *s == '"' || *s == '\\')
			return 1;
	return 0;
}

static void
feedlist_add_word(struct buf *b, const char *prefix, const char *w)
{
	const char *s;

	buf_addc(b, ' ');
	if (!prefix[0] && !feedlist_needs_quotes(w)) {
		buf_addstr(b, w);
		return;
	}
	buf_addc(b, '"');
	buf_addstr(b, prefix);
	for (s = w; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

char *
feedlist_format(const struct feedlist *fl)
{
	struct buf b;
	size_t i, j;

	buf_init(&b, 0);
	for (i = 0; i < fl->nlines; i++) {
		const struct feedlist_line *l = &fl->lines[i];

		if (l->text) {
			buf_addstr(&b, l->text);
		} else {
			buf_addstr(&b, l->url);
			for (j = 0; j < l->ntags; j++)
				feedlist_add_word(&b, "", l->tags[j]);
			if (l->title)
				feedlist_add_word(&b, "~", l->title);
			if (l->hidden)
				buf_addstr(&b, " \"!\"");
		}
		buf_addc(&b, '\n');
	}
	return buf_take(&b);
}

/*
 * path with its symbolic links followed to the name of the file they lead
 * to, which need not exist yet (a dangling link is a file to create).  A
 * directory on the way needs no care: rename() follows those itself.
 */
static char *
feedlist_target(const char *path, struct err *e)
{
	char *cur = xstrdup(path), link[4096];
	struct stat sb;
	int hops;

	for (hops = 0; hops < 40; hops++) {
		const char *slash;
		ssize_t n;
		char *next;

		if (lstat(cur, &sb) < 0 || !S_ISLNK(sb.st_mode))
			return cur;
		n = readlink(cur, link, sizeof link - 1);
		if (n < 0 || (size_t)n >= sizeof link - 1) {
			err_set(e, "%s: cannot read the link: %s", cur,
			    n < 0 ? strerror(errno) : "target too long");
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		/* a relative target is relative to the link's directory */
		slash = strrchr(cur, '/');
		if (link[0] == '/' || slash == NULL)
			next = xstrdup(link);
		else
			next = xasprintf("%.*s/%s", (int)(slash - cur), cur, link);
		free(cur);
		cur = next;
	}
	err_set(e, "%s: too many levels of symbolic links", path);
	free(cur);
	return NULL;
}

/* Make a rename in path's directory durable (best effort: not every file
 * system lets a directory be fsynced). */
static void
feedlist_sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".") :
	    slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
	int fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int
feedlist_save(const struct feedlist *fl, const char *path, struct err *e)
{
	char *text = NULL, *target, *tmp = NULL;
	size_t len, off = 0;
	struct stat sb;
	mode_t mode = 0600;
	int fd = -1, rc = -1;

	if ((target = feedlist_target(path, e)) == NULL)
		return -1;
	if (stat(target, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			err_set(e, "%s: not a regular file", path);
			goto out;
		}
		mode = sb.st_mode & 07777;
	}
	/* mkstemp: a unique name opened O_CREAT|O_EXCL, so nothing planted
	 * under a predictable name (a link to elsewhere) is written through */
	tmp = xasprintf("%s.tmp.XXXXXX", target);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(e, "%s: cannot create a file beside it: %s", path, strerror(errno));
		goto out;
	}
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fchmod(fd, mode) < 0) {
		err_set(e, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	text = feedlist_format(fl);
	len = strlen(text);
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set(e, "%s: %s", tmp, strerror(errno));
			goto fail;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		err_set(e, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		err_set(e, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) < 0) {
		err_set(e, "%s: %s", target, strerror(errno));
		goto fail;
	}
	feedlist_sync_dir(target);
	rc = 0;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(tmp);
	free(target);
	free(text);
	return rc;
}

int
feedlist_lock(const char *path, struct err *e)
{
	struct flock lk;
	char *target, *lockname;
	int fd;

	if ((target = feedlist_target(path, e)) == NULL)
		return -1;
	lockname = xasprintf("%s.lock", target);
	free(target);
	fd = open(lockname, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		err_set(e, "%s: cannot lock the feeds file: %s", lockname, strerror(errno));
		free(lockname);
		return -1;
	}
	memset(&lk, 0, sizeof lk);
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	/* a whole-file record lock: POSIX, and kept by NFS, unlike flock */
	while (fcntl(fd, F_SETLKW, &lk) < 0) {
		if (errno == EINTR)
			continue;
		err_set(e, "%s: cannot lock the feeds file: %s", lockname, strerror(errno));
		close(fd);
		free(lockname);
		return -1;
	}
	free(lockname);
	return fd;
}

void
feedlist_unlock(int fd)
{
	/* closing the descriptor releases the record lock */
	if (fd >= 0)
		close(fd);
}

void
feedlist_free(struct feedlist *fl)
{
	size_t i;

	if (fl == NULL)
		return;
	for (i = 0; i < fl->nlines; i++)
		feedlist_line_release(&fl->lines[i]);
	free(fl->lines);
	free(fl->slots);
	for (i = 0; i < fl->nwarnings; i++)
		free(fl->warnings[i]);
	free(fl->warnings);
	free(fl->name);
	free(fl);
}

/* The slot of url: the one holding it, or the empty one where it goes. */
static size_t *
feedlist_slot(struct feedlist *fl, const char *url)
{
	size_t mask = fl->nslots - 1, i = (size_t)hash_str(HASH_FNV_OFFSET, url) & mask;

	for (;; i = (i + 1) & mask) {
		if (fl->slots[i] == 0)
			return &fl->slots[i];
		fl->probes++;
		if (strcmp(fl->lines[fl->slots[i] - 1].url, url) == 0)
			return &fl->slots[i];
	}
}

static void
feedlist_index_drop(struct feedlist *fl)
{
	free(fl->slots);
	fl->slots = NULL;
	fl->nslots = 0;
	fl->nindexed = 0;
}

/* (Re)build the index over today's feed lines, at most half full. */
static void
feedlist_index(struct feedlist *fl)
{
	size_t i, n = 0, *slot;

	for (i = 0; i < fl->nlines; i++)
		n += fl->lines[i].kind == FEEDLIST_FEED;
	feedlist_index_drop(fl);
	for (fl->nslots = 64; fl->nslots < 2 * n; fl->nslots *= 2)
		;
	fl->slots = xcalloc(fl->nslots, sizeof *fl->slots);
	for (i = 0; i < fl->nlines; i++) {
		if (fl->lines[i].kind != FEEDLIST_FEED)
			continue;
		slot = feedlist_slot(fl, fl->lines[i].url);
		if (*slot == 0) {	/* a duplicate line: the first one wins */
			*slot = i + 1;
			fl->nindexed++;
		}
	}
}

struct feedlist_line *
feedlist_find(struct feedlist *fl, const char *url)
{
	size_t *slot;

	if (fl->nslots == 0)
		feedlist_index(fl);
	slot = feedlist_slot(fl, url);
	return *slot ? &fl->lines[*slot - 1] : NULL;
}

/* Index the new FEED line idx (the last one), keeping the index at most
 * half full. */
static void
feedlist_index_add(struct feedlist *fl, size_t idx)
{
	if (fl->nslots == 0 || 2 * (fl->nindexed + 1) > fl->nslots) {
		feedlist_index(fl);
		return;
	}
	*feedlist_slot(fl, fl->lines[idx].url) = idx + 1;
	fl->nindexed++;
}

int
feedlist_add(struct feedlist *fl, const char *url, char *const *tags, size_t ntags,
    const char *title, struct err *e)
{
	struct feedlist_line *l;
	size_t i;

	/* the URL is the line's first word: no blank may end it early */
	if (!feedlist_url_ok(url) || !feedlist_text_ok(url) || strpbrk(url, " ") != NULL)
		return err_set(e, "cannot be written to the feeds file: not an http, https "
		    "or file URL without blanks or control characters");
	if (title && !feedlist_text_ok(title))
		return err_set(e, "cannot be written to the feeds file: the title holds "
		    "a line break or control character");
	if (ntags > FEEDLIST_MAX_TAGS)
		return err_set(e, "cannot be written to the feeds file: more than %d tags",
		    FEEDLIST_MAX_TAGS);
	for (i = 0; i < ntags; i++)
		if (!feedlist_tag_ok(tags[i]))
			return err_set(e, "cannot be written to the feeds file: a tag that is "
			    "empty, starts with '~' or is '!', or holds a control character");
	if (feedlist_find(fl, url))
		return 0;
	l = feedlist_push(fl);
	l->kind = FEEDLIST_FEED;
	l->url = xstrdup(url);
	feedlist_index_add(fl, fl->nlines - 1);
	if (title && *title)
		l->title = xstrdup(title);
	for (i = 0; i < ntags; i++) {
		l->tags = xreallocarray(l->tags, l->ntags + 1, sizeof *l->tags);
		l->tags[l->ntags++] = xstrdup(tags[i]);
	}
	return 1;
}

int
feedlist_remove(struct feedlist *fl, const char *url)
{
	size_t i, kept = 0;
	int found = 0;

	if (feedlist_find(fl, url) == NULL)
		return 0;
	/* the URL's line and every line that lists it again: otherwise the
	 * next read would find the feed still there */
	for (i = 0; i < fl->nlines; i++) {
		struct feedlist_line *l = &fl->lines[i];

		if ((l->kind == FEEDLIST_FEED || l->kind == FEEDLIST_DUPLICATE) &&
		    strcmp(l->url, url) == 0) {
			feedlist_line_release(l);
			found = 1;
			continue;
		}
		if (kept != i)
			fl->lines[kept] = *l;
		kept++;
	}
	fl->nlines = kept;
	feedlist_index_drop(fl);	/* line numbers moved: rebuilt on the next find */
	return found;
}
