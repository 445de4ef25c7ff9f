#include "app/macro.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* The current text of name after settings_init: its default. */
static char *
macro_default_text(const char *name)
{
	struct settings d;
	char *text;

	settings_init(&d);
	text = settings_value_text(&d, name);
	settings_release(&d);
	return text;
}

int
macro_set(struct settings *cfg, char *const *args, int nargs, struct err *e)
{
	char *name, *value = NULL, *line;
	struct buf b;
	const char *p;
	size_t len;
	int rc;

	if (nargs < 1 || nargs > 2)
		return err_set(e, "set needs OPTION VALUE");
	name = xstrdup(args[0]);
	len = strlen(name);
	if (nargs == 2) {
		value = xstrdup(args[1]);
	} else if (len > 1 && (name[len - 1] == '!' || name[len - 1] == '&')) {
		char op = name[len - 1];

		name[len - 1] = '\0';
		value = op == '&' ? macro_default_text(name) : settings_value_text(cfg, name);
		if (value == NULL) {
			rc = err_set(e, "set: \"%s\" is not an option with one value", name);
			goto done;
		}
		if (op == '!') {
			if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
				rc = err_set(e, "set %s!: %s is not a yes/no option", name, name);
				goto done;
			}
			p = strcmp(value, "yes") == 0 ? "no" : "yes";
			free(value);
			value = xstrdup(p);
		}
	} else {
		rc = err_set(e, "set needs OPTION VALUE");
		goto done;
	}
	/* one config line, the value quoted whole: the parser that reads the
	 * file checks it, and its words are never split again */
	buf_init(&b, 0);
	(void)buf_addstr(&b, name);
	(void)buf_addstr(&b, " \"");
	for (p = value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\' || *p == '`')
			(void)buf_addc(&b, '\\');
		(void)buf_addc(&b, *p);
	}
	(void)buf_addc(&b, '"');
	line = buf_take(&b);
	rc = settings_parse_line(cfg, line, e);
	free(line);
	if (rc < 0) {
		struct err inner = *e;

		rc = err_set(e, "set: %s", inner.msg);
	}
done:
	free(value);
	free(name);
	return rc;
}

int
macro_run(const struct macro_runner *m, const struct keymap_ops *ops, struct err *e)
{
	size_t i;

	for (i = 0; i < ops->n; i++) {
		const struct keymap_op *op = &ops->ops[i];

		if (op->action == KEYMAP_OP_SET) {
			if (macro_set(m->cfg, op->args, op->nargs, e) < 0)
				return -1;
			if (m->changed != NULL) {
				char *name = xstrdup(op->args[0]);
				size_t len = strlen(name);

				if (op->nargs == 1 && len > 0)
					name[len - 1] = '\0';	/* the ! or & */
				m->changed(m->arg, name);
				free(name);
			}
			continue;
		}
		if (m->act(m->arg, (enum keymap_action)op->action, op->args, op->nargs, e) < 0)
			return -1;
	}
	return 0;
}
