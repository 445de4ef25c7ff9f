#include "ui/ui_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "util/text.h"

static volatile sig_atomic_t ui_term_quit_flag;
static volatile sig_atomic_t ui_term_winch_flag;
/* Self-pipe: a signal between two polls still wakes the next poll. */
static int ui_term_pipe[2] = { -1, -1 };
static volatile sig_atomic_t ui_term_active;
static struct termios ui_term_saved;
static int ui_term_have_saved;
static int ui_term_atexit_set;
static SCREEN *ui_term_screen;
/* the colour elements, then the highlight rules' and search-highlight-colors' */
static attr_t ui_term_attrs[UI_STYLES_MAX];
static int ui_term_pairs[UI_STYLES_MAX];
static struct settings_color ui_term_extra[UI_STYLES_MAX - SETTINGS_NCOLORS];
static size_t ui_term_nextra;

static const int ui_term_crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

static void
ui_term_wake(void)
{
	int saved = errno;
	ssize_t rc;

	if (ui_term_pipe[1] >= 0) {
		rc = write(ui_term_pipe[1], "x", 1);
		(void)rc;
	}
	errno = saved;
}

static void
ui_term_on_quit(int sig)
{
	(void)sig;
	ui_term_quit_flag = 1;
	ui_term_wake();
}

static void
ui_term_on_winch(int sig)
{
	(void)sig;
	ui_term_winch_flag = 1;
	ui_term_wake();
}

int
ui_term_signal_fd(void)
{
	return ui_term_pipe[0];
}

int
ui_term_resized(void)
{
	struct winsize ws;
	char drain[64];

	while (read(ui_term_pipe[0], drain, sizeof drain) > 0)
		;
	if (!ui_term_winch_flag)
		return 0;
	ui_term_winch_flag = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	/* what the terminal shows after a resize is unknown: paint it all */
	clearok(curscr, TRUE);
	return 1;
}

/*
 * A crash: give the terminal back with async-signal-safe calls only (the
 * saved termios and fixed escape sequences: leave the alternate screen,
 * show the cursor, stop mouse reporting), then die of the same signal.
 */
