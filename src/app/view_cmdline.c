#include "app/view_cmdline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/keymap.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <unistd.h>

void
view_cmdline_init(struct view_cmdline *c)
{
	memset(c, 0, sizeof *c);
	buf_init(&c->text, VIEW_CMDLINE_MAX);
}

void
view_cmdline_release(struct view_cmdline *c)
{
	size_t i;

	buf_release(&c->text);
	for (i = 0; i < c->nhistory; i++)
		free(c->history[i]);
	free(c->history);
	free(c->saved);
	memset(c, 0, sizeof *c);
}

void
view_cmdline_reset(struct view_cmdline *c)
{
	buf_reset(&c->text);
	c->cursor = 0;
	c->hpos = c->nhistory;
	free(c->saved);
	c->saved = NULL;
}

void
view_cmdline_set(struct view_cmdline *c, const char *s)
{
	size_t len = strlen(s);

	/* the cap is in bytes: cut at a character boundary if it bites */
	if (len > VIEW_CMDLINE_MAX)
		len = text_utf8_complete(s, VIEW_CMDLINE_MAX);
	buf_reset(&c->text);
	if (buf_add(&c->text, s, len) < 0)
		buf_reset(&c->text);
	c->cursor = c->text.len;
}

int
view_cmdline_insert(struct view_cmdline *c, uint32_t cp)
{
	char enc[4];
	size_t n;

	if (cp > 0x10FFFF || text_is_removed(cp, 0) || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	n = text_encode(cp, enc);
	if (c->text.len + n > VIEW_CMDLINE_MAX)
		return -1;
	if (buf_add(&c->text, enc, n) < 0)
		return -1;
	memmove(c->text.data + c->cursor + n, c->text.data + c->cursor,
	    c->text.len - n - c->cursor);
	memcpy(c->text.data + c->cursor, enc, n);
	c->cursor += n;
	return 0;
}

/* Byte offset of the character before off. */
static size_t
view_cmdline_prev(const struct view_cmdline *c, size_t off)
{
	while (off > 0) {
		off--;
		if (((unsigned char)c->text.data[off] & 0xC0) != 0x80)
			break;
	}
	return off;
}

static size_t
view_cmdline_next(const struct view_cmdline *c, size_t off)
{
	uint32_t cp;

	if (off >= c->text.len)
		return c->text.len;
	return off + text_decode(c->text.data + off, c->text.len - off, &cp);
}

static void
view_cmdline_cut(struct view_cmdline *c, size_t from, size_t to)
{
	memmove(c->text.data + from, c->text.data + to, c->text.len - to);
	buf_truncate(&c->text, c->text.len - (to - from));
	c->cursor = from;
}

int
view_cmdline_backspace(struct view_cmdline *c)
{
	if (c->cursor == 0)
		return 0;
	view_cmdline_cut(c, view_cmdline_prev(c, c->cursor), c->cursor);
	return 1;
}

int
view_cmdline_delete(struct view_cmdline *c)
{
	if (c->cursor >= c->text.len)
		return 0;
	view_cmdline_cut(c, c->cursor, view_cmdline_next(c, c->cursor));
	return 1;
}

int
view_cmdline_delete_word(struct view_cmdline *c)
{
	size_t from = c->cursor;

	while (from > 0 && c->text.data[from - 1] == ' ')
		from--;
	while (from > 0 && c->text.data[from - 1] != ' ')
		from = view_cmdline_prev(c, from);
	if (from == c->cursor)
		return 0;
	view_cmdline_cut(c, from, c->cursor);
	return 1;
}

int
view_cmdline_kill_start(struct view_cmdline *c)
{
	if (c->cursor == 0)
		return 0;
	view_cmdline_cut(c, 0, c->cursor);
	return 1;
}

void
view_cmdline_left(struct view_cmdline *c)
{
	c->cursor = view_cmdline_prev(c, c->cursor);
}

void
view_cmdline_right(struct view_cmdline *c)
{
	c->cursor = view_cmdline_next(c, c->cursor);
}

void
view_cmdline_home(struct view_cmdline *c)
{
	c->cursor = 0;
}

void
view_cmdline_end(struct view_cmdline *c)
{
	c->cursor = c->text.len;
}

void
view_cmdline_remember(struct view_cmdline *c)
{
	if (c->text.len == 0)
		return;
	if (c->nhistory > 0 && strcmp(c->history[c->nhistory - 1], c->text.data) == 0) {
		c->hpos = c->nhistory;
		return;
	}
	if (c->nhistory == VIEW_CMDLINE_HISTORY) {
		free(c->history[0]);
		memmove(c->history, c->history + 1, (c->nhistory - 1) * sizeof *c->history);
		c->nhistory--;
	}
	c->history = xreallocarray(c->history, c->nhistory + 1, sizeof *c->history);
	c->history[c->nhistory++] = xstrdup(c->text.data);
	c->hpos = c->nhistory;
}

int
view_cmdline_history(struct view_cmdline *c, int dir)
{
	if (dir < 0) {
		if (c->hpos == 0 || c->nhistory == 0)
			return 0;
		if (c->hpos == c->nhistory) {
			free(c->saved);
			c->saved = xstrdup(c->text.data);
		}
		c->hpos--;
		view_cmdline_set(c, c->history[c->hpos]);
		return 1;
	}
	if (c->hpos >= c->nhistory)
		return 0;
	c->hpos++;
	view_cmdline_set(c, c->hpos == c->nhistory ? (c->saved ? c->saved : "")
	    : c->history[c->hpos]);
	return 1;
}

size_t
view_cmdline_scroll(const struct view_cmdline *c, size_t cols, size_t *cursor_col)
{
	size_t start = 0, w;

	if (cols < 2)
		cols = 2;
	/* drop characters from the left until the cursor has room */
	w = text_width(c->text.data, c->cursor);
	while (w >= cols && start < c->cursor) {
		start = view_cmdline_next(c, start);
		w = text_width(c->text.data + start, c->cursor - start);
	}
	*cursor_col = w;
	return start;
}

int
view_cmdline_history_load(struct view_cmdline *c, const char *path, struct err *e)
{
	char line[VIEW_CMDLINE_MAX + 2];
	FILE *fp = fopen(path, "re");

	if (fp == NULL) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, "%s: %s", path, strerror(errno));
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		size_t len = strlen(line), i;
		int ok = 1;

		if (len == 0 || line[len - 1] != '\n') {
			int ch;

			/* too long: skip the rest of it */
			while ((ch = fgetc(fp)) != EOF && ch != '\n')
				;
			continue;
		}
		line[--len] = '\0';
		for (i = 0; i < len; i++)
			if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
				ok = 0;
		if (!ok || len == 0)
			continue;
		view_cmdline_set(c, line);
		view_cmdline_remember(c);
	}
	fclose(fp);
	view_cmdline_reset(c);
	return 0;
}

