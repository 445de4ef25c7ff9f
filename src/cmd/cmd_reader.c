/*
 * cmd_reader: no command, the interactive reader on a terminal, else the
 * feed list.
 */
#include "config.h"

#include <unistd.h>

#include "cmd/cmd.h"
#include "ui/ui.h"

/* No command: the interactive reader on a terminal, else the feed list. */
static int
cmd_reader(struct ctx *c)
{
	if (c->argc > 0)
		return usage_error("unexpected argument '%s'", c->argv[0]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cmd_feeds_entry.run(c);
	if (ui_run(c->db, &c->cfg, c->files.feeds, c->files.config, &c->err) < 0)
		return -1;
	return 0;
}

const struct cmd_entry cmd_reader_entry = {
	.name = "",
	.args = "",
	.help = "the interactive reader (the feed list when not on a terminal)",
	.need = NEED_CONFIG | NEED_FEEDS | NEED_DEFAULTS | NEED_CACHE,
	.flags = CMD_FEEDS_WARNINGS | CMD_OWN_CONFIG_WARNINGS,
	.run = cmd_reader,
};
