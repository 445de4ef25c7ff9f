#!/bin/sh
# The interactive reader against hostile titles and bodies, in tmux (issue
# 7): a title that sets the window title (OSC 0/2), an OSC 52 clipboard
# write, screen clears, 8-bit C1 controls and bidi overrides, in the feed
# list, the item list and the article.  tmux interprets whatever reaches
# it, so the proof is tmux's own state: the pane title is unchanged, no
# clipboard buffer appeared, and the payload text is not on the screen.
# (The OSC written as character references in the body found bug
# render-entity-escape-residue, fixed in 28830a7.)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"
command -v "$PYTHON3" >/dev/null 2>&1 || cannot_run "python3 is needed for the test server"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
"$PYTHON3" - "$T/www/evil.xml" <<'PY'
import sys
ESC, BEL = "\x1b", "\x07"
title = ("Evil " + ESC + "]0;PWNEDTITLE" + BEL + "feed " + ESC + "]2;PWNEDTWO" + ESC + "\\")
items = []
items.append("<item><guid>t1</guid><title>Clip " + ESC + "]52;c;UFdORURDTElQ" + BEL +
             "board " + ESC + "[2J" + ESC + "[H" + "visible</title>"
             "<description>&lt;p&gt;Body " + ESC + "]52;c;UFdORURCT0RZ" + BEL +
             " text &amp;#x1b;]0;PWNEDENTITY&amp;#x7; &amp;#x9b;1m bidi &#x202e;desrever&#x202c; end&lt;/p&gt;"
             "</description><pubDate>Thu, 11 Jul 2024 10:00:00 GMT</pubDate></item>")
items.append("<item><guid>t2</guid><title>Second \u009b31m " + ESC + "]0;PWNEDC1" + BEL +
             " item &#x202e;rev&#x202c;</title><description>Plain body</description>"
             "<pubDate>Wed, 10 Jul 2024 10:00:00 GMT</pubDate></item>")
open(sys.argv[1], "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
    "<title>" + title + "</title>" + "".join(items) + "</channel></rss>")
PY
printf '%s\n' "$HTTPD_URL/evil.xml" > "$T/feeds"
printf 'download-articles no\n' > "$T/config"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

tui_start 100 30
# accept clipboard writes from the application, as many setups do
tm set -g set-clipboard on
tm set -g allow-rename on 2>/dev/null
check "feed list shows" wait_for "Evil"
keys Enter
check "item list shows" wait_for "visible"
keys Enter
check "article shows" wait_for "desrever"
check "the article's text around the escapes" wait_for "end"

untouched() {
	_s=$(tm capture-pane -p)
	case $_s in *PWNED*) echo "  payload on screen:"; printf "%s\n" "$_s" | grep PWNED | sed "s/^/  | /"; return 1 ;; esac
	case $(tm display -p '#{pane_title}') in *PWNED*)
		echo "  pane title set to: $(tm display -p '#{pane_title}')"; return 1 ;; esac
	[ -z "$(tm list-buffers 2>/dev/null)" ] || {
		echo "  a clipboard buffer appeared: $(tm list-buffers)"; return 1; }
	return 0
}
check "article: no title change, no clipboard write, no payload" untouched
keys q
check "back to the items" wait_for "Second"
check "items: no title change, no clipboard write, no payload" untouched
keys q
check "back to the feeds" wait_for "Evil"
check "feeds: no title change, no clipboard write, no payload" untouched
keys Q
check "quit" wait_exit
check "terminal restored" terminal_restored
check "still nothing after quitting" untouched
finish
