#!/bin/sh
# The reader on a terminal that is not UTF-8 (LC_ALL=C, issue 11 item 6):
# non-ASCII text is transliterated or shown as '?', never drawn as curses'
# "~X"/"M-x" forms of raw UTF-8 bytes, and the columns stay where they are.
# The same reader with LC_ALL=C.UTF-8 draws the characters themselves, and
# what it prints on stderr when it exits is sanitised too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
cat >"$T/www/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Caf&#xe9; &#x2019;Q&#x2019; &#x2014; &#x4e2d;&#x6587; tail</title>
<item><guid>g1</guid><title>don&#x2019;t &#x201c;quote&#x201d; &#x2026; x</title>
<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>
<description>&lt;p&gt;Body &#x2013; na&#xef;ve &#x20ac;5 &#xe9;t&#xe9;&lt;/p&gt;</description></item>
</channel></rss>
XML
printf '%s\n' "$HTTPD_URL/feed.xml" >"$T/feeds"
printf 'download-articles no\n' >"$T/config"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

# ascii_screen: every character on the screen is printable ASCII
ascii_screen() {
	screen >"$T/screen"
	if LC_ALL=C grep -q '[^ -~]' "$T/screen"; then
		echo "  non-ASCII on the screen:" >&2
		sed 's/^/  | /' "$T/screen" >&2
		return 1
	fi
	if grep -q '~@\|~]\|M-' "$T/screen"; then
		echo "  curses' forms of raw bytes on the screen:" >&2
		sed 's/^/  | /' "$T/screen" >&2
		return 1
	fi
}

tui_start 80 20 LC_ALL=C
check "the feed list on an LC_ALL=C terminal" wait_for "Feeds (1 unread, 1 total)"
check "the feed title transliterated" wait_for "'Q' - "
check "the feed title keeps its columns (2 per CJK character)" wait_for "'Q' - ? ?  tail"
check "the feed list is plain ASCII" ascii_screen
keys Enter
check "the item list" wait_for "don't \"quote\" "
check "the item list is plain ASCII" ascii_screen
keys Enter
check "the article" wait_for "Body - na"
check "the article is plain ASCII" ascii_screen
keys q q q
check "the reader exits" wait_exit
check "the terminal is restored" terminal_restored

# the CLI on the same terminal: items and show transliterate too, keeping
# the columns (a pipe still gets UTF-8: tests/e2e)
TUI_ARGS_SAVED=$TUI_ARGS
TUI_ARGS="$TUI_ARGS_SAVED items"
tui_start 100 10 LC_ALL=C
check "items on an LC_ALL=C terminal" wait_for "tidings exited"
check "items transliterated" wait_for "Caf? 'Q' - ? ?  t"
check "items output is plain ASCII" ascii_screen
TUI_ARGS="$TUI_ARGS_SAVED show 1 --width 60"
tui_start 100 10 LC_ALL=C
check "show on an LC_ALL=C terminal" wait_for "tidings exited"
check "show transliterated" wait_for "Body - na"
check "show output is plain ASCII" ascii_screen
TUI_ARGS=$TUI_ARGS_SAVED

# the same on a UTF-8 terminal: the characters themselves
tui_start 80 20
check "the feed list on a UTF-8 terminal" wait_for "Feeds (0 unread, 1 total)"
check "UTF-8 characters drawn as they are" wait_for "$(printf 'Caf\303\251 \342\200\231Q\342\200\231')"
keys q
check "the reader exits" wait_exit

# a UTF-8 locale that is not installed: the terminal still takes UTF-8
tui_start 80 20 LC_ALL=xx_XX.UTF-8
check "the feed list with an uninstalled UTF-8 locale" wait_for "Feeds (0 unread, 1 total)"
check "UTF-8 characters drawn as they are there too" wait_for "$(printf 'Caf\303\251 \342\200\231Q\342\200\231')"
keys q
check "the reader exits" wait_exit

# what the reader prints when it exits (config errors, poll errors) passes
# the same sanitiser (issue 11 item 1): an OSC 0 and a bidi override in a
# bad config line reach stderr as plain text
printf 'download-articles no\nfrob\033]0;PWNED\007ni\342\200\256cate yes\n' >"$T/config"
tui_start 80 20
check "the reader starts with a hostile config line" wait_for "Feeds ("
keys q
check "the reader exits" wait_exit
check "the config error is printed at exit" grep -q "config:2:" "$T/stderr"
check "what the reader printed at exit has no ESC" \
    sh -c "! grep -q \"\$(printf '\\033')\" '$T/stderr'"
check "what the reader printed at exit has no bidi control" \
    sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$T/stderr'"

finish
