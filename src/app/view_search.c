#include "app/view_search.h"

#include "util/text.h"

int
view_search_rows(int height)
{
	int rows = height / VIEW_SEARCH_LINES;

	return rows > 0 ? rows : 1;
}

size_t
view_search_snippet_start(const char *s, size_t len, const struct search_span *spans,
    size_t nspans, size_t cols)
{
	size_t match, end, mw, before, p, best;

	if (s == NULL || nspans == 0 || cols < 8)
		return 0;
	match = spans[0].start;
	end = spans[0].end;
	if (match > len || end > len || end < match)
		return 0;
	/* "…" and a space take 2 columns in front of a cut line */
	if (text_width(s, end) + 2 <= cols)
		return 0;
	/* about a third of the line before the match, less when the match
	 * itself would not fit after it */
	mw = text_width(s + match, end - match);
	before = cols / 3;
	if (mw + 2 >= cols)
		before = 0;
	else if (before > cols - 2 - mw)
		before = cols - 2 - mw;
	best = match;
	/* the earliest word start with at most `before` columns up to the match */
	for (p = match; p > 0; p--) {
		if (s[p - 1] != ' ')
			continue;
		if (text_width(s + p, match - p) > before)
			break;
		best = p;
	}
	return best;
}
