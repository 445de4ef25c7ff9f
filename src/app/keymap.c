#include "app/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/xalloc.h"

struct keymap_binding {
	uint32_t key;
	enum keymap_action action;	/* KEYMAP_NONE: unbound in this view */
};

struct keymap_table {
	struct keymap_binding *b;
	size_t n, cap;
	int cleared;		/* "unbind-key -a VIEW": no fallback to ALL */
};

struct keymap {
	struct keymap_table views[KEYMAP_NVIEWS];
};

struct keymap_action_info {
	const char *name;
	const char *keys;
	const char *view;
	const char *help;
};

static const struct keymap_action_info keymap_actions[KEYMAP_NACTIONS] = {
	[KEYMAP_NONE] = { "none", "", "", "" },
#define KEYMAP_INFO(id, name, keys, view, help) [KEYMAP_##id] = { name, keys, view, help },
	KEYMAP_ACTIONS(KEYMAP_INFO)
#undef KEYMAP_INFO
};

static const char *const keymap_views[KEYMAP_NVIEWS] = {
#define KEYMAP_VIEW_NAME(id, name) [KEYMAP_VIEW_##id] = name,
	KEYMAP_VIEWS(KEYMAP_VIEW_NAME)
#undef KEYMAP_VIEW_NAME
};

static const struct {
	const char *name;
	uint32_t key;
} keymap_names[] = {
	{ "ENTER", KEYMAP_KEY_ENTER },
	{ "SPACE", KEYMAP_KEY_SPACE },
	{ "TAB", KEYMAP_KEY_TAB },
	{ "ESC", KEYMAP_KEY_ESC },
	{ "BACKSPACE", KEYMAP_KEY_BACKSPACE },
	{ "UP", KEYMAP_KEY_UP },
	{ "DOWN", KEYMAP_KEY_DOWN },
	{ "LEFT", KEYMAP_KEY_LEFT },
	{ "RIGHT", KEYMAP_KEY_RIGHT },
	{ "PPAGE", KEYMAP_KEY_PPAGE },
	{ "NPAGE", KEYMAP_KEY_NPAGE },
	{ "HOME", KEYMAP_KEY_HOME },
	{ "END", KEYMAP_KEY_END },
	{ "INS", KEYMAP_KEY_IC },
	{ "DEL", KEYMAP_KEY_DC },
	{ "BTAB", KEYMAP_KEY_BTAB },
};

#define NKEYNAMES (sizeof keymap_names / sizeof keymap_names[0])

struct keymap *
keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void
keymap_free(struct keymap *km)
{
	size_t v;

	if (km == NULL)
		return;
	for (v = 0; v < KEYMAP_NVIEWS; v++)
		free(km->views[v].b);
	free(km);
}

int
keymap_key_parse(const char *name, uint32_t *key)
{
	size_t len = strlen(name), i, used;
	uint32_t cp;
	char *end;
	long n;

	if (len == 0)
		return 0;
	for (i = 0; i < NKEYNAMES; i++) {
		if (strcmp(name, keymap_names[i].name) == 0) {
			*key = keymap_names[i].key;
			return 1;
		}
	}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12) {
			*key = KEYMAP_KEY_F((uint32_t)n);
			return 1;
		}
		return 0;
	}
	if (name[0] == '^' && len == 2) {
		char c = name[1];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= '@' && c <= '_') {
			*key = KEYMAP_KEY_CTRL((uint32_t)c);
			return 1;
		}
		return 0;
	}
	used = text_decode(name, len, &cp);
	if (used != len || cp == TEXT_REPLACEMENT || text_is_removed(cp, 0) || cp == ' ')
		return 0;
	*key = cp;
	return 1;
}

void
keymap_key_name(uint32_t key, char *out, size_t size)
{
	char utf8[5];
	size_t i, n;

	for (i = 0; i < NKEYNAMES; i++) {
		if (keymap_names[i].key == key) {
			snprintf(out, size, "%s", keymap_names[i].name);
			return;
		}
	}
	if (key > KEYMAP_KEY_F0 && key <= KEYMAP_KEY_LAST) {
		snprintf(out, size, "F%u", (unsigned)(key - KEYMAP_KEY_F0));
	} else if (key < 0x20) {
		snprintf(out, size, "^%c", (char)(key + '@'));
	} else if (key < 0x110000 && key != 0x7f) {
		n = text_encode(key, utf8);
		utf8[n] = '\0';
		snprintf(out, size, "%s", utf8);
	} else {
		snprintf(out, size, "<%lu>", (unsigned long)key);
	}
}

int
keymap_action_parse(const char *name)
{
	int a;

	for (a = 1; a < KEYMAP_NACTIONS; a++)
		if (strcmp(name, keymap_actions[a].name) == 0)
			return a;
	return -1;
}

int
keymap_view_parse(const char *name)
{
	int v;

	for (v = 0; v < KEYMAP_NVIEWS; v++)
		if (strcmp(name, keymap_views[v]) == 0)
			return v;
	/* names other readers use for the same views */
	if (strcmp(name, "itemlist") == 0)
		return KEYMAP_VIEW_ITEMLIST;
	if (strcmp(name, "searchresultslist") == 0)
		return KEYMAP_VIEW_SEARCH;
	return -1;
}

const char *
keymap_action_name(enum keymap_action a)
{
	return (int)a >= 0 && a < KEYMAP_NACTIONS ? keymap_actions[a].name : "none";
}

const char *
keymap_action_help(enum keymap_action a)
{
	return (int)a >= 0 && a < KEYMAP_NACTIONS ? keymap_actions[a].help : "";
}

const char *
keymap_action_default_keys(enum keymap_action a)
{
	return (int)a >= 0 && a < KEYMAP_NACTIONS ? keymap_actions[a].keys : "";
}

