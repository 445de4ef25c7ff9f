#include "ui/ui_priv.h"

#include <string.h>
#include <time.h>

/*
 * ui_sort: the sort and rev-sort actions, newsboat's one-key prompt
 * ("Sort by (d)ate/(t)itle/...?") in the feed list and the article list;
 * the order chosen holds for the session.
 */

/* The letters and the orders they pick, as newsboat's prompts have them. */
static const struct {
	char key;
	const char *order;
} ui_sort_feeds[] = {
	{ 'f', "firsttag" }, { 't', "title" }, { 'a', "articlecount" },
	{ 'u', "unreadarticlecount" }, { 'l', "lastupdated" }, { 's', "latestunread" },
	{ 'n', "none" },
}, ui_sort_items[] = {
	{ 'd', "date" }, { 't', "title" }, { 'f', "flags" }, { 'a', "author" },
	{ 'l', "link" }, { 'g', "guid" }, { 'r', "random" },
};

void
ui_sort_start(struct ui *u, int reverse)
{
	if (u->screen != UI_FEEDS && u->screen != UI_ITEMS) {
		ui_message(u, 0, "sort: only the feed list and the article list sort");
		return;
	}
	u->prompt = reverse ? UI_PROMPT_REV_SORT : UI_PROMPT_SORT;
	u->dirty = 1;
}

const char *
ui_sort_prompt(const struct ui *u)
{
	int rev = u->prompt == UI_PROMPT_REV_SORT;

	if (u->screen == UI_FEEDS)
		return rev ? "Reverse Sort by (f)irsttag/(t)itle/(a)rticlecount/"
		    "(u)nreadarticlecount/(l)astupdated/late(s)tunread/(n)one?"
		    : "Sort by (f)irsttag/(t)itle/(a)rticlecount/"
		    "(u)nreadarticlecount/(l)astupdated/late(s)tunread/(n)one?";
	return rev ? "Reverse Sort by (d)ate/(t)itle/(f)lags/(a)uthor/(l)ink/(g)uid/(r)andom?"
	    : "Sort by (d)ate/(t)itle/(f)lags/(a)uthor/(l)ink/(g)uid/(r)andom?";
}

/*
 * The answer: newsboat's sort sets FIELD-desc in the feed list and
 * FIELD-asc in the article list, rev-sort the other; date is the one
 * whose asc is the newest first.  Any other key cancels.
 */
void
ui_sort_key(struct ui *u, uint32_t key)
{
	int rev = u->prompt == UI_PROMPT_REV_SORT;
	char order[64];
	struct err e;
	size_t i;

	u->prompt = UI_PROMPT_NONE;
	u->dirty = 1;
	if (u->screen == UI_FEEDS) {
		for (i = 0; i < sizeof ui_sort_feeds / sizeof ui_sort_feeds[0]; i++) {
			if (key != (uint32_t)ui_sort_feeds[i].key)
				continue;
			snprintf(order, sizeof order, "%s-%s", ui_sort_feeds[i].order,
			    rev ? "asc" : "desc");
			(void)view_feeds_set_sort(&u->feeds, order);
			if (view_feeds_load(&u->feeds, u->db, &e) < 0)
				ui_fail(u, &e);
			else
				ui_message(u, 0, "feeds sorted by %s", order);
			return;
		}
	} else if (u->screen == UI_ITEMS) {
		for (i = 0; i < sizeof ui_sort_items / sizeof ui_sort_items[0]; i++) {
			if (key != (uint32_t)ui_sort_items[i].key)
				continue;
			snprintf(order, sizeof order, "%s%s", ui_sort_items[i].order,
			    ui_sort_items[i].key == 'r' ? "" : rev ? "-desc" : "-asc");
			(void)view_items_set_sort(&u->items, order, (unsigned)time(NULL));
			if (view_items_reload(&u->items, u->db, &e) < 0)
				ui_fail(u, &e);
			else
				ui_message(u, 0, "articles sorted by %s", order);
			return;
		}
	}
}
