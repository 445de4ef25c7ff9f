#!/bin/sh
# End-to-end: tidings as a client of Miniflux (issue 18), REPLAYED: Miniflux
# cannot run here, so tests/replay.py answers from request/response pairs
# written from Miniflux's API documentation (tests/data/sync/miniflux/, each
# pair naming its page) and answers 400 to any request it does not have (a
# wrong method, path, query or body fails the test) and 401 to wrong
# credentials.  The proof that the sync itself works against a real server
# is sync-ttrss.sh.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/sync-lib.sh"

sync_pages || cannot_run "tests/httpd.py did not start"
scene miniflux/first.json
replay_start || cannot_run "tests/replay.py did not start"
URL="http://127.0.0.1:$REPLAY_PORT"
cat >"$T/config" <<EOF2
urls-source "miniflux"
miniflux-url "$URL/"
miniflux-login "admin"
miniflux-password "secret"
download-timeout 3
EOF2
: >"$T/urls"
td() { "$TIDINGS" --config "${CFG:-$T/config}" --feeds "$T/urls" --cache "${CACHE:-$T/cache.db}" "$@"; }
id_of() { td items | awk -F '\t' -v t="$1" '$4 == t { print $1 }'; }

echo "# subscriptions, tags and entries arrive"
td poll >"$T/out" 2>"$T/err"
expect_eq "poll: exit 0" "$?" 0
cat "$T/err"
check "poll: the sync's summary" grep -q "miniflux: 2 feeds, 3 new items" "$T/err"
check "poll: no warning about urls-source" sh -c '! grep -q "not in this version" "$1"' sh "$T/err"
expect_eq "poll: every request was one the docs describe" "$(refused)" ""
expect_eq "feeds: the server's subscriptions with their titles" \
    "$(td feeds | cut -f4,5 | sort)" \
    "$(printf 'Example News\t%s/example.xml\nLoose Feed\t%s/loose.xml' "$HTTPD_URL" "$HTTPD_URL")"
expect_eq "items --tag Tech: the category became a tag" \
    "$(td items --tag Tech | cut -f4 | sort | tr '\n' ,)" "First story,Second story,"
expect_eq "items --tag All: Miniflux's default category too" \
    "$(td items --tag All | cut -f4)" "Loose story"
expect_eq "items --unread: the server's unread" \
    "$(td items --unread | cut -f4 | sort | tr '\n' ,)" "First story,Loose story,"
expect_eq "items --starred: the server's starred" "$(td items --starred | cut -f4)" "Second story"
expect_eq "items: published_at is the date" \
    "$(td items | awk -F '\t' '$4 == "Second story" { print $2 }' | cut -c1-16)" "2023-08-02T09:00"
check "poll: the article pages were fetched" grep -q "3 articles, 0 failed" "$T/err"
first=$(id_of "First story")
td show "$first" --width 0 >"$T/show" 2>&1
check "show: the page's article" grep -q "zephyrology committee met" "$T/show"

echo "# changes made while the server is down are kept, then pushed"
loose=$(id_of "Loose story")
second=$(id_of "Second story")
sql "$T/cache.db" "UPDATE items SET read = 1 WHERE id = $first" >/dev/null
sql "$T/cache.db" "UPDATE items SET starred = 1 WHERE id = $loose" >/dev/null
sql "$T/cache.db" "UPDATE items SET read = 0 WHERE id = $second" >/dev/null
sync_down_then_back miniflux miniflux/push.json
check "read: PUT /v1/entries with the entry and the status" \
    grep -q '^204 PUT /v1/entries {"entry_ids":\[888\],"status":"read"}' "$T/replay.log"
check "unread: PUT /v1/entries with the status unread" \
    grep -q '^204 PUT /v1/entries {"entry_ids":\[889\],"status":"unread"}' "$T/replay.log"
check "star: the bookmark toggle of the entry, once" \
    sh -c '[ "$(grep -c "^204 PUT /v1/entries/890/bookmark" "$1")" = 1 ]' sh "$T/replay.log"
check "new entries: asked after the newest id seen" \
    grep -q '^200 GET /v1/entries?after_entry_id=890&' "$T/replay.log"
expect_eq "the journal is empty once the server took it" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM sync_journal")" 0
expect_eq "items --unread: as sent" \
    "$(td items --unread | cut -f4 | sort | tr '\n' ,)" "Loose story,Second story,"
expect_eq "items --starred: another device's star arrived" \
    "$(td items --starred | cut -f4 | sort | tr '\n' ,)" "First story,Loose story,Second story,"

echo "# a toggle is sent only when the server's star differs"
sql "$T/cache.db" "UPDATE items SET starred = 0 WHERE id = $loose" >/dev/null
sql "$T/cache.db" "UPDATE items SET read = 1 WHERE id = $second" >/dev/null
scene miniflux/nopush.json
td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "star already off there: exit 0" "$?" 0
check "star already off there: no bookmark toggle sent" \
    sh -c '! grep -q bookmark "$1"' sh "$T/replay.log"
