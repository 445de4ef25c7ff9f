#!/bin/sh
# End-to-end: tidings as a client of the Google Reader API (issue 18), as
# FreshRSS serves it, REPLAYED: FreshRSS cannot run here, so tests/replay.py
# answers from request/response pairs written from FreshRSS's and the Google
# Reader API's documentation (tests/data/sync/greader/, each pair naming its
# page), 400 to any request it does not have (a wrong method, path, query
# or form fails the test) and 401 to a wrong Authorization.  The Old Reader
# and Inoreader use the same client at their own addresses.  The proof that
# the sync itself works against a real server is sync-ttrss.sh.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/sync-lib.sh"

sync_pages || cannot_run "tests/httpd.py did not start"
scene greader/first.json
replay_start || cannot_run "tests/replay.py did not start"
URL="http://127.0.0.1:$REPLAY_PORT/api/greader.php"
cat >"$T/config" <<EOF2
urls-source "freshrss"
freshrss-url "$URL"
freshrss-login "alice"
freshrss-password "secret"
download-timeout 3
EOF2
: >"$T/urls"
td() { "$TIDINGS" --config "${CFG:-$T/config}" --feeds "$T/urls" --cache "${CACHE:-$T/cache.db}" "$@"; }
id_of() { td items | awk -F '\t' -v t="$1" '$4 == t { print $1 }'; }
STATE=user%2F-%2Fstate%2Fcom.google

echo "# subscriptions, folders and items arrive"
td poll >"$T/out" 2>"$T/err"
expect_eq "poll: exit 0" "$?" 0
cat "$T/err"
check "poll: the sync's summary" grep -q "freshrss: 2 feeds, 3 new items" "$T/err"
check "poll: no warning about urls-source" sh -c '! grep -q "not in this version" "$1"' sh "$T/err"
expect_eq "poll: every request was one the docs describe" "$(refused)" ""
check "poll: the reading list's second page through the continuation" \
    grep -q "^200 GET .*reading-list?n=100&c=page-2&output=json" "$T/replay.log"
expect_eq "feeds: the server's subscriptions with their titles" \
    "$(td feeds | cut -f4,5 | sort)" \
    "$(printf 'Example News\t%s/example.xml\nLoose Feed\t%s/loose.xml' "$HTTPD_URL" "$HTTPD_URL")"
expect_eq "items --tag Tech: the folder became a tag" \
    "$(td items --tag Tech | cut -f4 | sort | tr '\n' ,)" "First story,Second story,"
expect_eq "items --unread: the server's unread" \
    "$(td items --unread | cut -f4 | sort | tr '\n' ,)" "First story,Loose story,"
expect_eq "items --starred: the server's starred" "$(td items --starred | cut -f4)" "Second story"
expect_eq "items: published is the date" \
    "$(td items | awk -F '\t' '$4 == "Loose story" { print $2 }' | cut -c1-16)" "2023-08-02T18:13"
check "poll: the article pages were fetched" grep -q "3 articles, 0 failed" "$T/err"
first=$(id_of "First story")
td show "$first" --width 0 >"$T/show" 2>&1
check "show: the page's article" grep -q "zephyrology committee met" "$T/show"

echo "# changes made while the server is down are kept, then pushed"
loose=$(id_of "Loose story")
sql "$T/cache.db" "UPDATE items SET read = 1 WHERE id = $first" >/dev/null
sql "$T/cache.db" "UPDATE items SET starred = 1 WHERE id = $loose" >/dev/null
sql "$T/cache.db" "UPDATE items SET starred = 0 WHERE id = $(id_of "Second story")" >/dev/null
sync_down_then_back freshrss greader/push.json
check "read: edit-tag adds state/com.google/read to the item, with the T token" \
    grep -q "^200 POST /api/greader.php/reader/api/0/edit-tag i=1691000000000001&a=$STATE%2Fread&T=" "$T/replay.log"
check "star: edit-tag adds state/com.google/starred" \
    grep -q "^200 POST /api/greader.php/reader/api/0/edit-tag i=1691000000000003&a=$STATE%2Fstarred&T=" "$T/replay.log"
check "unstar: edit-tag removes state/com.google/starred (r=)" \
    grep -q "^200 POST /api/greader.php/reader/api/0/edit-tag i=1691000000000002&r=$STATE%2Fstarred&T=" "$T/replay.log"
check "new items: asked from the newest crawl time seen (ot)" \
    grep -q '^200 GET .*reading-list?n=100&ot=1691000000&output=json' "$T/replay.log"
expect_eq "the journal is empty once the server took it" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM sync_journal")" 0
expect_eq "items --unread: another device's unread arrived" \
    "$(td items --unread | cut -f4 | sort | tr '\n' ,)" "Loose story,Second story,"
expect_eq "items --starred: as sent" "$(td items --starred | cut -f4)" "Loose story"

echo "# a change the server cannot take is reported once"
sql "$T/cache.db" "UPDATE items SET read = 1 WHERE id = $(id_of "Second story")" >/dev/null
scene greader/gone.json
td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "an item the server lost: exit 0" "$?" 0
expect_eq "an item the server lost: one conflict line" \
    "$(grep -c '^tidings: conflict: "Second story" was made read here, but the server no longer has it' "$T/err")" 1
expect_eq "an item the server lost: nothing sent, every request as recorded" "$(refused)" ""
td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "an item the server lost: not reported again" "$(grep -c '^tidings: conflict' "$T/err")" 0

echo "# one clear error each"
check "the cache holds no password" sh -c '! grep -q -a "secret" "$1"' sh "$T/cache.db"
scene greader/badlogin.json
sed 's/^freshrss-password .*/freshrss-passwordeval "echo Wr0ngSecret42"/' "$T/config" >"$T/config-bad"
CFG=$T/config-bad td poll >"$T/out" 2>"$T/err"
expect_eq "wrong password: exit 1" "$?" 1
expect_eq "wrong password: one line" "$(wc -l <"$T/err")" 1
check "wrong password: it says the login was refused" \
    grep -q "^tidings: freshrss $URL: HTTP 401: the login was refused (check the login and the password)" "$T/err"
check "wrong password: the password is not shown" sh -c '! grep -q Wr0ngSecret42 "$1"' sh "$T/err"
check "wrong password: ClientLogin got the one freshrss-passwordeval printed" \
    grep -q "^401 POST /api/greader.php/accounts/ClientLogin Email=alice&Passwd=Wr0ngSecret42$" "$T/replay.log"
scene greader/html.json
td poll >"$T/out" 2>"$T/err"
expect_eq "a web page instead of the API: exit 1" "$?" 1
expect_eq "a web page instead of the API: one line" "$(wc -l <"$T/err")" 1
check "a web page instead of the API: it says where the API is" \
    grep -q "^tidings: freshrss $URL: the login's answer has no Auth= line: is the URL the Google Reader API's address (.../api/greader.php)?" "$T/err"
scene greader/stall.json
sed 's/^download-timeout .*/download-timeout 2/' "$T/config" >"$T/config-slow"
CFG=$T/config-slow td poll >"$T/out" 2>"$T/err"
expect_eq "timeout: exit 1" "$?" 1
expect_eq "timeout: one line" "$(wc -l <"$T/err")" 1
check "timeout: it names the server and says so" \
    grep -q "^tidings: freshrss: $URL/accounts/ClientLogin: .*timed out" "$T/err"
finish
