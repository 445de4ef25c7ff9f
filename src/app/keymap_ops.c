/*
 * keymap_ops: the config lines that take lists of operations (bind,
 * macro, run-on-startup), parsed as newsboat's rust/libnewsboat keymap.rs
 * tokenizes them, and the keymap's macros and startup list.
 */
#include "app/keymap.h"
#include "app/keymap_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

void
keymap_ops_free(struct keymap_ops *ops)
{
	size_t i;
	int j;

	if (ops == NULL)
		return;
	for (i = 0; i < ops->n; i++) {
		for (j = 0; j < ops->ops[i].nargs; j++)
			free(ops->ops[i].args[j]);
		free(ops->ops[i].args);
	}
	free(ops->ops);
	free(ops->desc);
	free(ops);
}

/* Add word (len bytes) to the operation being built, starting one when
 * there is none. */
static int
keymap_ops_word(struct keymap_ops *ops, int *open, const char *word, size_t len,
    struct err *e)
{
	struct keymap_op *op;
	char *w = xstrndup(word, len);
	int a;

	if (!*open) {
		if (ops->n == KEYMAP_MAX_OPS) {
			free(w);
			return err_set(e, "more than %d operations", KEYMAP_MAX_OPS);
		}
		a = strcmp(w, "set") == 0 ? KEYMAP_OP_SET : keymap_action_parse(w);
		if (a < 0) {
			err_set(e, "unknown action \"%s\"", w);
			free(w);
			return -1;
		}
		free(w);
		ops->ops = xreallocarray(ops->ops, ops->n + 1, sizeof *ops->ops);
		op = &ops->ops[ops->n++];
		op->action = a;
		op->nargs = 0;
		op->args = xcalloc(1, sizeof *op->args);
		*open = 1;
		return 0;
	}
	op = &ops->ops[ops->n - 1];
	op->args = xreallocarray(op->args, (size_t)op->nargs + 2, sizeof *op->args);
	op->args[op->nargs++] = w;
	op->args[op->nargs] = NULL;
	return 0;
}

/* A "set" needs OPTION VALUE (or newsboat's OPTION! and OPTION&). */
static int
keymap_ops_check(const struct keymap_ops *ops, struct err *e)
{
	size_t i;

	for (i = 0; i < ops->n; i++) {
		const struct keymap_op *op = &ops->ops[i];

		if (op->action != KEYMAP_OP_SET)
			continue;
		if (op->nargs == 2)
			continue;
		if (op->nargs == 1 && strlen(op->args[0]) > 1 &&
		    strchr("!&", op->args[0][strlen(op->args[0]) - 1]) != NULL)
			continue;
		return err_set(e, "set needs OPTION VALUE");
	}
	return 0;
}

/*
 * argv[0..argc) as operations separated by ";" (a word of its own or
 * glued to words), with "-- DESCRIPTION" at the end when allowed.  A new
 * list, or NULL and *e.
 */
static struct keymap_ops *
keymap_ops_parse(char **argv, int argc, int allow_desc, struct err *e)
{
	struct keymap_ops *ops = xcalloc(1, sizeof *ops);
	int i, open = 0;

	for (i = 0; i < argc; i++) {
		const char *p = argv[i];

		if (strcmp(p, "--") == 0) {
			if (!allow_desc) {
				err_set(e, "run-on-startup takes no -- description");
				goto fail;
			}
			if (i + 2 != argc) {
				err_set(e, "-- takes one quoted description, at the end");
				goto fail;
			}
			ops->desc = xstrdup(argv[i + 1]);
			break;
		}
		/* a word with a blank was quoted (the split took the quotes):
		 * its inner ";" are text, as in set browser "mpv %u; echo x";
		 * one glued before or after the quotes still separates */
		if (strpbrk(p, " \t") != NULL) {
			size_t len = strlen(p);

			for (; *p == ';'; p++, len--)
				open = 0;
			while (len > 0 && p[len - 1] == ';')
				len--;
			if (keymap_ops_word(ops, &open, p, len, e) < 0)
				goto fail;
			if (p[len] == ';')
				open = 0;
			continue;
		}
		while (*p != '\0') {
			size_t len = strcspn(p, ";");

			if (len > 0 && keymap_ops_word(ops, &open, p, len, e) < 0)
				goto fail;
			p += len;
			if (*p == ';') {
				open = 0;
				p++;
			}
		}
		if (argv[i][0] == '\0' && open &&
		    keymap_ops_word(ops, &open, "", 0, e) < 0)	/* "" is an argument */
			goto fail;
	}
	if (ops->n == 0) {
		err_set(e, "no operation");
		goto fail;
	}
	if (keymap_ops_check(ops, e) < 0)
		goto fail;
	return ops;
fail:
	keymap_ops_free(ops);
	return NULL;
}

