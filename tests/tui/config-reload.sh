#!/bin/sh
# newsboat's reload options in the reader (issue 13, config part):
# auto-reload yes reloads as the reader starts, suppress-first-reload yes
# leaves that first one out (the reload-time clock itself is
# tests/unit/test_reload's test_auto_reload_clock: a minute is too long to
# wait here), R with reload-only-visible-feeds and a tag filter
# reloads only the feeds with that tag, and cleanup-on-quit yes deletes
# the feeds no longer in the feeds file as the reader quits.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

rss() {	# rss FILE TITLE ITEM...
	_f=$1 _t=$2
	shift 2
	{
		printf '<rss version="2.0"><channel><title>%s</title>' "$_t"
		for _i in "$@"; do
			printf '<item><title>%s</title><guid>%s</guid></item>' "$_i" "$_i"
		done
		printf '</channel></rss>\n'
	} >"$_f"
}
rss "$T/a.xml" "Alpha" "a one"
rss "$T/b.xml" "Beta" "b one"
printf 'file://%s/a.xml tech\nfile://%s/b.xml news\n' "$T" "$T" >"$T/urls"
"$TIDINGS" --config /dev/null --feeds "$T/urls" --cache "$T/cache.db" poll 2>/dev/null
rss "$T/a.xml" "Alpha" "a one" "a two"
rss "$T/b.xml" "Beta" "b one" "b two"

printf 'auto-reload yes\nsuppress-first-reload yes\n' >"$T/config"
TUI_ARGS="--config $T/config --feeds $T/urls --cache $T/cache.db"
tui_start 100 20
check "suppress-first-reload: the feeds are shown" wait_for "Alpha"
no_reload() { ! screen | grep -q 'reload'; }
check "suppress-first-reload: no reload at start" no_reload
keys q
check "quit" wait_exit

printf 'auto-reload yes\n' >"$T/config"
tui_start 100 20
check "auto-reload: the reader reloads as it starts" wait_for "reloaded: 2 new items"
keys q
check "quit" wait_exit

# a third item each; with the tag filter on news (t: the first tag), R
# reloads Beta only
rss "$T/a.xml" "Alpha" "a one" "a two" "a three"
rss "$T/b.xml" "Beta" "b one" "b two" "b three"
printf 'reload-only-visible-feeds yes\n' >"$T/config"
tui_start 100 20
check "reload-only-visible-feeds: the feeds are shown" wait_for "Alpha"
keys t
check "reload-only-visible-feeds: the tag filter is on" wait_gone "Alpha"
keys R
check "reload-only-visible-feeds: R reloads the visible feed" wait_for "reloaded: 1 new items"
keys q
check "quit" wait_exit
"$TIDINGS" --config /dev/null --feeds "$T/urls" --cache "$T/cache.db" items >"$T/items" 2>/dev/null
check "reload-only-visible-feeds: Beta got its new item" grep -q "b three" "$T/items"
check "reload-only-visible-feeds: Alpha was not reloaded" sh -c "! grep -q 'a three' '$T/items'"

# Beta taken out of the feeds file: kept (hidden) by default, deleted with
# its items by cleanup-on-quit yes as the reader quits
printf 'file://%s/a.xml tech\n' "$T" >"$T/urls"
printf 'cleanup-on-quit nudge\n' >"$T/config"
tui_start 100 20
check "cleanup-on-quit nudge: the reader starts" wait_for "Alpha"
keys q
check "quit" wait_exit
expect_eq "cleanup-on-quit nudge: the hidden feed is kept" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM feeds")" 2
printf 'cleanup-on-quit yes\n' >"$T/config"
tui_start 100 20
check "cleanup-on-quit yes: the reader starts" wait_for "Alpha"
keys q
check "quit" wait_exit
expect_eq "cleanup-on-quit yes: the feed out of the file is deleted" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM feeds")" 1
check "cleanup-on-quit yes: says so after quitting" \
    grep -q "cleanup-on-quit: deleted 1 feed no longer in the feeds file (3 items)" "$T/stderr"
finish
