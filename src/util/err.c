#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

static void
err_mark_truncated(struct err *e, int n)
{
	if (n >= (int)sizeof e->msg)
		memcpy(e->msg + sizeof e->msg - 4, "...", 4);
}

int
err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	err_mark_truncated(e, n);
	return -1;
}

int
err_prefix(struct err *e, const char *fmt, ...)
{
	char old[ERR_MSG_MAX], pre[ERR_MSG_MAX];
	va_list ap;
	int n;

	if (e == NULL)
		return -1;
	memcpy(old, e->msg, sizeof old);
	va_start(ap, fmt);
	vsnprintf(pre, sizeof pre, fmt, ap);
	va_end(ap);
	n = snprintf(e->msg, sizeof e->msg, "%s: %s", pre, old);
	err_mark_truncated(e, n);
	return -1;
}

void
err_clear(struct err *e)
{
	if (e != NULL)
		e->msg[0] = '\0';
}

static void err_vprint(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void
err_vprint(const char *fmt, va_list ap)
{
	struct buf b;

	/* the strings are in memory already: no cap needed */
	buf_init(&b, 0);
	buf_vprintf(&b, fmt, ap);
	/* one write a line (stderr is unbuffered) */
	(void)text_fputs(stderr, b.data, b.len, TEXT_END_LINE);
	buf_release(&b);
}

void
err_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vprint(fmt, ap);
	va_end(ap);
}
