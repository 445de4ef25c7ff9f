#!/bin/sh
# The reader's filters (issue 14): set-filter (an expression typed on the
# ":" line), select-filter (a dialog of the define-filters), clear-filter,
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
bind-key R reload-all
confirm-mark-feed-read no
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
# "/": the search hides what the killfile hides, as tidings search does
keys /
check "the search" wait_for "Search (0 results)"
keys -l 'linux'
check "... finds the items" wait_for "Search (2 results)"
keys BSpace BSpace BSpace BSpace BSpace
keys -l 'buy'
check "... the query typed" wait_for "/buy"
check "... not the ignored item" sh -c 'tmux -L "$0" capture-pane -p | grep -q "Search (0 results)" && ! tmux -L "$0" capture-pane -p | grep -q Sponsored' "$TUI_SOCKET"
keys Escape
check "out of the search" wait_for "Linux 6.1 released"
check "... back in the item list" wait_for "Gentoo weekly"
keys S
check "select-filter opens newsboat's dialog" wait_for "Select Filter"
check "... listing the define-filters" wait_for "gentoo  title =~ \"gentoo\""
check "... first one" wait_for "linux  title =~ \"linux\""
keys q
check "q closes it, nothing applied" wait_for "Gentoo weekly"
check "... the item list is back" wait_for "Linux 6.1 released"
keys S
check "the dialog again" wait_for "Select Filter"
keys Enter
check "Enter applies the filter under the cursor" wait_for "filter: linux (2 items)"
check "... applies" wait_gone "Gentoo weekly"
keys S
check "the dialog again, on the active filter" wait_for "Select Filter"
keys Down Enter
check "select-filter: the next one" wait_for "filter: gentoo (1 items)"
# a poll while the list is open: a new item the killfile matches stays hidden
keys C-f
check "cleared again" wait_for "Linux 6.1 released"
sed -i 's|</channel>|<item><title>Sponsored: more</title><guid>a5</guid><pubDate>Tue, 31 Dec 2024 10:00:00 GMT</pubDate></item><item><title>Fresh news</title><guid>a6</guid><pubDate>Tue, 31 Dec 2024 11:00:00 GMT</pubDate></item></channel>|' "$T/a.xml"
keys R
check "a reload brings the new item" wait_for "Fresh news"
check "... and hides the new ignored one" sh -c '! tmux -L "$0" capture-pane -p | grep -q Sponsored' "$TUI_SOCKET"
keys S
check "the dialog once more" wait_for "Select Filter"
keys Down Enter
check "select-filter again" wait_for "filter: gentoo (1 items)"
keys F
keys -l 'title =~'
keys Enter
check "a bad expression says where" wait_for "filter: line 1, column 9: expected a value"
check "... and the filter stays" wait_for "Gentoo weekly"
keys q q q
check "the reader exits" wait_exit
check "the terminal is restored" terminal_restored

# query feeds: "query:TITLE:EXPRESSION" lines of the feeds file are rows
# of the feed list with their counts; they open like feeds, and A marks
# read what they hold, nothing else
cat >"$T/feeds" <<EOF
file://$T/a.xml
"query:Linux news:title =~ \"linux\"" tag1
"query:Nothing:title = \"no such title\""
EOF
# wait_row TITLE COUNTS: the feed-list row of TITLE shows COUNTS (bounded wait)
wait_row() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		screen | grep -F -- "$1" | grep -qF -- "$2" && return 0
		_i=$((_i + 1))
		sleep 0.05
	done
	screen | sed 's/^/  | /' >&2
	return 1
}
tui_start 80 20
check "a query feed in the feed list, with its counts" wait_for "Linux news"
check "... 2 unread of 2" wait_row "Linux news" "(2/2)"
check "an empty query feed: 0 of 0" wait_row "Nothing" "(0/0)"
keys Down Down Enter
check "it opens with the items its expression matches" wait_for "linux tips"
check "... and no other" wait_gone "Gentoo weekly"
keys A
check "A marks read what it holds" wait_for "marked read what the list holds"
expect_eq "... those two items, nothing else" \
    "$(sql "$T/cache.db" "SELECT group_concat(guid) FROM (SELECT guid FROM items WHERE read = 1 ORDER BY guid)")" \
    "a1,a4"
keys q
check "the counts follow" wait_row "Linux news" "(0/2)"
keys q
check "the reader exits again" wait_exit

# prepopulate-query-feeds no (newsboat's meaning): a query feed is counted
# once it was opened, not at start; unset, tidings counts them all
echo "prepopulate-query-feeds no" >>"$T/config"
tui_start 80 20
check "not prepopulated: the query feed is listed" wait_for "Linux news"
check "... without its counts" wait_row "Linux news" "(0/0)"
keys Down Down Enter
check "it opens all the same" wait_for "linux tips"
check "... as the query feed" wait_gone "Gentoo weekly"
keys q
check "once opened, its counts" wait_row "Linux news" "(0/2)"
check "... the unopened one still has none" wait_row "Nothing" "(0/0)"
keys q
check "the reader exits a third time" wait_exit
finish
