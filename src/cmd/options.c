/*
 * cmd/options: the commands' arguments: usage errors and numbers.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
	buf_vprintf(&b, fmt, ap);
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

int
cmd_opt_match(int argc, char **argv, int *k, const struct cmd_opt *opts, const char **val)
{
	const char *a = argv[*k];
	size_t len;
	int i;

	*val = NULL;
	for (i = 0; opts[i].name != NULL; i++) {
		if (opts[i].alias != NULL && strcmp(a, opts[i].alias) == 0)
			return opts[i].value ? CMD_OPT_MISSING : i;
		len = strlen(opts[i].name);
		if (strncmp(a, opts[i].name, len) != 0)
			continue;
		if (a[len] == '=') {
			if (opts[i].value == NULL)
				return CMD_OPT_EXTRA;
			*val = a + len + 1;
			return i;
		}
		if (a[len] != '\0')
			continue;	/* --feeds is not --feed */
		if (opts[i].value == NULL)
			return i;
		if (*k + 1 >= argc)
			return CMD_OPT_MISSING;
		*val = argv[++*k];
		return i;
	}
	*val = a;
	return CMD_OPT_ARG;
}

int
cmd_opt_next(struct ctx *c, const char *cmd, const struct cmd_opt *opts, int *k,
    const char **val)
{
	const char *a;
	size_t len;
	int i, rc;

	if (*k >= c->argc)
		return CMD_OPT_END;
	a = c->argv[*k];
	rc = cmd_opt_match(c->argc, c->argv, k, opts, val);
	++*k;
	if (rc != CMD_OPT_MISSING && rc != CMD_OPT_EXTRA)
		return rc;
	/* which option it was, for the message */
	for (i = 0; opts[i].name != NULL; i++) {
		len = strlen(opts[i].name);
		if ((opts[i].alias && strcmp(a, opts[i].alias) == 0) ||
		    (strncmp(a, opts[i].name, len) == 0 && (a[len] == '\0' || a[len] == '=')))
			break;
	}
	if (rc == CMD_OPT_MISSING)
		usage_error("%s: %s needs %s", cmd, opts[i].name, opts[i].value);
	else
		usage_error("%s: %s takes no value, not '%s'", cmd, opts[i].name, a);
	return CMD_OPT_ERROR;
}
