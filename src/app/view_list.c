#include "app/view_list.h"

/* One reader, one style for all its lists (view_list_style). */
static int view_list_scrolloff;
static int view_list_wrap;

void
view_list_style(int scrolloff, int wrap)
{
	view_list_scrolloff = scrolloff > 0 ? scrolloff : 0;
	view_list_wrap = wrap;
}

void
view_list_init(struct view_list *l)
{
	l->count = 0;
	l->cursor = 0;
	l->top = 0;
	l->height = 1;
}

static void
view_list_fix(struct view_list *l)
{
	int so;

	if (l->height < 1)
		l->height = 1;
	if (l->count < 0)
		l->count = 0;
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	so = view_list_scrolloff < (l->height - 1) / 2 ? view_list_scrolloff : (l->height - 1) / 2;
	if (l->top > l->cursor - so)
		l->top = l->cursor - so;
	if (l->cursor + so >= l->top + l->height)
		l->top = l->cursor + so - l->height + 1;
	/* no empty space below the last row when there are rows above */
	if (l->top > l->count - l->height)
		l->top = l->count - l->height;
	if (l->top < 0)
		l->top = 0;
}

void
view_list_set_count(struct view_list *l, int count)
{
	l->count = count;
	view_list_fix(l);
}

void
view_list_set_height(struct view_list *l, int height)
{
	l->height = height;
	view_list_fix(l);
}

void
view_list_goto(struct view_list *l, int row)
{
	l->cursor = row;
	view_list_fix(l);
}

void
view_list_move(struct view_list *l, int delta)
{
	long c = (long)l->cursor + delta;

	/* wrap-scroll: one row past either end comes round */
	if (view_list_wrap && l->count > 0 && delta == 1 && l->cursor == l->count - 1)
		c = 0;
	else if (view_list_wrap && l->count > 0 && delta == -1 && l->cursor == 0)
		c = l->count - 1;
	if (c < 0)
		c = 0;
	if (c > l->count)
		c = l->count;
	view_list_goto(l, (int)c);
}

void
view_list_page(struct view_list *l, int pages)
{
	long delta = (long)pages * l->height;
	long top = (long)l->top + delta;

	if (top < 0)
		top = 0;
	if (top > l->count)
		top = l->count;
	l->top = (int)top;
	view_list_move(l, (int)(delta > l->count ? l->count : delta < -l->count ? -l->count : delta));
}

void
view_list_home(struct view_list *l)
{
	view_list_goto(l, 0);
}

void
view_list_end(struct view_list *l)
{
	view_list_goto(l, l->count - 1);
}

void
view_list_scroll(struct view_list *l, int delta)
{
	long top = (long)l->top + delta;

	if (top > l->count - l->height)
		top = l->count - l->height;
	if (top < 0)
		top = 0;
	l->top = (int)top;
	if (l->cursor < l->top)
		l->cursor = l->top;
	if (l->cursor >= l->top + l->height)
		l->cursor = l->top + l->height - 1;
	view_list_fix(l);
}
