#!/bin/sh
# Sorting as a newsboat config and newsboat's keys ask for it, end to end
# in tmux: feed-sort-order, article-sort-order, the sort and rev-sort
# prompts, and goto-first-unread.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
# write_feed NAME TITLE N: stories 1..N, story i published on Jan i
write_feed() {
	"$PYTHON3" - "$T/www/$1.xml" "$2" "$3" <<'PY'
import sys
path, title, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
items = "".join(
    f"<item><title>{title} story {i}</title><guid>{title}-{i}</guid>"
    f"<link>http://127.0.0.1:9/{title}/{i}</link>"
    f"<pubDate>Tue, {i:02d} Jan 2024 10:00:00 +0000</pubDate>"
    f"<description>Body {i}.</description></item>" for i in range(1, n + 1))
open(path, "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f'<title>{title}</title>{items}</channel></rss>')
PY
}
write_feed alpha Alpha 3
write_feed beta Beta 2
printf '%s\n%s\n' "$HTTPD_URL/alpha.xml" "$HTTPD_URL/beta.xml" > "$T/feeds"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
cat > "$T/config" <<'CFG'
download-articles no
feed-sort-order title-asc
article-sort-order title
bind-key g sort
bind-key G rev-sort
CFG
check "poll fills the cache" "$TIDINGS" $TUI_ARGS poll --quiet
sql "$T/cache.db" "UPDATE items SET read = 1 WHERE title = 'Alpha story 1'" >/dev/null

# line N shows TEXT in reverse video (the cursor's row)
cursor_on() {
	wait_colour "$1" 7 "$2"
}

tui_start 80 20
check "start" wait_for "Feeds (4 unread, 5 total)"
# newsboat's title-asc is Z to A
check "feed-sort-order title-asc: Beta first" wait_line 3 "Beta"
check "then Alpha" wait_line 4 "Alpha"
keys g
check "the sort prompt" wait_for "Sort by (f)irsttag/(t)itle/(a)rticlecount/(u)nreadarticlecount/"
keys a
check "sorted by article count (newsboat's desc: fewest first)" wait_line 3 "Beta"
keys G a
check "rev-sort: the most first" wait_line 3 "Alpha"
keys Down Enter
# article-sort-order title: A to Z, and the cursor skips the read story 1
check "article-sort-order title" wait_line 2 "Alpha story 1"
check "story 3 last" wait_line 4 "Alpha story 3"
check "goto-first-unread: the cursor on the first unread" cursor_on 3 "   2"
keys g
check "the article sort prompt" wait_for "Sort by (d)ate/(t)itle/(f)lags/(a)uthor/(l)ink/(g)uid/(r)andom?"
keys d
check "sort d: newsboat's date-asc, newest first" wait_line 2 "Alpha story 3"
keys G d
check "rev-sort d: oldest first" wait_line 2 "Alpha story 1"
keys G x
check "another key cancels" wait_gone "Reverse Sort by"
check "the order stays" wait_line 2 "Alpha story 1"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

printf 'goto-first-unread no\narticle-sort-order title\nwrap-scroll yes\n' > "$T/config"
tui_start 80 20
check "start again" wait_for "Feeds (4 unread, 5 total)"
check "feed-sort-order none: the feeds file's order" wait_line 3 "Alpha"
keys Up
check "wrap-scroll: up from the first row goes to the last" cursor_on 4 "   2"
keys Down
check "and down from the last to the first" cursor_on 2 "     N"
keys Down Enter
check "the list" wait_line 2 "Alpha story 1"
check "goto-first-unread no: the cursor on the first row" cursor_on 2 "   1"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"
finish
