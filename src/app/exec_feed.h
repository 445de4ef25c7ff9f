/*
 * exec_feed: the feeds file's exec: and filter: feeds (newsboat's
 * "exec:COMMAND" and "filter:COMMAND:URL"), whose document is what a
 * command of the user's prints (issue 13 item 7).
 *
 * The command is the user's own text from their own feeds file, run as
 * newsboat runs it: `/bin/sh -c COMMAND`, in its own process group, its
 * standard input the filter's document (or nothing), its standard error
 * sent to /dev/null (the reader owns the terminal).  Nothing from a feed
 * or a page is ever put into the command: a filter's document travels on
 * the pipe only.  Bounded: the output at max bytes, the run at
 * timeout_ms, after which the whole process group is killed.
 */
#ifndef TIDINGS_EXEC_FEED_H
#define TIDINGS_EXEC_FEED_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/*
 * Run command with input[0..inlen) on its standard input (input may be
 * NULL) and its standard output appended to out (initialised by the
 * caller; out's own cap applies too).  0 when it printed something
 * (whatever its exit status: newsboat reads the output either way), else
 * -1 with *e: "exited with status N and printed nothing", "printed more
 * than N bytes", "did not finish in N s", "cannot run /bin/sh: ...".
 */
int exec_feed_run(const char *command, const char *input, size_t inlen, size_t max,
    long timeout_ms, struct buf *out, struct err *e);
/*
 * For the poll: body (a filter's response; empty for exec:) goes through
 * command and is replaced by what it printed; 0, or -1 with *e
 * ("exec:COMMAND: did not finish in 60 s", the feed's url first).
 */
int exec_feed_filter(const char *url, const char *command, struct buf *body, size_t max,
    long timeout_ms, struct err *e);

#endif