static int
keymap_config_bind(struct keymap *km, char **argv, int argc, struct err *e)
{
	uint32_t seq[KEYMAP_MAX_SEQ];
	int views[KEYMAP_NVIEWS], nviews = 0, v, i;
	const char *p;
	size_t n;

	if (argc < 4)
		return err_set(e, "bind needs KEYS VIEW[,VIEW...] OPERATION [; OPERATION...]");
	if (!keymap_seq_parse(argv[1], seq, KEYMAP_MAX_SEQ, &n))
		return err_set(e, "bind: unknown key sequence \"%s\"", argv[1]);
	for (p = argv[2]; *p != '\0';) {
		size_t len = strcspn(p, ",");
		char *name = xstrndup(p, len);

		v = keymap_view_parse(name);
		if (v < 0) {
			err_set(e, "bind: unknown view \"%s\"", name);
			free(name);
			return -1;
		}
		free(name);
		for (i = 0; i < nviews && views[i] != v; i++)
			;
		if (i == nviews && nviews < KEYMAP_NVIEWS)
			views[nviews++] = v;
		p += len;
		if (*p == ',')
			p++;
	}
	if (nviews == 0)
		return err_set(e, "bind: no view");
	for (i = 0; i < nviews; i++) {
		struct keymap_ops *ops = keymap_ops_parse(argv + 3, argc - 3, 1, e);

		if (ops == NULL)
			return -1;
		/* sequences sharing a first key with this one give way, as a
		 * key cannot be both a binding and the start of one */
		keymap_remove(&km->views[views[i]], seq[0]);
		keymap_set_seq(&km->views[views[i]], seq, n, KEYMAP_NONE, ops);
		if (views[i] == KEYMAP_VIEW_ALL)
			for (v = 1; v < KEYMAP_NVIEWS; v++)
				keymap_remove(&km->views[v], seq[0]);
	}
	return 0;
}

int
keymap_config(struct keymap *km, char **argv, int argc, struct err *e)
{
	struct keymap_ops *ops;
	uint32_t key;
	size_t i;

	if (strcmp(argv[0], "bind") == 0)
		return keymap_config_bind(km, argv, argc, e);
	if (strcmp(argv[0], "macro") == 0) {
		if (argc < 3)
			return err_set(e, "macro needs KEY OPERATION [; OPERATION...]");
		if (!keymap_key_parse(argv[1], &key))
			return err_set(e, "unknown key name \"%s\"", argv[1]);
		if ((ops = keymap_ops_parse(argv + 2, argc - 2, 1, e)) == NULL)
			return -1;
		for (i = 0; i < km->nmacros && km->macros[i].key != key; i++)
			;
		if (i == km->nmacros) {
			km->macros = xreallocarray(km->macros, km->nmacros + 1, sizeof *km->macros);
			km->nmacros++;
		} else {
			keymap_ops_free(km->macros[i].ops);
		}
		km->macros[i].key = key;
		km->macros[i].ops = ops;
		return 0;
	}
	if (strcmp(argv[0], "run-on-startup") == 0) {
		if ((ops = keymap_ops_parse(argv + 1, argc - 1, 0, e)) == NULL)
			return -1;
		keymap_ops_free(km->startup);
		km->startup = ops;
		return 0;
	}
	return err_set(e, "unknown option \"%s\"", argv[0]);
}