static void
ui_term_on_crash(int sig)
{
	static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[?1049l\033[?25h\033[0m\r\n";
	ssize_t rc;

	if (ui_term_active) {
		if (ui_term_have_saved)
			tcsetattr(STDIN_FILENO, TCSANOW, &ui_term_saved);
		rc = write(STDOUT_FILENO, reset, sizeof reset - 1);
		(void)rc;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
ui_term_atexit(void)
{
	ui_term_stop();
}

int
ui_term_quit_requested(void)
{
	return ui_term_quit_flag != 0;
}

static short
ui_term_colour(int c)
{
	if (c == SETTINGS_COLOR_DEFAULT)
		return -1;
	if (c >= COLORS)
		return (short)(c % 8);
	return (short)c;
}

static attr_t
ui_term_config_attrs(int a)
{
	attr_t r = A_NORMAL;

	if (a & SETTINGS_ATTR_BOLD)
		r |= A_BOLD;
	if (a & SETTINGS_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & SETTINGS_ATTR_STANDOUT)
		r |= A_STANDOUT;
	if (a & SETTINGS_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & SETTINGS_ATTR_BLINK)
		r |= A_BLINK;
	if (a & SETTINGS_ATTR_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & SETTINGS_ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	if (a & SETTINGS_ATTR_INVIS)
		r |= A_INVIS;
	return r;
}

static void
ui_term_colours(const struct settings *cfg)
{
	const char *nc = getenv("NO_COLOR");
	int colour = has_colors() && (nc == NULL || *nc == '\0');
	int id;

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (id = 0; id < SETTINGS_NCOLORS + (int)ui_term_nextra; id++) {
		/* newsboat's fallbacks: info colours the title bar too */
		const struct settings_color *c = id < SETTINGS_NCOLORS
		    ? settings_color(cfg, (enum settings_color_id)id)
		    : &ui_term_extra[id - SETTINGS_NCOLORS];

		ui_term_attrs[id] = ui_term_config_attrs(c->attrs);
		ui_term_pairs[id] = 0;
		if (colour && id + 1 < COLOR_PAIRS) {
			init_pair((short)(id + 1), ui_term_colour(c->fg), ui_term_colour(c->bg));
			ui_term_pairs[id] = id + 1;
		} else if (id == SETTINGS_COLOR_TITLE || id == SETTINGS_COLOR_INFO ||
		    id == SETTINGS_COLOR_MATCH || id == SETTINGS_COLOR_HINT_KEY ||
		    id == SETTINGS_COLOR_HINT_KEYS_DELIMITER || id == SETTINGS_COLOR_HINT_SEPARATOR ||
		    id == SETTINGS_COLOR_HINT_DESCRIPTION) {
			/* without colour these would not stand out at all */
			ui_term_attrs[id] |= A_REVERSE;
		}
	}
}

void
ui_term_mouse(int on)
{
	mousemask(on ? (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED |
	    BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    ) : 0, NULL);
	mouseinterval(on ? 200 : 0);
}

int
ui_term_start(const struct settings *cfg, struct err *e)
{
	struct sigaction sa;
	size_t i;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, "the reader needs a terminal (stdin and stdout); "
		    "try tidings items or tidings feeds");
	/* a UTF-8 locale that is not installed (LANG=xx_XX.UTF-8): the
	 * terminal still takes UTF-8, so curses must too (util/text agrees) */
	if (setlocale(LC_CTYPE, "") == NULL && text_term_is_utf8())
		(void)setlocale(LC_CTYPE, "C.UTF-8");
	if (ui_term_pipe[0] < 0) {
		if (pipe(ui_term_pipe) < 0)
			return err_set(e, "pipe: %s", strerror(errno));
		fcntl(ui_term_pipe[0], F_SETFL, O_NONBLOCK);
		fcntl(ui_term_pipe[1], F_SETFL, O_NONBLOCK);
		fcntl(ui_term_pipe[0], F_SETFD, FD_CLOEXEC);
		fcntl(ui_term_pipe[1], F_SETFD, FD_CLOEXEC);
	}
	if (tcgetattr(STDIN_FILENO, &ui_term_saved) == 0)
		ui_term_have_saved = 1;
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	ui_term_screen = newterm(NULL, stdout, stdin);
	if (ui_term_screen == NULL)
		return err_set(e, "cannot use the terminal \"%s\" (no terminfo entry?)",
		    getenv("TERM") ? getenv("TERM") : "");
	set_term(ui_term_screen);
	ui_term_active = 1;
	if (!ui_term_atexit_set) {
		atexit(ui_term_atexit);
		ui_term_atexit_set = 1;
	}

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_term_on_quit;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* our own SIGWINCH (not curses'): it must wake the poll loop */
	sa.sa_handler = ui_term_on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = ui_term_on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof ui_term_crash_signals / sizeof ui_term_crash_signals[0]; i++)
		sigaction(ui_term_crash_signals[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, NULL);

	/* cbreak, not raw: ^Z (SIGTSTP, handled by curses) and ^C still work */
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	ui_term_colours(cfg);
	ui_term_mouse(cfg->mouse);
	return 0;
}

void
ui_term_stop(void)
{
	struct sigaction sa;
	size_t i;

	if (!ui_term_active)
		return;
	ui_term_active = 0;
	ui_term_mouse(0);
	curs_set(1);
	endwin();
	delscreen(ui_term_screen);
	ui_term_screen = NULL;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof ui_term_crash_signals / sizeof ui_term_crash_signals[0]; i++)
		sigaction(ui_term_crash_signals[i], &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	fflush(stdout);
}

attr_t
ui_term_attr(int id)
{
	return id >= 0 && id < UI_STYLES_MAX ? ui_term_attrs[id] : A_NORMAL;
}

int
ui_term_pair(int id)
{
	return id >= 0 && id < UI_STYLES_MAX ? ui_term_pairs[id] : 0;
}

void
ui_term_set_styles(const struct settings_color *styles, size_t n)
{
	if (n > UI_STYLES_MAX - SETTINGS_NCOLORS)
		n = UI_STYLES_MAX - SETTINGS_NCOLORS;
	memcpy(ui_term_extra, styles, n * sizeof *styles);
	ui_term_nextra = n;
}

static uint32_t
ui_term_translate(int code)
{
	switch (code) {
	case KEY_UP: return KEYMAP_KEY_UP;
	case KEY_DOWN: return KEYMAP_KEY_DOWN;
	case KEY_LEFT: return KEYMAP_KEY_LEFT;
	case KEY_RIGHT: return KEYMAP_KEY_RIGHT;
	case KEY_PPAGE: return KEYMAP_KEY_PPAGE;
	case KEY_NPAGE: return KEYMAP_KEY_NPAGE;
	case KEY_HOME: return KEYMAP_KEY_HOME;
	case KEY_END: return KEYMAP_KEY_END;
	case KEY_IC: return KEYMAP_KEY_IC;
	case KEY_DC: return KEYMAP_KEY_DC;
	case KEY_BTAB: return KEYMAP_KEY_BTAB;
	case KEY_BACKSPACE: return KEYMAP_KEY_BACKSPACE;
	case KEY_ENTER: return KEYMAP_KEY_ENTER;
	case KEY_RESIZE: return UI_KEY_RESIZE;
	case KEY_MOUSE: return UI_KEY_MOUSE;
	default:
		if (code >= KEY_F(1) && code <= KEY_F(12))
			return KEYMAP_KEY_F((uint32_t)(code - KEY_F(0)));
		return 0;
	}
}

uint32_t
ui_term_key(void)
{
	wint_t wch;
	int rc;

	for (;;) {
		rc = wget_wch(stdscr, &wch);
		if (rc == ERR)
			return 0;
		if (rc == KEY_CODE_YES) {
			uint32_t k = ui_term_translate((int)wch);

			if (k != 0)
				return k;
			continue;	/* a key we have no name for */
		}
		if (wch == '\r')
			return KEYMAP_KEY_ENTER;
		if (wch == 0x7f || wch == 0x08)
			return KEYMAP_KEY_BACKSPACE;
		if (wch > 0x10FFFF)
			continue;
		return (uint32_t)wch;
	}
}
