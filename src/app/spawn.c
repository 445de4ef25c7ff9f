#include "app/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/xalloc.h"

/* Descriptors a child closes before exec (ours: the cache, the reload's
 * sockets, the signal pipe); the reader polls at most 256. */
#define SPAWN_CLOSE_FDS 1024

/*
 * Where a placeholder stands in the shell text decides how the parameter
 * is written: outside quotes it needs its own double quotes (else the
 * shell splits and globs it); inside double quotes a bare ${N} is one
 * word already; a single-quoted word ('%u', as newsboat configs write
 * it) is closed around "${N}" and opened again.  A single-quoted string
 * with blanks in it ('w3m %u' after sh -c or tmux new-window) is text
 * for another shell: putting the value into it would hand that shell the
 * URL as code, so it gets "${TIDINGS_ARGN}", a variable this shell
 * exports and that shell expands; the same for a double-quoted string
 * with blanks (sh -c "w3m %u"), where the quotes and the $ are escaped so
 * that this shell passes them on.
 */
enum spawn_quote { SPAWN_OUT, SPAWN_SINGLE, SPAWN_DOUBLE, SPAWN_NESTED, SPAWN_DNESTED };

/* Does the double-quoted string starting at p (after its quote) hold a
 * blank before its closing quote? */
static int
spawn_dq_has_blank(const char *p)
{
	for (; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == ' ' || *p == '\t' || *p == '\n')
			return 1;
	}
	return 0;
}

static void
spawn_add_param(struct buf *b, enum spawn_quote q, int n)
{
	int rc;

	if (q == SPAWN_OUT)
		rc = buf_printf(b, "\"${%d}\"", n);
	else if (q == SPAWN_DOUBLE)
		rc = buf_printf(b, "${%d}", n);
	else if (q == SPAWN_SINGLE)
		rc = buf_printf(b, "'\"${%d}\"'", n);
	else if (q == SPAWN_NESTED)
		rc = buf_printf(b, "\"${TIDINGS_ARG%d}\"", n);
	else
		rc = buf_printf(b, "\\\"\\${TIDINGS_ARG%d}\\\"", n);
	if (rc < 0)
		abort();
}

char *
spawn_shell_text(const char *command, const char *keys, int nappend)
{
	enum spawn_quote q = SPAWN_OUT;
	struct buf b, pre;
	const char *p, *k;
	int found = 0, i, nested[SPAWN_MAX_ARGS + 1] = { 0 };

	buf_init(&b, 0);
	buf_init(&pre, 0);
	for (p = command; *p != '\0'; p++) {
		if (*p == '%' && p[1] != '\0' && (k = strchr(keys, p[1])) != NULL &&
		    k - keys < SPAWN_MAX_ARGS) {
			i = (int)(k - keys) + 1;
			spawn_add_param(&b, q, i);
			if ((q == SPAWN_NESTED || q == SPAWN_DNESTED) && !nested[i]) {
				nested[i] = 1;
				if (buf_printf(&pre, "TIDINGS_ARG%d=\"${%d}\"; export TIDINGS_ARG%d; ",
				    i, i, i) < 0)
					abort();
			}
			found = 1;
			p++;
			continue;
		}
		if (buf_addc(&b, *p) < 0)
			abort();
		if (q == SPAWN_SINGLE || q == SPAWN_NESTED) {
			if (*p == '\'')
				q = SPAWN_OUT;
		} else if (*p == '\\' && p[1] != '\0') {
			/* an escaped character is never a quote (or a placeholder) */
			if (buf_addc(&b, *++p) < 0)
				abort();
		} else if (*p == '"') {
			q = q != SPAWN_OUT ? SPAWN_OUT
			    : spawn_dq_has_blank(p + 1) ? SPAWN_DNESTED : SPAWN_DOUBLE;
		} else if (*p == '\'' && q == SPAWN_OUT) {
			size_t len = strcspn(p + 1, "'");

			q = strcspn(p + 1, " \t\n") < len ? SPAWN_NESTED : SPAWN_SINGLE;
		}
	}
	/* an unbalanced quote is the user's: sh reports it */
	for (i = 1; !found && i <= nappend; i++) {
		if (buf_addc(&b, ' ') < 0)
			abort();
		spawn_add_param(&b, SPAWN_OUT, i);
	}
	if (pre.len > 0) {
		if (buf_add(&pre, b.data, b.len) < 0)
			abort();
		buf_release(&b);
		return buf_take(&pre);
	}
	buf_release(&pre);
	return buf_take(&b);
}

