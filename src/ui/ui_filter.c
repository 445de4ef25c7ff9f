/*
 * ui_filter: the reader's filters (issue 14): set-filter (the ":" line
 * opened with "filter "), select-filter (the next define-filter in turn),
 * clear-filter, and the killfile in ignore-mode display, applied to every
 * item list the reader opens.  The model is app/filters' filters_view;
 * this file only turns actions into calls on it.
 */
#include "config.h"

#include <string.h>

#include "ui/ui_priv.h"

void
ui_filter_start(struct ui *u)
{
	filters_view_init(&u->filter, u->cfg);
}

void
ui_filter_stop(struct ui *u)
{
	filters_view_release(&u->filter);
}

/* Apply the filters to the item list on screen, keeping its cursor. */
void
ui_filter_items(struct ui *u)
{
	struct err e;

	if (u->items.title == NULL)
		return;
	if (filters_view_apply(&u->filter, u->db, &u->items.q, &e) < 0 ||
	    view_items_reload(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
}

static void
ui_filter_changed(struct ui *u)
{
	ui_filter_items(u);
	if (u->filter.active_text == NULL)
		ui_message(u, 0, "no filter");
	else if (u->items.title != NULL && (u->screen == UI_ITEMS || u->screen == UI_ARTICLE))
		ui_message(u, 0, "filter: %s (%d items)", u->filter.active_text, u->items.list.count);
	else
		ui_message(u, 0, "filter: %s", u->filter.active_text);
}

/* set-filter: the ":" line, opened with "filter " for the expression. */
void
ui_filter_prompt(struct ui *u)
{
	const char *p;

	u->prompt = UI_PROMPT_COMMAND;
	view_cmdline_reset(&u->cmd);
	for (p = "filter "; *p; p++)
		view_cmdline_insert(&u->cmd, (uint32_t)*p);
}

/* ":filter EXPRESSION|NAME" (the line's own text: quotes matter in it). */
void
ui_filter_command(struct ui *u, const char *text)
{
	struct err e;

	text += strspn(text, " \t");
	if (*text == '\0') {
		filters_view_clear(&u->filter);
		ui_filter_changed(u);
		return;
	}
	if (filters_view_set(&u->filter, text, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_filter_changed(u);
}

/* select-filter: the next define-filter after the active one. */
void
ui_filter_select(struct ui *u)
{
	const struct filters *fs = &u->filter.fs;
	size_t i, next = 0;
	struct err e;

	if (fs->nnamed == 0) {
		ui_message(u, 1, "no filters defined (define-filter NAME EXPRESSION in the config)");
		return;
	}
	for (i = 0; i < fs->nnamed && u->filter.active_text != NULL; i++)
		if (strcmp(fs->named[i].name, u->filter.active_text) == 0)
			next = i + 1;
	if (next == fs->nnamed) {
		filters_view_clear(&u->filter);
	} else if (filters_view_set(&u->filter, fs->named[next].name, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_filter_changed(u);
}

void
ui_filter_clear(struct ui *u)
{
	filters_view_clear(&u->filter);
	ui_filter_changed(u);
}
