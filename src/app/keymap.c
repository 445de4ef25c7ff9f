#include "app/keymap.h"
#include "app/keymap_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

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
	/* other names for the same keys (the first name is the one shown):
	 * STFL's, which newsboat passes on, and PAGEUP/PAGEDOWN, which real
	 * configs write for newsboat's PPAGE/NPAGE */
	{ "IC", KEYMAP_KEY_IC },
	{ "DC", KEYMAP_KEY_DC },
	{ "PAGEUP", KEYMAP_KEY_PPAGE },
	{ "PAGEDOWN", KEYMAP_KEY_NPAGE },
};

#define NKEYNAMES (sizeof keymap_names / sizeof keymap_names[0])

/* Other names for actions and views: tidings 0.1's own names, and the
 * names newsboat's source takes besides the documented ones. */
static const struct {
	const char *alias, *name;
} keymap_action_aliases[] = {
	{ "toggle-show-read", "toggle-show-read-feeds" },
	{ "select-tag", "set-tag" },
	{ "search", "open-search" },
	{ "pb-decreate-max-dls", "pb-decrease-max-dls" },	/* newsboat's spelling */
}, keymap_view_aliases[] = {
	{ "everywhere", "all" },
	{ "itemlist", "articlelist" },
	{ "search", "searchresultslist" },
};

#define NALIASES(t) (sizeof (t) / sizeof (t)[0])

static const struct {
	const char *keys, *views;
	enum keymap_action action;
} keymap_more_defaults[] = {
#define KEYMAP_MORE(id, keys, views) { keys, views, KEYMAP_##id },
	KEYMAP_MORE_DEFAULTS(KEYMAP_MORE)
#undef KEYMAP_MORE
};

struct keymap *
keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void
keymap_table_clear(struct keymap_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		keymap_ops_free(t->b[i].ops);
	t->n = 0;
}

void
keymap_free(struct keymap *km)
{
	size_t v;

	if (km == NULL)
		return;
	for (v = 0; v < KEYMAP_NVIEWS; v++) {
		keymap_table_clear(&km->views[v]);
		free(km->views[v].b);
	}
	for (v = 0; v < km->nmacros; v++)
		keymap_ops_free(km->macros[v].ops);
	free(km->macros);
	keymap_ops_free(km->startup);
	free(km);
}

/* "bind-key \"k\" action view" for each key and view of a default. */
static void
keymap_default_lines(struct buf *out, const char *keys, const char *views,
    enum keymap_action a)
{
	const char *k = keys, *v;
	size_t kl, vl;

	while (*k != '\0') {
		kl = strcspn(k, " ");
		v = *views ? views : "all";
		while (*v != '\0') {
			vl = strcspn(v, " ");
			/* quoted: "#" and "\"" are keys too */
			if (buf_printf(out, "bind-key \"%s%.*s\" %s %.*s\n",
			    (kl == 1 && (*k == '"' || *k == '\\')) ? "\\" : "", (int)kl, k,
			    keymap_actions[a].name, (int)vl, v) < 0)
				abort();	/* no cap on the buffer */
			v += vl;
			while (*v == ' ')
				v++;
		}
		k += kl;
		while (*k == ' ')
			k++;
	}
}