char **
spawn_argv(const char *text, const char *const *args, size_t nargs)
{
	char **argv = xcalloc(nargs + 5, sizeof *argv);
	size_t i;

	argv[0] = xstrdup("/bin/sh");
	argv[1] = xstrdup("-c");
	argv[2] = xstrdup(text);
	argv[3] = xstrdup("sh");	/* $0, as the shell's messages name it */
	for (i = 0; i < nargs; i++)
		argv[4 + i] = xstrdup(args[i] != NULL ? args[i] : "");
	return argv;
}

/* the same shape as a config line's words */
void
spawn_argv_free(char **argv)
{
	settings_free_words(argv);
}

const char *
spawn_browser_command(const struct settings *cfg, char **owned)
{
	const char *b;

	*owned = NULL;
	if (cfg->browser != NULL && cfg->browser[0] != '\0')
		return cfg->browser;
	b = getenv("BROWSER");
	if (b != NULL && *b != '\0') {
		/* "w3m:lynx" is a list of browsers to try (the $BROWSER
		 * convention); the first is the one meant */
		const char *colon = strchr(b, ':');

		if (colon == NULL)
			return b;
		*owned = xstrndup(b, (size_t)(colon - b));
		return *owned;
	}
	return "xdg-open";
}

int
spawn_url_ok(const char *url, struct err *e)
{
	size_t k;

	if (url == NULL || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)) {
		err_set(e, "not an http or https link: %s", url ? url : "(none)");
		return 0;
	}
	for (k = 0; url[k] != '\0'; k++) {
		if ((unsigned char)url[k] < 0x20 || url[k] == 0x7f) {
			err_set(e, "link holds control characters");
			return 0;
		}
	}
	return 1;
}

char **
spawn_browser_argv(const struct settings *cfg, const char *url, const char *feed_url,
    const char *type, const char *title, struct err *e)
{
	const char *args[4];
	char *owned, *text, **argv;
	const char *cmd;

	if (!spawn_url_ok(url, e))
		return NULL;
	cmd = spawn_browser_command(cfg, &owned);
	args[0] = url;
	args[1] = feed_url != NULL ? feed_url : "";
	args[2] = type != NULL ? type : "article";
	args[3] = title != NULL ? title : "";
	/* newsboat's placeholders: %u URL, %F feed URL, %t type, %T title */
	text = spawn_shell_text(cmd, "uFtT", 1);
	argv = spawn_argv(text, args, 4);
	free(text);
	free(owned);
	return argv;
}

/* ---- running ---- */

static void
spawn_child(char **argv, const struct spawn_opts *o, int in, int out, int report)
{
	struct sigaction dfl;
	sigset_t none;
	int fd, null = -1;
	static const int sigs[] = { SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGHUP, SIGCHLD,
	    SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU };
	size_t i;

	memset(&dfl, 0, sizeof dfl);
	sigemptyset(&dfl.sa_mask);
	dfl.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (o->background) {
		pid_t pid;

		/* its own session: our ^C and our exit are not its end */
		setsid();
		pid = fork();
		if (pid < 0) {
			fd = errno;
			if (write(report, &fd, sizeof fd) < 0)
				_exit(127);
			_exit(127);
		}
		if (pid > 0)
			_exit(0);
	}
	if (!o->interactive || in >= 0 || out >= 0)
		null = open("/dev/null", O_RDWR);
	if (in >= 0)
		dup2(in, 0);
	else if (!o->interactive && null >= 0)
		dup2(null, 0);
	if (out >= 0)
		dup2(out, 1);
	else if (!o->interactive && null >= 0)
		dup2(null, 1);
	if (!o->interactive && null >= 0)
		dup2(null, 2);
	for (fd = 3; fd < SPAWN_CLOSE_FDS; fd++)
		if (fd != report)
			close(fd);
	execv(argv[0], argv);
	fd = errno;
	if (write(report, &fd, sizeof fd) < 0)
		_exit(127);
	_exit(127);
}

/* Feed input to fd in and read fd out until both are done (either may be
 * -1); a command that stops reading early is not an error. */
