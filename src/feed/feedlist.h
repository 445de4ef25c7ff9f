/*
 * feedlist: the feeds file, in newsboat's `urls` format, read as newsboat
 * reads it (utils.rs tokenize_quoted, FileUrlReader).
 *
 * One feed a line: a URL, then tags separated by blanks; a tag in double
 * quotes may hold blanks (\" and \\ escape inside quotes, a backslash
 * before any other character stands for that character); a quote left
 * open runs to the end of the line; an unquoted word starting with `#`
 * ends the line (an inline comment), and a line starting with `#` is a
 * comment.  A tag "~Title" gives the feed a custom title and "!" hides it
 * from the feed list (it is still polled and its items still reach search
 * and the all-items list).
 *
 * Other lines, kept verbatim on save and never dropped:
 *  - a URL listed again: its tags, title and "!" are merged into the first
 *    line's (FEEDLIST_DUPLICATE, one warning naming both lines);
 *  - a first word with no scheme ("---Tech---"): a heading, shown in the
 *    feed list as newsboat shows such pseudo-feeds (FEEDLIST_HEADING);
 *  - "query:NAME:EXPRESSION": a query feed (FEEDLIST_QUERY, with title and
 *    query), reported once until query feeds are implemented;
 *  - "exec:COMMAND" and "filter:COMMAND:URL": feeds (FEEDLIST_FEED) whose
 *    url is the whole first word (their identity in the cache, as in
 *    newsboat), with command set, and for filter: source the URL fetched
 *    (http, https or file) whose body goes to the command's input; the
 *    command's output is the feed.  These run the user's own text through
 *    /bin/sh, so only a feeds file the user wrote holds them: feedlist_add
 *    (add, import) refuses them;
 *  - unknown schemes: FEEDLIST_UNSUPPORTED, reported once in `warnings`
 *    as "FILE:LINE: message".
 * add/remove keep every other line, comment and blank exactly as it was.
 * Saving writes a temporary file and renames it over the old one, so a
 * crash never leaves half a file; a feeds file that is a symbolic link
 * (stow, chezmoi) stays one: the file it names is replaced.  What the
 * format cannot hold (a line break or other control character, a tag
 * that would read back as a title "~..." or as the hidden flag "!") is
 * refused, never written.
 *
 * Read-modify-write (add, remove, import) happens under feedlist_lock, so
 * two tidings changing the file at once never lose each other's lines.
 */
#ifndef TIDINGS_FEEDLIST_H
#define TIDINGS_FEEDLIST_H

#include <stddef.h>

#include "util/err.h"

enum feedlist_kind {
	FEEDLIST_BLANK,
	FEEDLIST_COMMENT,
	FEEDLIST_FEED,
	FEEDLIST_UNSUPPORTED,
	FEEDLIST_DUPLICATE,	/* url listed on an earlier line (merged there) */
	FEEDLIST_HEADING,	/* no URL: a heading; url is its first word */
	FEEDLIST_QUERY,		/* "query:NAME:EXPR": title NAME, query EXPR */
};

struct feedlist_line {
	enum feedlist_kind kind;
	int lineno;		/* in the file as read; 0 for added lines */
	char *text;		/* the line as read (no newline); NULL once changed */
	/* for FEEDLIST_FEED (and the first word of DUPLICATE and HEADING): */
	char *url;
	char *title;		/* from "~Title" (QUERY: its NAME), or NULL */
	char *query;		/* FEEDLIST_QUERY: the filter expression */
	char *command;		/* exec: and filter: feeds: the shell command */
	char *source;		/* filter: feeds: the URL whose body it reads */
	char **tags;		/* a FEED's own and its duplicates' */
	size_t ntags;
	int hidden;		/* "!" */
};

struct feedlist {
	char *name;		/* file name for messages */
	struct feedlist_line *lines;
	size_t nlines;
	size_t cap;		/* lines allocated */
	/* feedlist_find's index: open addressing over the feed lines, each
	 * slot a line index + 1 (0: empty); nslots 0 until the first lookup,
	 * and again after a removal (rebuilt on the next).  It keeps import
	 * of 20,000 outlines linear: every add looks the URL up first. */
	size_t *slots;
	size_t nslots;
	size_t nindexed;	/* feed lines in the index */
	size_t probes;		/* URL comparisons made by lookups (tests count them) */
	char **warnings;	/* "FILE:LINE: message" */
	size_t nwarnings;
};

/* Parse a feeds file held in memory; name is used in warnings. Never fails. */
struct feedlist *feedlist_parse(const char *data, size_t len, const char *name);
/*
 * Read path.  A missing file gives an empty list and *missing = 1 (missing
 * may be NULL); other errors return NULL with *e, among them a path that is
 * not a regular file (a FIFO or a terminal would block the read forever).
 */
struct feedlist *feedlist_load(const char *path, int *missing, struct err *e);
/* The file's text (caller frees). */
char *feedlist_format(const struct feedlist *fl);
/*
 * Write atomically to path: a new file under a unique name (O_EXCL) beside
 * the target, with the target's mode (0600 for a new file), renamed over
 * it.  When path is a symbolic link, the target is the file it names.
 */
int feedlist_save(const struct feedlist *fl, const char *path, struct err *e);
/*
 * Wait for the exclusive lock on path's feeds file and return its
 * descriptor for feedlist_unlock, or -1 with *e.  The lock is a POSIX
 * record lock on "TARGET.lock" beside the file (the file itself is
 * replaced on save, so it cannot carry a lock); the lock file stays.
 */
int feedlist_lock(const char *path, struct err *e);
void feedlist_unlock(int fd);
void feedlist_free(struct feedlist *fl);

/* The FEEDLIST_FEED line for url (the first, when it is listed twice), or NULL. */
struct feedlist_line *feedlist_find(struct feedlist *fl, const char *url);
/*
 * Append a feed (tags and title copied; title may be NULL).  Returns 1 when
 * it was added, 0 when the URL is already listed (nothing changes), -1 with
 * *e when the file cannot represent it (see feedlist_url_ok,
 * feedlist_text_ok, feedlist_tag_ok): nothing changes either.
 */
int feedlist_add(struct feedlist *fl, const char *url, char *const *tags,
    size_t ntags, const char *title, struct err *e);
/* Remove url's line (and the lines that list it again); 1 removed, 0 not listed. */
int feedlist_remove(struct feedlist *fl, const char *url);
/* Is url a scheme the poller fetches (http, https, file), free of control,
 * C1 and bidi characters (url_chars_ok)? */
int feedlist_url_ok(const char *url);
/* Can s stand in a line (no control character: no line break, no tab)? */
int feedlist_text_ok(const char *s);
/* Can tag be written as a tag: text_ok, and not read back as "~Title" or "!"? */
int feedlist_tag_ok(const char *tag);

#endif
