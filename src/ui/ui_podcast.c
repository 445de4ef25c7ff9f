/*
 * ui_podcast: the reader's podcast actions (issue 17): enqueue puts the
 * item's episode into the podcast queue (app/podcast), the same queue
 * `tidings download` and podboat read.
 */
#include "ui/ui_priv.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/podcast.h"
#include "app/spawn.h"
#include "app/view_podcast.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

/* The keyboard, the signal pipe and the downloads' sockets. */
#define UI_PODCAST_FDS 64

void
ui_podcast_enqueue(struct ui *u)
{
	struct err e;
	const char *why;
	int from_items, rc;
	int64_t id = ui_current_item(u, &from_items);

	if (id == 0) {
		ui_message(u, 1, "no item here to queue");
		return;
	}
	rc = podcast_enqueue_cfg(u->db, u->cfg, id, &why, &e);
	if (rc < 0)
		ui_fail(u, &e);
	else if (rc == 0)
		ui_message(u, 1, "not queued: %s", why);
	else
		ui_message(u, 0, "episode queued for download (tidings download)");
}

/* ---- the podcast view (podboat's screen), a loop of its own ---- */

/* The podboat view's keys: podboat's defaults and the user's `bind-key
 * ... podboat` and `unbind-key` lines (app/keymap), the list movements,
 * help and quit; in the help over it, the help view's. */
static enum keymap_action
ui_podcast_action(const struct ui *u, int help, uint32_t key)
{
	enum keymap_action a = keymap_lookup(u->cfg->keymap,
	    help ? KEYMAP_VIEW_HELP : KEYMAP_VIEW_PODBOAT, key);

	switch (a) {
	case KEYMAP_UP: case KEYMAP_DOWN: case KEYMAP_PAGEUP: case KEYMAP_PAGEDOWN:
	case KEYMAP_HOME: case KEYMAP_END: case KEYMAP_QUIT: case KEYMAP_HARD_QUIT:
	case KEYMAP_REDRAW:
		return a;
	case KEYMAP_NEXT: case KEYMAP_PREV: case KEYMAP_HELP:
	case KEYMAP_PB_DOWNLOAD: case KEYMAP_PB_CANCEL: case KEYMAP_PB_DELETE:
	case KEYMAP_PB_PURGE: case KEYMAP_PB_PLAY: case KEYMAP_PB_MARK_FINISHED:
	case KEYMAP_PB_TOGGLE_DOWNLOAD_ALL: case KEYMAP_PB_MORE_DLS: case KEYMAP_PB_FEWER_DLS:
	case KEYMAP_PB_RELOAD:
		return help ? KEYMAP_NONE : a;
	default:
		return KEYMAP_NONE;
	}
}

static void
ui_podcast_put(int y, const char *s, int cols, attr_t attr)
{
	struct buf clean, line;

	/* as ui_draw does it: sanitised, no userinfo, cut in UTF-8, then
	 * converted for the terminal */
	buf_init(&clean, 0);
	buf_init(&line, 0);
	(void)text_sanitize(&clean, s, strlen(s), 0);
	url_redact(clean.data);
	buf_truncate(&clean, strlen(clean.data));
	(void)text_pad(&line, clean.data, clean.len, (size_t)(cols > 0 ? cols : 0));
	buf_reset(&clean);
	(void)text_term(&clean, line.data, line.len, TEXT_SAME_WIDTH);
	attrset(attr);
	mvaddnstr(y, 0, clean.data, (int)clean.len);
	attrset(A_NORMAL);
	buf_release(&clean);
	buf_release(&line);
}

static void
ui_podcast_draw(struct ui *u, struct view_podcast *v)
{
	struct buf b;
	int i, rows = LINES, cols = COLS;

	view_list_set_height(&v->list, rows > 2 ? rows - 2 : 1);
	buf_init(&b, 0);
	view_podcast_title(v, &b);
	ui_podcast_put(0, b.data, cols, A_REVERSE);
	for (i = 0; i < rows - 2; i++) {
		int row = v->list.top + i;

		buf_reset(&b);
		if (row < v->list.count)
			view_podcast_line(v, (size_t)row, (size_t)(cols > 0 ? cols : 0), &b);
		ui_podcast_put(i + 1, b.data, cols, row == v->list.cursor ? A_REVERSE : A_NORMAL);
	}
	buf_reset(&b);
	if (v->msg[0] != '\0')
		(void)buf_addstr(&b, v->msg);
	else
		view_podcast_hints(v, &b);
	ui_podcast_put(rows - 1, b.data, cols, v->msg_error ? A_BOLD : A_NORMAL);
	buf_release(&b);
	refresh();
	(void)u;
}

/* The player gets the terminal while it runs, as the browser does
 * (ui_spawn: app/spawn's rule, ^C is the player's). */
static void
ui_podcast_play(const struct ui *u, struct view_podcast *v)
{
	struct spawn_opts o = { 0 };
	struct err e;
	char **argv, what[300];

	if ((argv = view_podcast_play(v)) == NULL)
		return;
	/* messages name the command as the user wrote it */
	snprintf(what, sizeof what, "the player \"%.200s\"",
	    settings_str(u->cfg, SETTINGS_V_PLAYER));
	o.interactive = 1;
	o.what = what;
	if (ui_spawn(argv, &o, &e) < 0) {
		snprintf(v->msg, sizeof v->msg, "%s", e.msg);
		v->msg_error = 1;
	}
	spawn_argv_free(argv);
	clearok(curscr, TRUE);
}

/* What the help over the podboat view covers up, put back when it closes. */
struct ui_podcast_under {
	enum ui_screen screen, help_return;
	struct view_help *help;		/* the reader's help, as it was */
};

