/*
 * cmd_extract: tidings extract FILE|URL, one page's readable article
 * (no cache involved).
 */
#include "config.h"

#include <string.h>
#include <stdio.h>

#include "cmd/cmd.h"
#include "article/extract.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

static const struct cmd_opt opts[] = {
	{ "--base", NULL, "a URL" },
	{ "--width", NULL, "a number" },
	{ NULL, NULL, NULL },
};
enum { OPT_BASE, OPT_WIDTH };

/* extract FILE|URL [--base URL] [--width N] */
static int
cmd_extract(struct ctx *c)
{
	const char *src = NULL, *base = NULL, *width_arg = NULL, *charset = NULL, *val;
	struct fetched page;
	struct article a;
	struct buf out;
	int k, o, width, rc;

	k = 0;
	while ((o = cmd_opt_next(c, "extract", opts, &k, &val)) != CMD_OPT_END) {
		if (o == OPT_BASE)
			base = val;
		else if (o == OPT_WIDTH)
			width_arg = val;
		else if (o == CMD_OPT_ARG && src == NULL && (val[0] != '-' || strcmp(val, "-") == 0))
			src = val;
		else if (o == CMD_OPT_ARG)
			return usage_error("extract: unexpected argument '%s'", val);
		else
			return EXIT_USAGE;
	}
	if (src == NULL)
		return usage_error("extract: missing FILE or URL");
	if ((width = output_width(width_arg)) < 0)
		return usage_error("extract: bad width '%s'", width_arg);
	memset(&page, 0, sizeof page);
	if (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0) {
		if (fetch_one(src, 0, &page, &c->err) < 0) {
			fetched_release(&page);
			err_print("%s: %s", progname, c->err.msg);
			return EXIT_USAGE;
		}
		if (base == NULL)
			base = page.effective_url ? page.effective_url : src;
		charset = page.charset;
	} else if (read_file(src, EXTRACT_MAX_INPUT, &page.body, &c->err) < 0) {
		err_print("%s: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	rc = extract_article(&a, page.body.data, page.body.len, base, charset, &c->err);
	if (rc < 0) {
		err_prefix(&c->err, "%s", src);
		extract_release(&a);
		fetched_release(&page);
		err_print("%s: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	buf_init(&out, 0);
	(void)extract_format(&a, width, &out);
	(void)text_fputs(stdout, out.data, out.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	buf_release(&out);
	extract_release(&a);
	fetched_release(&page);
	return 0;
}

const struct cmd_entry cmd_extract_entry = {
	.name = "extract",
	.args = "FILE|URL [--base URL] [--width N]",
	.help = "extract the readable article of one page (no cache involved)",
	.need = NEED_NET,
	.flags = 0,
	.run = cmd_extract,
};
