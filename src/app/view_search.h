/*
 * view_search: how the search screen lays out its hits.  Each hit takes
 * two lines: the title line, and a line of context from the article with
 * the matched words, so that the match is readable at 80 columns too.
 * The context line starts far enough into the snippet that its first
 * match is on screen, with some words before it.  No curses here.
 */
#ifndef TIDINGS_VIEW_SEARCH_H
#define TIDINGS_VIEW_SEARCH_H

#include <stddef.h>

#include "store/search.h"

/* Screen lines a hit takes, and the indent of its context line. */
#define VIEW_SEARCH_LINES 2
#define VIEW_SEARCH_INDENT 7

/* Hits that fit in height lines (at least 1). */
int view_search_rows(int height);

/*
 * Where the context line starts in snippet s (len bytes, sanitised, one
 * line) to show its first match (spans, in order) within cols columns:
 * 0 when the match fits from the start, else the byte offset of a word
 * start leaving about a third of the line before the match (the caller
 * shows "…" in front).
 */
size_t view_search_snippet_start(const char *s, size_t len, const struct search_span *spans,
    size_t nspans, size_t cols);

#endif
