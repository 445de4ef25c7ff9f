/*
 * cmd/options: the commands' arguments: usage errors and numbers.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "util/buf.h"
#include "util/err.h"

const char *progname = "tidings";

int
usage_error(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	/* the arguments quoted back may hold anything: one sanitised line */
	buf_init(&b, 0);
	va_start(ap, fmt);
	(void)buf_vprintf(&b, fmt, ap);
	va_end(ap);
	err_print("%s: %s", progname, b.data);
	buf_release(&b);
	err_print("Try '%s --help'.", progname);
	return EXIT_USAGE;
}

int
parse_count(const char *s, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || n < 0 || n > 1000000000L)
		return -1;
	*out = n;
	return 0;
}
