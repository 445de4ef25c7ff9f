#!/bin/sh
# The article view and the hint line as a newsboat config sets them, in
# tmux: always-display-description (the feed's description after its
# content:encoded, as newsboat shows it) and the hint-* colours.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
cat > "$T/www/feed.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Gamma</title>
<item><title>Both texts</title><guid>g1</guid><link>http://127.0.0.1:9/1</link>
<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>
<description>The short description.</description>
<content:encoded><![CDATA[<p>The full content.</p>]]></content:encoded></item>
</channel></rss>
XML
printf '%s\n' "$HTTPD_URL/feed.xml" > "$T/feeds"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
printf 'download-articles no\n' > "$T/config"
check "poll fills the cache" "$TIDINGS" $TUI_ARGS poll --quiet

# without the option: the content only
tui_start 80 20
check "start" wait_for "Feeds (1 unread, 1 total)"
keys Down Enter Enter
check "the content" wait_for "The full content."
if screen | grep -qF "The short description."; then
	not_ok "the description is not shown by default"
else
	ok "the description is not shown by default"
fi
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

cat > "$T/config" <<'CFG'
download-articles no
always-display-description yes
color hint-key red default bold
color hint-description green default
CFG
tui_start 80 20
check "start again" wait_for "Feeds (0 unread, 1 total)"
keys Down Enter Enter
check "the content" wait_for "The full content."
check "always-display-description: the description after it" wait_for "The short description."
check "hint-key colours the keys" wait_colour 19 31 "q"
check "hint-description colours the labels" wait_colour 19 32 "Back"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"
finish