static void
spawn_pump(const struct spawn_opts *o, int in, int out)
{
	size_t off = 0;
	char chunk[4096];

	while (in >= 0 || out >= 0) {
		struct pollfd p[2];
		nfds_t n = 0;
		ssize_t r;
		int pin = -1, pout = -1;

		if (in >= 0) {
			p[n].fd = in;
			p[n].events = POLLOUT;
			pin = (int)n++;
		}
		if (out >= 0) {
			p[n].fd = out;
			p[n].events = POLLIN;
			pout = (int)n++;
		}
		if (poll(p, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pin >= 0 && p[pin].revents != 0) {
			r = write(in, o->input + off, o->input_len - off);
			if (r > 0)
				off += (size_t)r;
			if ((r < 0 && errno != EINTR && errno != EAGAIN) || off >= o->input_len) {
				close(in);
				in = -1;
			}
		}
		if (pout >= 0 && p[pout].revents != 0) {
			r = read(out, chunk, sizeof chunk);
			if (r > 0) {
				/* past the cap the rest is read and dropped */
				if (o->output->len + (size_t)r <= SPAWN_MAX_OUTPUT)
					(void)buf_add(o->output, chunk, (size_t)r);
			} else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
				close(out);
				out = -1;
			}
		}
	}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
}

static void
spawn_close_pair(const int fd[2])
{
	if (fd[0] >= 0)
		close(fd[0]);
	if (fd[1] >= 0)
		close(fd[1]);
}

int
spawn_run(char **argv, const struct spawn_opts *o, struct err *e)
{
	const char *what = o->what != NULL ? o->what : "the command";
	struct sigaction ign, old_int, old_quit, old_pipe;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, report[2] = { -1, -1 };
	int status = 0, rc = 0, child_errno = 0;
	pid_t pid;
	ssize_t r;

	if (o->input != NULL && !o->background && pipe(in) < 0)
		return err_set(e, "%s: pipe: %s", what, strerror(errno));
	if (o->output != NULL && !o->background && pipe(out) < 0) {
		rc = err_set(e, "%s: pipe: %s", what, strerror(errno));
		goto close_pipes;
	}
	if (pipe(report) < 0) {
		rc = err_set(e, "%s: pipe: %s", what, strerror(errno));
		goto close_pipes;
	}
	/* closed by a successful exec: a read of 0 bytes means it started */
	fcntl(report[1], F_SETFD, FD_CLOEXEC);
	memset(&ign, 0, sizeof ign);
	sigemptyset(&ign.sa_mask);
	ign.sa_handler = SIG_IGN;
	/* ^C in a program that has the terminal is the program's, not ours;
	 * a command that stops reading its input must not kill us */
	sigaction(SIGINT, o->interactive ? &ign : NULL, &old_int);
	sigaction(SIGQUIT, o->interactive ? &ign : NULL, &old_quit);
	sigaction(SIGPIPE, &ign, &old_pipe);
	pid = fork();
	if (pid == 0)
		spawn_child(argv, o, in[0], out[1], report[1]);
	close(report[1]);
	report[1] = -1;
	if (pid < 0) {
		rc = err_set(e, "cannot start %s: %s", what, strerror(errno));
		goto restore;
	}
	if (in[0] >= 0) {
		close(in[0]);
		in[0] = -1;
	}
	if (out[1] >= 0) {
		close(out[1]);
		out[1] = -1;
	}
	if (!o->background) {
		/* never blocked on one while the command waits on the other */
		if (in[1] >= 0)
			fcntl(in[1], F_SETFL, O_NONBLOCK);
		if (out[0] >= 0)
			fcntl(out[0], F_SETFL, O_NONBLOCK);
		spawn_pump(o, in[1], out[0]);
		in[1] = out[0] = -1;
	}
	while ((r = read(report[0], &child_errno, sizeof child_errno)) < 0 && errno == EINTR)
		;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (r == (ssize_t)sizeof child_errno)
		rc = err_set(e, "cannot run %s: %s", what, strerror(child_errno));
	else if (o->background)
		rc = 0;
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		rc = err_set(e, "%s: command not found (the shell exited with status 127)", what);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		rc = err_set(e, "%s exited with status %d", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		rc = err_set(e, "%s was killed by signal %d", what, WTERMSIG(status));
restore:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
close_pipes:
	spawn_close_pair(in);
	spawn_close_pair(out);
	spawn_close_pair(report);
	return rc;
}
