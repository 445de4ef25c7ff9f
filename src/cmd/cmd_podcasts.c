/*
 * cmd_podcasts: tidings podcasts, the podcast queue as TSV: number,
 * state, progress (100% when complete, else the bytes on disk against
 * the length the feed gives, "-" when it gives none), bytes on disk,
 * file, URL.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "app/podcast.h"
#include "app/podcast_queue.h"
#include "store/enclosures.h"
#include "util/url.h"
#include "util/xalloc.h"

static const struct cmd_opt opts[] = {
	{ NULL, NULL, NULL },
};

/* Bytes of the file, else of its .part; -1 when neither is there. */
static long long
podcasts_bytes(const char *path)
{
	struct stat st;
	char *part;
	long long n = -1;

	if (stat(path, &st) == 0)
		return (long long)st.st_size;
	part = xasprintf("%s.part", path);
	if (stat(part, &st) == 0)
		n = (long long)st.st_size;
	free(part);
	return n;
}

static int
cmd_podcasts(struct ctx *c)
{
	struct podcast_opts po;
	struct podcast_queue q = { 0 };
	const char *val;
	char num[32], bytes[32], progress[32];
	size_t i;
	int k, o;

	k = 0;
	while ((o = cmd_opt_next(c, "podcasts", opts, &k, &val)) != CMD_OPT_END) {
		if (o == CMD_OPT_ARG)
			return usage_error("podcasts: unexpected argument '%s'", val);
		return EXIT_USAGE;
	}
	podcast_opts_init(&po, &c->cfg, c->files.cache);
	if (podcast_queue_load(&q, po.queue_file, &c->err) < 0) {
		podcast_opts_release(&po);
		return -1;
	}
	for (i = 0; i < q.n; i++) {
		const struct podcast_entry *en = &q.entries[i];
		long long have = podcasts_bytes(en->path);
		char *shown;
		int done = en->state == PODCAST_DOWNLOADED || en->state == PODCAST_PLAYED ||
		    en->state == PODCAST_FINISHED;

		long long total = done ? -1 : enclosures_length(c->db, en->url, &c->err);

		if (total == -2) {
			podcast_queue_release(&q);
			podcast_opts_release(&po);
			return -1;
		}
		snprintf(num, sizeof num, "%zu", i + 1);
		snprintf(bytes, sizeof bytes, "%lld", have < 0 ? 0 : have);
		/* the feed's length says how far a partial download is */
		if (done)
			snprintf(progress, sizeof progress, "100%%");
		else if (total > 0)
			snprintf(progress, sizeof progress, "%lld%%",
			    (have < 0 ? 0 : have > total ? total : have) * 100 / total);
		else
			snprintf(progress, sizeof progress, "-");
		put_field(num, 0);
		put_field(podcast_state_name(en->state), 0);
		put_field(progress, 0);
		put_field(bytes, 0);
		put_field(en->path, 0);
		shown = url_display(en->url);	/* no userinfo shown */
		put_field(shown, 1);
		free(shown);
	}
	podcast_queue_release(&q);
	podcast_opts_release(&po);
	return 0;
}

const struct cmd_entry cmd_podcasts_entry = {
	.name = "podcasts",
	.args = "",
	.help = "the podcast queue, one line an episode: number, state, progress, bytes, file, URL",
	.need = NEED_CACHE | NEED_CONFIG | NEED_READONLY,
	.flags = 0,
	.run = cmd_podcasts,
};
