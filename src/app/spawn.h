/*
 * spawn: the user's command strings (browser, bookmark-cmd, notify-program,
 * pipe-to, external-url-viewer) run as newsboat runs them, through
 * /bin/sh -c, so "~/bin/x", "$BROWSER", "&", redirections, quotes and
 * "\ " escapes mean what they mean in a shell.
 *
 * What a command is given (a URL, a title, a message) is never put into
 * the shell text: it travels as a positional parameter ("sh -c TEXT sh
 * URL"), and a placeholder such as %u in the command becomes a reference
 * to it ("$1"), quoted for where it stands, so a URL holding $(...),
 * backticks or quotes is never interpreted.  newsboat puts the URL into
 * the text in single quotes; tidings keeps it out of the text altogether.
 *
 * "~" at the start of a word is the shell's tilde expansion (newsboat
 * expands a leading "~/" itself; sh does it for every word).
 *
 * No curses here: the UI gives the terminal away around an interactive
 * run (ui/ui_browser.c).
 */
#ifndef TIDINGS_SPAWN_H
#define TIDINGS_SPAWN_H

#include <stddef.h>

#include "app/settings.h"
#include "util/buf.h"
#include "util/err.h"

/* Values a command may be given (positional parameters $1..$9). */
#define SPAWN_MAX_ARGS 9
/* Output kept from a command whose output is read (bookmark-cmd). */
#define SPAWN_MAX_OUTPUT (64 * 1024)

/*
 * The shell text for command: every "%X" whose X is the i-th character of
 * keys becomes a reference to positional parameter i+1, quoted for the
 * place it stands in ("$1" outside quotes, $1 inside double quotes, and
 * inside single quotes the quote is closed around "$1"), so the value is
 * one word whatever it holds.  Any other "%" stays as written (newsboat
 * replaces only its placeholders).  When none of keys' placeholders appears, the first nappend parameters are appended as
 * words (" "$1" "$2"...).  Returns a new string (free it).
 */
char *spawn_shell_text(const char *command, const char *keys, int nappend);

/*
 * A NULL-terminated argv for execv: "/bin/sh", "-c", text, "sh", then
 * args[0..nargs-1] (so args[0] is "$1").  Copies everything; free with
 * spawn_argv_free.
 */
char **spawn_argv(const char *text, const char *const *args, size_t nargs);
void spawn_argv_free(char **argv);

/*
 * The command the browser option names: cfg's browser, else $BROWSER (its
 * first entry when it holds a ':' list), else "xdg-open" (newsboat falls
 * back to lynx; tidings to the desktop's own choice).  *owned gets a
 * string the caller frees (or NULL).
 */
const char *spawn_browser_command(const struct settings *cfg, char **owned);

/*
 * The argv that opens url in the browser: spawn_browser_command with %u
 * the URL ($1), %F the feed's URL ($2), %t the link's type ($3: "article"
 * or "link") and %T the title ($4), as newsboat's browser placeholders;
 * with none of them the URL is appended.  Only http and https URLs
 * without control characters are opened: NULL and *e otherwise.  Free
 * with spawn_argv_free.
 */
char **spawn_browser_argv(const struct settings *cfg, const char *url,
    const char *feed_url, const char *type, const char *title, struct err *e);

/* 1 when url may be given to a browser (http/https, no control bytes). */
int spawn_url_ok(const char *url, struct err *e);

struct spawn_opts {
	/*
	 * 1: the command gets the terminal (stdin, stdout and stderr as ours,
	 * ^C is its own: we ignore SIGINT and SIGQUIT while it runs) and we
	 * wait for it.  0: stdin, stdout and stderr are /dev/null (or the
	 * pipes below), as newsboat's run_non_interactively.
	 */
	int interactive;
	/*
	 * 1: not waited for: it runs in its own session in the background
	 * (a browser that stays open, a notifier), and only a failure to
	 * start it is reported.
	 */
	int background;
	/* Bytes written to the command's stdin (pipe-to, external-url-viewer),
	 * or NULL. */
	const char *input;
	size_t input_len;
	/* stdout read into here (at most SPAWN_MAX_OUTPUT bytes), or NULL. */
	struct buf *output;
	/* What to call it in messages: "the browser", "bookmark-cmd". */
	const char *what;
};

/*
 * Run argv (argv[0] a path, as spawn_argv makes).  0 when it started (a
 * background run) or exited with status 0; -1 and *e ("the browser exited
 * with status 3", "... could not be run") otherwise.
 */
int spawn_run(char **argv, const struct spawn_opts *o, struct err *e);

#endif
