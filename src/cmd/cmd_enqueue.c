/*
 * cmd_enqueue: tidings enqueue ITEM..., an item's episode into the
 * podcast queue (podboat's queue file, app/podcast_queue.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "app/podcast.h"

static const struct cmd_opt opts[] = {
	{ NULL, NULL, NULL },
};

static int
cmd_enqueue(struct ctx *c)
{
	struct podcast_opts po;
	const char *val, *why;
	int k, o, rc = 0, r, nargs = 0;
	long id;

	k = 0;
	while ((o = cmd_opt_next(c, "enqueue", opts, &k, &val)) != CMD_OPT_END) {
		if (o != CMD_OPT_ARG)
			return EXIT_USAGE;
		if (parse_count(val, &id) < 0)
			return usage_error("enqueue: expected an item id (the first column of items), "
			    "not '%s'", val);
		nargs++;
	}
	if (nargs == 0)
		return usage_error("enqueue: expected an item id (the first column of items)");
	podcast_opts_init(&po, &c->cfg, c->files.cache);
	k = 0;
	while (rc >= 0 && cmd_opt_next(c, "enqueue", opts, &k, &val) == CMD_OPT_ARG) {
		(void)parse_count(val, &id);
		r = podcast_enqueue(c->db, &po, id, &why, &c->err);
		if (r < 0) {
			rc = -1;
		} else if (r == 0) {
			fprintf(stderr, "%s: enqueue: item %ld: %s\n", progname, id, why);
			rc = EXIT_USAGE;
		}
	}
	podcast_opts_release(&po);
	return rc;
}

const struct cmd_entry cmd_enqueue_entry = {
	.name = "enqueue",
	.args = "ITEM...",
	.help = "put an item's episode into the podcast queue (podboat's queue file)",
	.need = NEED_CACHE | NEED_CONFIG | NEED_READONLY,
	.flags = 0,
	.run = cmd_enqueue,
};
