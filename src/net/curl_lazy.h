/*
 * curl_lazy: libcurl loaded when the first transfer needs it.
 *
 * libcurl and the libraries it pulls in (TLS, Kerberos, LDAP, SSH, IDN,
 * HTTP/2, brotli, zstd ...) cost about 24 ms of CPU in the dynamic loader
 * at every start, before main() runs; most starts (the reader's first
 * screen, items, show, search) never fetch anything.  So the program does
 * not link libcurl: fetch.c calls it through this table, filled by
 * curl_lazy_load() with dlopen/dlsym on the first fetch_global_init.
 *
 * Because nothing links it, packaging tools that read the ELF dependencies
 * (Debian's dpkg-shlibdeps, rpm's find-requires) cannot see that tidings
 * needs libcurl at run time, as CURL_LAZY_SONAME (libcurl.so.4): a package
 * must declare it by hand.
 *
 * ./configure --disable-lazy-curl (TIDINGS_LAZY_CURL 0) links libcurl the
 * ordinary way instead: there is no table, fetch.c calls curl directly, so
 * the option type checks of <curl/typecheck-gcc.h> apply, and
 * curl_lazy_load() only checks the version.
 *
 * Include this after "config.h" and <curl/curl.h>, in net/fetch*.c only
 * (through net/fetch_priv.h): in the lazy build it renames the curl
 * functions they use to calls through the table.
 */
#ifndef TIDINGS_CURL_LAZY_H
#define TIDINGS_CURL_LAZY_H

#include <stddef.h>

#include <curl/curl.h>

#ifndef TIDINGS_LAZY_CURL
#error "include config.h first: it says whether libcurl is linked or loaded"
#endif

/*
 * The oldest libcurl this build works with (as LIBCURL_VERSION_NUM): the
 * newest thing fetch.c relies on.  Built against 7.85.0 or later, fetch.c
 * restricts protocols with CURLOPT_PROTOCOLS_STR and
 * CURLOPT_REDIR_PROTOCOLS_STR, which an older library refuses; with older
 * headers it uses the bitmask forms, and the newest things left are the
 * URL API's CURLU_DEFAULT_PORT (7.62.0) and CURLINFO_TOTAL_TIME_T (7.61.0).
 * Raise it when fetch.c starts to use something newer.
 */
#if LIBCURL_VERSION_NUM >= 0x075500
#define CURL_LAZY_PROTOCOLS_STR	1
#define CURL_LAZY_NEED_VERSION	0x075500u
#else
#define CURL_LAZY_PROTOCOLS_STR	0
#define CURL_LAZY_NEED_VERSION	0x073e00u
#endif

/*
 * Load libcurl once (lazy build), and at every call check that its version
 * is at least CURL_LAZY_NEED_VERSION (both builds: the libcurl.so.4 found
 * at run time may be older than the headers).  0, or -1 with a one-line
 * message in msg.
 */
int curl_lazy_load(char *msg, size_t size);

/*
 * 0 when libcurl version `found' (LIBCURL_VERSION_NUM form, 0xXXYYZZ) is
 * `need' or newer; else -1 with "libcurl 7.84.0 is too old: tidings needs
 * 7.85.0 or newer" in msg.
 */
int curl_lazy_check_version(unsigned found, unsigned need, char *msg,
    size_t size);

#if !TIDINGS_LAZY_CURL && defined(__GNUC__) && \
    (__GNUC__ > 4 || (__GNUC__ == 4 && __GNUC_MINOR__ >= 3)) && \
    !defined(curlcheck_long_option)
/* the conditions under which <curl/curl.h> includes typecheck-gcc.h */
#error "the linked build is for curl's option type checks, and they are off"
#endif

#if TIDINGS_LAZY_CURL

