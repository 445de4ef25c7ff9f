#define CURL_LAZY_IMPL
#include "config.h"

#include "net/curl_lazy.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#ifndef CURL_LAZY_SONAME
#define CURL_LAZY_SONAME "libcurl.so.4"
#endif

struct curl_lazy curl_lazy;

int
curl_lazy_load(char *msg, size_t size)
{
	static void *lib;
	void *sym;

	if (lib)
		return 0;
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
	return 0;
}