const struct keymap_ops *
keymap_macro(const struct keymap *km, uint32_t key)
{
	size_t i;

	for (i = 0; i < km->nmacros; i++)
		if (km->macros[i].key == key)
			return km->macros[i].ops;
	return NULL;
}

size_t
keymap_macro_count(const struct keymap *km)
{
	return km->nmacros;
}

const struct keymap_ops *
keymap_macro_at(const struct keymap *km, size_t i, uint32_t *key)
{
	if (i >= km->nmacros)
		return NULL;
	*key = km->macros[i].key;
	return km->macros[i].ops;
}

const struct keymap_ops *
keymap_startup(const struct keymap *km)
{
	return km->startup;
}

void
keymap_ops_describe(const struct keymap_ops *ops, char *out, size_t size)
{
	struct buf b;
	size_t i;
	int j;

	if (size == 0)
		return;
	buf_init(&b, size - 1);
	if (ops->desc != NULL) {
		(void)buf_addstr(&b, ops->desc);
	} else {
		for (i = 0; i < ops->n; i++) {
			const struct keymap_op *op = &ops->ops[i];

			(void)buf_printf(&b, "%s%s", i ? "; " : "", op->action == KEYMAP_OP_SET
			    ? "set" : keymap_action_name((enum keymap_action)op->action));
			for (j = 0; j < op->nargs; j++)
				(void)buf_printf(&b, strpbrk(op->args[j], " ;\"") || !op->args[j][0]
				    ? " \"%s\"" : " %s", op->args[j]);
		}
	}
	/* cut at the cap: what fits, always terminated */
	snprintf(out, size, "%s", b.data);
	buf_release(&b);
}


/* seq as bind writes it: one-character names as they are, the others
 * in angle brackets. */
static void
keymap_seq_text(const struct keymap_binding *b, char *out, size_t size)
{
	struct buf t;
	char name[32];
	size_t i;

	buf_init(&t, size - 1);
	for (i = 0; i < b->nseq; i++) {
		keymap_key_name(b->seq[i], name, sizeof name);
		if (b->seq[i] < 0x80 && b->seq[i] >= 0x21 && b->seq[i] != '<' && b->seq[i] != '>')
			(void)buf_addstr(&t, name);
		else if (name[0] == '^' && name[1] != '\0')
			(void)buf_addstr(&t, name);
		else if (b->seq[i] >= 0x80 && b->seq[i] < 0x110000)
			(void)buf_addstr(&t, name);
		else
			(void)buf_printf(&t, "<%s>", b->seq[i] == '<' ? "LT" : b->seq[i] == '>'
			    ? "GT" : name);
	}
	snprintf(out, size, "%s", t.data);
	buf_release(&t);
}

const struct keymap_ops *
keymap_list_binding(const struct keymap *km, enum keymap_view view, size_t i, char *keys,
    size_t size)
{
	const struct keymap_table *own = &km->views[view], *all = &km->views[KEYMAP_VIEW_ALL];
	size_t j;

	if (size == 0)
		return NULL;
	for (j = 0; j < own->n; j++) {
		if (own->b[j].ops != NULL && i-- == 0) {
			keymap_seq_text(&own->b[j], keys, size);
			return own->b[j].ops;
		}
	}
	if (view == KEYMAP_VIEW_ALL || own->cleared)
		return NULL;
	for (j = 0; j < all->n; j++) {
		size_t k;

		if (all->b[j].ops == NULL)
			continue;
		/* shadowed by the view's own entry for its first key */
		for (k = 0; k < own->n && own->b[k].seq[0] != all->b[j].seq[0]; k++)
			;
		if (k < own->n || i-- != 0)
			continue;
		keymap_seq_text(&all->b[j], keys, size);
		return all->b[j].ops;
	}
	return NULL;
}
