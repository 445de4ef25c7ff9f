#!/bin/sh
# A newsboat user's first start of the reader in tmux (issue 13 items 7
# and 10): tidings offers to import newsboat's files; said yes, the reader
# shows newsboat's feeds with their ~titles, a "---Tech---" heading in
# place, the "!" feed left out, and newsboat's read state.  Said no, the
# usual first start with the sample feeds, and no second offer.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

S=$top_srcdir/data/samples
NB=$HOME/.newsboat
mkdir -p "$NB" "$T/feeds"
cp "$S/kyiv-feed.xml" "$T/feeds/kyiv.xml"
cp "$S/kyiv-feed.atom" "$T/feeds/hidden.atom"
K="file://$T/feeds/kyiv.xml"
cat >"$NB/urls" <<URLS
"---Tech---"
$K news "~Kyiv from newsboat" # a comment, not tags
file://$T/feeds/hidden.atom "!" secret
URLS
"$PYTHON3" "$top_srcdir/tests/newsboat-cache.py" "$NB/cache.db" <<JSON
{"feeds": [{"rssurl": "$K", "url": "", "title": "The Kyiv Independent"}],
 "items": [{"guid": "668e46c65c3f4d0001a7b41c", "title": "NATO summit", "feedurl": "$K",
            "pubDate": 1720601534, "unread": 0}]}
JSON

TUI_ARGS=""
tui_start 100 20
check "the first start offers newsboat's files" wait_for "Import them"
keys y Enter
check "newsboat's feed, with its ~title" wait_for "Kyiv from newsboat"
check "newsboat's cached item is there before any poll" wait_for "(0/1)  Kyiv from newsboat"
keys R
check "newsboat's read item stays read after the reload" wait_for "(11/12)  Kyiv from newsboat"
heading_first() {
	screen | grep -e '---Tech---' -e 'Kyiv from newsboat' | head -1 | grep -q Tech
}
no_hidden() { ! screen | grep -q 'Kyiv Independent'; }
check "the heading is in the feed list, before the feed, as in the file" heading_first
check "the hidden feed is not in the feed list" no_hidden
keys q q
check "quit" wait_exit
check "the urls file was copied" cmp -s "$NB/urls" "$XDG_CONFIG_HOME/tidings/feeds"

echo "# said no: the usual first start, asked once"
HOME=$T/home2 XDG_CONFIG_HOME=$T/home2/.config XDG_DATA_HOME=$T/home2/.local/share
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
mkdir -p "$HOME/.newsboat"
cp "$NB/urls" "$HOME/.newsboat/urls"
tui_start 100 20
check "offered again in a new home" wait_for "Import them"
keys n Enter
check "the sample feeds instead" wait_for "Kyiv Independent (sample)"
keys q q
check "quit after no" wait_exit
tui_start 100 20
check "no second offer" wait_for "Kyiv Independent (sample)"
no_offer() { ! screen | grep -q 'Import them'; }
check "the offer is not on the screen" no_offer
keys q q
check "quit the second start" wait_exit

echo "# urls-source \"opml\": the reader's reload reads the OPML"
mkdir -p "$T/www"
cp "$S/kyiv-feed.xml" "$T/www/f1.xml"
httpd_start "$T/www" || { not_ok "test server starts"; finish; exit 1; }
printf '<opml version="2.0"><body><outline type="rss" text="From the OPML" xmlUrl="%s/f1.xml"/></body></opml>\n' \
    "$HTTPD_URL" >"$T/www/list.opml"
printf 'urls-source "opml"\nopml-url %s/list.opml\n' "$HTTPD_URL" >"$T/opml.config"
HOME=$T/home4 XDG_CONFIG_HOME=$T/home4/.config XDG_DATA_HOME=$T/home4/.local/share
mkdir -p "$HOME"
TUI_ARGS="--config $T/opml.config"
tui_start 100 20
check "the first reload polls the OPML's feed" wait_for "(12/12)  From the OPML"
no_samples() { ! screen | grep -q 'sample'; }
check "the feed list is the OPML's, the first start's samples gone" no_samples
keys q q
check "quit the OPML reader" wait_exit
finish
