#!/bin/sh
# highlight-feed (issue 14): a feed-list row whose feed a rule's filter
# expression matches (its tags, counts, title, URL) takes that rule's
# colours, the first matching rule winning as in newsboat; other rows and
# the cursor's row keep the list's; a bad line is reported with its line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

feed() {	# feed NAME TITLE ITEMS
	{
		printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>%s</title>\n' "$2"
		i=0
		while [ "$i" -lt "$3" ]; do
			printf '<item><title>%s item %d</title><guid>%s%d</guid></item>\n' "$2" "$i" "$1" "$i"
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} >"$T/$1.xml"
}
feed a "Alpha Linux" 1
feed b "Beta Busy" 4
feed c "Gamma Quiet" 1
feed d "Delta Plain" 1
cat >"$T/feeds" <<EOF
file://$T/d.xml
file://$T/a.xml linux
file://$T/b.xml
file://$T/c.xml linux
EOF
cat >"$T/config" <<'EOF'
download-articles no
feedlist-format "%t"
highlight-feed "tags # \"linux\" and feedtitle =~ \"alpha\"" red default
highlight-feed "unread_count > 2" green default
highlight-feed "tags # \"linux\"" blue default bold
highlight-feed "tags # " red default
EOF
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

tui_start 80 20
check "the feed list" wait_for "Gamma Quiet"
line_of() { screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1; }
# the cursor is on "All items" (row 0, no feed)
check "a feed the first rule matches is red" wait_colour "$(line_of 'Alpha Linux')" 31 "Alpha Linux"
check "a feed only the second matches (4 unread) is green" \
    wait_colour "$(line_of 'Beta Busy')" 32 "Beta Busy"
check "a feed only the third matches is blue and bold" \
    wait_colour "$(line_of 'Gamma Quiet')" 34 "Gamma Quiet"
check "... bold" wait_colour "$(line_of 'Gamma Quiet')" 1 "Gamma Quiet"
check "a feed no rule matches has no rule's colour" sh -c \
    '! tmux -L "$0" capture-pane -p -e | sed -n "$1p" | grep -Eq "\[([0-9;]*;)?3[124](;[0-9;]*)?m"' \
    "$TUI_SOCKET" "$(line_of 'Delta Plain')"
check "the bad line is reported with its line" wait_for "config:6: highlight-feed"
keys q
check "the reader exits" wait_exit
finish