char *
keymap_default_config(void)
{
	struct buf out;
	size_t i;
	int a;

	buf_init(&out, 0);
	for (a = 1; a < KEYMAP_NACTIONS; a++)
		keymap_default_lines(&out, keymap_actions[a].keys, keymap_actions[a].view,
		    (enum keymap_action)a);
	for (i = 0; i < NALIASES(keymap_more_defaults); i++)
		keymap_default_lines(&out, keymap_more_defaults[i].keys,
		    keymap_more_defaults[i].views, keymap_more_defaults[i].action);
	return buf_take(&out);
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

/* One key of a bind sequence at *p: "^x", "<C-x>", "<NAME>", or one
 * character (an upper-case letter is itself: tidings sees the shift). */
static int
keymap_seq_key(const char **p, uint32_t *key)
{
	const char *s = *p, *close;
	char name[32];
	size_t len;
	uint32_t cp;
	int ctrl = 0;

	if (s[0] == '^' && ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'))) {
		name[0] = '^';
		name[1] = s[1];
		name[2] = '\0';
		*p = s + 2;
		return keymap_key_parse(name, key);
	}
	if (s[0] == '<' && (close = strchr(s + 1, '>')) != NULL && close > s + 1) {
		s++;
		for (;;) {
			if (strncmp(s, "C-", 2) == 0)
				ctrl = 1;
			else if (strncmp(s, "S-", 2) != 0 || close - s <= 2)
				break;
			s += 2;
		}
		len = (size_t)(close - s);
		if (len == 0 || len >= sizeof name || strncmp(s, "M-", 2) == 0)
			return 0;	/* Alt: tidings reads no Meta keys */
		memcpy(name, s, len);
		name[len] = '\0';
		*p = close + 1;
		if (strcmp(name, "LT") == 0)
			*key = '<';
		else if (strcmp(name, "GT") == 0)
			*key = '>';
		else if (ctrl && len == 1 && ((name[0] >= 'a' && name[0] <= 'z') ||
		    (name[0] >= 'A' && name[0] <= 'Z')))
			*key = KEYMAP_KEY_CTRL((uint32_t)name[0]);
		else if (ctrl || !keymap_key_parse(name, key))
			return 0;
		return 1;
	}
	len = text_decode(s, strlen(s), &cp);
	if (len == 0 || cp == TEXT_REPLACEMENT || text_is_removed(cp, 0) || cp == ' ')
		return 0;
	*key = cp;
	*p = s + len;
	return 1;
}

int
keymap_seq_parse(const char *text, uint32_t *seq, size_t max, size_t *n)
{
	const char *p = text;

	*n = 0;
	while (*p != '\0') {
		if (*n == max || !keymap_seq_key(&p, &seq[*n]))
			return 0;
		(*n)++;
	}
	return *n > 0;
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
	size_t i;
	int a;

	for (i = 0; i < NALIASES(keymap_action_aliases); i++)
		if (strcmp(name, keymap_action_aliases[i].alias) == 0)
			name = keymap_action_aliases[i].name;
	for (a = 1; a < KEYMAP_NACTIONS; a++)
		if (strcmp(name, keymap_actions[a].name) == 0)
			return a;
	return -1;
}

int
keymap_view_parse(const char *name)
{
	size_t i;
	int v;

	for (i = 0; i < NALIASES(keymap_view_aliases); i++)
		if (strcmp(name, keymap_view_aliases[i].alias) == 0)
			name = keymap_view_aliases[i].name;
	for (v = 0; v < KEYMAP_NVIEWS; v++)
		if (strcmp(name, keymap_views[v]) == 0)
			return v;
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

static int
keymap_seq_equal(const struct keymap_binding *b, const uint32_t *seq, size_t n)
{
	return b->nseq == n && memcmp(b->seq, seq, n * sizeof *seq) == 0;
}

static struct keymap_binding *
keymap_find_seq(const struct keymap_table *t, const uint32_t *seq, size_t n)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (keymap_seq_equal(&t->b[i], seq, n))
			return &t->b[i];
	return NULL;
}

/* Bind seq in t to action or ops (taken; NULL for a plain action). */
void
keymap_set_seq(struct keymap_table *t, const uint32_t *seq, size_t n,
    enum keymap_action action, struct keymap_ops *ops)
{
	struct keymap_binding *b = keymap_find_seq(t, seq, n);

	if (b == NULL) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 32;
			t->b = xreallocarray(t->b, t->cap, sizeof *t->b);
		}
		b = &t->b[t->n++];
		memcpy(b->seq, seq, n * sizeof *seq);
		b->nseq = n;
		b->ops = NULL;
	}
	keymap_ops_free(b->ops);
	b->action = action;
	b->ops = ops;
}

