/*
 * err: a message for an expected failure, filled by the callee.
 *
 * Functions that can fail for reasons outside the program (network, bad
 * input, a busy database) return -1 and describe the failure in a caller's
 * struct err, as one line a person can act on ("feeds:12: unknown tag
 * syntax", "https://x/feed: HTTP 404").  A NULL struct err is allowed and
 * discards the message.  The message lives inside the struct: no frees.
 */
#ifndef TIDINGS_ERR_H
#define TIDINGS_ERR_H

#include <stdarg.h>

#define ERR_MSG_MAX 512

struct err {
	char msg[ERR_MSG_MAX];
};

/* Set the message (truncated with "..." when too long); returns -1. */
int err_set(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Put "prefix: " before the current message; returns -1. */
int err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_clear(struct err *e);

/*
 * Print one message line to stderr: the formatted text through
 * text_fputs (control characters, escape sequences and bidi controls
 * removed, newlines included; converted for a terminal that is not UTF-8),
 * then a newline.  Every message tidings writes to stderr goes through
 * here, whatever the text came from (network, feed, page, OPML, config,
 * the feeds file, the command line).
 */
void err_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
