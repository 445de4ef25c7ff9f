#!/bin/sh
# The reader's config end to end in tmux: keys remapped in the config file,
# a bad line reported as config:LINE and the rest still applied, NO_COLOR,
# and reloading a feed in the background (r) while the keys keep working.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
write_feed() {
	"$PYTHON3" - "$T/www/feed.xml" "$1" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
items = "".join(
    f"<item><title>Item {i}</title><guid>g{i}</guid>"
    f"<link>http://127.0.0.1:9/a?i={i};touch%20pwned&amp;x=$(touch pwned)</link>"
    f"<pubDate>Tue, {i:02d} Jan 2024 10:00:00 +0000</pubDate>"
    f"<description>Body {i}</description></item>" for i in range(1, n + 1))
open(path, "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f'<title>Gamma</title>{items}</channel></rss>')
PY
}
write_feed 3
printf '%s\n' "$HTTPD_URL/feed.xml" > "$T/feeds"
cat > "$T/config" <<'CFG'
# remapped keys
unbind-key DOWN
bind-key x down
bind-key "^O" open feedlist
frobnicate yes
color listfocus color208 default bold
download-articles no
CFG
# a browser that records its argv, one element a line
cat > "$T/browser" <<'SH'
#!/bin/sh
printf '%s\n' "$#" "$@" > "$BROWSER_OUT"
SH
chmod +x "$T/browser"
printf 'browser "%s --new-tab %%u"\n' "$T/browser" >> "$T/config"

TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

# colour escapes (foreground/background, 8 or 256 colours) on the screen
has_colours() {
	tm capture-pane -p -e | grep -Eq "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5)[;m]"
}

BROWSER_OUT=$T/browser.out
export BROWSER_OUT
tui_start 80 20 BROWSER_OUT="$T/browser.out"
check "start with a bad config line" wait_for "Feeds (3 unread, 3 total)"
check "the bad line is reported with its number" wait_for 'config:5: unknown option "frobnicate"'
check "colours by default" has_colours

# x (remapped) moves down to the feed, ^O (bound in the feed list) opens it
keys x C-o
check "remapped keys" wait_for "Gamma (3 items)"
keys q : 0 Enter Down C-o
check "unbound DOWN does not move" wait_for "All items (3 items)"
keys q '?'
check "help shows the live bindings" eval 'screen | grep -Eq "^ x +down +Move down one line"'

# o: the browser gets the URL as one argv element, never through a shell
keys q x Enter
check "the feed again" wait_for "Gamma (3 items)"
keys o
check "the browser ran" wait_for "opened in the browser"
expect_eq "browser argv" "$(cat "$T/browser.out" 2>/dev/null)" \
    "$(printf '2\n--new-tab\nhttp://127.0.0.1:9/a?i=3;touch%%20pwned&x=$(touch pwned)')"
check "no shell ran the URL" test ! -e pwned -a ! -e "$T/pwned"

# reload in the background: the feed grows, r fetches it, the keys still work
keys q x
write_feed 5
keys r
check "reload finishes" wait_for "reloaded: 2 new items"
check "counts follow" wait_for "Feeds (5 unread, 5 total)"
keys Enter
check "new items listed" wait_for "Gamma (5 items)"
keys Q
check "quit" wait_exit
check "terminal restored" terminal_restored
check "config error printed after the screen is given back" \
    grep -q 'config:5: unknown option "frobnicate"' "$T/stderr"

# NO_COLOR: attributes only, no colour escapes; and mouse no
echo "mouse no" >> "$T/config"
tui_start 80 20 NO_COLOR=1
check "NO_COLOR start" wait_for "Feeds ("
check "NO_COLOR: no colours" eval '! has_colours'
check "mouse no: no mouse reports" test "$(tm display -p '#{mouse_standard_flag}')" = 0
keys Q
check "quit again" wait_exit

finish
