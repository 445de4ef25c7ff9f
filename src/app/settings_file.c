/*
 * settings_file: the config file's language around the lines settings.c
 * applies, as newsboat reads it (its src/configparser.cpp and utils.rs):
 * a line ending in '\' goes on on the next one; `command` runs with
 * /bin/sh -c and its output (trailing blanks cut) replaces it before the
 * line is split; "include FILE" reads another file (~ expanded, relative
 * to the including file).  Backticks are run only for lines of a file
 * the user named (settings_load), never for text from elsewhere
 * (settings_load_string, the reader's command line).
 */
#include "app/settings.h"
#include "app/settings_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

extern char **environ;

/* The file being read, and the files including it (loops are refused). */
struct settings_src {
	const char *path;		/* as opened */
	const char *name;		/* its base name, for messages */
	dev_t dev;
	ino_t ino;
	int depth;			/* 0 for the file tidings was given */
	const struct settings_src *parent;
};

static int settings_load_path(struct settings *cfg, const char *path,
    const struct settings_src *parent, struct err *e);

char *
settings_expand_path(const char *path, const char *base)
{
	const char *home = getenv("HOME");
	const char *slash;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home != NULL && *home)
		return xasprintf("%s%s", home, path + 1);
	if (path[0] == '/' || base == NULL || (slash = strrchr(base, '/')) == NULL)
		return xstrdup(path);
	return xasprintf("%.*s/%s", (int)(slash - base), base, path);
}

static int
settings_is_dev_null(const struct stat *sb)
{
	struct stat null;

	return S_ISCHR(sb->st_mode) && stat("/dev/null", &null) == 0 &&
	    null.st_rdev == sb->st_rdev;
}

/*
 * The output of `cmd`: /bin/sh -c cmd with stdin from /dev/null and stderr
 * passed through, as newsboat runs it (its exit status is not looked at,
 * as newsboat does not).  It must finish within SETTINGS_BACKTICK_MS and
 * write at most SETTINGS_BACKTICK_MAX bytes; otherwise its process group
 * is killed and the line is refused.
 */
static int
settings_backtick(const char *cmd, struct buf *out, struct err *e)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	char *argv[] = { (char *)"sh", (char *)"-c", (char *)cmd, NULL };
	struct timespec start, now;
	int fds[2], rc = -1, status;
	pid_t pid;

	if (pipe(fds) < 0)
		return err_set(e, "`%.60s`: %s", cmd, strerror(errno));
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawnattr_init(&attr);
	/* its own group: a timeout kills what it started too */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	errno = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(fds[1]);
	if (errno != 0) {
		err_set(e, "`%.60s`: cannot run /bin/sh: %s", cmd, strerror(errno));
		close(fds[0]);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd p = { fds[0], POLLIN, 0 };
		char chunk[4096];
		long left;
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = SETTINGS_BACKTICK_MS - ((long)(now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0) {
			err_set(e, "`%.60s` took longer than %d seconds", cmd,
			    SETTINGS_BACKTICK_MS / 1000);
			break;
		}
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR) {
			err_set(e, "`%.60s`: %s", cmd, strerror(errno));
			break;
		}
		if (p.revents == 0)
			continue;
		n = read(fds[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = 0;		/* end of its output */
			break;
		}
		if (buf_add(out, chunk, (size_t)n) < 0) {
			err_set(e, "`%.60s` wrote more than %d bytes", cmd, SETTINGS_BACKTICK_MAX);
			break;
		}
	}
	close(fds[0]);
	if (rc < 0)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return rc;
}

/*
 * Where line's comment starts (its length when it has none): a '#'
 * beginning a word outside double quotes and backticks, the rule
 * settings_split applies (\" and \` do not open or close anything).
 */
static size_t
settings_comment_at(const char *line)
{
	int quoted = 0, ticked = 0;
	size_t i;

	for (i = 0; line[i] != '\0'; i++) {
		char c = line[i];

		if (c == '\\' && line[i + 1] != '\0') {
			i++;
			continue;
		}
		if (c == '"' && !ticked)
			quoted = !quoted;
		else if (c == '`')
			ticked = !ticked;
		else if (c == '#' && !quoted && !ticked && (i == 0 || text_isspace(line[i - 1])))
			return i;
	}
	return i;
}

