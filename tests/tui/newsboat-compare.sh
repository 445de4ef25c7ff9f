#!/bin/sh
# Done-criterion 2 of issue 13: the same urls file and config in newsboat
# 2.21 (the Debian package, scripts/debian-packages "# tests") and in
# tidings show the same feeds, titles, tags and hidden feeds.  Both run in
# a private tmux server; what each shows is read off its screen (the feed
# list with its counts; newsboat's tag dialog, tidings' tags).  The file
# is the census's synthetic one less its duplicate line (newsboat 2.21
# lists a duplicate twice with the last line's tags; current newsboat
# merges, as tidings), plus a query feed; the config is a census-style
# one (tests/data/newsboat/compare-config).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

command -v newsboat >/dev/null 2>&1 ||
    cannot_run "newsboat is not installed (scripts/debian-packages lists it under # tests)"

S=$top_srcdir/data/samples
F=$T/feeds
mkdir -p "$F"
cp "$S/kyiv-feed.xml" "$F/f1.xml"
cp "$S/kyiv-feed.atom" "$F/f2.atom"
# a third feed with items of its own (newsboat keys items by guid alone)
sed -e 's/isPermaLink="false">668/isPermaLink="false">999/g' \
    -e 's/<channel><title><!\[CDATA\[The Kyiv Independent\]\]>/<channel><title><![CDATA[Third Feed]]>/' \
    "$S/kyiv-feed.xml" >"$F/f3.xml"
cat >"$T/urls" <<URLS
# comment line
"---Tech---"
file://$F/f1.xml news "~My Feed One" # inline comment
file://$F/f2.atom ! hiddenfeed
file://$F/f3.xml "two words" tech
"== Other =="
"query:Tech and news:tags # \\"tech\\" or tags # \\"hiddenfeed\\""
URLS
# a census-style config both read without a word
cp "$top_srcdir/tests/data/newsboat/compare-config" "$T/config"

# the feed list's titles, top to bottom, from a capture: "  1 N  (12/12) Title"
# for newsboat, "   1   (12/12)  Title  [tags]" for tidings
titles() {
	sed -n 's/^ *[0-9][0-9]* *N\{0,1\} *([0-9]*\/[0-9]*) *//p' | sed 's/  \[.*\]$//'
}
# ... with their counts: "(12/12) My Feed One"
counts() {
	sed -n 's/^ *[0-9][0-9]* *N\{0,1\} *\(([0-9]*\/[0-9]*)\) *\(.*\)$/\1 \2/p' | sed 's/  \[.*\]$//'
}

echo "# newsboat 2.21"
mkdir -p "$T/nbhome"
tm_stop
TUI_SOCKET="tidings-nb-$$"
tm new-session -d -x 120 -y 24 "env HOME=$T/nbhome LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color \
    newsboat -r -u $T/urls -c $T/nb.db -C $T/config 2>$T/nb.err; sleep 600"
check "newsboat shows its feed list" wait_for "(12/12) My Feed One"
check "newsboat has reloaded" wait_for "(12/12) Third Feed"
# newsboat counts its query feeds after the reload's last feed is shown:
# under load the screen was taken between the two (0/0)
check "newsboat has counted its query feed" wait_for "(24/24) Tech and news"
screen | titles >"$T/nb.titles"
screen | counts >"$T/nb.counts"
keys t
check "newsboat's tag dialog" wait_for "Select Tag"
# "  1  news (1)"; newsboat lists "!" as a tag, tidings takes it as the flag
screen | sed -n 's/^ *[0-9][0-9]*  \(.*\) ([0-9]*)$/\1/p' | grep -vx '!' | sort >"$T/nb.tags"
keys q q
tm_stop

echo "# tidings"
TUI_ARGS="--feeds $T/urls --config $T/config --cache $T/t.db"
"$TIDINGS" $TUI_ARGS poll --no-articles 2>"$T/t.err"
check "tidings read the urls file and config without a word" \
    sh -c "! grep -v ': [0-9]* feeds:' '$T/t.err' | grep -q ."
tui_start 120 24
check "tidings shows its feed list" wait_for "My Feed One"
screen | titles >"$T/t.titles"
screen | counts >"$T/t.counts"
sql "$T/t.db" "SELECT DISTINCT tag FROM feed_tags ORDER BY tag" | sort >"$T/t.tags"
keys q q
check "tidings quits" wait_exit

expect_eq "the same feed list: titles, order, headings, hidden feed left out" \
    "$(tr '\n' '|' <"$T/t.titles")" "$(tr '\n' '|' <"$T/nb.titles")"
expect_eq "newsboat's list is what the file says" "$(tr '\n' '|' <"$T/nb.titles")" \
    "---Tech---|My Feed One|Third Feed|== Other ==|Tech and news|"
expect_eq "the same counts: the query feed holds the tech feed's items and the hidden feed's" \
    "$(tr '\n' '|' <"$T/t.counts")" "$(tr '\n' '|' <"$T/nb.counts")"
check "newsboat's query feed: the tech feed's 12 items and the hidden feed's 12" \
    grep -qx "(24/24) Tech and news" "$T/nb.counts"
expect_eq "the same tags (no words of the inline comment)" \
    "$(tr '\n' '|' <"$T/t.tags")" "$(tr '\n' '|' <"$T/nb.tags")"
expect_eq "the tags the file gives" "$(tr '\n' '|' <"$T/t.tags")" "hiddenfeed|news|tech|two words|"
check "newsboat read the config without a word" sh -c "! grep -q . '$T/nb.err'"
finish
