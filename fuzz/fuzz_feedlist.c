/*
 * fuzz_feedlist: libFuzzer harness for the feeds file (newsboat urls).
 *
 * Properties: parsing never fails; formatting what was parsed and parsing
 * that again gives the same text (a save never changes a file's meaning);
 * add and remove of a feed keep every other line; a title or tag taken
 * from the input is either refused (and nothing changes) or written so
 * that it reads back exactly, as one line, never as a title, the hidden
 * flag or a second feed (issue 11: OPML titles holding line breaks).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed/feedlist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *const tags[] = { "news", "two words", "A \"quoted\" \\ tag" };
	struct feedlist *fl, *again;
	char *text, *text2, *text3;
	size_t i, n = 0;

	fl = feedlist_parse((const char *)data, size, "feeds");
	for (i = 0; i < fl->nlines; i++) {
		const struct feedlist_line *l = &fl->lines[i];

		if (l->kind == FEEDLIST_FEED && l->url == NULL)
			abort();
		n += l->ntags;
	}
	for (i = 0; i < fl->nwarnings; i++)
		n += strlen(fl->warnings[i]);

	text = feedlist_format(fl);
	again = feedlist_parse(text, strlen(text), "feeds");
	text2 = feedlist_format(again);
	if (strcmp(text, text2) != 0)
		abort();

	/* an added then removed feed leaves the file as it was */
	if (feedlist_find(again, "https://fuzz.example/added") == NULL) {
		if (feedlist_add(again, "https://fuzz.example/added", tags, 3, "T", NULL) != 1)
			abort();
		if (feedlist_remove(again, "https://fuzz.example/added") != 1)
			abort();
		text3 = feedlist_format(again);
		if (strcmp(text2, text3) != 0)
			abort();
		free(text3);
	}
	/* the input's first 256 bytes as a title and as a tag */
	{
		char *word = strndup((const char *)data, size < 256 ? size : 256);
		struct feedlist *one = feedlist_parse("", 0, "feeds"), *back;
		char *tag[1] = { word };
		int rc = feedlist_add(one, "https://fuzz.example/t", tag,
		    feedlist_tag_ok(word) ? 1 : 0, word, NULL);
		char *out = feedlist_format(one);

		if (rc == 1) {
			const struct feedlist_line *l;

			back = feedlist_parse(out, strlen(out), "feeds");
			l = feedlist_find(back, "https://fuzz.example/t");
			if (back->nlines != 1 || l == NULL || l->hidden ||
			    (*word && (l->title == NULL || strcmp(l->title, word) != 0)) ||
			    (feedlist_tag_ok(word) && (l->ntags != 1 || strcmp(l->tags[0], word) != 0)))
				abort();
			feedlist_free(back);
		} else if (rc != -1 || *out != '\0') {
			abort();
		}
		free(out);
		feedlist_free(one);
		free(word);
	}
	free(text2);
	free(text);
	feedlist_free(again);
	feedlist_free(fl);
	return n == (size_t)-1;
}
