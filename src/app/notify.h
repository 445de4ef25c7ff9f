/*
 * notify: telling the user that a reload brought news, as newsboat does
 * (notify-program, notify-format, notify-always, notify-screen,
 * notify-xterm, notify-beep), plus a desktop notification through the
 * terminal (OSC 9 or OSC 777) where the terminal is known to show one.
 *
 * The reader counts unread feeds and articles before a reload and after
 * it (notify_count); notify_due says whether to tell, notify_message makes
 * the text, notify_escapes the bytes for the terminal and notify_program
 * runs the user's program (app/spawn: the message is "$1", never shell
 * text).  No curses: ui/ writes the escapes while it owns the screen.
 */
#ifndef TIDINGS_NOTIFY_H
#define TIDINGS_NOTIFY_H

#include "app/settings.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"

struct notify_counts {
	int unread_feeds;	/* feeds with at least one unread article */
	int unread_articles;
};

/* The counts over every feed of the cache: 0, or -1 with *e. */
int notify_count(struct db *db, struct notify_counts *c, struct err *e);

/* 1 when a reload from before to after is news: more unread feeds or
 * articles, or always with notify-always (newsboat's rule). */
int notify_due(const struct settings *cfg, const struct notify_counts *before,
    const struct notify_counts *after);

/*
 * notify-format with newsboat's specifiers: %f unread feeds, %n unread
 * articles, %d new unread articles, %D new unread feeds (never below 0),
 * %% a "%"; anything else as written.  Control characters are removed
 * (the text goes into terminal escapes).  A new string.
 */
char *notify_message(const char *fmt, const struct notify_counts *before,
    const struct notify_counts *after);

/* Which desktop notification escape a terminal shows (from $TERM and
 * $TERM_PROGRAM): none, OSC 9 (iTerm2, WezTerm, kitty, Ghostty) or OSC
 * 777 (foot, rxvt-unicode). */
enum notify_osc { NOTIFY_OSC_NONE, NOTIFY_OSC_9, NOTIFY_OSC_777 };
enum notify_osc notify_osc_for(const char *term, const char *term_program);

/*
 * The bytes to write to the terminal for msg, as the options say:
 * notify-screen: GNU screen's privacy message (ESC ^ msg ESC \),
 * notify-xterm: the window title (ESC ] 2 ; msg ESC \), notify-beep: a
 * bell (BEL) and, when osc is not NONE, the message as a desktop
 * notification (ESC ] 9 ; msg ESC \ or ESC ] 777 ; notify ; tidings ;
 * msg ESC \).  Appended to out.
 */
void notify_escapes(const struct settings *cfg, const char *msg, enum notify_osc osc,
    struct buf *out);

/* notify-program, when set: started in the background with msg as its
 * one argument ("$1").  0 (also when unset), or -1 with *e. */
int notify_program(const struct settings *cfg, const char *msg, struct err *e);

#endif