/*
 * line with its comment cut and every `command` replaced by its output, as
 * a new string; \` is a backtick that runs nothing.  NULL and *e when a
 * backtick is not closed or a command fails.
 */
static char *
settings_run_backticks(const char *line, struct err *e)
{
	size_t end = settings_comment_at(line), i;
	struct buf out, cmd;

	buf_init(&out, SETTINGS_MAX_LINE);
	buf_init(&cmd, SETTINGS_MAX_LINE);
	for (i = 0; i < end; i++) {
		const char *close;

		if (line[i] == '\\' && line[i + 1] == '`') {
			if (buf_addc(&out, '`') < 0)
				goto toolong;
			i++;
			continue;
		}
		if (line[i] != '`') {
			if (buf_addc(&out, line[i]) < 0)
				goto toolong;
			continue;
		}
		close = memchr(line + i + 1, '`', end - i - 1);
		if (close == NULL) {
			err_set(e, "unterminated backtick");
			goto fail;
		}
		buf_reset(&cmd);
		if (buf_add(&cmd, line + i + 1, (size_t)(close - line - i - 1)) < 0)
			goto toolong;
		{
			struct buf res;

			buf_init(&res, SETTINGS_BACKTICK_MAX);
			if (settings_backtick(cmd.data, &res, e) < 0) {
				buf_release(&res);
				goto fail;
			}
			/* newsboat cuts the output's trailing blanks (its newline) */
			while (res.len > 0 && text_isspace(res.data[res.len - 1]))
				res.len--;
			if (memchr(res.data, '\0', res.len) != NULL) {
				buf_release(&res);
				err_set(e, "`%.60s` wrote a NUL byte", cmd.data);
				goto fail;
			}
			if (buf_add(&out, res.data, res.len) < 0) {
				buf_release(&res);
				goto toolong;
			}
			buf_release(&res);
		}
		i = (size_t)(close - line);
	}
	buf_release(&cmd);
	return buf_take(&out);
toolong:
	err_set(e, "line longer than %d bytes", SETTINGS_MAX_LINE);
fail:
	buf_release(&cmd);
	buf_release(&out);
	return NULL;
}

static int
settings_include(struct settings *cfg, char **argv, int argc,
    const struct settings_src *src, struct err *e)
{
	char *path;
	int rc;

	if (argc != 2)
		return err_set(e, "include takes one argument (a file)");
	if (src == NULL)
		return err_set(e, "include works in a config file only");
	if (src->depth + 1 > SETTINGS_MAX_INCLUDE_DEPTH)
		return err_set(e, "include %s: nested more than %d deep", argv[1],
		    SETTINGS_MAX_INCLUDE_DEPTH);
	path = settings_expand_path(argv[1], src->path);
	rc = settings_load_path(cfg, path, src, e);
	free(path);
	return rc;
}

/* One logical line: backticks run when src allows, include, or applied. */
static int
settings_line(struct settings *cfg, const char *line, const char *where,
    const struct settings_src *src, struct err *e)
{
	char *text = NULL, **argv;
	int argc, rc, comments = 1;

	if (strlen(line) > SETTINGS_MAX_LINE)
		return err_set(e, "line longer than %d bytes", SETTINGS_MAX_LINE);
	if (src != NULL && strchr(line, '`') != NULL) {
		text = settings_run_backticks(line, e);
		if (text == NULL)
			return -1;
		line = text;
		comments = 0;	/* cut already: a '#' the command wrote is text */
	}
	rc = settings_split_mode(line, &argv, &argc, comments, e);
	free(text);
	if (rc < 0)
		return -1;
	if (argc == 0)
		rc = 0;
	else if (strcmp(argv[0], "include") == 0)
		rc = settings_include(cfg, argv, argc, src, e);
	else
		rc = settings_apply(cfg, argv, argc, where, e);
	settings_free_words(argv);
	return rc;
}

/*
 * Lines of text; a bad line's message starts "name:LINE: " (the first
 * line of a continued one).  src NULL: text in memory (no backticks, no
 * include).
 */
