#!/bin/sh
# Appearance options a newsboat user's config sets, end to end in tmux:
# colour fallbacks (info colours the title bar), highlight lines,
# feedlist-format, articlelist-format, datetime-format, the title
# formats, show-title-bar, show-keymap-hint, swap-title-and-hints,
# text-width, display-article-progress, show-read-feeds,
# show-read-articles, search-highlight-colors, the end-of-text marker,
# help-, searchresult- and selectfilter-title-format, and scrolloff.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
# write_feed NAME TITLE N: N stories, newest first, with a long body
write_feed() {
	"$PYTHON3" - "$T/www/$1.xml" "$2" "$3" <<'PY'
import sys
path, title, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
body = " ".join(["lorem ipsum dolor sit amet"] * 12)
items = "".join(
    f"<item><title>{title} story {i}</title><guid>{title}-{i}</guid>"
    f"<link>http://127.0.0.1:9/{i}</link><author>a{i}@example.com (Ann {i})</author>"
    f"<pubDate>Tue, {i:02d} Jan 2024 10:00:00 +0000</pubDate>"
    f"<description>Kernel news for {title} {i}. {body}</description></item>"
    for i in range(1, n + 1))
open(path, "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f'<title>{title}</title>{items}</channel></rss>')
PY
}
write_feed alpha Alpha 3
write_feed beta Beta 2
printf '%s news\n%s tech\n' "$HTTPD_URL/alpha.xml" "$HTTPD_URL/beta.xml" > "$T/feeds"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
printf 'download-articles no\n' > "$T/config"
check "poll fills the cache" "$TIDINGS" $TUI_ARGS poll --quiet

ESC=$(printf '\033')
# line N of the screen with its colours (tmux writes SGR sequences)
colour_line() {
	tm capture-pane -p -e | sed -n "$1p"
}
# no_colour N CODE TEXT: the opposite, now
no_colour() {
	! colour_line "$1" | grep -Eq -- "$ESC\\[([0-9;]*;)?$2(;[0-9;]*)?m($ESC\\[[0-9;]*m)*$3"
}
# screen_lacks TEXT [LINES]: TEXT is not on the screen (or on sed's LINES)
screen_lacks() {
	! screen | sed -n "${2:-1,\$}p" | grep -qF -- "$1"
}
# widest LINES: the widest of those lines, in characters
widest() {
	screen | sed -n "$1p" | awk '{ if (length > m) m = length } END { print m + 0 }'
}

# --- colours, highlight lines and formats ---
cat > "$T/config" <<'CFG'
download-articles no
# no "title": the title bar takes info's colours, as in newsboat
color info white black bold
highlight feedlist "^ *2[|].*beta" red default bold
highlight article "kernel" green
highlight all "story 3" magenta
highlight article "(unclosed" red
search-highlight-colors cyan black
feedlist-format "%4i|%-8t|%T%> %U"
feedlist-title-format "%N feeds: %u of %t unread%> END"
articlelist-format "%4i %f [%D] %-16t by %a"
datetime-format "%Y-%m-%d"
articlelist-title-format "In %T: %u unread of %t"
itemview-title-format "Reading %T from %F"
text-width 40
CFG
tui_start 80 24
check "start" wait_for "feeds: 2 of 2 unread"
check "the bad regex is reported with its line" \
    wait_for 'config:7: highlight: bad regex "(unclosed"'
check "feedlist-title-format, %> fills to the right edge" \
    wait_line 1 "$(printf '%-77sEND' 'tidings feeds: 2 of 2 unread')"
# 37/40 (or 97/40) bold: info's white on black, not title's yellow on blue
check "info colours the title bar (white)" wait_colour 1 37 tidings
check "info colours the title bar (on black)" wait_colour 1 40 tidings
check "not title's default blue" no_colour 1 44 tidings
check "feedlist-format" wait_line 3 "$(printf '%s%62s' '   1|Alpha   |news' 3)"
check "feedlist-format's numbers" wait_line 4 "   2|Beta    |tech"
check "highlight feedlist: the second feed in red" wait_colour 4 31 "   2[|]Beta"
check "the first feed is not" no_colour 3 31 "   1"
keys Down Enter
check "articlelist-title-format" wait_line 1 "In Alpha: 3 unread of 3"
check "articlelist-format with datetime-format" \
    wait_line 2 "   1 N  [2024-01-03] Alpha story 3    by Ann 3"
check "highlight all reaches the article list" wait_colour 2 35 "story 3"
keys Enter
check "itemview-title-format" wait_line 1 "Reading Alpha story 3 from Alpha"
check "the progress shows by default" wait_line 1 "%"
check "highlight article, case-insensitive" wait_for "Kernel news"
check "highlight article in green" wait_colour "$(screen | grep -n 'Kernel news' | cut -d: -f1)" 32 Kernel
body=$(screen | grep -n '^Kernel news' | cut -d: -f1)
check "text-width: the body wraps at 40 columns" test "$(widest "$body,$((body + 9))")" -le 40
check "the body is wrapped, not cut" wait_for "lorem ipsum"
check "the end of the text is marked" wait_colour "$(screen | grep -n '^~' | head -1 | cut -d: -f1)" 34 "~"
keys q q '/'
keys -l "kernel"
check "results while typing" wait_for "Beta story 2"
check "highlight all reaches the search results" wait_colour \
    "$(screen | grep -n 'Alpha story 3' | head -1 | cut -d: -f1)" 35 "story 3"
keys Enter
check "search results" wait_for "Alpha story"
keys Enter
check "search-highlight-colors on the match" wait_colour \
    "$(screen | grep -n 'Kernel news' | cut -d: -f1)" 36 Kernel
keys Q
check "quit" wait_exit
expect_eq "on exit, the bad line is printed and nothing else" "$(cat "$T/stderr")" \
    'config:7: highlight: bad regex "(unclosed": Unmatched ( or \('

# --- the bars ---
cat > "$T/config" <<'CFG'
download-articles no
swap-title-and-hints yes
display-article-progress no
show-read-feeds no
show-read-articles no
CFG
# every item of beta read: its feed is hidden, and read items too
check "mark beta read" "$TIDINGS" $TUI_ARGS items >/dev/null
sql "$T/cache.db" "UPDATE items SET read = 1 WHERE feed_id = (SELECT id FROM feeds WHERE url LIKE '%beta%') OR title = 'Alpha story 1'" >/dev/null
tui_start 80 24
check "swap-title-and-hints: the hints on top" wait_line 1 "q:Quit ENTER:Open"
check "and the title above the message line" wait_line 23 "Feeds (1 unread, 3 total)"
check "show-read-feeds no hides the read feed" screen_lacks Beta
keys Down Enter
check "show-read-articles no: only unread" wait_for "Alpha (1 unread)"
check "the read items are hidden" screen_lacks "story 1"
keys Enter
check "display-article-progress no" screen_lacks "%" 23
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

cat > "$T/config" <<'CFG'
download-articles no
show-title-bar no
show-keymap-hint no
CFG
tui_start 80 24
check "show-title-bar no: the list starts on line 1" wait_line 1 "All items"
check "show-keymap-hint no: 23 rows of list, then the message line" \
    screen_lacks "q:Quit"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

# no hints line: a reload's progress shows in the title bar instead
printf 'download-articles no\nshow-keymap-hint no\n' > "$T/config"
printf '%s/hold?ms=4000\n' "$HTTPD_URL" >> "$T/feeds"
tui_start 80 24
check "start without hints" wait_for "Feeds ("
keys R
check "the reload's progress in the title bar" wait_line 1 "Reloading"
keys Q
check "quit" wait_exit

# --- the other title formats, and scrolloff ---
cat > "$T/config" <<'CFG'
download-articles no
help-title-format "Help of %N, %v keys"
searchresult-title-format "Found %t for %s"
selectfilter-title-format "Pick one of %N's filters"
define-filter alphas "title =~ \"Alpha\""
bind-key S select-filter
CFG
tui_start 80 24
check "start" wait_for "Feeds ("
keys '?'
check "help-title-format, %v the view" wait_line 1 "Help of tidings, feedlist keys"
keys q S
check "selectfilter-title-format" wait_line 1 "Pick one of tidings's filters"
keys q '/'
keys -l "kernel"
check "the results" wait_for "Beta story 2"
check "searchresult-title-format, %t the results and %s the query" \
    wait_line 1 "Found 5 for kernel"
keys Enter
check "the results' list" wait_for "q:"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

# scrolloff: a 10-row terminal shows 7 rows of list; 4 rows down the
# cursor is 2 rows from the bottom, so scrolloff 3 scrolls the list by one
write_feed gamma Gamma 12
printf '%s\n' "$HTTPD_URL/gamma.xml" > "$T/feeds-gamma"
printf 'download-articles no\nscrolloff 3\n' > "$T/config"
TUI_ARGS="--feeds $T/feeds-gamma --cache $T/cache-gamma.db --config $T/config"
check "poll gamma" "$TIDINGS" $TUI_ARGS poll --quiet
tui_start 80 10
check "start" wait_for "Feeds ("
keys : 1 Enter Enter
check "Gamma's articles" wait_line 2 "Gamma story 12"
keys Down Down Down Down
check "scrolloff 3: the cursor keeps three rows below it" wait_line 2 "Gamma story 11"
check "on story 8" wait_colour 5 7 ".*Gamma story 8"
keys Q
check "quit" wait_exit
check "nothing on stderr" test ! -s "$T/stderr"

finish
