#include "app/view_urls.h"

#include <stdlib.h>
#include <string.h>

#include "app/article_body.h"
#include "article/extract.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

void
view_urls_init(struct view_urls *v)
{
	memset(v, 0, sizeof *v);
	view_list_init(&v->list);
}

void
view_urls_release(struct view_urls *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->urls[i]);
	free(v->urls);
	v->urls = NULL;
	v->n = 0;
	view_list_set_count(&v->list, 0);
}

void
view_urls_set(struct view_urls *v, char *const *links, size_t n)
{
	size_t i;

	view_urls_release(v);
	v->urls = xcalloc(n ? n : 1, sizeof *v->urls);
	for (i = 0; i < n; i++)
		v->urls[i] = xstrdup(links[i]);
	v->n = n;
	view_list_set_count(&v->list, (int)n);
	view_list_home(&v->list);
}

const char *
view_urls_current(const struct view_urls *v)
{
	if (v->n == 0 || v->list.cursor < 0 || (size_t)v->list.cursor >= v->n)
		return NULL;
	return v->urls[v->list.cursor];
}

int
view_urls_parse_number(const char *text, size_t n, size_t *number, struct err *e)
{
	char *end;
	long k;

	while (text_isspace((unsigned char)*text))
		text++;
	if (!text_isdigit((unsigned char)*text))
		return err_set(e, "goto-url: \"%.40s\" is not a link number", text);
	k = strtol(text, &end, 10);
	while (text_isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return err_set(e, "goto-url: \"%.40s\" is not a link number", text);
	if (k < 1 || (size_t)k > n)
		return err_set(e, "no link %ld in this article (it has %zu)", k, n);
	*number = (size_t)k;
	return 0;
}

int
view_urls_article_text(const struct item_full *it, int width, char *const *links,
    size_t nlinks, struct buf *out)
{
	struct article_body body;
	struct article a;
	struct buf raw;
	int rc;

	article_body_choose(it, &body);
	memset(&a, 0, sizeof a);
	/* borrowed strings: a is not released */
	a.title = (char *)body.title;
	a.byline = (char *)body.byline;
	a.published = body.published;
	a.html = (char *)body.html;
	buf_init(&raw, 0);
	(void)extract_format(&a, width, &raw);
	if (width == 0 && nlinks > 0) {
		size_t i;

		/* extract_format numbers links only when it wraps */
		(void)buf_addstr(&raw, "\nLinks:\n");
		for (i = 0; i < nlinks; i++)
			(void)buf_printf(&raw, "[%zu] %s\n", i + 1, links[i]);
	}
	if (it->row.url != NULL) {
		/* as `tidings show`: no password of a feed URL in the text */
		char *u = url_display(it->row.url);

		(void)buf_printf(&raw, "\nLink: %s\n", u);
		free(u);
	}
	rc = text_sanitize(out, raw.data, raw.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	buf_release(&raw);
	return rc;
}

char *
view_urls_file_name(const char *title, int restrict_name)
{
	struct buf b;
	const char *p;

	buf_init(&b, 0);
	for (p = title != NULL ? title : ""; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '/' || (restrict_name && (c == ' ' || c == '\r' || c == '\n')))
			(void)buf_addc(&b, '_');
		else if (!restrict_name ? c >= 0x20 && c != 0x7f : text_isalnum(c))
			(void)buf_addc(&b, (char)c);
	}
	/* "." and ".." are not names to write to */
	if (b.len == 0 || strcmp(b.data, ".") == 0 || strcmp(b.data, "..") == 0) {
		buf_release(&b);
		return xstrdup("article.txt");
	}
	(void)buf_addstr(&b, ".txt");
	return buf_take(&b);
}

int
view_urls_items(struct db *db, int64_t feed_id, const char *tag, int unread_only,
    int limit, struct item_row **rows, size_t *n, struct err *e)
{
	struct items_query q;

	memset(&q, 0, sizeof q);
	q.feed_id = feed_id;
	q.tag = tag;
	q.unread_only = unread_only;
	q.limit = limit;
	return items_list(db, &q, rows, n, e);
}

int
view_urls_mark_read(struct db *db, int64_t id, struct err *e)
{
	return items_set_read(db, id, 1, e);
}
