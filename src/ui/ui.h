/*
 * ui: the interactive reader (ncursesw): feed list, item list, article,
 * help, search and the ":" command line, over the cache; reloads feeds in
 * the background from the same poll(2) loop that reads the keyboard.
 *
 * Owns the terminal from ui_run's start to its return: the terminal is
 * given back on every way out (normal quit, SIGINT/SIGTERM/SIGHUP, a
 * fatal error, a crash signal, exit()), and Ctrl-Z suspends and resumes.
 * Nothing is printed while curses owns the screen: config errors and
 * reload errors show in the message line and are printed to stderr after
 * the terminal is restored.
 */
#ifndef TIDINGS_UI_H
#define TIDINGS_UI_H

#include "app/settings.h"
#include "util/err.h"

struct db;	/* the cache (store/db), opened and closed by the caller */

/*
 * Run the reader on db with cfg (borrowed; a macro's set changes it).  feeds_path is the feeds file
 * that r/R reload (NULL: reloading is off); config_path is shown in
 * messages.  Returns 0 on a normal quit, -1 with *e when the terminal
 * cannot be used (not a tty, no terminfo) or the cache fails.
 */
int ui_run(struct db *db, struct settings *cfg, const char *feeds_path,
    const char *config_path, struct err *e);

#endif
