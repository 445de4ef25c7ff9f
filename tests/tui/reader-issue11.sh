#!/bin/sh
# The reader's fixes from issue 11 (items 24-32), end to end in tmux: what
# mark-all-read marks, select-tag, u in a fresh article, live search errors,
# the help's key column, the title bar, failed feeds, the browser's outcome,
# :set, search snippets and the Author line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
# write_feed NAME TITLE N [EXTRA_ITEM_XML]: N stories, newest first
write_feed() {
	"$PYTHON3" - "$T/www/$1.xml" "$2" "$3" "${4:-}" <<'PY'
import sys
path, title, n, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
items = "".join(
    f"<item><title>{title} story {i}</title><guid>{title}-{i}</guid>"
    f"<link>http://127.0.0.1:9/{i}</link>"
    f"<pubDate>Tue, {i:02d} Jan 2024 10:00:00 +0000</pubDate>"
    f"<description>Body of {title} story {i}.</description></item>"
    for i in range(1, n + 1))
open(path, "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f'<title>{title}</title>{extra}{items}</channel></rss>')
PY
}
write_feed alpha Alpha 3
write_feed beta Beta 2
printf '%s news\n%s tech\n' "$HTTPD_URL/alpha.xml" "$HTTPD_URL/beta.xml" > "$T/feeds"
printf 'download-articles no\n' > "$T/config"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll fills the cache" "$TIDINGS" $TUI_ARGS poll --quiet

# 25: t (select-tag) shows the tag it selected; freed memory (the tag list is
# reloaded under it) is poisoned so a use after free shows as garbage.
tui_start 100 30 MALLOC_PERTURB_=165
check "start" wait_for "Feeds (5 unread, 5 total)"
keys t
check "t selects the first tag and says so" wait_line 30 "tag: news"
keys t
check "t selects the next tag and says so" wait_line 30 "tag: tech"
keys C-t
check "^T clears the tag" wait_line 30 "every feed"

# 31: :set with an option the command line does not change
keys : s e t Space f o o Space b a r Enter
check ":set foo bar names the option" wait_for 'set: unknown option "foo"'
keys : s e t Space m o u s e Space n o Enter
check ":set of any option sets it" wait_for "mouse set"

# 26: u right after opening an unread article marks it unread again
keys Down Enter
check "Alpha's items" wait_for "Alpha (3 items)"
keys Enter
check "the article opens" wait_for "Title: Alpha story 3"
keys N
check "N in a just-opened article marks it unread" wait_line 30 "marked unread"
expect_eq "and the cache says unread" \
    "$(sql "$T/cache.db" "SELECT read FROM items WHERE guid = 'Alpha-3'")" 0
keys N
check "N again marks it read" wait_line 30 "marked read"
expect_eq "and the cache says read" \
    "$(sql "$T/cache.db" "SELECT read FROM items WHERE guid = 'Alpha-3'")" 1
keys q q
check "back in the feed list" wait_for "Feeds (4 unread, 5 total)"

# 24: a cron poll adds items while the feed list is on screen; C marks only
# what the reader had loaded
write_feed alpha Alpha 5
check "a poll from cron" "$TIDINGS" $TUI_ARGS poll --quiet
keys C
check "C asks first (confirm-mark-all-feeds-read)" wait_for "Do you really want to mark all feeds as read? (y/n)"
keys y
check "C marks every item read" wait_line 30 "every item marked read"
expect_eq "the items the poll added after the screen was read stay unread" \
    "$(sql "$T/cache.db" "SELECT guid FROM items WHERE read = 0 ORDER BY guid" | tr '\n' ,)" \
    "Alpha-4,Alpha-5,"
check "and the list now shows them" wait_for "Feeds (2 unread, 7 total)"
# the same for A in an item list
keys : 1 Enter Enter
check "Alpha's items" wait_for "Alpha (5 items)"
write_feed alpha Alpha 6
check "another poll" "$TIDINGS" $TUI_ARGS poll --quiet
keys A y
check "A marks the feed read" wait_line 30 "feed marked read"
expect_eq "A leaves the item the poll added unread" \
    "$(sql "$T/cache.db" "SELECT guid FROM items WHERE read = 0 ORDER BY guid" | tr '\n' ,)" \
    "Alpha-6,"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

# A second cache: a feed with a long title, a "by" byline and a long body,
# and a feed that fails (404).
cat > "$T/www/gamma.xml" <<'XML'
<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Gamma</title>
<item><title>A headline that goes on and on well past the width of the terminal so that the title bar must cut it and the article must wrap it at the finale</title>
<guid>g1</guid><link>http://127.0.0.1:9/g1</link><dc:creator>by Abbey Fenbert</dc:creator>
<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>
<description>One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour and then the zeppelin landed near the old harbour wall before the evening tide came in over the stones.</description></item>
</channel></rss>
XML
printf '%s\n%s\n' "$HTTPD_URL/gamma.xml" "$HTTPD_URL/missing.xml" > "$T/feeds2"
cat > "$T/config2" <<'CFG'
download-articles no
bind-key ^D pagedown
bind-key ^F pagedown
bind-key SPACE pagedown
bind-key F12 pagedown
browser "echo %u | cat >/dev/null"
CFG
TUI_ARGS="--feeds $T/feeds2 --cache $T/cache2.db --config $T/config2"
"$TIDINGS" $TUI_ARGS poll --quiet 2>/dev/null
tui_start 100 30
check "second start" wait_for "Feeds (1 unread, 1 total)"

# 29: the failed feed is marked, and opening it says why it is empty
check "the failed feed is listed" wait_for "! $HTTPD_URL/missing.xml"
keys : 2 Enter Enter
check "opening a failed feed says its poll failed" wait_line 30 "the last poll of this feed failed:"
check "and the message holds the error" wait_line 30 "404"
check "the empty list says so too" wait_line 2 "(no items: the last poll failed:"
keys q

# 28: the help's key column is as wide as its widest keys
keys '?'
check "help view" wait_for "Help (keys in the feedlist view)"
check "the help shows every key of pagedown" wait_for "NPAGE ^D ^F SPACE F12 pagedown"
keys q

# 29: a long title: the title bar keeps its percentage, the article wraps it
keys : 1 Enter Enter Enter
check "the article" wait_for "Title: A headline that goes on"
check "the title bar keeps its percentage" eval 'screen | sed -n 1p | grep -Eq "… +[0-9]+% *\$"'
check "the title wraps in the article" wait_for "at the finale"
# 32: no "by" after "Author:"
check "Author without by" wait_for "Author: Abbey Fenbert"
check "not Author: by" eval '! screen | grep -q "Author: by"'

# 30: a browser line with shell syntax runs through sh -c, as in newsboat
# (it was refused before issue 13; tests/tui/commands.sh has the rest)
keys o
check "shell syntax in browser: it runs" wait_line 30 "opened in the browser"
keys q q

# 32: a search hit's second line shows the match in its context
keys /
check "search prompt" wait_for "Search (0 results)"
keys z e p p e l i n
check "one hit" wait_for "Search (1 result)"
check "the hit's title on its line" wait_line 2 "A headline that goes on"
check "its context on the next line" wait_line 3 "and then the zeppelin landed near the old"
check "with the match highlighted" eval 'tm capture-pane -p -e | sed -n 3p | grep -Eq "43m(.\[[0-9;]*m)*zeppelin"'
tm resize-window -x 80 -y 30
check "at 80 columns too" wait_line 3 "and then the zeppelin landed"
tm resize-window -x 100 -y 30

# 27: a query that does not compile: the error in the message line, no
# stale results, ENTER opens nothing, the history does not keep it
keys Space i s : b o g u s
check "the error is shown above the query line" wait_line 29 "search: unknown value in is:bogus"
check "not over the first result row" eval '! screen | sed -n 2p | grep -q "unknown value"'
check "the stale hit is gone" wait_gone "A headline that goes on"
check "the count says so" wait_for "Search (0 results)"
# (the x typed after ENTER shows ENTER was handled before the checks)
keys Enter x
check "ENTER keeps the query line" wait_line 30 "/zeppelin is:bogusx"
check "ENTER opened nothing" eval '! screen | grep -q "Title: A headline"'
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
check "a valid query again: its hit is back" wait_line 2 "A headline that goes on"
check "the error is gone" eval '! screen | grep -q "unknown value"'
keys Enter
check "ENTER opens the hit" wait_for "Title: A headline"
# 26: u in an article opened from a search, and the hit under it follows
keys N
check "N in a hit just opened marks it unread" wait_line 30 "marked unread"
keys q
check "the hit shows unread again" wait_line 2 "   1 N  Jan 02  Gamma"
keys q Q
check "quit again" wait_exit
check "the history keeps the valid query" grep -qx "zeppelin" "$T/search-history"
check "not the invalid one" eval '! grep -q "bogus" "$T/search-history"'
check "nothing on stderr at the end" test ! -s "$T/stderr"

finish
