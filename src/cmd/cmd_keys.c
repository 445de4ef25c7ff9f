/*
 * cmd_keys: tidings keys, the key bindings in effect as a Markdown table.
 */
#include "config.h"

#include <stdio.h>

#include "cmd/cmd.h"
#include "app/settings.h"
#include "app/view_help.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

/* keys: the key bindings in effect, as a Markdown table (the README's) */
static int
cmd_keys(struct ctx *c)
{
	struct buf out;
	int rc;

	if (c->argc > 0)
		return usage_error("keys: unexpected argument '%s'", c->argv[0]);
	buf_init(&out, 0);
	rc = view_help_markdown(c->cfg.keymap, &out);
	if (rc == 0)	/* key names come from the config file */
		(void)text_fputs(stdout, out.data, out.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	buf_release(&out);
	return rc < 0 ? err_set(&c->err, "key table too large") : 0;
}

const struct cmd_entry cmd_keys_entry = {
	.name = "keys",
	.args = "",
	.help = "print the key bindings in effect as a Markdown table",
	.need = NEED_CONFIG,
	.flags = 0,
	.run = cmd_keys,
};
