/*
 * extract_byline: which name the article gives as its byline, among the
 * metadata's authors and the bylines the page shows.
 */

#include <stdlib.h>
#include <string.h>

#include "article/extract_priv.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Does an author field hold a login ("andrew.keaveney", "kffnirmitap")
 * rather than a name?  Sites fill it from the account that posted. */
static int
user_name(const char *s)
{
	const char *p;
	int upper = 0;

	if (strchr(s, ' ') != NULL)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.' || *p == '_' || *p == '@' || text_isdigit((unsigned char)*p))
			return 1;
		if (text_isupper((unsigned char)*p) || (unsigned char)*p >= 0x80)
			upper = 1;
	}
	return !upper;
}

/*
 * Can the byline found on the page be a name?  Not when it is a date
 * ("Dec. 19, 2025"), or starts as no name does: with punctuation (", USA
 * TODAY": the name itself was a link the page lost; "[Submitted") or a
 * word that joins a sentence ("of this article").  Lower case alone is
 * no sign: people sign with logins ("hackermondev").
 */
static int
byline_plausible(const char *s)
{
	static const char *const joiners[] = {
		"of ", "the ", "a ", "an ", "and ", "in ", "on ", "for ", "to ",
		"with ", "from ", "at ", NULL
	};
	unsigned char c = (unsigned char)*s;
	size_t i;

	if (c < 0x80 && !text_isalnum(c) && c != '"' && c != '\'')
		return 0;
	for (i = 0; joiners[i] != NULL; i++)
		if (strncmp(s, joiners[i], strlen(joiners[i])) == 0)
			return 0;
	return !date_line(s) && !date_label(s);
}

/*
 * The byline: the one the page shows ("by A and B"; found, the one the
 * body's cleaning took out, may be NULL), unless it does not even name
 * the author the metadata gives.  NULL when there is none, else the
 * caller frees it.
 */
char *
meta_pick_byline(const struct meta *m, const char *found)
{
	const char *named = m->jsonld_author ? m->jsonld_author : m->meta_author;
	int weak;

	/* ", USA TODAY": a name field whose name is missing */
	if (named != NULL && !byline_plausible(named))
		named = m->jsonld_author && m->meta_author &&
		    byline_plausible(m->meta_author) ? m->meta_author : NULL;
	weak = named != NULL && user_name(named);

	if (found != NULL && byline_plausible(found) &&
	    (named == NULL || weak || meta_similarity(found, named) > 0))
		return clean_string(found, strlen(found));
	if (named != NULL && !weak)
		return xstrdup(named);
	if (m->text_byline != NULL)
		return xstrdup(m->text_byline);
	return named != NULL ? xstrdup(named) : NULL;
}
