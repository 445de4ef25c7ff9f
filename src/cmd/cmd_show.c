/*
 * cmd_show: tidings show ITEM, a cached item as text.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "app/article_body.h"
#include "app/podcast.h"
#include "article/extract.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"
#include "util/url.h"

static const struct cmd_opt opts[] = {
	{ "--width", NULL, "a number" },
	{ NULL, NULL, NULL },
};
enum { OPT_WIDTH };

/* After the body: one "Enclosure:" line each (podcasts: type, size, duration). */
static int
show_enclosures(struct ctx *c, long id)
{
	char **lines;
	size_t n, i;

	if (podcast_item_lines(c->db, id, &lines, &n, &c->err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		fputs(i == 0 ? "\nEnclosure: " : "Enclosure: ", stdout);
		(void)text_fputs(stdout, lines[i], strlen(lines[i]), 0);
		putchar('\n');
	}
	podcast_free_lines(lines, n);
	return 0;
}

/* show ITEM [--width N]: the cached article, else the feed's own text */
static int
cmd_show(struct ctx *c)
{
	const char *width_arg = NULL, *id_arg = NULL, *val;
	struct item_full it;
	struct article a;
	struct buf out;
	struct article_body body;
	const char *why;
	int k, o, width, found;
	long id;

	k = 0;
	while ((o = cmd_opt_next(c, "show", opts, &k, &val)) != CMD_OPT_END) {
		if (o == OPT_WIDTH)
			width_arg = val;
		else if (o == CMD_OPT_ARG && id_arg == NULL)
			id_arg = val;
		else if (o == CMD_OPT_ARG)
			return usage_error("show: unexpected argument '%s'", val);
		else
			return EXIT_USAGE;
	}
	if (id_arg == NULL || parse_count(id_arg, &id) < 0)
		return usage_error("show: expected an item id (the first column of items), not '%s'",
		    id_arg ? id_arg : "");
	if ((width = output_width(width_arg)) < 0)
		return usage_error("show: bad width '%s'", width_arg);
	found = items_get(c->db, id, &it, &c->err);
	if (found < 0)
		return -1;
	if (found == 0) {
		err_print("%s: no item %ld in %s", progname, id, c->files.cache);
		return EXIT_USAGE;
	}
	article_body_choose(&it, &body);
	if ((why = article_body_why(&it)) != NULL)
		/* on stderr: stdout keeps its title/byline/date/body shape for scripts */
		fprintf(stderr, "%s: item %ld: article not cached (%s); showing the feed's %s\n",
		    progname, id, why, body.source == ARTICLE_BODY_CONTENT ? "content"
		    : "summary");
	memset(&a, 0, sizeof a);
	/* borrowed strings: a is not released */
	a.title = (char *)body.title;
	a.byline = (char *)body.byline;
	a.published = body.published;
	a.html = (char *)body.html;
	buf_init(&out, 0);
	(void)extract_format(&a, width, &out);
	(void)text_fputs(stdout, out.data, out.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	if (width > 0 && it.row.url) {
		/* a link cached before relative links lost the feed's userinfo */
		char *u = url_display(it.row.url);

		fputs("\nLink: ", stdout);
		(void)text_fputs(stdout, u, strlen(u), 0);
		putchar('\n');
		free(u);
	}
	if (show_enclosures(c, id) < 0) {
		buf_release(&out);
		item_full_release(&it);
		return -1;
	}
	buf_release(&out);
	item_full_release(&it);
	return 0;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.args = "ITEM [--width N]",
	.help = "print a cached item as text: title, byline, date, body",
	.need = NEED_CACHE | NEED_READONLY,
	.flags = 0,
	.run = cmd_show,
};
