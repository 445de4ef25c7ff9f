#include "app/files.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xalloc.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/tidings"
#endif

static char *
files_base(const char *xdg_var, const char *fallback, struct err *e)
{
	const char *v = getenv(xdg_var), *home;

	/* the XDG spec says relative values are to be ignored */
	if (v && v[0] == '/')
		return xasprintf("%s/tidings", v);
	home = getenv("HOME");
	if (home == NULL || home[0] == '\0') {
		err_set(e, "neither $%s nor $HOME is set: name the files with --config, "
		    "--feeds and --cache", xdg_var);
		return NULL;
	}
	return xasprintf("%s/%s/tidings", home, fallback);
}

int
files_resolve(struct files *f, struct err *e)
{
	char *conf = NULL, *data = NULL;

	if (f->config == NULL || f->feeds == NULL) {
		if ((conf = files_base("XDG_CONFIG_HOME", ".config", e)) == NULL)
			return -1;
		if (f->config == NULL)
			f->config = xasprintf("%s/config", conf);
		if (f->feeds == NULL)
			f->feeds = xasprintf("%s/feeds", conf);
		free(conf);
	}
	if (f->cache == NULL) {
		if ((data = files_base("XDG_DATA_HOME", ".local/share", e)) == NULL)
			return -1;
		f->cache = xasprintf("%s/cache.db", data);
		free(data);
	}
	return 0;
}

void
files_release(struct files *f)
{
	free(f->config);
	free(f->feeds);
	free(f->cache);
	memset(f, 0, sizeof *f);
}

int
files_make_parent(const char *path, struct err *e)
{
	char *dir = xstrdup(path), *p;
	int rc = 0;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
				rc = err_set(e, "%s: cannot create directory: %s", dir, strerror(errno));
				break;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(dir);
	return rc;
}

static int
files_is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
files_newsboat(const char *dir, struct files *nb, struct err *e)
{
	const char *home = getenv("HOME"), *cfg = getenv("XDG_CONFIG_HOME"),
	    *data = getenv("XDG_DATA_HOME");
	char *d;

	memset(nb, 0, sizeof *nb);
	if (dir != NULL) {
		if (!files_is_dir(dir))
			return err_set(e, "%s: not a directory", dir);
		nb->config = xasprintf("%s/config", dir);
		nb->feeds = xasprintf("%s/urls", dir);
		nb->cache = xasprintf("%s/cache.db", dir);
		return 1;
	}
	if (home != NULL && *home != '\0') {
		d = xasprintf("%s/.newsboat", home);
		if (files_is_dir(d)) {
			int rc = files_newsboat(d, nb, e);

			free(d);
			return rc;
		}
		free(d);
	}
	/* the XDG spec says relative values are to be ignored */
	if (cfg != NULL && cfg[0] == '/')
		d = xasprintf("%s/newsboat", cfg);
	else if (home != NULL && *home != '\0')
		d = xasprintf("%s/.config/newsboat", home);
	else
		return 0;
	if (!files_is_dir(d)) {
		free(d);
		return 0;
	}
	nb->config = xasprintf("%s/config", d);
	nb->feeds = xasprintf("%s/urls", d);
	free(d);
	if (data != NULL && data[0] == '/')
		nb->cache = xasprintf("%s/newsboat/cache.db", data);
	else if (home != NULL && *home != '\0')
		nb->cache = xasprintf("%s/.local/share/newsboat/cache.db", home);
	else
		nb->cache = xstrdup("");
	return 1;
}

const char *
files_data_dir(void)
{
	static char *dir;
	const char *env = getenv("TIDINGS_DATA_DIR");

	if (dir)
		return dir;
	if (env && *env)
		dir = xstrdup(env);
	else if (files_is_dir(PKGDATADIR "/samples"))
		dir = xstrdup(PKGDATADIR);
#ifdef SRCDATADIR
	else if (files_is_dir(SRCDATADIR "/samples"))
		dir = xstrdup(SRCDATADIR);	/* running from a build tree */
#endif
	else
		dir = xstrdup(PKGDATADIR);
	return dir;
}

char *
files_default_feeds(void)
{
	const char *d = files_data_dir();

	return xasprintf(
	    "# tidings feeds file: one feed a line, a URL then tags in quotes if\n"
	    "# they hold blanks; \"~Title\" sets a title.  newsboat's urls format.\n"
	    "\n"
	    "# A sample feed shipped with tidings, readable offline (the same items\n"
	    "# are also shipped as Atom: kyiv-feed.atom beside it):\n"
	    "file://%s/samples/kyiv-feed.xml samples \"~Kyiv Independent (sample)\"\n"
	    "\n"
	    "# A few news feeds (need the network):\n"
	    "https://feeds.bbci.co.uk/news/world/rss.xml news\n"
	    "https://www.theguardian.com/world/rss news\n"
	    "https://hnrss.org/frontpage tech\n"
	    "https://lwn.net/headlines/rss tech\n",
	    d);
}
