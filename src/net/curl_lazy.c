#define CURL_LAZY_IMPL
#include "config.h"

#include "net/curl_lazy.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#ifndef CURL_LAZY_SONAME
#define CURL_LAZY_SONAME "libcurl.so.4"
#endif

int
curl_lazy_check_version(unsigned found, unsigned need, char *msg, size_t size)
{
	if (found >= need)
		return 0;
	snprintf(msg, size, "libcurl %u.%u.%u is too old: "
	    PACKAGE_NAME " needs %u.%u.%u or newer",
	    (found >> 16) & 0xffu, (found >> 8) & 0xffu, found & 0xffu,
	    (need >> 16) & 0xffu, (need >> 8) & 0xffu, need & 0xffu);
	return -1;
}

/* The version of the libcurl actually loaded, not the headers'. */
static int
version_check(curl_version_info_data *(*info)(CURLversion), char *msg,
    size_t size)
{
	const curl_version_info_data *v = info(CURLVERSION_NOW);

	if (v == NULL) {
		snprintf(msg, size, "libcurl (%s) reports no version",
		    CURL_LAZY_SONAME);
		return -1;
	}
	return curl_lazy_check_version(v->version_num, CURL_LAZY_NEED_VERSION,
	    msg, size);
}

#if TIDINGS_LAZY_CURL

struct curl_lazy curl_lazy;

int
curl_lazy_load(char *msg, size_t size)
{
	static void *lib;
	void *sym;

	if (lib)
		return version_check(curl_lazy.curl_version_info, msg, size);
	lib = dlopen(CURL_LAZY_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		snprintf(msg, size, "cannot load libcurl (%s): %s", CURL_LAZY_SONAME, dlerror());
		return -1;
	}
	/* dlsym gives an object pointer; memcpy turns it into a function pointer */
#define CURL_LAZY_RESOLVE(ret, name, args) \
	sym = dlsym(lib, #name); \
	if (sym == NULL) { \
		snprintf(msg, size, "libcurl (%s) has no %s", CURL_LAZY_SONAME, #name); \
		dlclose(lib); \
		lib = NULL; \
		return -1; \
	} \
	memcpy(&curl_lazy.name, &sym, sizeof sym);
	CURL_LAZY_FUNCTIONS(CURL_LAZY_RESOLVE)
#undef CURL_LAZY_RESOLVE
	/* a library too old stays loaded: every later call says so again */
	return version_check(curl_lazy.curl_version_info, msg, size);
}

#else

/* libcurl is linked: the dynamic loader found it before main. */
int
curl_lazy_load(char *msg, size_t size)
{
	return version_check(curl_version_info, msg, size);
}

#endif
