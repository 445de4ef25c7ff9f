#include "ui/ui_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/spawn.h"

/*
 * Running the user's commands from the reader (app/spawn builds and runs
 * them; this file only hands the terminal over).
 *
 * An interactive command (a text browser like lynx or w3m, urlscan, a
 * pager after pipe-to) gets the terminal while it runs: curses steps
 * aside, and the screen comes back when it exits.  Keys typed while it
 * ran were meant for it, not for the reader: they are dropped, as
 * newsboat drops them.
 */
int
ui_spawn(char **argv, const struct spawn_opts *o, struct err *e)
{
	int rc;

	if (!o->interactive)
		return spawn_run(argv, o, e);
	def_prog_mode();
	endwin();
	rc = spawn_run(argv, o, e);
	reset_prog_mode();
	flushinp();
	refresh();
	return rc;
}

/*
 * Open url in the browser.  interactive: the browser gets the terminal
 * and we wait for it ("open-in-browser"); else it starts in the
 * background with no terminal ("open-in-browser-noninteractively",
 * open-all-unread-in-browser).  Returns 0 only when it started (and, when
 * waited for, exited with status 0): the caller says "opened" on nothing
 * less.
 */
int
ui_browser_run(const struct settings *cfg, const char *url, const char *title,
    int interactive, struct err *e)
{
	struct spawn_opts o = { 0 };
	char **argv = spawn_browser_argv(cfg, url, NULL, "article", title, e);
	char *owned, what[300];
	int rc;

	if (argv == NULL)
		return -1;
	/* messages name the command as the user wrote it */
	snprintf(what, sizeof what, "the browser \"%.200s\"", spawn_browser_command(cfg, &owned));
	free(owned);
	o.interactive = interactive;
	o.background = !interactive;
	o.what = what;
	rc = ui_spawn(argv, &o, e);
	spawn_argv_free(argv);
	return rc;
}

int
ui_browser_open(const struct settings *cfg, const char *url, struct err *e)
{
	return ui_browser_run(cfg, url, NULL, 1, e);
}

/* ---- notifications after a reload ---- */

static int
ui_notify_wanted(const struct settings *cfg)
{
	return settings_str(cfg, SETTINGS_V_NOTIFY_PROGRAM)[0] != '\0' ||
	    settings_bool(cfg, SETTINGS_V_NOTIFY_SCREEN) ||
	    settings_bool(cfg, SETTINGS_V_NOTIFY_XTERM) ||
	    settings_bool(cfg, SETTINGS_V_NOTIFY_BEEP);
}

void
ui_notify_start(struct ui *u)
{
	struct err e;

	u->notify_counted = ui_notify_wanted(u->cfg) &&
	    notify_count(u->db, &u->notify_before, &e) == 0;
}

void
ui_notify_done(struct ui *u)
{
	struct notify_counts after;
	struct buf esc;
	struct err e;
	size_t off = 0;
	ssize_t w;
	char *msg;

	if (!u->notify_counted || notify_count(u->db, &after, &e) < 0)
		return;
	u->notify_counted = 0;
	if (!notify_due(u->cfg, &u->notify_before, &after))
		return;
	msg = notify_message(settings_str(u->cfg, SETTINGS_V_NOTIFY_FORMAT),
	    &u->notify_before, &after);
	buf_init(&esc, 0);
	notify_escapes(u->cfg, msg, notify_osc_for(getenv("TERM"), getenv("TERM_PROGRAM")),
	    &esc);
	/* escapes that draw nothing: written past curses, as newsboat does */
	while (off < esc.len && ((w = write(STDOUT_FILENO, esc.data + off, esc.len - off)) > 0
	    || (w < 0 && errno == EINTR)))
		off += w > 0 ? (size_t)w : 0;
	buf_release(&esc);
	if (notify_program(u->cfg, msg, &e) < 0)
		ui_fail(u, &e);
	free(msg);
}