#define CURL_LAZY_FUNCTIONS(X) \
	X(CURLcode, curl_global_init, (long)) \
	X(void, curl_global_cleanup, (void)) \
	X(curl_version_info_data *, curl_version_info, (CURLversion)) \
	X(CURL *, curl_easy_init, (void)) \
	X(CURLcode, curl_easy_setopt, (CURL *, CURLoption, ...)) \
	X(CURLcode, curl_easy_getinfo, (CURL *, CURLINFO, ...)) \
	X(void, curl_easy_cleanup, (CURL *)) \
	X(const char *, curl_easy_strerror, (CURLcode)) \
	X(CURLM *, curl_multi_init, (void)) \
	X(CURLMcode, curl_multi_setopt, (CURLM *, CURLMoption, ...)) \
	X(CURLMcode, curl_multi_add_handle, (CURLM *, CURL *)) \
	X(CURLMcode, curl_multi_remove_handle, (CURLM *, CURL *)) \
	X(CURLMcode, curl_multi_socket_action, (CURLM *, curl_socket_t, int, int *)) \
	X(CURLMsg *, curl_multi_info_read, (CURLM *, int *)) \
	X(CURLMcode, curl_multi_cleanup, (CURLM *)) \
	X(CURLU *, curl_url, (void)) \
	X(CURLUcode, curl_url_set, (CURLU *, CURLUPart, const char *, unsigned int)) \
	X(CURLUcode, curl_url_get, (const CURLU *, CURLUPart, char **, unsigned int)) \
	X(void, curl_url_cleanup, (CURLU *)) \
	X(void, curl_free, (void *)) \
	X(struct curl_slist *, curl_slist_append, (struct curl_slist *, const char *)) \
	X(void, curl_slist_free_all, (struct curl_slist *)) \
	X(time_t, curl_getdate, (const char *, const time_t *))

#define CURL_LAZY_MEMBER(ret, name, args) ret (*name) args;
struct curl_lazy {
	CURL_LAZY_FUNCTIONS(CURL_LAZY_MEMBER)
};
#undef CURL_LAZY_MEMBER

/* Filled by curl_lazy_load; tests may swap an entry to inject a failure. */
extern struct curl_lazy curl_lazy;

#ifndef CURL_LAZY_IMPL
/* the type-checking macros of curl/typecheck-gcc.h name the functions */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_global_init (*curl_lazy.curl_global_init)
#define curl_global_cleanup (*curl_lazy.curl_global_cleanup)
#define curl_version_info (*curl_lazy.curl_version_info)
#define curl_easy_init (*curl_lazy.curl_easy_init)
#define curl_easy_setopt (*curl_lazy.curl_easy_setopt)
#define curl_easy_getinfo (*curl_lazy.curl_easy_getinfo)
#define curl_easy_cleanup (*curl_lazy.curl_easy_cleanup)
#define curl_easy_strerror (*curl_lazy.curl_easy_strerror)
#define curl_multi_init (*curl_lazy.curl_multi_init)
#define curl_multi_setopt (*curl_lazy.curl_multi_setopt)
#define curl_multi_add_handle (*curl_lazy.curl_multi_add_handle)
#define curl_multi_remove_handle (*curl_lazy.curl_multi_remove_handle)
#define curl_multi_socket_action (*curl_lazy.curl_multi_socket_action)
#define curl_multi_info_read (*curl_lazy.curl_multi_info_read)
#define curl_multi_cleanup (*curl_lazy.curl_multi_cleanup)
#define curl_url (*curl_lazy.curl_url)
#define curl_url_set (*curl_lazy.curl_url_set)
#define curl_url_get (*curl_lazy.curl_url_get)
#define curl_url_cleanup (*curl_lazy.curl_url_cleanup)
#define curl_free (*curl_lazy.curl_free)
#define curl_slist_append (*curl_lazy.curl_slist_append)
#define curl_slist_free_all (*curl_lazy.curl_slist_free_all)
#define curl_getdate (*curl_lazy.curl_getdate)
#endif

#endif /* TIDINGS_LAZY_CURL */

#endif
