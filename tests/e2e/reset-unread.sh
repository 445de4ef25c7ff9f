#!/bin/sh
# End-to-end (issue 13): reset-unread-on-update URL... (newsboat's
# option).  Two feeds from tests/httpd.py, every item read; the server
# changes an item's text in both and another item's title only: after the
# next poll the changed item of the listed feed alone is unread again, the
# feed's unread count (tidings feeds) says so, and the counts the cache
# keeps equal a count of its items.
. "$top_srcdir/tests/lib.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || cannot_run "tests/httpd.py"
C=$T/cache.db
# feed NAME TEXT TITLE2: NAME.xml with items one (description TEXT) and two
# (title TITLE2, its text always the same)
feed() {
	printf '<rss version="2.0"><channel><title>%s</title>
<item><title>one</title><guid>%s-1</guid><link>%s/%s/1</link><description>%s</description></item>
<item><title>%s</title><guid>%s-2</guid><link>%s/%s/2</link><description>same</description></item>
</channel></rss>\n' "$1" "$1" "$HTTPD_URL" "$1" "$2" "$3" "$1" "$HTTPD_URL" "$1" >"$T/www/$1.xml"
}
tp() { "$TIDINGS" --config "$T/config" --feeds "$T/urls" --cache "$C" "$@"; }
unread() { tp items --unread | cut -f4,5 | tr '\t\n' ' |'; }
fresh="SELECT f.id, (SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0),
    (SELECT count(*) FROM items i WHERE i.feed_id = f.id) FROM feeds f ORDER BY f.id"

printf '%s/listed.xml\n%s/other.xml\n' "$HTTPD_URL" "$HTTPD_URL" >"$T/urls"
printf 'reset-unread-on-update "%s/listed.xml" "%s/elsewhere.xml"\n' "$HTTPD_URL" \
    "$HTTPD_URL" >"$T/config"
feed listed "old text" two
feed other "old text" two
tp poll --no-articles --quiet 2>"$T/err"
expect_eq "first poll: exit 0" $? 0
expect_eq "first poll: four items, all unread" "$(tp items --unread | wc -l | tr -d ' ')" 4
# read everything, as the reader marks it (the same column and triggers)
sql "$C" "UPDATE items SET read = 1" >/dev/null
expect_eq "all read" "$(unread)" ""

echo "# the server changes item one's text in both feeds, item two's title"
feed listed "new text" "two, retitled"
feed other "new text" "two, retitled"
tp poll --no-articles --quiet --force 2>"$T/err"
expect_eq "second poll: exit 0" $? 0
expect_eq "the listed feed's changed item alone is unread again" \
    "$(unread)" "one $HTTPD_URL/listed/1|"
expect_eq "the text is the new one" \
    "$(sql "$C" "SELECT summary_html FROM items WHERE guid = 'listed-1'")" "new text"
expect_eq "the other feed's changed item is updated, still read" \
    "$(sql "$C" "SELECT read || ' ' || summary_html FROM items WHERE guid = 'other-1'")" \
    "1 new text"
expect_eq "a new title alone leaves the item read" \
    "$(sql "$C" "SELECT group_concat(read || ' ' || title, '|') FROM items WHERE guid LIKE '%-2'")" \
    "1 two, retitled|1 two, retitled"
expect_eq "tidings feeds: unread 1 and 0" "$(tp feeds | cut -f2,3 | tr '\t\n' ' |')" "1 2|0 2|"
expect_eq "the kept counts are the items' counts" \
    "$(sql "$C" "SELECT id, n_unread, n_total FROM feeds ORDER BY id" | tr '\t' ' ')" \
    "$(sql "$C" "$fresh" | tr '\t' ' ')"

echo "# read again, polled again unchanged: it stays read"
sql "$C" "UPDATE items SET read = 1" >/dev/null
tp poll --no-articles --quiet --force 2>"$T/err"
expect_eq "unchanged: nothing unread" "$(unread)" ""

echo "# without the option a changed item keeps its read state"
: >"$T/config"
feed listed "newer text" "two, retitled"
tp poll --no-articles --quiet --force 2>"$T/err"
expect_eq "no option: nothing unread" "$(unread)" ""
expect_eq "no option: the text is updated" \
    "$(sql "$C" "SELECT summary_html FROM items WHERE guid = 'listed-1'")" "newer text"
finish
