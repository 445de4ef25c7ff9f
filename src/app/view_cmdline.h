/*
 * view_cmdline: a one-line text editor for the ":" command line and the
 * search prompt, with a history recalled by up/down.
 *
 * Text is UTF-8; the cursor is a byte offset always on a character
 * boundary; editing works on whole characters.  Length is capped
 * (VIEW_CMDLINE_MAX bytes) and so is the history (VIEW_CMDLINE_HISTORY
 * entries, oldest dropped).  Owns its text and history.
 */
#ifndef TIDINGS_VIEW_CMDLINE_H
#define TIDINGS_VIEW_CMDLINE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

#define VIEW_CMDLINE_MAX 1024
#define VIEW_CMDLINE_HISTORY 50

struct view_cmdline {
	struct buf text;
	size_t cursor;		/* byte offset into text */
	char **history;		/* oldest first */
	size_t nhistory;
	size_t hpos;		/* == nhistory when not browsing */
	char *saved;		/* the line being typed while browsing history */
};

void view_cmdline_init(struct view_cmdline *c);
void view_cmdline_release(struct view_cmdline *c);
/* Empty the line (history stays). */
void view_cmdline_reset(struct view_cmdline *c);
void view_cmdline_set(struct view_cmdline *c, const char *s);
/* Insert a character at the cursor (control characters are refused): 0 or -1. */
int view_cmdline_insert(struct view_cmdline *c, uint32_t cp);
/* Delete the character before (backspace) or at (delete) the cursor: 1 if changed. */
int view_cmdline_backspace(struct view_cmdline *c);
int view_cmdline_delete(struct view_cmdline *c);
/* Delete the word before the cursor (^W) and everything before it (^U). */
int view_cmdline_delete_word(struct view_cmdline *c);
int view_cmdline_kill_start(struct view_cmdline *c);
void view_cmdline_left(struct view_cmdline *c);
void view_cmdline_right(struct view_cmdline *c);
void view_cmdline_home(struct view_cmdline *c);
void view_cmdline_end(struct view_cmdline *c);
/* Add the line to the history (not when empty or equal to the last entry). */
void view_cmdline_remember(struct view_cmdline *c);
/* Recall an older (dir < 0) or newer entry: 1 if the text changed. */
int view_cmdline_history(struct view_cmdline *c, int dir);
/*
 * Keep the history in a file, one entry a line, oldest first: load adds
 * what path holds (a missing file is an empty history; lines past
 * VIEW_CMDLINE_MAX bytes and control characters are dropped), save
 * writes it atomically (a temporary file renamed over path, mode 0600).
 */
int view_cmdline_history_load(struct view_cmdline *c, const char *path, struct err *e);
int view_cmdline_history_save(const struct view_cmdline *c, const char *path, struct err *e);

/* What a key did to the line (view_cmdline_key). */
enum view_cmdline_key {
	VIEW_CMDLINE_NOT_EDITING = 0,	/* not an editing key: the caller's */
	VIEW_CMDLINE_EDITED,		/* edited, moved or recalled history */
	VIEW_CMDLINE_ENTER,
	VIEW_CMDLINE_CANCEL,		/* ESC, ^G */
};

/*
 * A key (a keymap code, KEYMAP_KEY_*) typed into the line: the editing
 * keys (readline's ^A ^E ^B ^F ^D ^W ^U, arrows, backspace, delete, up
 * and down for the history) and printable characters.
 */
enum view_cmdline_key view_cmdline_key(struct view_cmdline *c, uint32_t key);

/*
 * Where to draw: the byte offset of the first character shown so that
 * the cursor fits in cols columns (cols >= 2), and the cursor's column.
 */
size_t view_cmdline_scroll(const struct view_cmdline *c, size_t cols, size_t *cursor_col);

#endif
