/*
 * format: newsboat's format strings (feedlist-format, articlelist-format,
 * the *-title-format options), pure text in, text out.
 *
 * A format is text with sequences:
 *   %x        the value of x (one ASCII letter or sign)
 *   %Nx %-Nx  the value cut or padded to N columns: padding on the left
 *             (right-aligned) for N, on the right for -N
 *   %=Nx      the value centred in N columns (%=x: the whole width)
 *   %>c       fill with the character c so that what follows is flush
 *             with the right edge of width (one c when width is 0)
 *   %?x?A&B?  A when the value of x holds anything but white space, else
 *             B (&B may be left out); A and B may hold sequences but not
 *             another %?
 *   %%        a per cent sign
 * as newsboat's fmtstrformatter reads them: a sequence that does not
 * parse ends the format there, an unknown letter is empty, and with a
 * width the whole result is cut to that many columns.
 *
 * Columns are display columns (util/text): a wide character counts two
 * and is never split.  Every value and the format's own text are
 * sanitised (control characters and escape sequences removed) before
 * their width is counted, so hostile titles cannot move the columns.
 */
#ifndef TIDINGS_FORMAT_H
#define TIDINGS_FORMAT_H

#include <stddef.h>
#include <time.h>

struct buf;

/* The values a format may name, by their ASCII letter (NULL: empty). */
struct format_vars {
	const char *v[128];
	/* Where the value of mark (when not 0) landed in the output, as the
	 * byte range [mark_start, mark_end) (0, 0 when it did not show):
	 * the reader colours that part (a failed feed's "! "). */
	char mark;
	size_t mark_start, mark_end;
};

void format_vars_init(struct format_vars *vars);
/* Set letter c's value (borrowed: it must outlive format_expand). */
void format_set(struct format_vars *vars, char c, const char *value);

/*
 * Append fmt expanded with vars to out, at most width columns when width
 * > 0 (the width %> and %= fill to).  Returns 0, or -1 when out's cap was
 * reached.
 */
int format_expand(struct buf *out, const char *fmt, struct format_vars *vars,
    size_t width);

/*
 * A date as datetime-format says (strftime(3), plus newsboat's %L: "3
 * days ago" counted from now), in local time, into out (size bytes, at
 * most FORMAT_DATE_MAX used).  A date of 0 or less (unknown) gives blanks
 * as wide as the format's text for a known date, so columns stay aligned.
 */
#define FORMAT_DATE_MAX 256
void format_date(char *out, size_t size, const char *datetime_format, time_t t,
    time_t now);

#endif
