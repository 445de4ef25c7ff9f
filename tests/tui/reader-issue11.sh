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
keys T
check "T clears the tag" wait_line 30 "every feed"

# 31: :set with an option the command line does not change
keys : s e t Space f o o Space b a r Enter
check ":set foo bar names the option" wait_for 'set: unknown option "foo"'
keys : s e t Space m o u s e Space n o Enter
check ":set of a config-only option says so" wait_for "set: mouse can only be set in the config file"

# 26: u right after opening an unread article marks it unread again
keys j Enter
check "Alpha's items" wait_for "Alpha (3 items)"
keys Enter
check "the article opens" wait_for "Title: Alpha story 3"
keys u
check "u in a just-opened article marks it unread" wait_line 30 "marked unread"
expect_eq "and the cache says unread" \
    "$(sql "$T/cache.db" "SELECT read FROM items WHERE guid = 'Alpha-3'")" 0
keys u
check "u again marks it read" wait_line 30 "marked read"
expect_eq "and the cache says read" \
    "$(sql "$T/cache.db" "SELECT read FROM items WHERE guid = 'Alpha-3'")" 1
keys q q
check "back in the feed list" wait_for "Feeds (4 unread, 5 total)"

# 24: a cron poll adds items while the feed list is on screen; C marks only
# what the reader had loaded
write_feed alpha Alpha 5
check "a poll from cron" "$TIDINGS" $TUI_ARGS poll --quiet
keys C
check "C marks every item read" wait_line 30 "every item marked read"
expect_eq "the items the poll added after the screen was read stay unread" \
    "$(sql "$T/cache.db" "SELECT guid FROM items WHERE read = 0 ORDER BY guid" | tr '\n' ,)" \
    "Alpha-4,Alpha-5,"
check "and the list now shows them" wait_for "Feeds (2 unread, 7 total)"
# the same for A in an item list
keys g j Enter
check "Alpha's items" wait_for "Alpha (5 items)"
write_feed alpha Alpha 6
check "another poll" "$TIDINGS" $TUI_ARGS poll --quiet
keys A
check "A marks the feed read" wait_line 30 "feed marked read"
expect_eq "A leaves the item the poll added unread" \
    "$(sql "$T/cache.db" "SELECT guid FROM items WHERE read = 0 ORDER BY guid" | tr '\n' ,)" \
    "Alpha-6,"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

finish
