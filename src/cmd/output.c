/*
 * cmd/output: how the commands print what came from feeds, pages and
 * files: sanitised tab-separated fields for scripts, columns cut to the
 * terminal's width for people.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/buf.h"
#include "util/text.h"

/* A field of a tab-separated record: sanitised, no tabs or newlines. */
void
put_field(const char *s, int last)
{
	char *clean, *p;

	clean = text_sanitize_dup(s ? s : "", strlen(s ? s : ""), TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE);
	for (p = clean; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	(void)text_fputs(stdout, clean, strlen(clean), 0);
	putchar(last ? '\n' : '\t');
	free(clean);
}

/* A column on a terminal: sanitised and cut or padded to cols. */
void
put_column(const char *s, size_t cols, int last)
{
	struct buf b;
	char *clean;

	clean = text_sanitize_dup(s ? s : "", strlen(s ? s : ""), 0);
	buf_init(&b, 0);
	if (last)
		(void)text_truncate(&b, clean, strlen(clean), cols, 0);
	else
		(void)text_pad(&b, clean, strlen(clean), cols);
	/* cut and padded by UTF-8 widths: a non-UTF-8 terminal keeps them */
	(void)text_fputs(stdout, b.data, b.len, TEXT_SAME_WIDTH);
	fputs(last ? "\n" : "  ", stdout);
	buf_release(&b);
	free(clean);
}

/* The terminal's width: stdout's window size when it is a terminal, else
 * $COLUMNS, else 80. */
size_t
term_columns(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 20)
		return ws.ws_col;
	if (env) {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 20 && n < 10000)
			return (size_t)n;
	}
	return 80;
}

int
output_width(const char *arg)
{
	struct winsize ws;
	long v;

	if (arg) {
		if (parse_count(arg, &v) < 0 || v > 10000)
			return -1;
		return (int)v;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}