static void
keymap_set(struct keymap_table *t, uint32_t key, enum keymap_action action)
{
	keymap_set_seq(t, &key, 1, action, NULL);
}

/* Remove key, and every sequence starting with it, from t. */
void
keymap_remove(struct keymap_table *t, uint32_t key)
{
	size_t i = 0;

	while (i < t->n) {
		if (t->b[i].seq[0] == key) {
			keymap_ops_free(t->b[i].ops);
			memmove(&t->b[i], &t->b[i + 1], (t->n - i - 1) * sizeof *t->b);
			t->n--;
		} else {
			i++;
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
		return err_set(e, "unknown view \"%s\" (feedlist, articlelist, article, help, "
		    "searchresultslist, urlview, tagselection, filterselection, dialogs, "
		    "podboat, filebrowser, dirbrowser, all)", view);
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
	/* a key that started sequences is now a key of its own */
	keymap_remove(&km->views[v], k);
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
			keymap_table_clear(&km->views[i]);
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
		keymap_remove(&km->views[v], k);
		keymap_set(&km->views[v], k, KEYMAP_NONE);
	}
	return 0;
}

/* ---- lookup ---- */

static enum keymap_match
keymap_match_table(const struct keymap_table *t, const uint32_t *seq, size_t n,
    enum keymap_action *action, const struct keymap_ops **ops)
{
	size_t i;
	int more = 0;

	for (i = 0; i < t->n; i++) {
		const struct keymap_binding *b = &t->b[i];

		if (b->nseq < n || memcmp(b->seq, seq, n * sizeof *seq) != 0)
			continue;
		if (b->nseq == n) {
			*action = b->action;
			*ops = b->ops;
			return b->action == KEYMAP_NONE && b->ops == NULL ? KEYMAP_MATCH_NONE
			    : KEYMAP_MATCH_FOUND;
		}
		more = 1;
	}
	return more ? KEYMAP_MATCH_MORE : (enum keymap_match)-1;
}

enum keymap_match
keymap_match(const struct keymap *km, enum keymap_view view, const uint32_t *seq,
    size_t n, enum keymap_action *action, const struct keymap_ops **ops)
{
	enum keymap_match m;

	*action = KEYMAP_NONE;
	*ops = NULL;
	if (n == 0)
		return KEYMAP_MATCH_NONE;
	if ((int)view < 0 || view >= KEYMAP_NVIEWS)
		view = KEYMAP_VIEW_ALL;
	/* the view's own entry (an unbinding included) wins over "all" */
	m = keymap_match_table(&km->views[view], seq, n, action, ops);
	if ((int)m != -1)
		return m;
	if (view != KEYMAP_VIEW_ALL && km->views[view].cleared)
		return KEYMAP_MATCH_NONE;
	m = keymap_match_table(&km->views[KEYMAP_VIEW_ALL], seq, n, action, ops);
	return (int)m == -1 ? KEYMAP_MATCH_NONE : m;
}

enum keymap_action
keymap_lookup(const struct keymap *km, enum keymap_view view, uint32_t key)
{
	enum keymap_action a;
	const struct keymap_ops *ops;

	if (keymap_match(km, view, &key, 1, &a, &ops) != KEYMAP_MATCH_FOUND)
		return KEYMAP_NONE;
	return a;
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
			if (t->b[i].nseq == 1 && t->b[i].ops == NULL && t->b[i].action == action) {
				used = keymap_append_key(t->b[i].seq[0], out, size, used);
				count++;
			}
		}
	}
	for (i = 0; i < all->n; i++) {
		if (all->b[i].nseq != 1 || all->b[i].ops != NULL || all->b[i].action != action)
			continue;
		/* a view's own entry for the key (counted above) wins */
		if (view != KEYMAP_VIEW_ALL && (t->cleared ||
		    keymap_find_seq(t, all->b[i].seq, 1) != NULL))
			continue;
		used = keymap_append_key(all->b[i].seq[0], out, size, used);
		count++;
	}
	return count;
}
