#include "article/html.h"

#include <string.h>

int
html_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

int
html_in(const xmlNode *n, const char *const *list)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	for (; *list != NULL; list++)
		if (strcmp((const char *)n->name, *list) == 0)
			return 1;
	return 0;
}

int
html_heading(const xmlNode *n)
{
	const char *s;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	s = (const char *)n->name;
	if (s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0')
		return s[1] - '0';
	return 0;
}

xmlNode *
html_body(const xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *c;

	if (root == NULL)
		return NULL;
	for (c = root->children; c != NULL; c = c->next)
		if (html_is(c, "body"))
			return c;
	return root;
}
