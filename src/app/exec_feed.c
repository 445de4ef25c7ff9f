#include "app/exec_feed.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/date.h"

extern char **environ;

static void
exec_feed_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* A pipe whose ends do not leak into other children (pipe2 is not POSIX). */
static int
exec_feed_pipe(int fds[2])
{
	if (pipe(fds) < 0)
		return -1;
	(void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static pid_t
exec_feed_spawn(const char *command, int in, int out, struct err *e)
{
	char sh[] = "/bin/sh", dash_c[] = "-c";
	char *argv[] = { sh, dash_c, (char *)command, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dfl;
	pid_t pid;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&at);
	/* its own process group, so a timeout ends the shell's children too;
	 * the signals the reader changes back to their defaults */
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGWINCH);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF);
	rc = posix_spawn(&pid, "/bin/sh", &fa, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		err_set(e, "cannot run /bin/sh: %s", strerror(rc));
		return -1;
	}
	return pid;
}

/* Wait for pid until deadline (monotonic ms); its status, or -1 when it
 * was killed for running past it. */
static int
exec_feed_reap(pid_t pid, long long deadline)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int status;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return 0;
		if (date_now_ms() >= deadline)
			break;
		nanosleep(&tick, NULL);
	}
	kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return -1;
}

int
exec_feed_run(const char *command, const char *input, size_t inlen, size_t max,
    long timeout_ms, struct buf *out, struct err *e)
{
	struct sigaction ign, old;
	long long deadline = date_now_ms() + timeout_ms;
	size_t written = 0, start = out->len;
	int to[2] = { -1, -1 }, from[2] = { -1, -1 }, rc = -1, status, over = 0, late = 0;
	pid_t pid;
	char chunk[16384];

	if (exec_feed_pipe(to) < 0 || exec_feed_pipe(from) < 0) {
		err_set(e, "cannot make a pipe: %s", strerror(errno));
		goto out;
	}
	if ((pid = exec_feed_spawn(command, to[0], from[1], e)) < 0)
		goto out;
	exec_feed_close(&to[0]);
	exec_feed_close(&from[1]);
	(void)fcntl(to[1], F_SETFL, O_NONBLOCK);
	(void)fcntl(from[0], F_SETFL, O_NONBLOCK);
	if (input == NULL || inlen == 0)
		exec_feed_close(&to[1]);
	/* a command that stops reading must not end tidings with SIGPIPE */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	while (from[0] >= 0) {
		struct pollfd pf[2];
		nfds_t n = 0;
		long long left = deadline - date_now_ms();
		ssize_t k;

		if (left <= 0) {
			late = 1;
			break;
		}
		pf[n].fd = from[0];
		pf[n++].events = POLLIN;
		if (to[1] >= 0) {
			pf[n].fd = to[1];
			pf[n++].events = POLLOUT;
		}
		if (poll(pf, n, left > 1000 ? 1000 : (int)left) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (n > 1 && (pf[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			k = write(to[1], input + written, inlen - written);
			if (k > 0)
				written += (size_t)k;
			if ((k < 0 && errno != EAGAIN && errno != EINTR) || written == inlen)
				exec_feed_close(&to[1]);
		}
		if (pf[0].revents & (POLLIN | POLLERR | POLLHUP)) {
			k = read(from[0], chunk, sizeof chunk);
			if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR))
				exec_feed_close(&from[0]);
			else if (k > 0 && (out->len - start + (size_t)k > max ||
			    buf_add(out, chunk, (size_t)k) < 0)) {
				over = 1;
				break;
			}
		}
	}
	sigaction(SIGPIPE, &old, NULL);
	exec_feed_close(&to[1]);
	exec_feed_close(&from[0]);
	/* the output is read: what is left to the command is its exit */
	status = exec_feed_reap(pid, (over || late) ? date_now_ms() : deadline);
	if (over)
		err_set(e, "printed more than %zu bytes", max);
	else if (late || status == -1)
		err_set(e, "did not finish in %ld s", (timeout_ms + 999) / 1000);
	else if (out->len == start && WIFEXITED(status))
		err_set(e, "exited with status %d and printed nothing", WEXITSTATUS(status));
	else if (out->len == start)
		err_set(e, "ended by signal %d and printed nothing",
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	else
		rc = 0;
out:
	exec_feed_close(&to[0]);
	exec_feed_close(&to[1]);
	exec_feed_close(&from[0]);
	exec_feed_close(&from[1]);
	return rc;
}

int
exec_feed_filter(const char *url, const char *command, struct buf *body, size_t max,
    long timeout_ms, struct err *e)
{
	struct buf out;

	buf_init(&out, max);
	if (exec_feed_run(command, body->data, body->len, max, timeout_ms, &out, e) < 0) {
		buf_release(&out);
		return err_prefix(e, "%s", url);
	}
	buf_release(body);
	*body = out;
	return 0;
}
