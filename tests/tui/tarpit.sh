#!/bin/sh
# Issue 11 item 17 in the reader: a reload whose article pages sit on a
# tarpit (a server that trickles a byte every half second) no longer
# blocks R: the stuck pages give way (its feeds are already stored, its
# pages wait for the next poll) and the new reload starts at once.  The
# title bar counts the articles still to fetch (item 18).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
{
	printf '<rss version="2.0"><channel><title>Tarpit News</title>\n'
	for i in 1 2; do
		printf '<item><title>Trickling %s</title><guid>t%s</guid>' $i $i
		printf '<link>%s/drip?n=100&amp;ms=500&amp;i=%s</link></item>\n' "$HTTPD_URL" $i
	done
	printf '</channel></rss>\n'
} >"$T/www/tarpit.xml"
printf '%s\n' "$HTTPD_URL/tarpit.xml" >"$T/feeds"
# no deadline and no host budget: only R can end the stuck pages
printf 'articles-deadline 0\narticles-host-budget 0\ndownload-timeout 600\n' >"$T/config"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"

not_refused() { ! screen | grep -q 'already running'; }

tui_start 160 20
check "an empty cache reloads by itself: the feed is stored" wait_for "Tarpit News"
check "its pages trickle" wait_for "Reloading: articles 0/2"
keys R
check "R starts a new reload" wait_for "reloading all feeds (the last reload's article pages stopped)"
check "not refused" not_refused
check "the new reload is back on the pages" wait_for "Reloading: articles 0/2"
check "the title bar counts the articles still to fetch" wait_for "2 articles to fetch"
keys q
check "quit while pages trickle" wait_exit
expect_eq "exit status 0" "$(cat "$T/exit")" "EXIT=0"

finish
