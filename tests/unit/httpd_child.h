/*
 * For unit tests that need tests/httpd.py: httpd_child_start forks it
 * serving dir on 127.0.0.1 and returns its port; httpd_child_stop kills
 * it (it also exits by itself after two minutes or when the test dies).
 * Without python3 or the script the start fails with a message on stderr:
 * a test that needs the server fails, it never skips.  Include after the
 * system headers.
 */
#ifndef TIDINGS_TEST_HTTPD_CHILD_H
#define TIDINGS_TEST_HTTPD_CHILD_H

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t httpd_child_pid = -1;

/* The port, or -1 with a message naming who on stderr. */
static long
httpd_child_start(const char *dir, const char *who)
{
	const char *py = getenv("PYTHON3");
	const char *top = getenv("top_srcdir");
	char script[1024], line[32];
	struct pollfd pfd;
	size_t got = 0;
	ssize_t r;
	int p[2];
	char *end;
	long port;

	if (py == NULL || *py == '\0')
		py = "python3";
	snprintf(script, sizeof script, "%s/tests/httpd.py", top && *top ? top : ".");
	if (access(script, R_OK) != 0) {
		fprintf(stderr, "%s: %s: %s\n", who, script, strerror(errno));
		return -1;
	}
	if (pipe(p) != 0)
		return -1;
	httpd_child_pid = fork();
	if (httpd_child_pid < 0)
		return -1;
	if (httpd_child_pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execlp(py, py, script, "--dir", dir, "--lifetime", "120", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (got < sizeof line - 1 && memchr(line, '\n', got) == NULL) {
		if (poll(&pfd, 1, 10000) <= 0)
			break;
		r = read(p[0], line + got, sizeof line - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(p[0]);
	line[got] = '\0';
	errno = 0;
	port = strtol(line, &end, 10);
	if (errno != 0 || end == line || *end != '\n' || port <= 0 || port > 65535) {
		fprintf(stderr, "%s: %s (run by %s) did not report a port\n", who, script, py);
		return -1;
	}
	return port;
}

static void
httpd_child_stop(void)
{
	if (httpd_child_pid > 0) {
		kill(httpd_child_pid, SIGTERM);
		waitpid(httpd_child_pid, NULL, 0);
		httpd_child_pid = -1;
	}
}

#endif
