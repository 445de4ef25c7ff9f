/* app/article_body: which of an item's texts is its body (see the header). */
#include "app/article_body.h"

static int
nonempty(const char *s)
{
	return s != NULL && *s != '\0';
}

static int
article_ok(const struct item_full *it)
{
	return it->article_state == ARTICLE_OK && nonempty(it->article_html);
}

void
article_body_choose(const struct item_full *it, struct article_body *out)
{
	int article = article_ok(it);

	if (article) {
		out->source = ARTICLE_BODY_ARTICLE;
		out->html = it->article_html;
	} else if (nonempty(it->content_html)) {
		out->source = ARTICLE_BODY_CONTENT;
		out->html = it->content_html;
	} else if (nonempty(it->summary_html)) {
		out->source = ARTICLE_BODY_SUMMARY;
		out->html = it->summary_html;
	} else {
		out->source = ARTICLE_BODY_NONE;
		out->html = "";
	}
	out->title = article && nonempty(it->article_title) ? it->article_title
	    : it->row.title ? it->row.title : "";
	out->byline = article && nonempty(it->article_byline) ? it->article_byline
	    : nonempty(it->row.author) ? it->row.author
	    : nonempty(it->article_byline) ? it->article_byline : "";
	out->published = it->row.published > 0 ? it->row.published
	    : it->article_published > 0 ? it->article_published : (time_t)-1;
}

const char *
article_body_why(const struct item_full *it)
{
	if (article_ok(it))
		return NULL;
	switch (it->article_state) {
	case ARTICLE_NONE:
		return "not downloaded yet";
	case ARTICLE_FAILED:
		return "the download failed";
	case ARTICLE_SHORT:
		return "the page held no article";
	case ARTICLE_OK:
		break;
	}
	return "no text";
}
