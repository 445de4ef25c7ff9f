/*
 * view_list: the cursor and scroll position of a list on screen.
 *
 * Plain arithmetic, no curses and no data: a list has count rows, height
 * of them fit on screen starting at top, and the cursor is on one row.
 * Every function keeps the invariants 0 <= cursor < count (cursor 0 when
 * count is 0), top <= cursor < top + height, and top as small as the
 * cursor allows near the end of the list, whatever the inputs (negative
 * deltas, a height of 0 or 1, a count that shrank under the cursor).
 */
#ifndef TIDINGS_VIEW_LIST_H
#define TIDINGS_VIEW_LIST_H

struct view_list {
	int count;
	int cursor;
	int top;
	int height;
};

void view_list_init(struct view_list *l);
/*
 * newsboat's scrolloff and wrap-scroll, for every list of the reader:
 * keep scrolloff rows above and below the cursor on screen (fewer where
 * the list ends, at most half the screen), and with wrap a move down on
 * the last row goes to the first and a move up on the first to the last.
 * Both 0 by default.
 */
void view_list_style(int scrolloff, int wrap);
/* Change the number of rows or the screen height, keeping the cursor visible. */
void view_list_set_count(struct view_list *l, int count);
void view_list_set_height(struct view_list *l, int height);
/* Put the cursor on row (clamped). */
void view_list_goto(struct view_list *l, int row);
/* Move the cursor by delta rows, or by pages screens (a page is height rows). */
void view_list_move(struct view_list *l, int delta);
void view_list_page(struct view_list *l, int pages);
void view_list_home(struct view_list *l);
void view_list_end(struct view_list *l);
/* Scroll the window by delta rows, dragging the cursor along when it leaves. */
void view_list_scroll(struct view_list *l, int delta);

#endif
