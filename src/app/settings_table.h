/*
 * settings_table: every newsboat (and podboat) config option tidings reads
 * beyond the ones with fields of their own in struct settings, as data.
 *
 * SETTINGS_VALUES: options with one value, X(ID, name, kind, default,
 * choices).  kind is SETTINGS_BOOL (yes/no), SETTINGS_INT (a number >= 0),
 * SETTINGS_STR (any one word; quote a value with spaces) or SETTINGS_ENUM
 * (one of the '|'-separated choices).  Defaults are newsboat's, from its
 * doc/configcommands.dsv and doc/podboat-cmds.dsv, unless a comment says
 * why tidings differs.  Read a value with settings_bool/settings_int/
 * settings_str (app/settings.h).
 *
 * SETTINGS_LISTS: commands that may appear many times or take many words,
 * X(ID, name, min words, max words (-1: any)); every line is kept in file
 * order with the file name and line it came from (settings_lines).
 *
 * The list and title formats keep tidings' own look by default, written
 * with newsboat's letters plus a few of tidings' own (app/view_feeds.h,
 * view_items.h and ui/ui_draw.c list them); a newsboat user's own format
 * renders as newsboat renders it.
 *
 * The module that gives an option its meaning reads it here; an option
 * that has no meaning in tidings says so in the man page.
 */
#ifndef TIDINGS_SETTINGS_TABLE_H
#define TIDINGS_SETTINGS_TABLE_H