static void
settings_load_text(struct settings *cfg, const char *name, const char *text, size_t len,
    const struct settings_src *src)
{
	size_t start = 0, lineno = 0;
	struct buf line;

	buf_init(&line, SETTINGS_MAX_LINE + 2);
	while (start < len) {
		size_t first = lineno + 1, toolong = 0;
		struct err e;
		char where[64];

		buf_reset(&line);
		/* a line ending in '\' goes on on the next one (newsboat's rule) */
		for (;;) {
			const char *nl = memchr(text + start, '\n', len - start);
			size_t end = nl ? (size_t)(nl - text) : len, n = end - start;
			int more;

			lineno++;
			if (n > 0 && text[start + n - 1] == '\r')
				n--;
			more = n > 0 && text[start + n - 1] == '\\' && end < len;
			if (buf_add(&line, text + start, more ? n - 1 : n) < 0)
				toolong = 1;
			start = end + 1;
			if (!more)
				break;
		}
		snprintf(where, sizeof where, "%.40s:%zu", name, first);
		if (toolong)
			err_set(&e, "line longer than %d bytes", SETTINGS_MAX_LINE);
		else if (strlen(line.data) != line.len)
			err_set(&e, "NUL byte in line");
		else if (settings_line(cfg, line.data, where, src, &e) == 0)
			continue;
		{
			char *msg = xasprintf("%s: %s", where, e.msg);

			settings_add_error(cfg, msg);
			free(msg);
		}
	}
	buf_release(&line);
}

void
settings_load_string(struct settings *cfg, const char *text, size_t len)
{
	settings_load_text(cfg, "config", text, len, NULL);
}

/*
 * Read path (included from parent, or NULL for the file tidings was
 * given).  -1 and *e when it cannot be read or includes itself; ENOENT
 * is -2 (the top file may be absent, an included one may not).
 */
static int
settings_read(struct settings *cfg, const char *path, const struct settings_src *parent,
    struct err *e)
{
	const char *slash = strrchr(path, '/');
	struct settings_src src;
	const struct settings_src *s;
	struct buf b;
	struct stat sb;
	char chunk[8192];
	ssize_t n;
	int fd;

	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int rc = errno == ENOENT ? -2 : -1;

		err_set(e, "%s %s: %s", parent ? "include" : "config", path, strerror(errno));
		return rc;
	}
	/* a file, or /dev/null for "no config" (not a directory, a FIFO or a
	 * terminal, whose read would wait forever) */
	if (fstat(fd, &sb) < 0 || (!S_ISREG(sb.st_mode) && !settings_is_dev_null(&sb))) {
		close(fd);
		return err_set(e, "%s %s: not a regular file", parent ? "include" : "config",
		    path);
	}
	for (s = parent; s != NULL; s = s->parent) {
		if (s->dev == sb.st_dev && s->ino == sb.st_ino) {
			close(fd);
			return err_set(e, "include loop: %s", path);
		}
	}
	buf_init(&b, SETTINGS_MAX_FILE_SIZE);
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set(e, "config %s: %s", path, strerror(errno));
			goto fail;
		}
		if (buf_add(&b, chunk, (size_t)n) < 0) {
			err_set(e, "config %s: larger than %d bytes", path, SETTINGS_MAX_FILE_SIZE);
			goto fail;
		}
	}
	close(fd);
	src.path = path;
	/* messages name the file as the feeds file's do: "config:12: ..." */
	src.name = slash != NULL && slash[1] != '\0' ? slash + 1 : path;
	src.dev = sb.st_dev;
	src.ino = sb.st_ino;
	src.depth = parent ? parent->depth + 1 : 0;
	src.parent = parent;
	settings_load_text(cfg, src.name, b.data, b.len, &src);
	buf_release(&b);
	return 0;
fail:
	close(fd);
	buf_release(&b);
	return -1;
}

static int
settings_load_path(struct settings *cfg, const char *path, const struct settings_src *parent,
    struct err *e)
{
	return settings_read(cfg, path, parent, e) < 0 ? -1 : 0;
}

int
settings_load(struct settings *cfg, const char *path, struct err *e)
{
	int rc = settings_read(cfg, path, NULL, e);

	if (rc == -2)
		return 0;	/* no config: the defaults stand */
	return rc;
}
