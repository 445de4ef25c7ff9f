#!/bin/sh
# The reader's filters (issue 14): set-filter (an expression typed on the
# ":" line), select-filter (the define-filter lines in turn), clear-filter,
# and ignore-article in ignore-mode display hiding items from the lists.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

cat >"$T/a.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Alpha</title><link>https://a.example/</link>
<item><title>Linux 6.1 released</title><guid>a1</guid>
<pubDate>Mon, 30 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>Gentoo weekly</title><guid>a2</guid>
<pubDate>Sun, 29 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>Sponsored: buy now</title><guid>a3</guid>
<pubDate>Sat, 28 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>linux tips</title><guid>a4</guid>
<pubDate>Fri, 27 Dec 2024 10:00:00 GMT</pubDate></item>
</channel></rss>
XML
printf 'file://%s/a.xml\n' "$T" >"$T/feeds"
cat >"$T/config" <<'EOF'
download-articles no
bind-key F set-filter
bind-key ^F clear-filter
bind-key S select-filter
define-filter linux "title =~ \"linux\""
define-filter gentoo "title =~ \"gentoo\""
ignore-mode display
ignore-article * "title =~ \"^Sponsored\""
EOF
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet
expect_eq "display mode: the ignored item is in the cache" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM items")" 4

tui_start 80 20
check "the feed list" wait_for "Alpha"
keys Enter
check "the item list" wait_for "Linux 6.1 released"
check "... without the ignored item" sh -c '! tmux -L "$0" capture-pane -p | grep -q Sponsored' "$TUI_SOCKET"
keys F
check "set-filter opens the line with filter" wait_line 20 ":filter"
keys -l 'title =~ "gentoo"'
keys Enter
check "the filter applies" wait_for 'filter: title =~ "gentoo" (1 items)'
check "... the other items go" wait_gone "Linux 6.1 released"
check "... the matching one stays" wait_for "Gentoo weekly"
keys C-f
check "clear-filter" wait_for "no filter"
check "... every item is back" wait_for "Linux 6.1 released"
check "... but the ignored one" sh -c '! tmux -L "$0" capture-pane -p | grep -q Sponsored' "$TUI_SOCKET"
keys S
check "select-filter: the first defined filter" wait_for "filter: linux (2 items)"
check "... applies" wait_gone "Gentoo weekly"
keys S
check "select-filter: the next one" wait_for "filter: gentoo (1 items)"
keys F
keys -l 'title =~'
keys Enter
check "a bad expression says where" wait_for "filter: line 1, column 9: expected a value"
check "... and the filter stays" wait_for "Gentoo weekly"
keys q q q
check "the reader exits" wait_exit
check "the terminal is restored" terminal_restored
finish
