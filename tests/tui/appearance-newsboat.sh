#!/bin/sh
# A newsboat user's formats and orders render in tidings as in newsboat
# 2.21 itself: the same config, urls file and feeds in both, each in
# tmux at 80 columns, and the numbered rows of the feed list and of the
# article list compared line for line (the title bars are each program's
# own).  newsboat comes from scripts/debian-packages ("# tests").
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

command -v newsboat >/dev/null 2>&1 ||
    cannot_run "newsboat is not installed (scripts/debian-packages lists it)"

mkdir -p "$T/www" "$HOME/.newsboat"
for f in alpha:Alpha:3 beta:Beta:2; do
	"$PYTHON3" - "$T/www/${f%%:*}.xml" "$(echo "$f" | cut -d: -f2)" "${f##*:}" <<'PY'
import sys
path, title, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
items = "".join(
    f"<item><title>{title} story {i}</title><guid>{title}-{i}</guid>"
    f"<link>http://127.0.0.1:9/{title}/{i}</link><author>a{i}@example.com (Ann {i})</author>"
    f"<pubDate>Tue, {i:02d} Jan 2024 10:00:00 +0000</pubDate>"
    f"<description>Body {i}.</description></item>" for i in range(1, n + 1))
open(path, "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f'<title>{title}</title>{items}</channel></rss>')
PY
done
printf 'file://%s/www/alpha.xml news\nfile://%s/www/beta.xml tech\n' "$T" "$T" > "$T/urls"

TIDINGS_BIN=$TIDINGS
# rows: the numbered rows on the screen (the lists' own lines); with
# $COLOURS set, each with its colours, captured alone (tmux writes a
# line's SGR sequences relative to the line before it) and cut of the
# blanks and colour changes that end it
rows() {
	if [ -z "${COLOURS:-}" ]; then
		screen | grep -E '^ *[0-9]+[^0-9]' | sed 's/ *$//'
		return
	fi
	for _n in $(screen | grep -nE '^ *[0-9]+[^0-9]' | cut -d: -f1); do
		tm capture-pane -p -e -S $((_n - 1)) -E $((_n - 1)) |
		    sed -E "s/($(printf '\033')\\[[0-9;]*m| )*\$//"
	done
}

# title_colours: the SGR sequences the title bar starts with
title_colours() {
	tm capture-pane -p -e -S 0 -E 0 | grep -oE "^($(printf '\033')\\[[0-9;]*m)*" | cat -v
}

# compare NAME: the same config in newsboat and in tidings, feed list
# rows then the first feed's article rows
compare() {
	rm -f "$T/nb.db" "$T/td.db"
	check "$1: newsboat reloads" env TZ=UTC newsboat -u "$T/urls" -c "$T/nb.db" \
	    -C "$T/config" -x reload
	TIDINGS=newsboat TUI_ARGS="-u $T/urls -c $T/nb.db -C $T/config"
	tui_start 80 20
	check "$1: newsboat's feed list" wait_for "Beta"
	rows > "$T/nb-feeds"
	screen | sed -n 1p > "$T/nb-title-feeds"
	title_colours > "$T/nb-title-colours"
	keys Enter
	check "$1: newsboat's article list" wait_for "story 2"
	rows > "$T/nb-items"
	screen | sed -n 1p > "$T/nb-title-items"
	keys q q
	wait_exit
	TIDINGS=$TIDINGS_BIN
	TUI_ARGS="--feeds $T/urls --cache $T/td.db --config $T/config"
	check "$1: tidings polls" "$TIDINGS" $TUI_ARGS poll --quiet --no-articles
	tui_start 80 20
	check "$1: tidings' feed list" wait_for "Beta"
	# newsboat's first feed is tidings' second row (after All items):
	# the cursor goes there first, as newsboat's is
	keys Down
	check "$1: tidings' cursor on the first feed" wait_colour 3 "(7|43)" " *1"
	rows > "$T/td-feeds"
	screen | sed -n 1p > "$T/td-title-feeds"
	title_colours > "$T/td-title-colours"
	keys Enter
	check "$1: tidings' article list" wait_for "story 2"
	rows > "$T/td-items"
	screen | sed -n 1p > "$T/td-title-items"
	keys Q
	wait_exit
	expect_eq "$1: the feed list's rows" "$(cat "$T/td-feeds")" "$(cat "$T/nb-feeds")"
	expect_eq "$1: the article list's rows" "$(cat "$T/td-items")" "$(cat "$T/nb-items")"
	# the title bar's colours (info's, with no "color title" line)
	if [ -n "${COLOURS:-}" ]; then
		expect_eq "$1: the title bar's colours" "$(cat "$T/td-title-colours")" \
		    "$(cat "$T/nb-title-colours")"
	fi
	# title formats without %N %V (each program's name) render alike too
	if [ "${2:-}" = titles ]; then
		expect_eq "$1: the feed list's title" "$(cat "$T/td-title-feeds")" \
		    "$(cat "$T/nb-title-feeds")"
		expect_eq "$1: the article list's title" "$(cat "$T/td-title-items")" \
		    "$(cat "$T/nb-title-items")"
	fi
}

cat > "$T/config" <<'CFG'
feedlist-format "%4i|%-8t|%T|%U/%c%> %n"
articlelist-format "%4i %f [%D] %-16t by %a"
datetime-format "%Y-%m-%d"
feedlist-title-format "%u of %t feeds unread%?T? tag %T&?%> |"
articlelist-title-format "<%T> %u unread, %t total%> |"
CFG
compare "custom formats" titles

# newsboat's own defaults, written out (tidings' defaults are its own
# look), but %6L: tidings keeps no article length, its %L is empty
cat > "$T/config" <<'CFG'
feedlist-format "%4i %n %11u %t"
articlelist-format "%4i %f %D  %?T?|%-17T|  &?%t"
CFG
compare "newsboat's default formats"

# newsboat's orders, quirks and all: title-asc is Z to A, date-desc the
# oldest first
cat > "$T/config" <<'CFG'
feedlist-format "%4i %n %11u %t"
articlelist-format "%4i %f %D %t"
feed-sort-order title-asc
article-sort-order date-desc
CFG
compare "sort orders"

# colours: every element both draw set alike, then highlight lines; the
# rows must carry the same colours cell for cell (formats without runs of
# blanks: curses may erase those instead of writing them, which leaves
# the same picture but other cell attributes)
cat > "$T/config" <<'CFG'
color background default default
color listnormal default default
color listnormal_unread default default bold
color listfocus black yellow
color listfocus_unread black yellow bold
color info white blue
color article default default
highlight feedlist "Beta" red default
highlight articlelist "story [12]" green default bold
highlight all "^3" magenta
feedlist-format "%i:%n:%t"
articlelist-format "%i:%f:%t"
CFG
COLOURS=1
compare "highlight lines and colours"
COLOURS=
finish
