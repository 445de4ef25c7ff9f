#!/bin/sh
# End-to-end (issue 15): the item counts the cache keeps a feed (schema 7)
# are what `tidings feeds` shows, and `tidings cleanup` counts them again
# from the items, puts wrong ones right and says so.
. "$top_srcdir/tests/lib.sh"

C=$XDG_DATA_HOME/tidings/cache.db
fresh="SELECT f.id, (SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0),
    (SELECT count(*) FROM items i WHERE i.feed_id = f.id) FROM feeds f ORDER BY f.id"

# the sample feeds (local files; exit 1 when one of them fails), one item read
"$TIDINGS" poll --no-articles --quiet >/dev/null 2>&1
sql "$C" "UPDATE items SET read = 1 WHERE id = (SELECT min(id) FROM items)" >/dev/null
"$TIDINGS" feeds >"$T/feeds" 2>"$T/err"
expect_eq "feeds exits 0" $? 0
expect_eq "feeds shows the counts of the items (id, unread, total)" \
    "$(cut -f1-3 "$T/feeds" | tr '\t' ' ')" "$(sql "$C" "$fresh" | tr '\t' ' ')"
check "some item counted" [ "$(sql "$C" "SELECT sum(n_total) FROM feeds")" -gt 0 ]

# counts gone wrong (written by hand, as another program's SQL could)
sql "$C" "UPDATE feeds SET n_unread = n_unread + 5, n_total = 99 WHERE id = 1" >/dev/null
"$TIDINGS" feeds >"$T/feeds" 2>"$T/err"
expect_eq "feeds shows the kept counts, not a count of every item" \
    "$(head -1 "$T/feeds" | cut -f3)" 99
"$TIDINGS" cleanup >"$T/out" 2>"$T/err"
expect_eq "cleanup exits 0" $? 0
check "cleanup says it put one feed's counts right" \
    grep -q "put right the item counts of 1 feed$" "$T/err"
"$TIDINGS" feeds >"$T/feeds" 2>"$T/err"
expect_eq "after cleanup feeds shows the counts of the items" \
    "$(cut -f1-3 "$T/feeds" | tr '\t' ' ')" "$(sql "$C" "$fresh" | tr '\t' ' ')"
"$TIDINGS" cleanup >"$T/out" 2>"$T/err"
check "a second cleanup finds nothing to put right" sh -c "! grep -q 'put right' '$T/err'"

finish
