#!/bin/sh
# The commands part of issue 13 in the reader (tmux): the browser line runs
# through /bin/sh -c as newsboat runs it ("~/bin/x", quotes, redirections,
# "&"), the URL only ever as "$1" (hostile links run nothing), and the
# link list, goto-url, one..zero, external-url-viewer, pipe-to, save,
# bookmark and the background browser.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www" "$HOME/bin"
httpd_start "$T/www" || exit 1
# hostile links: each tries to create $T/pwned through a shell
"$PYTHON3" - "$T/www/feed.xml" "$T/pwned" <<'PY'
import sys, html
path, m = sys.argv[1], sys.argv[2]
links = [f"http://127.0.0.1:9/a?x=$(touch {m})",
         f"http://127.0.0.1:9/b?x=`touch {m}`",
         f"http://127.0.0.1:9/c?x=';touch {m};'",
         f'http://127.0.0.1:9/d?x=";touch {m};"']
body = ('<p>Body %d <a href="https://one.example/x y">first</a> and '
        '<a href="https://two.example/">second</a></p>')
items = "".join(
    "<item><title>Item %d</title><guid>g%d</guid><link>%s</link>"
    "<pubDate>Tue, %02d Jan 2024 10:00:00 +0000</pubDate>"
    "<description>%s</description></item>"
    % (i, i, html.escape(u), i, html.escape(body % i))
    for i, u in enumerate(links, 1))
open(path, "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f'<title>Gamma</title>{items}</channel></rss>')
PY
printf '%s\n' "$HTTPD_URL/feed.xml" > "$T/feeds"

# a stand-in browser in ~/bin that records its arguments, one a line
cat > "$HOME/bin/x" <<SH
#!/bin/sh
{ echo "\$#"; printf '%s\n' "\$@"; } > "$T/out.tmp" && mv "$T/out.tmp" "$T/out"
SH
chmod +x "$HOME/bin/x"

# wait_file PATH: bounded wait for a file a background command writes
wait_file() {
	_i=0
	while [ ! -s "$1" ] && [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		_i=$((_i + 1))
		sleep 0.05
	done
	[ -s "$1" ]
}

# start_with BROWSER-LINE: the reader with that browser line, on Item N's
# article list
start_with() {
	cat > "$T/config" <<CFG
download-articles no
$1
bind-key u show-urls
bind-key # goto-url
bind-key 1 one
bind-key 2 two
bind-key b open-in-browser-noninteractively
CFG
	tui_start 100 24 BROWSER="$HOME/bin/x"
	check "reader started" wait_for "Feeds (4 unread, 4 total)"
}

TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

# each browser line as real newsboat configs write it; the item's link
# must reach the browser as one argument, exactly as the feed has it
i=0
for line in \
    'browser "~/bin/x %u"' \
    "browser \"~/bin/x '%u' >/dev/null 2>&1 &\"" \
    'browser "setsid ~/bin/x %u &>/dev/null &"' \
    "browser \"~/bin/x -a 'Google Chrome' \\\"%u\\\"\"" \
    'browser "$BROWSER"'; do
	i=$((i + 1))
	rm -f "$T/out"
	start_with "$line"
	keys j Enter
	check "$i: the feed" wait_for "Gamma (4 items)"
	# the list is newest first: Item 4 (double quotes) then 3, 2, 1
	for n in 1 2 3 4; do
		rm -f "$T/out"
		keys o
		check "$i.$n: the browser ran ($line)" wait_file "$T/out"
		url=$(sed -n "$((n == 1 ? 4 : n == 2 ? 3 : n == 3 ? 2 : 1))p" <<URLS
http://127.0.0.1:9/a?x=\$(touch $T/pwned)
http://127.0.0.1:9/b?x=\`touch $T/pwned\`
http://127.0.0.1:9/c?x=';touch $T/pwned;'
http://127.0.0.1:9/d?x=";touch $T/pwned;"
URLS
)
		case $line in
		*Chrome*) want=$(printf '3\n-a\nGoogle Chrome\n%s' "$url") ;;
		*) want=$(printf '1\n%s' "$url") ;;
		esac
		expect_eq "$i.$n: the URL as one argument" "$(cat "$T/out")" "$want"
		keys j
	done
	check "$i: no link ran a command" test ! -e "$T/pwned"
done
finish