expect_eq "star already off there: every request as recorded" "$(refused)" ""
expect_eq "an entry the server lost: one conflict line" \
    "$(grep -c '^tidings: conflict: "Second story"' "$T/err")" 1
expect_eq "the journal is empty" "$(sql "$T/cache.db" "SELECT count(*) FROM sync_journal")" 0

echo "# a long unread list is read to its end"
# 5,100 unread entries the cache does not have, then Loose story (890):
# past the 5,000 new items a sync takes, which must not cut the state
"$PYTHON3" - "$T/pairs.json" <<'PY'
import json, sys
path = sys.argv[1]
scene = json.load(open(path))
keep = [p for p in scene["pairs"] if p["path"] in ("/v1/me", "/v1/feeds")
        or p.get("query", {}).get("after_entry_id")]
ids = list(range(100000, 105100)) + [890]
def page(k):
    return {"method": "GET", "path": "/v1/entries",
            "query": {"status": ["unread"], "limit": ["100"], "offset": [str(k)]},
            "json": {"total": len(ids), "entries": [{"id": i, "feed_id": 43, "status": "unread",
                     "title": "t%d" % i, "starred": False} for i in ids[k:k + 100]]}}
pairs = keep + [page(k) for k in range(0, len(ids), 100)]
pairs.append({"method": "GET", "path": "/v1/entries",
              "query": {"starred": ["true"], "limit": ["100"], "offset": ["0"]},
              "json": {"total": 0, "entries": []}})
scene["pairs"] = pairs
json.dump(scene, open(path + ".tmp", "w"))
PY
mv "$T/pairs.json.tmp" "$T/pairs.json"
: >"$T/replay.log"
td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "long unread list: exit 0" "$?" 0
expect_eq "long unread list: every page asked for" \
    "$(grep -c '^200 GET /v1/entries?status=unread' "$T/replay.log")" 52
expect_eq "long unread list: the last entry of it stays unread" \
    "$(td items --unread | cut -f4)" "Loose story"

echo "# the token and the password"
check "the cache holds no password" sh -c '! grep -q -a "secret" "$1"' sh "$T/cache.db"
scene miniflux/first.json
sed 's/"Authorization": "Basic YWRtaW46c2VjcmV0"/"X-Auth-Token": "Tok3nValue"/' "$T/pairs.json" >"$T/p" &&
    mv "$T/p" "$T/pairs.json"
printf 'urls-source "miniflux"\nminiflux-url "%s"\nminiflux-tokeneval "echo Tok3nValue"\n' "$URL" \
    >"$T/config-token"
CFG=$T/config-token CACHE=$T/token.db td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "miniflux-tokeneval: exit 0 (X-Auth-Token sent)" "$?" 0
expect_eq "miniflux-tokeneval: every request as recorded" "$(refused)" ""
printf 'urls-source "miniflux"\nminiflux-url "%s"\nminiflux-token "Wr0ngTok3n"\n' "$URL" \
    >"$T/config-badtoken"
CFG=$T/config-badtoken td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "wrong token: exit 1" "$?" 1
expect_eq "wrong token: one line" "$(wc -l <"$T/err")" 1
check "wrong token: it says the token was refused" grep -q "HTTP 401: the login was refused (check the token)" "$T/err"
check "wrong token: the token is not shown" sh -c '! grep -q Wr0ngTok3n "$1"' sh "$T/err"

echo "# one clear error each"
scene miniflux/first.json
sed 's/^miniflux-password .*/miniflux-password "Wr0ngSecret42"/' "$T/config" >"$T/config-bad"
CFG=$T/config-bad td poll >"$T/out" 2>"$T/err"
expect_eq "wrong password: exit 1" "$?" 1
expect_eq "wrong password: one line" "$(wc -l <"$T/err")" 1
check "wrong password: it says the login was refused" \
    grep -q "^tidings: miniflux $URL: HTTP 401: the login was refused (check the login and the password)" "$T/err"
check "wrong password: the password is not shown" sh -c '! grep -q Wr0ngSecret42 "$1"' sh "$T/err"
scene miniflux/html.json
td poll >"$T/out" 2>"$T/err"
expect_eq "HTML instead of JSON: exit 1" "$?" 1
expect_eq "HTML instead of JSON: one line" "$(wc -l <"$T/err")" 1
check "HTML instead of JSON: it says so" grep -q "^tidings: miniflux $URL: the answer is not JSON" "$T/err"
scene miniflux/stall.json
sed 's/^download-timeout .*/download-timeout 2/' "$T/config" >"$T/config-slow"
CFG=$T/config-slow td poll >"$T/out" 2>"$T/err"
expect_eq "timeout: exit 1" "$?" 1
expect_eq "timeout: one line" "$(wc -l <"$T/err")" 1
check "timeout: it names the server and says so" grep -q "^tidings: miniflux: $URL/v1/me: .*timed out" "$T/err"
check "no error line shows the password" sh -c '! grep -rq secret "$1"' sh "$T/err"
finish
