#include "ui/ui_priv.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Returns 0 only when the browser exited with status 0: the caller says
 * "opened" on nothing less.
 *
 * The browser gets the terminal while it runs (a text browser like lynx
 * or w3m needs it; xdg-open returns at once): curses steps aside, the
 * child is started with execvp and the URL as one argv element (never a
 * shell), and the screen comes back when it exits.
 */
int
ui_browser_open(const struct settings *cfg, const char *url, struct err *e)
{
	char **argv = settings_browser_argv(cfg, url, e);
	struct sigaction ign, old_int, old_quit;
	pid_t pid;
	int status = 0, rc = 0;

	if (argv == NULL)
		return -1;
	def_prog_mode();
	endwin();
	/* ^C in a text browser is the browser's, not ours */
	memset(&ign, 0, sizeof ign);
	sigemptyset(&ign.sa_mask);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		struct sigaction dfl;

		memset(&dfl, 0, sizeof dfl);
		sigemptyset(&dfl.sa_mask);
		dfl.sa_handler = SIG_DFL;
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		sigaction(SIGPIPE, &dfl, NULL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0) {
		rc = err_set(e, "cannot start the browser: %s", strerror(errno));
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			rc = err_set(e, "cannot run the browser \"%s\"", argv[0]);
		else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
			rc = err_set(e, "the browser \"%s\" exited with status %d", argv[0],
			    WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			rc = err_set(e, "the browser \"%s\" was killed by signal %d", argv[0],
			    WTERMSIG(status));
		else if (!WIFEXITED(status))
			rc = err_set(e, "the browser \"%s\" did not exit normally", argv[0]);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	refresh();
	settings_free_words(argv);
	return rc;
}