int
view_cmdline_history_save(const struct view_cmdline *c, const char *path, struct err *e)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	FILE *fp;
	size_t i;
	int fd, bad;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		err_set(e, "%s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(tmp);
		return -1;
	}
	for (i = 0; i < c->nhistory; i++)
		fprintf(fp, "%s\n", c->history[i]);
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad || rename(tmp, path) != 0) {
		err_set(e, "%s: %s", path, strerror(errno ? errno : EIO));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

enum view_cmdline_key
view_cmdline_key(struct view_cmdline *c, uint32_t key)
{
	switch (key) {
	case KEYMAP_KEY_ENTER:
		return VIEW_CMDLINE_ENTER;
	case KEYMAP_KEY_ESC:
	case KEYMAP_KEY_CTRL('G'):
		return VIEW_CMDLINE_CANCEL;
	case KEYMAP_KEY_BACKSPACE:
		view_cmdline_backspace(c);
		break;
	case KEYMAP_KEY_DC:
	case KEYMAP_KEY_CTRL('D'):
		view_cmdline_delete(c);
		break;
	case KEYMAP_KEY_LEFT:
	case KEYMAP_KEY_CTRL('B'):
		view_cmdline_left(c);
		break;
	case KEYMAP_KEY_RIGHT:
	case KEYMAP_KEY_CTRL('F'):
		view_cmdline_right(c);
		break;
	case KEYMAP_KEY_HOME:
	case KEYMAP_KEY_CTRL('A'):
		view_cmdline_home(c);
		break;
	case KEYMAP_KEY_END:
	case KEYMAP_KEY_CTRL('E'):
		view_cmdline_end(c);
		break;
	case KEYMAP_KEY_CTRL('W'):
		view_cmdline_delete_word(c);
		break;
	case KEYMAP_KEY_CTRL('U'):
		view_cmdline_kill_start(c);
		break;
	case KEYMAP_KEY_UP:
		view_cmdline_history(c, -1);
		break;
	case KEYMAP_KEY_DOWN:
		view_cmdline_history(c, 1);
		break;
	default:
		if (key < 0x20 || key >= 0x110000 || key == 0x7f)
			return VIEW_CMDLINE_NOT_EDITING;
		view_cmdline_insert(c, key);
		break;
	}
	return VIEW_CMDLINE_EDITED;
}
