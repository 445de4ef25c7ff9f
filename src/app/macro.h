/*
 * macro: running a list of operations (a macro, a bind with several
 * operations or arguments, run-on-startup) the way newsboat runs them: in
 * order, each action through the caller's callback and each "set OPTION
 * VALUE" through the config parser, stopping at the first one that fails.
 *
 * A set is not undone when the list ends: newsboat restores nothing
 * (src/formaction.cpp sets the value and returns), which is why real
 * macros end with "set browser OLD" themselves.  Knows no curses: the
 * reader (ui/) supplies the actions.
 */
#ifndef TIDINGS_MACRO_H
#define TIDINGS_MACRO_H

#include "app/keymap.h"
#include "app/settings.h"
#include "util/err.h"

struct macro_runner {
	struct settings *cfg;
	/* Run action a with its words (args[0..nargs), NULL-terminated): 0,
	 * or -1 with *e to stop the list. */
	int (*act)(void *arg, enum keymap_action a, char *const *args, int nargs,
	    struct err *e);
	/* After a set changed option (NULL: nothing to tell). */
	void (*changed)(void *arg, const char *option);
	void *arg;
};

/* Run ops: 0, or -1 and *e from the operation that failed ("set: ..."). */
int macro_run(const struct macro_runner *m, const struct keymap_ops *ops, struct err *e);

/*
 * set as newsboat's macros and command line take it: OPTION VALUE, or
 * OPTION! (a yes/no option flipped) or OPTION& (back to its default).
 * 0, or -1 and *e.
 */
int macro_set(struct settings *cfg, char *const *args, int nargs, struct err *e);

#endif
