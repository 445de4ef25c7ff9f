#include "app/notify.h"

#include <stdlib.h>
#include <string.h>

#include "app/spawn.h"
#include "store/views.h"
#include "util/text.h"

int
notify_count(struct db *db, struct notify_counts *c, struct err *e)
{
	struct views_feed *rows;
	size_t n, i;

	memset(c, 0, sizeof *c);
	if (views_feeds(db, &rows, &n, e) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (rows[i].unread > 0)
			c->unread_feeds++;
		c->unread_articles += rows[i].unread;
	}
	views_free_feeds(rows, n);
	return 0;
}

int
notify_due(const struct settings *cfg, const struct notify_counts *before,
    const struct notify_counts *after)
{
	return settings_bool(cfg, SETTINGS_V_NOTIFY_ALWAYS) ||
	    after->unread_feeds > before->unread_feeds ||
	    after->unread_articles > before->unread_articles;
}

char *
notify_message(const char *fmt, const struct notify_counts *before,
    const struct notify_counts *after)
{
	struct buf b;
	const char *p;
	int d = after->unread_articles - before->unread_articles;
	int df = after->unread_feeds - before->unread_feeds;
	char *clean;

	buf_init(&b, 0);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			(void)buf_addc(&b, *p);
			continue;
		}
		switch (*++p) {
		case 'f': (void)buf_printf(&b, "%d", after->unread_feeds); break;
		case 'n': (void)buf_printf(&b, "%d", after->unread_articles); break;
		case 'd': (void)buf_printf(&b, "%d", d > 0 ? d : 0); break;
		case 'D': (void)buf_printf(&b, "%d", df > 0 ? df : 0); break;
		case '%': (void)buf_addc(&b, '%'); break;
		default:
			(void)buf_addc(&b, '%');
			(void)buf_addc(&b, *p);
			break;
		}
	}
	clean = text_sanitize_dup(b.data, b.len, 0);
	buf_release(&b);
	return clean;
}

enum notify_osc
notify_osc_for(const char *term, const char *term_program)
{
	static const struct {
		const char *prefix;	/* of $TERM_PROGRAM (tp) or $TERM */
		int tp;
		enum notify_osc osc;
	} table[] = {
		{ "iTerm.app", 1, NOTIFY_OSC_9 },
		{ "WezTerm", 1, NOTIFY_OSC_9 },
		{ "ghostty", 1, NOTIFY_OSC_9 },
		{ "xterm-kitty", 0, NOTIFY_OSC_9 },
		{ "xterm-ghostty", 0, NOTIFY_OSC_9 },
		{ "foot", 0, NOTIFY_OSC_777 },
		{ "rxvt-unicode", 0, NOTIFY_OSC_777 },
	};
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		const char *v = table[i].tp ? term_program : term;

		if (v != NULL && strncmp(v, table[i].prefix, strlen(table[i].prefix)) == 0)
			return table[i].osc;
	}
	return NOTIFY_OSC_NONE;
}

void
notify_escapes(const struct settings *cfg, const char *msg, enum notify_osc osc,
    struct buf *out)
{
	/* msg comes from notify_message: no control character ends an
	 * escape early */
	if (settings_bool(cfg, SETTINGS_V_NOTIFY_SCREEN))
		(void)buf_printf(out, "\033^%s\033\\", msg);
	if (settings_bool(cfg, SETTINGS_V_NOTIFY_XTERM))
		(void)buf_printf(out, "\033]2;%s\033\\", msg);
	if (settings_bool(cfg, SETTINGS_V_NOTIFY_BEEP)) {
		(void)buf_addc(out, '\a');
		if (osc == NOTIFY_OSC_9)
			(void)buf_printf(out, "\033]9;%s\033\\", msg);
		else if (osc == NOTIFY_OSC_777)
			(void)buf_printf(out, "\033]777;notify;tidings;%s\033\\", msg);
	}
}

int
notify_program(const struct settings *cfg, const char *msg, struct err *e)
{
	const char *prog = settings_str(cfg, SETTINGS_V_NOTIFY_PROGRAM);
	struct spawn_opts o = { 0 };
	char *text, **argv;
	int rc;

	if (prog[0] == '\0')
		return 0;
	/* newsboat runs the program with the message as its one argument */
	text = spawn_shell_text(prog, "", 1);
	argv = spawn_argv(text, &msg, 1);
	o.background = 1;
	o.what = "notify-program";
	rc = spawn_run(argv, &o, e);
	spawn_argv_free(argv);
	free(text);
	return rc;
}