#define SETTINGS_VALUES(X) \
	X(ALWAYS_DISPLAY_DESCRIPTION, "always-display-description", SETTINGS_BOOL, "no", "") \
	X(ARTICLE_SORT_ORDER, "article-sort-order", SETTINGS_STR, "date-asc", "") \
	X(ARTICLELIST_FORMAT, "articlelist-format", SETTINGS_STR, "%4i %n%s %D  %?T?%-20T  &?%t", "") \
	X(ARTICLELIST_TITLE_FORMAT, "articlelist-title-format", SETTINGS_STR, "%N %V - %T (%C)", "") \
	X(AUTO_RELOAD, "auto-reload", SETTINGS_BOOL, "no", "") \
	X(BOOKMARK_AUTOPILOT, "bookmark-autopilot", SETTINGS_BOOL, "no", "") \
	X(BOOKMARK_CMD, "bookmark-cmd", SETTINGS_STR, "", "") \
	X(BOOKMARK_INTERACTIVE, "bookmark-interactive", SETTINGS_BOOL, "no", "") \
	X(CACHE_FILE, "cache-file", SETTINGS_STR, "", "") \
	X(CLEANUP_ON_QUIT, "cleanup-on-quit", SETTINGS_ENUM, "nudge", "yes|no|nudge") \
	X(CONFIRM_DELETE_ALL_ARTICLES, "confirm-delete-all-articles", SETTINGS_BOOL, "yes", "") \
	X(CONFIRM_MARK_ALL_FEEDS_READ, "confirm-mark-all-feeds-read", SETTINGS_BOOL, "yes", "") \
	X(CONFIRM_MARK_FEED_READ, "confirm-mark-feed-read", SETTINGS_BOOL, "yes", "") \
	X(COOKIE_CACHE, "cookie-cache", SETTINGS_STR, "", "") \
	X(DATETIME_FORMAT, "datetime-format", SETTINGS_STR, "%b %d", "") \
	X(DELETE_READ_ARTICLES_ON_QUIT, "delete-read-articles-on-quit", SETTINGS_BOOL, "no", "") \
	X(DIALOGS_TITLE_FORMAT, "dialogs-title-format", SETTINGS_STR, "%N %V - Dialogs", "") \
	X(DIRBROWSER_TITLE_FORMAT, "dirbrowser-title-format", SETTINGS_STR, "%N %V - %?O?Open Directory&Save File? - %f", "") \
	X(DISPLAY_ARTICLE_PROGRESS, "display-article-progress", SETTINGS_BOOL, "yes", "") \
	X(DOWNLOAD_FULL_PAGE, "download-full-page", SETTINGS_BOOL, "no", "") \
	X(DOWNLOAD_RETRIES, "download-retries", SETTINGS_INT, "1", "") \
	X(ERROR_LOG, "error-log", SETTINGS_STR, "", "") \
	X(EXTERNAL_URL_VIEWER, "external-url-viewer", SETTINGS_STR, "", "") \
	X(FEED_SORT_ORDER, "feed-sort-order", SETTINGS_STR, "none", "") \
	X(FEEDBIN_FLAG_STAR, "feedbin-flag-star", SETTINGS_STR, "", "") \
	X(FEEDBIN_LOGIN, "feedbin-login", SETTINGS_STR, "", "") \
	X(FEEDBIN_PASSWORD, "feedbin-password", SETTINGS_STR, "", "") \
	X(FEEDBIN_PASSWORDEVAL, "feedbin-passwordeval", SETTINGS_STR, "", "") \
	X(FEEDBIN_PASSWORDFILE, "feedbin-passwordfile", SETTINGS_STR, "", "") \
	X(FEEDBIN_URL, "feedbin-url", SETTINGS_STR, "https://api.feedbin.com", "") \
	X(FEEDHQ_FLAG_SHARE, "feedhq-flag-share", SETTINGS_STR, "", "") \
	X(FEEDHQ_FLAG_STAR, "feedhq-flag-star", SETTINGS_STR, "", "") \
	X(FEEDHQ_LOGIN, "feedhq-login", SETTINGS_STR, "", "") \
	X(FEEDHQ_MIN_ITEMS, "feedhq-min-items", SETTINGS_INT, "20", "") \
	X(FEEDHQ_PASSWORD, "feedhq-password", SETTINGS_STR, "", "") \
	X(FEEDHQ_PASSWORDEVAL, "feedhq-passwordeval", SETTINGS_STR, "", "") \
	X(FEEDHQ_PASSWORDFILE, "feedhq-passwordfile", SETTINGS_STR, "", "") \
	X(FEEDHQ_SHOW_SPECIAL_FEEDS, "feedhq-show-special-feeds", SETTINGS_BOOL, "yes", "") \
	X(FEEDHQ_URL, "feedhq-url", SETTINGS_STR, "https://feedhq.org/", "") \
	X(FEEDLIST_FORMAT, "feedlist-format", SETTINGS_STR, "%4i %n %11u  %E%t%?G?  [%G]&?", "") \
	X(FEEDLIST_TITLE_FORMAT, "feedlist-title-format", SETTINGS_STR, "%N %V - Feeds (%U unread, %c total)%?T?  tag: %T&?%?B?  %B articles to fetch&?", "") \
	X(FILEBROWSER_TITLE_FORMAT, "filebrowser-title-format", SETTINGS_STR, "%N %V - %?O?Open File&Save File? - %f", "") \
	X(FRESHRSS_FLAG_STAR, "freshrss-flag-star", SETTINGS_STR, "", "") \
	X(FRESHRSS_LOGIN, "freshrss-login", SETTINGS_STR, "", "") \
	X(FRESHRSS_MIN_ITEMS, "freshrss-min-items", SETTINGS_INT, "20", "") \
	X(FRESHRSS_PASSWORD, "freshrss-password", SETTINGS_STR, "", "") \
	X(FRESHRSS_PASSWORDEVAL, "freshrss-passwordeval", SETTINGS_STR, "", "") \
	X(FRESHRSS_PASSWORDFILE, "freshrss-passwordfile", SETTINGS_STR, "", "") \
	X(FRESHRSS_SHOW_SPECIAL_FEEDS, "freshrss-show-special-feeds", SETTINGS_BOOL, "yes", "") \
	X(FRESHRSS_URL, "freshrss-url", SETTINGS_STR, "", "") \
	X(GOTO_FIRST_UNREAD, "goto-first-unread", SETTINGS_BOOL, "yes", "") \
	X(GOTO_NEXT_FEED, "goto-next-feed", SETTINGS_BOOL, "yes", "") \
	X(HELP_TITLE_FORMAT, "help-title-format", SETTINGS_STR, "%N %V - Help (keys in the %v view)", "") \
	X(HISTORY_LIMIT, "history-limit", SETTINGS_INT, "100", "") \
	X(HTML_RENDERER, "html-renderer", SETTINGS_STR, "internal", "") \
	X(HTTP_AUTH_METHOD, "http-auth-method", SETTINGS_ENUM, "any", "any|basic|digest|digest_ie|gssnegotiate|ntlm|anysafe") \
	X(IGNORE_MODE, "ignore-mode", SETTINGS_ENUM, "download", "download|display") \
	X(INOREADER_APP_ID, "inoreader-app-id", SETTINGS_STR, "", "") \
	X(INOREADER_APP_KEY, "inoreader-app-key", SETTINGS_STR, "", "") \
	X(INOREADER_FLAG_SHARE, "inoreader-flag-share", SETTINGS_STR, "", "") \
	X(INOREADER_FLAG_STAR, "inoreader-flag-star", SETTINGS_STR, "", "") \
	X(INOREADER_LOGIN, "inoreader-login", SETTINGS_STR, "", "") \
	X(INOREADER_MIN_ITEMS, "inoreader-min-items", SETTINGS_INT, "20", "") \
	X(INOREADER_PASSWORD, "inoreader-password", SETTINGS_STR, "", "") \
	X(INOREADER_PASSWORDEVAL, "inoreader-passwordeval", SETTINGS_STR, "", "") \
	X(INOREADER_PASSWORDFILE, "inoreader-passwordfile", SETTINGS_STR, "", "") \
	X(INOREADER_SHOW_SPECIAL_FEEDS, "inoreader-show-special-feeds", SETTINGS_BOOL, "yes", "") \
	X(ITEMVIEW_TITLE_FORMAT, "itemview-title-format", SETTINGS_STR, "%N %V - Article: %T", "") \
	X(KEEP_ARTICLES_DAYS, "keep-articles-days", SETTINGS_INT, "0", "") \
	X(KEEP_FOREVER_IF_FLAGGED_WITH, "keep-forever-if-flagged-with", SETTINGS_STR, "", "") \
	X(MARK_AS_READ_ON_HOVER, "mark-as-read-on-hover", SETTINGS_BOOL, "no", "") \
	X(MAX_BROWSER_TABS, "max-browser-tabs", SETTINGS_INT, "10", "") \
	X(MAX_DOWNLOAD_SPEED, "max-download-speed", SETTINGS_INT, "0", "") \
	X(MINIFLUX_FLAG_SAVE, "miniflux-flag-save", SETTINGS_STR, "", "") \
	X(MINIFLUX_FLAG_STAR, "miniflux-flag-star", SETTINGS_STR, "", "") \
	X(MINIFLUX_LOGIN, "miniflux-login", SETTINGS_STR, "", "") \
	X(MINIFLUX_MIN_ITEMS, "miniflux-min-items", SETTINGS_INT, "100", "") \
	X(MINIFLUX_PASSWORD, "miniflux-password", SETTINGS_STR, "", "") \
	X(MINIFLUX_PASSWORDEVAL, "miniflux-passwordeval", SETTINGS_STR, "", "") \
	X(MINIFLUX_PASSWORDFILE, "miniflux-passwordfile", SETTINGS_STR, "", "") \
	X(MINIFLUX_SHOW_SPECIAL_FEEDS, "miniflux-show-special-feeds", SETTINGS_BOOL, "yes", "") \
	X(MINIFLUX_TOKEN, "miniflux-token", SETTINGS_STR, "", "") \
	X(MINIFLUX_TOKENEVAL, "miniflux-tokeneval", SETTINGS_STR, "", "") \
	X(MINIFLUX_TOKENFILE, "miniflux-tokenfile", SETTINGS_STR, "", "") \
	X(MINIFLUX_URL, "miniflux-url", SETTINGS_STR, "", "") \
	X(NEWSBLUR_LOGIN, "newsblur-login", SETTINGS_STR, "", "") \
	X(NEWSBLUR_MIN_ITEMS, "newsblur-min-items", SETTINGS_INT, "20", "") \
	X(NEWSBLUR_PASSWORD, "newsblur-password", SETTINGS_STR, "", "") \
	X(NEWSBLUR_PASSWORDEVAL, "newsblur-passwordeval", SETTINGS_STR, "", "") \
	X(NEWSBLUR_PASSWORDFILE, "newsblur-passwordfile", SETTINGS_STR, "", "") \
	X(NEWSBLUR_URL, "newsblur-url", SETTINGS_STR, "https://newsblur.com", "") \
	X(NOTIFY_ALWAYS, "notify-always", SETTINGS_BOOL, "no", "") \
	X(NOTIFY_BEEP, "notify-beep", SETTINGS_BOOL, "no", "") \
	X(NOTIFY_FORMAT, "notify-format", SETTINGS_STR, "Newsboat: finished reload, %f unread feeds (%n unread articles total)", "") \
	X(NOTIFY_PROGRAM, "notify-program", SETTINGS_STR, "", "") \
	X(NOTIFY_SCREEN, "notify-screen", SETTINGS_BOOL, "no", "") \
	X(NOTIFY_XTERM, "notify-xterm", SETTINGS_BOOL, "no", "") \
	X(OCNEWS_FLAG_STAR, "ocnews-flag-star", SETTINGS_STR, "", "") \
	X(OCNEWS_LOGIN, "ocnews-login", SETTINGS_STR, "", "") \
	X(OCNEWS_PASSWORD, "ocnews-password", SETTINGS_STR, "", "") \
	X(OCNEWS_PASSWORDEVAL, "ocnews-passwordeval", SETTINGS_STR, "", "") \
	X(OCNEWS_PASSWORDFILE, "ocnews-passwordfile", SETTINGS_STR, "", "") \
	X(OCNEWS_URL, "ocnews-url", SETTINGS_STR, "", "") \
	X(OLDREADER_FLAG_SHARE, "oldreader-flag-share", SETTINGS_STR, "", "") \
	X(OLDREADER_FLAG_STAR, "oldreader-flag-star", SETTINGS_STR, "", "") \
	X(OLDREADER_LOGIN, "oldreader-login", SETTINGS_STR, "", "") \
	X(OLDREADER_MIN_ITEMS, "oldreader-min-items", SETTINGS_INT, "20", "") \
	X(OLDREADER_PASSWORD, "oldreader-password", SETTINGS_STR, "", "") \
	X(OLDREADER_PASSWORDEVAL, "oldreader-passwordeval", SETTINGS_STR, "", "") \
	X(OLDREADER_PASSWORDFILE, "oldreader-passwordfile", SETTINGS_STR, "", "") \
	X(OLDREADER_SHOW_SPECIAL_FEEDS, "oldreader-show-special-feeds", SETTINGS_BOOL, "yes", "") \
	X(OPENBROWSER_AND_MARK_JUMPS_TO_NEXT_UNREAD, "openbrowser-and-mark-jumps-to-next-unread", SETTINGS_BOOL, "no", "") \
	X(PAGER, "pager", SETTINGS_STR, "internal", "") \
	X(PODCAST_AUTO_ENQUEUE, "podcast-auto-enqueue", SETTINGS_BOOL, "no", "") \
	X(PREPOPULATE_QUERY_FEEDS, "prepopulate-query-feeds", SETTINGS_BOOL, "no", "") \
	X(PROXY, "proxy", SETTINGS_STR, "", "") \
	X(PROXY_AUTH, "proxy-auth", SETTINGS_STR, "", "") \
	X(PROXY_AUTH_METHOD, "proxy-auth-method", SETTINGS_ENUM, "any", "any|basic|digest|digest_ie|gssnegotiate|ntlm|anysafe") \
	X(PROXY_TYPE, "proxy-type", SETTINGS_ENUM, "http", "http|socks4|socks4a|socks5|socks5h") \
	X(RELOAD_ONLY_VISIBLE_FEEDS, "reload-only-visible-feeds", SETTINGS_BOOL, "no", "") \
	X(RELOAD_TIME, "reload-time", SETTINGS_INT, "60", "") \
	X(RESTRICT_FILENAME, "restrict-filename", SETTINGS_BOOL, "yes", "") \
	X(SAVE_PATH, "save-path", SETTINGS_STR, "~/", "") \
	X(SCROLLOFF, "scrolloff", SETTINGS_INT, "0", "") \
	X(SEARCHRESULT_TITLE_FORMAT, "searchresult-title-format", SETTINGS_STR, "%N %V - Search (%C)", "") \
	X(SELECTFILTER_TITLE_FORMAT, "selectfilter-title-format", SETTINGS_STR, "%N %V - Select Filter", "") \
	X(SELECTTAG_FORMAT, "selecttag-format", SETTINGS_STR, "%4i  %T (%u)", "") \
	X(SELECTTAG_TITLE_FORMAT, "selecttag-title-format", SETTINGS_STR, "%N %V - Select Tag", "") \
	X(SHOW_KEYMAP_HINT, "show-keymap-hint", SETTINGS_BOOL, "yes", "") \
	X(SHOW_READ_ARTICLES, "show-read-articles", SETTINGS_BOOL, "yes", "") \
	X(SHOW_READ_FEEDS, "show-read-feeds", SETTINGS_BOOL, "yes", "") \
	X(SHOW_TITLE_BAR, "show-title-bar", SETTINGS_BOOL, "yes", "") \
	X(SSL_VERIFYHOST, "ssl-verifyhost", SETTINGS_BOOL, "yes", "") \
	X(SSL_VERIFYPEER, "ssl-verifypeer", SETTINGS_BOOL, "yes", "") \
	X(SUPPRESS_FIRST_RELOAD, "suppress-first-reload", SETTINGS_BOOL, "no", "") \
	X(SWAP_TITLE_AND_HINTS, "swap-title-and-hints", SETTINGS_BOOL, "no", "") \
	X(TEXT_WIDTH, "text-width", SETTINGS_INT, "0", "") \
	X(TOGGLEITEMREAD_JUMPS_TO_NEXT, "toggleitemread-jumps-to-next", SETTINGS_BOOL, "yes", "") \
	X(TOGGLEITEMREAD_JUMPS_TO_NEXT_UNREAD, "toggleitemread-jumps-to-next-unread", SETTINGS_BOOL, "no", "") \
	X(TTRSS_FLAG_PUBLISH, "ttrss-flag-publish", SETTINGS_STR, "", "") \
	X(TTRSS_FLAG_STAR, "ttrss-flag-star", SETTINGS_STR, "", "") \
	X(TTRSS_LOGIN, "ttrss-login", SETTINGS_STR, "", "") \
	X(TTRSS_MODE, "ttrss-mode", SETTINGS_ENUM, "multi", "multi|single") \
	X(TTRSS_PASSWORD, "ttrss-password", SETTINGS_STR, "", "") \
	X(TTRSS_PASSWORDEVAL, "ttrss-passwordeval", SETTINGS_STR, "", "") \
	X(TTRSS_PASSWORDFILE, "ttrss-passwordfile", SETTINGS_STR, "", "") \
	X(TTRSS_URL, "ttrss-url", SETTINGS_STR, "", "") \
	X(URLS_SOURCE, "urls-source", SETTINGS_ENUM, "local", "local|opml|miniflux|ttrss|oldreader|newsblur|feedhq|freshrss|inoreader|ocnews|feedbin") \
	X(URLVIEW_TITLE_FORMAT, "urlview-title-format", SETTINGS_STR, "%N %V - URLs", "") \
	X(USE_PROXY, "use-proxy", SETTINGS_BOOL, "no", "") \
	X(USER_AGENT, "user-agent", SETTINGS_STR, "", "") \
	X(WRAP_SCROLL, "wrap-scroll", SETTINGS_BOOL, "no", "") \
	X(DELETE_PLAYED_FILES, "delete-played-files", SETTINGS_BOOL, "no", "") \
	X(DOWNLOAD_PATH, "download-path", SETTINGS_STR, "~/", "") \
	X(DOWNLOAD_FILENAME_FORMAT, "download-filename-format", SETTINGS_STR, "%?u?%u&%Y-%b-%d-%H%M%S.unknown?", "") \
	X(MAX_DOWNLOADS, "max-downloads", SETTINGS_INT, "1", "") \
	X(PLAYER, "player", SETTINGS_STR, "", "") \
	X(PODLIST_FORMAT, "podlist-format", SETTINGS_STR, "%4i [%6dMB/%6tMB] [%5p %%] [%12K] %-20S %u -> %F", "")

#define SETTINGS_LISTS(X) \
	X(ALWAYS_DOWNLOAD, "always-download", 1, -1) \
	X(BIND, "bind", 3, -1) \
	X(DEFINE_FILTER, "define-filter", 2, 2) \
	X(HIGHLIGHT, "highlight", 3, -1) \
	X(HIGHLIGHT_ARTICLE, "highlight-article", 3, -1) \
	X(HIGHLIGHT_FEED, "highlight-feed", 3, -1) \
	X(IGNORE_ARTICLE, "ignore-article", 2, 2) \
	X(MACRO, "macro", 2, -1) \
	X(OPML_URL, "opml-url", 1, -1) \
	X(RESET_UNREAD_ON_UPDATE, "reset-unread-on-update", 1, -1) \
	X(RUN_ON_STARTUP, "run-on-startup", 1, -1) \
	X(SEARCH_HIGHLIGHT_COLORS, "search-highlight-colors", 2, -1)

#endif