const char *
keymap_action_default_view(enum keymap_action a)
{
	return (int)a >= 0 && a < KEYMAP_NACTIONS ? keymap_actions[a].view : "";
}

const char *
keymap_view_name(enum keymap_view v)
{
	return (int)v >= 0 && v < KEYMAP_NVIEWS ? keymap_views[v] : "?";
}

static struct keymap_binding *
keymap_find(struct keymap_table *t, uint32_t key)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->b[i].key == key)
			return &t->b[i];
	return NULL;
}

static void
keymap_set(struct keymap_table *t, uint32_t key, enum keymap_action action)
{
	struct keymap_binding *b = keymap_find(t, key);

	if (b != NULL) {
		b->action = action;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->b = xreallocarray(t->b, t->cap, sizeof *t->b);
	}
	t->b[t->n].key = key;
	t->b[t->n].action = action;
	t->n++;
}

static void
keymap_remove(struct keymap_table *t, uint32_t key)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->b[i].key == key) {
			memmove(&t->b[i], &t->b[i + 1], (t->n - i - 1) * sizeof *t->b);
			t->n--;
			return;
		}
	}
}

static int
keymap_parse_view(const char *view, struct err *e)
{
	int v;

	if (view == NULL)
		return KEYMAP_VIEW_ALL;
	v = keymap_view_parse(view);
	if (v < 0)
		return err_set(e, "unknown view \"%s\" (feedlist, articlelist, article, "
		    "help, search, all)", view);
	return v;
}

int
keymap_bind(struct keymap *km, const char *key, const char *action,
    const char *view, struct err *e)
{
	uint32_t k;
	int a, v, i;

	if (!keymap_key_parse(key, &k))
		return err_set(e, "unknown key name \"%s\"", key);
	a = keymap_action_parse(action);
	if (a < 0)
		return err_set(e, "unknown action \"%s\"", action);
	if ((v = keymap_parse_view(view, e)) < 0)
		return -1;
	keymap_set(&km->views[v], k, (enum keymap_action)a);
	/* binding for every view replaces what single views said about the key */
	if (v == KEYMAP_VIEW_ALL)
		for (i = 1; i < KEYMAP_NVIEWS; i++)
			keymap_remove(&km->views[i], k);
	return 0;
}

int
keymap_unbind(struct keymap *km, const char *key, const char *view, struct err *e)
{
	uint32_t k;
	int v, i;

	if ((v = keymap_parse_view(view, e)) < 0)
		return -1;
	if (strcmp(key, "-a") == 0) {
		for (i = 0; i < KEYMAP_NVIEWS; i++) {
			if (v != KEYMAP_VIEW_ALL && i != v)
				continue;
			km->views[i].n = 0;
			km->views[i].cleared = i != KEYMAP_VIEW_ALL;
		}
		if (v == KEYMAP_VIEW_ALL)
			for (i = 0; i < KEYMAP_NVIEWS; i++)
				km->views[i].cleared = 0;
		return 0;
	}
	if (!keymap_key_parse(key, &k))
		return err_set(e, "unknown key name \"%s\"", key);
	if (v == KEYMAP_VIEW_ALL) {
		for (i = 0; i < KEYMAP_NVIEWS; i++)
			keymap_remove(&km->views[i], k);
	} else {
		keymap_set(&km->views[v], k, KEYMAP_NONE);
	}
	return 0;
}

enum keymap_action
keymap_lookup(const struct keymap *km, enum keymap_view view, uint32_t key)
{
	struct keymap_binding *b;

	if ((int)view < 0 || view >= KEYMAP_NVIEWS)
		view = KEYMAP_VIEW_ALL;
	b = keymap_find((struct keymap_table *)&km->views[view], key);
	if (b != NULL)
		return b->action;
	if (view != KEYMAP_VIEW_ALL && km->views[view].cleared)
		return KEYMAP_NONE;
	b = keymap_find((struct keymap_table *)&km->views[KEYMAP_VIEW_ALL], key);
	return b ? b->action : KEYMAP_NONE;
}

static size_t
keymap_append_key(uint32_t key, char *out, size_t size, size_t used)
{
	char name[32];
	int n;

	keymap_key_name(key, name, sizeof name);
	if (used >= size)
		return used;
	n = snprintf(out + used, size - used, "%s%s", used ? " " : "", name);
	if (n < 0 || (size_t)n >= size - used)
		return size;	/* full: stop appending (out stays terminated) */
	return used + (size_t)n;
}

size_t
keymap_keys_for(const struct keymap *km, enum keymap_view view,
    enum keymap_action action, char *out, size_t size)
{
	const struct keymap_table *all = &km->views[KEYMAP_VIEW_ALL];
	const struct keymap_table *t;
	size_t i, used = 0, count = 0;

	if (size > 0)
		out[0] = '\0';
	if ((int)view < 0 || view >= KEYMAP_NVIEWS)
		view = KEYMAP_VIEW_ALL;
	t = &km->views[view];
	if (view != KEYMAP_VIEW_ALL) {
		for (i = 0; i < t->n; i++) {
			if (t->b[i].action == action) {
				used = keymap_append_key(t->b[i].key, out, size, used);
				count++;
			}
		}
	}
	for (i = 0; i < all->n; i++) {
		if (all->b[i].action != action)
			continue;
		/* a view's own entry for the key (counted above) wins */
		if (view != KEYMAP_VIEW_ALL && (t->cleared ||
		    keymap_find((struct keymap_table *)t, all->b[i].key) != NULL))
			continue;
		used = keymap_append_key(all->b[i].key, out, size, used);
		count++;
	}
	return count;
}
