/*
 * cmd_download: tidings download [--jobs N], the podcast queue's episodes
 * fetched (for cron, as podboat -a).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "app/podcast.h"
#include "app/podcast_download.h"
#include "util/text.h"

static const struct cmd_opt opts[] = {
	{ "--jobs", "-j", "a number" },
	{ "--quiet", "-q", NULL },
	{ NULL, NULL, NULL },
};
enum { OPT_JOBS, OPT_QUIET };

struct download_cli {
	int tty, quiet;
};

static void
download_cli_progress(const struct podcast_entry *en, long long have, long long total,
    void *arg)
{
	const struct download_cli *c = arg;
	const char *name = strrchr(en->path, '/');

	if (!c->tty || c->quiet)
		return;
	name = name != NULL ? name + 1 : en->path;
	fputs("\r\033[K", stderr);
	(void)text_fputs(stderr, name, strlen(name), 0);
	if (total > 0)
		fprintf(stderr, " %lld%% (%lld of %lld bytes)", have * 100 / total, have, total);
	else
		fprintf(stderr, " %lld bytes", have);
	fflush(stderr);
}

static void
download_cli_done(const struct podcast_entry *en, const char *msg, void *arg)
{
	const struct download_cli *c = arg;

	if (c->tty && !c->quiet)
		fputs("\r\033[K", stderr);
	if (msg != NULL) {
		err_print("%s: download: %s", progname, msg);
	} else if (!c->quiet) {
		fprintf(stderr, "%s: downloaded ", progname);
		(void)text_fputs(stderr, en->path, strlen(en->path), 0);
		fputc('\n', stderr);
	}
}

static int
cmd_download(struct ctx *c)
{
	struct download_cli cli = { 0, 0 };
	struct podcast_download_cb cb = { download_cli_progress, download_cli_done, &cli };
	struct podcast_opts po;
	const char *val;
	long jobs = 0;
	int k, o, ok, failed, rc;

	k = 0;
	while ((o = cmd_opt_next(c, "download", opts, &k, &val)) != CMD_OPT_END) {
		if (o == OPT_JOBS) {
			if (parse_count(val, &jobs) < 0 || jobs < 1 || jobs > 100)
				return usage_error("download: --jobs needs a number 1-100, not '%s'", val);
		} else if (o == OPT_QUIET) {
			cli.quiet = 1;
		} else if (o == CMD_OPT_ARG) {
			return usage_error("download: unexpected argument '%s'", val);
		} else {
			return EXIT_USAGE;
		}
	}
	cli.tty = isatty(STDERR_FILENO);
	/* a file-size limit (ulimit -f) makes writes fail with EFBIG, as a
	 * full disk does, instead of killing the program mid-file */
	signal(SIGXFSZ, SIG_IGN);
	podcast_opts_init(&po, &c->cfg, c->files.cache);
	rc = podcast_download(&po, &c->cfg, (int)jobs, &cb, &ok, &failed, &c->err);
	podcast_opts_release(&po);
	if (rc < 0)
		return -1;
	if (!cli.quiet)
		fprintf(stderr, "%s: %d downloaded, %d failed\n", progname, ok, failed);
	return failed > 0 ? EXIT_SOME_FAILED : 0;
}

const struct cmd_entry cmd_download_entry = {
	.name = "download",
	.args = "[--jobs N] [--quiet]",
	.help = "download the podcast queue's episodes (max-downloads at once; resumes partial files)",
	.need = NEED_NET | NEED_CACHE | NEED_CONFIG | NEED_READONLY,
	.flags = 0,
	.run = cmd_download,
};
