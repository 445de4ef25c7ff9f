#!/bin/sh
# highlight-article (issue 14): an item-list row that a rule's filter
# expression matches takes that rule's colours, the first matching rule
# winning as in newsboat; other rows and the cursor's row keep the list's.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

cat >"$T/a.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Alpha</title><link>https://a.example/</link>
<item><title>Top story</title><guid>a0</guid>
<pubDate>Tue, 31 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>Linux 6.1 released</title><guid>a1</guid><author>ann@example.org (Ann)</author>
<pubDate>Mon, 30 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>Gentoo weekly</title><guid>a2</guid>
<pubDate>Sun, 29 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>Ann on Gentoo</title><guid>a3</guid><author>ann@example.org (Ann)</author>
<pubDate>Sat, 28 Dec 2024 10:00:00 GMT</pubDate></item>
</channel></rss>
XML
printf 'file://%s/a.xml\n' "$T" >"$T/feeds"
cat >"$T/config" <<'EOF'
download-articles no
articlelist-format "%t"
highlight-article "title =~ \"linux\"" red default
highlight-article "author =~ \"ann\"" green default
highlight-article "title =~ \"gentoo\" and author = \"\"" blue default
EOF
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

tui_start 80 20
check "the feed list" wait_for "Alpha"
keys Enter
check "the item list" wait_for "Linux 6.1 released"
line_of() { screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1; }
# Ann's Linux item matches the first two rules: the first wins
check "a row the first rule matches is red" wait_colour "$(line_of 'Linux 6.1')" 31 "Linux 6.1"
check "a row only the second matches is green" wait_colour "$(line_of 'Ann on Gentoo')" 32 "Ann on Gentoo"
check "a row the third matches is blue" wait_colour "$(line_of 'Gentoo weekly')" 34 "Gentoo weekly"
check "a row no rule matches has no rule's colour" sh -c \
    '! tmux -L "$0" capture-pane -p -e | sed -n "$1p" | grep -Eq "\[([0-9;]*;)?3[124](;[0-9;]*)?m"' \
    "$TUI_SOCKET" "$(line_of 'Top story')"
keys q q
check "the reader exits" wait_exit
finish