/*
 * The help over the podboat view: the reader's help screen (u->help,
 * drawn by ui_draw) with the podboat view's bindings, while the
 * downloads go on.  on: open it, else back to the queue (and the
 * reader's own help as it was: :podboat may be typed in it).
 */
static void
ui_podcast_help(struct ui *u, int on, struct ui_podcast_under *under)
{
	if (on) {
		under->screen = u->screen;
		under->help_return = u->help_return;
		under->help = xmalloc(sizeof *under->help);
		memcpy(under->help, &u->help, sizeof u->help);
		view_help_build(&u->help, u->cfg->keymap, KEYMAP_VIEW_PODBOAT);
		u->help_return = u->screen;
		u->screen = UI_HELP;
		u->message[0] = '\0';
	} else {
		u->screen = under->screen;
		u->help_return = under->help_return;
		memcpy(&u->help, under->help, sizeof u->help);
		free(under->help);
		under->help = NULL;
	}
	ui_layout(u);
	clearok(curscr, TRUE);
}

/* A key in the help over the view: 1 when it closes the help. */
static int
ui_podcast_help_key(struct ui *u, uint32_t key)
{
	struct view_list *l = &u->help.list;

	switch (ui_podcast_action(u, 1, key)) {
	case KEYMAP_UP: view_list_move(l, -1); break;
	case KEYMAP_DOWN: view_list_move(l, 1); break;
	case KEYMAP_PAGEUP: view_list_page(l, -1); break;
	case KEYMAP_PAGEDOWN: view_list_page(l, 1); break;
	case KEYMAP_HOME: view_list_home(l); break;
	case KEYMAP_END: view_list_end(l); break;
	case KEYMAP_REDRAW: clearok(curscr, TRUE); break;
	case KEYMAP_QUIT: return 1;
	case KEYMAP_HARD_QUIT: u->quit = 1; return 1;
	default: break;
	}
	return 0;
}

/* A key in the view: 1 when it leaves the view, 2 when it opens the help. */
static int
ui_podcast_key(struct ui *u, struct view_podcast *v, uint32_t key)
{
	switch (ui_podcast_action(u, 0, key)) {
	case KEYMAP_UP: case KEYMAP_PREV: view_list_move(&v->list, -1); break;
	case KEYMAP_DOWN: case KEYMAP_NEXT: view_list_move(&v->list, 1); break;
	case KEYMAP_PAGEUP: view_list_page(&v->list, -1); break;
	case KEYMAP_PAGEDOWN: view_list_page(&v->list, 1); break;
	case KEYMAP_HOME: view_list_home(&v->list); break;
	case KEYMAP_END: view_list_end(&v->list); break;
	case KEYMAP_REDRAW: clearok(curscr, TRUE); break;
	case KEYMAP_QUIT: return 1;
	case KEYMAP_HARD_QUIT: u->quit = 1; return 1;
	case KEYMAP_PB_DOWNLOAD: view_podcast_download(v); break;
	case KEYMAP_PB_CANCEL: view_podcast_cancel(v); break;
	case KEYMAP_PB_DELETE: view_podcast_delete(v); break;
	case KEYMAP_PB_PURGE: view_podcast_purge(v); break;
	case KEYMAP_PB_MARK_FINISHED: view_podcast_finished(v); break;
	case KEYMAP_PB_TOGGLE_DOWNLOAD_ALL: view_podcast_download_all(v); break;
	case KEYMAP_PB_MORE_DLS: view_podcast_max(v, 1); break;
	case KEYMAP_PB_FEWER_DLS: view_podcast_max(v, -1); break;
	case KEYMAP_PB_RELOAD: view_podcast_reload(v); break;
	case KEYMAP_PB_PLAY: ui_podcast_play(u, v); break;
	case KEYMAP_HELP: return 2;
	default:
		break;
	}
	return 0;
}

void
ui_podcast_run(struct ui *u)
{
	struct view_podcast v;
	struct pollfd fds[UI_PODCAST_FDS];
	struct err e;
	struct ui_podcast_under under;
	uint32_t key;
	size_t n;
	int done = 0, help = 0, timeout, r;

	/* a file-size limit fails a download's writes (EFBIG) instead of
	 * killing the reader */
	signal(SIGXFSZ, SIG_IGN);
	if (view_podcast_open(&v, u->db, u->cfg, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	while (!done && !u->quit && !ui_term_quit_requested()) {
		if (help)
			ui_draw(u);
		else
			ui_podcast_draw(u, &v);
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[1].fd = ui_term_signal_fd();
		fds[1].events = POLLIN;
		fds[0].revents = fds[1].revents = 0;
		timeout = -1;
		n = view_podcast_fds(&v, fds + 2, UI_PODCAST_FDS - 2, &timeout);
		if (poll(fds, (nfds_t)(n + 2), timeout) < 0 && errno != EINTR)
			break;
		view_podcast_step(&v, fds + 2, n);
		if (ui_term_resized()) {
			ui_layout(u);
			clearok(curscr, TRUE);
		}
		while (!done && (key = ui_term_key()) != 0) {
			if (help) {
				if (ui_podcast_help_key(u, key)) {
					help = 0;
					ui_podcast_help(u, 0, &under);
				}
			} else if ((r = ui_podcast_key(u, &v, key)) == 2) {
				help = 1;
				ui_podcast_help(u, 1, &under);
			} else {
				done = r;
			}
		}
	}
	if (help)
		ui_podcast_help(u, 0, &under);
	if (view_podcast_close(&v, &e) < 0)
		ui_fail(u, &e);
	clearok(curscr, TRUE);
	u->dirty = 1;
}

int
ui_podcast_cmd(struct ui *u, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ui_podcast_run(u);
	return 0;
}
