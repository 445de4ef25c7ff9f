#!/bin/sh
# End-to-end: tidings as a client of a real Tiny Tiny RSS (issue 18).
#
# Debian's tt-rss (scripts/debian-packages-sync, installed by `sh
# scripts/setup.sh check`) runs here on PostgreSQL over loopback, served by
# `php -S 127.0.0.1:PORT` as www-data.  tt-rss refuses to fetch feeds from
# loopback, so its feeds and entries are written into its database; the
# article pages they link to are served by tests/httpd.py and fetched by
# tidings.  Faults a real tt-rss cannot be made to show on demand (an HTML
# page, a stall, a session that keeps ending) come from
# tests/data/sync/fake-ttrss.php.  Everything started here is stopped here.
# Needs root (CI runs as root): it starts PostgreSQL and edits tt-rss's
# SELF_URL_PATH in /etc/tt-rss/config.php (put back at the end).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

[ "$(id -u)" = 0 ] || cannot_run "needs root (starts PostgreSQL and tt-rss)"
for t in php psql pg_lsclusters pg_ctlcluster setpriv; do
	command -v "$t" >/dev/null 2>&1 ||
	    cannot_run "$t is missing: sh scripts/setup.sh check installs scripts/debian-packages-sync"
done
[ -f /usr/share/tt-rss/www/api/index.php ] && [ -f /etc/tt-rss/config.php ] ||
    cannot_run "tt-rss is not installed: sh scripts/setup.sh check installs it"

PHP_PID= FAKE_PID= PG_STARTED= PG_VER=
TTRSS_CONF=/etc/tt-rss/config.php
cp -p "$TTRSS_CONF" "$T/config.php.orig"
sync_cleanup() {
	[ -n "$PHP_PID" ] && kill "$PHP_PID" 2>/dev/null && wait "$PHP_PID" 2>/dev/null
	[ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null && wait "$FAKE_PID" 2>/dev/null
	[ -f "$T/config.php.orig" ] && cp -p "$T/config.php.orig" "$TTRSS_CONF"
	[ -n "$PG_STARTED" ] && pg_ctlcluster "$PG_VER" main stop 2>/dev/null
	tm_stop
	cleanup
}
trap sync_cleanup EXIT INT TERM

free_port() {
	"$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pgsql: SQL on stdin into tt-rss's database, as postgres
pgsql() {
	(cd / && setpriv --reuid=postgres --regid=postgres --clear-groups \
	    psql -q -At -v ON_ERROR_STOP=1 -d ttrss)
}

# api OP JSON: one call of tt-rss's API with a fresh login; prints content
api() {
	"$PYTHON3" - "$TTRSS_URL" "$1" "$2" <<'PY'
import json, sys, urllib.request
url, op, args = sys.argv[1] + "api/", sys.argv[2], json.loads(sys.argv[3])
o = urllib.request.build_opener(urllib.request.ProxyHandler({}))
def call(d):
    r = o.open(urllib.request.Request(url, json.dumps(d).encode(),
        {"Content-Type": "application/json"}), timeout=20)
    return json.loads(r.read())
sid = call({"op": "login", "user": "admin", "password": "password"})["content"]["session_id"]
args.update(op=op, sid=sid)
print(json.dumps(call(args)["content"], sort_keys=True))
PY
}

# flag ID FIELD: unread or marked of one article, as the API says it
flag() {
	api getArticle "{\"article_id\": \"$1\"}" |
	    "$PYTHON3" -c "import json,sys; a = json.load(sys.stdin); print(str(a[0]['$2']).lower() if a else 'gone')"
}

php_start() {	# php_start: tt-rss on $TTRSS_PORT, answering the API
	(cd /usr/share/tt-rss/www &&
	    exec setpriv --reuid=www-data --regid=www-data --init-groups \
	    php -S "127.0.0.1:$TTRSS_PORT" -t /usr/share/tt-rss/www) >"$T/php.log" 2>&1 &
	PHP_PID=$!
	i=0
	until api getApiLevel '{}' >/dev/null 2>&1; do
		i=$((i + 1))
		if [ "$i" -gt 100 ] || ! kill -0 "$PHP_PID" 2>/dev/null; then
			cat "$T/php.log"
			return 1
		fi
		sleep 0.1
	done
}
php_stop() {
	kill "$PHP_PID" 2>/dev/null
	wait "$PHP_PID" 2>/dev/null
	PHP_PID=
}

echo "# tt-rss on loopback"
PG_VER=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
[ -n "$PG_VER" ] || cannot_run "no PostgreSQL cluster in /etc/postgresql"
if ! pg_lsclusters -h | awk -v v="$PG_VER" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
	pg_ctlcluster "$PG_VER" main start || cannot_run "PostgreSQL $PG_VER does not start"
	PG_STARTED=1
fi
echo 'SELECT 1 FROM ttrss_users WHERE login = '"'admin'"';' | pgsql | grep -q 1 ||
    cannot_run "tt-rss's database (ttrss, user admin) is missing: sh scripts/setup.sh check makes it"

TTRSS_PORT=$(free_port)
TTRSS_URL="http://127.0.0.1:$TTRSS_PORT/"
sed -i "s|define('SELF_URL_PATH', '[^']*');|define('SELF_URL_PATH', '$TTRSS_URL');|" "$TTRSS_CONF"
grep -q "SELF_URL_PATH', '$TTRSS_URL'" "$TTRSS_CONF" || cannot_run "cannot set SELF_URL_PATH"

# article pages, served to tidings (tt-rss never fetches them)
mkdir -p "$T/www"
page() {	# page FILE TITLE WORD
	{
		printf '<!DOCTYPE html><html><head><title>%s</title></head><body>\n' "$2"
		printf '<nav><a href="/">Home</a> <a href="/about">About</a></nav>\n'
		printf '<article><h1>%s</h1>\n' "$2"
		for n in 1 2 3 4; do
			printf '<p>Paragraph %s of the page: the %s committee met on a grey morning, ' "$n" "$3"
			printf 'read its minutes aloud, argued about the budget for an hour and agreed, '
			printf 'as it always does, that the next meeting will settle everything.</p>\n'
		done
		printf '</article><footer>Copyright nobody</footer></body></html>\n'
	} >"$T/www/$1"
}
page a1.html "First story" zephyrology
page a2.html "Second story" quillwort
page a3.html "Loose story" bramblecap
httpd_start "$T/www" || cannot_run "tests/httpd.py did not start"

pgsql <<SQL || cannot_run "cannot seed tt-rss's database"
BEGIN;
DELETE FROM ttrss_user_entries; DELETE FROM ttrss_entries;
DELETE FROM ttrss_feeds; DELETE FROM ttrss_feed_categories;
DELETE FROM ttrss_user_prefs WHERE pref_name = 'ENABLE_API_ACCESS';
INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value) VALUES (1, 'ENABLE_API_ACCESS', 'true');
INSERT INTO ttrss_feed_categories (id, owner_uid, title) VALUES (101, 1, 'Tech');
INSERT INTO ttrss_feeds (id, owner_uid, title, feed_url, cat_id, site_url) VALUES
 (201, 1, 'Example News', '$HTTPD_URL/example.xml', 101, '$HTTPD_URL/'),
 (202, 1, 'Loose Feed', '$HTTPD_URL/loose.xml', NULL, '$HTTPD_URL/');
INSERT INTO ttrss_entries (id, title, guid, link, updated, content, content_hash,
 date_entered, date_updated, author) VALUES
 (301, 'First story', 'g1', '$HTTPD_URL/a1.html', now(), '<p>Server text one</p>', 'h1', now(), now(), 'Ann'),
 (302, 'Second story', 'g2', '$HTTPD_URL/a2.html', now(), '<p>Server text two</p>', 'h2', now(), now(), 'Bob'),
 (303, 'Loose story', 'g3', '$HTTPD_URL/a3.html', now(), '<p>Server text three</p>', 'h3', now(), now(), '');
INSERT INTO ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, label_cache, unread, marked) VALUES
 (301, '', 201, 1, '', '', true, false),
 (302, '', 201, 1, '', '', false, true),
 (303, '', 202, 1, '', '', true, false);
COMMIT;
SQL
php_start || cannot_run "tt-rss does not answer on $TTRSS_URL"
ok "tt-rss answers its API on loopback"

# a loaded machine's PHP server can take seconds an API call: 30 s, not a
# timeout test (that one sets its own, below)
cat >"$T/config" <<EOF
urls-source "ttrss"
ttrss-url "$TTRSS_URL"
ttrss-login "admin"
ttrss-password "password"
download-timeout 30
EOF
: >"$T/urls"
td() { "$TIDINGS" --config "${CFG:-$T/config}" --feeds "$T/urls" --cache "$T/cache.db" "$@"; }
id_of() { td items | awk -F '\t' -v t="$1" '$4 == t { print $1 }'; }

echo "# subscriptions, tags and items arrive"
td poll >"$T/out" 2>"$T/err"
expect_eq "poll: exit 0" "$?" 0
check "poll: the sync's summary" grep -q "ttrss: 2 feeds, 3 new items" "$T/err"
check "poll: no \"not in this version\" warning for ttrss" sh -c '! grep -q "not in this version" "$1"' sh "$T/err"
expect_eq "feeds: the server's subscriptions with their titles" \
    "$(td feeds | cut -f4,5 | sort)" \
    "$(printf 'Example News\t%s/example.xml\nLoose Feed\t%s/loose.xml' "$HTTPD_URL" "$HTTPD_URL")"
expect_eq "feeds: their status is the sync's" "$(td feeds | cut -f6 | sort -u)" ok
expect_eq "items --tag Tech: the category became a tag" \
    "$(td items --tag Tech | cut -f4 | sort | tr '\n' ,)" "First story,Second story,"
expect_eq "items --unread: the server's unread" \
    "$(td items --unread | cut -f4 | sort | tr '\n' ,)" "First story,Loose story,"
expect_eq "items --starred: the server's starred" "$(td items --starred | cut -f4)" "Second story"
check "poll: the article pages were fetched" grep -q "3 articles, 0 failed" "$T/err"

echo "# readable offline, with the extracted article"
httpd_stop
php_stop
first=$(id_of "First story")
td show "$first" --width 0 >"$T/show" 2>&1
check "show: the page's article, not only the server's text" grep -q "zephyrology committee met" "$T/show"
check "show: the page's navigation was left out" sh -c '! grep -q "Copyright nobody" "$1"' sh "$T/show"
expect_eq "search: finds a word only the page has" "$(td search bramblecap | cut -f4)" "Loose story"

echo "# changes made while the server is down are kept, then pushed"
loose=$(id_of "Loose story")
sql "$T/cache.db" "UPDATE items SET read = 1 WHERE id = $first" >/dev/null
sql "$T/cache.db" "UPDATE items SET starred = 1 WHERE id = $loose" >/dev/null
td poll >"$T/out" 2>"$T/err"
expect_eq "poll with the server down: exit 1" "$?" 1
expect_eq "poll with the server down: one error line" "$(wc -l <"$T/err")" 1
check "poll with the server down: it names the server" grep -q "^tidings: tt-rss: http://127.0.0.1:$TTRSS_PORT/" "$T/err"
expect_eq "poll with the server down: the changes wait in the journal" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM sync_journal")" 2
expect_eq "poll with the server down: the local state stands" \
    "$(td items --starred | cut -f4 | sort | tr '\n' ,)" "Loose story,Second story,"
php_start || cannot_run "tt-rss does not start again"
td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "poll with the server back: exit 0" "$?" 0
check "poll with the server back: two changes sent" grep -q "2 changes sent, 0 conflicts" "$T/err"
expect_eq "the server: read in tidings is read there" "$(flag 301 unread)" false
expect_eq "the server: starred in tidings is starred there" "$(flag 303 marked)" true
expect_eq "the journal is empty once the server took it" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM sync_journal")" 0

echo "# changes made on the server arrive"
api updateArticle '{"article_ids": "302", "mode": 1, "field": 2}' >/dev/null
api updateArticle '{"article_ids": "302", "mode": 0, "field": 0}' >/dev/null
td poll --no-articles 2>"$T/err"
expect_eq "items --unread: unread on the server" \
    "$(td items --unread | cut -f4 | sort | tr '\n' ,)" "Loose story,Second story,"
expect_eq "items --starred: unstarred on the server" "$(td items --starred | cut -f4)" "Loose story"
expect_eq "a server change is not sent back" "$(sql "$T/cache.db" "SELECT count(*) FROM sync_journal")" 0

echo "# the reader syncs as it reloads"
TUI_ARGS="--config $T/config --feeds $T/urls --cache $T/reader.db"
tui_start 100 20
check "reader: a first run syncs the server's subscriptions" wait_for "Example News"
check "reader: both of them" wait_for "Loose Feed"
keys q
check "reader: quits" wait_exit
expect_eq "reader: the items arrived" "$(sql "$T/reader.db" "SELECT count(*) FROM sync_items")" 3

echo "# a change the server cannot take is reported once"
second=$(id_of "Second story")
sql "$T/cache.db" "UPDATE items SET starred = 1 WHERE id = $second" >/dev/null
echo "DELETE FROM ttrss_user_entries WHERE ref_id = 302;" | pgsql
td poll --no-articles 2>"$T/err"
expect_eq "conflict: one line" "$(grep -c '^tidings: conflict: ' "$T/err")" 1
check "conflict: it names the item" grep -q 'conflict: "Second story"' "$T/err"
td poll --no-articles 2>"$T/err"
expect_eq "conflict: not reported again" "$(grep -c '^tidings: conflict: ' "$T/err")" 0
check "conflict: the server's state is kept" sh -c '! grep -q "Second story" "$1"' sh "$(td items --starred >"$T/starred"; echo "$T/starred")"

echo "# the password"
check "the cache holds no password" sh -c '! grep -q -a "password" "$1"' sh "$T/cache.db"
printf 'password\n' >"$T/pwfile"
sed 's/^ttrss-password .*/ttrss-passwordfile "'"$(echo "$T" | sed 's/[\/&]/\\&/g')"'\/pwfile"/' \
    "$T/config" >"$T/config-file"
CFG=$T/config-file td poll --no-articles 2>"$T/err"
expect_eq "ttrss-passwordfile: the first line is the password" "$?" 0
sed 's/^ttrss-password .*/ttrss-passwordeval "echo password"/' "$T/config" >"$T/config-eval"
CFG=$T/config-eval td poll --no-articles 2>"$T/err"
expect_eq "ttrss-passwordeval: the command's first line is the password" "$?" 0

echo "# one clear error each"
sed 's/^ttrss-password .*/ttrss-password "Wr0ngSecret42"/' "$T/config" >"$T/config-bad"
CFG=$T/config-bad td poll >"$T/out" 2>"$T/err"
expect_eq "wrong password: exit 1" "$?" 1
expect_eq "wrong password: one line" "$(wc -l <"$T/err")" 1
check "wrong password: it says the login was refused" grep -q 'login refused for user "admin"' "$T/err"
check "wrong password: the password is not shown" sh -c '! grep -q Wr0ngSecret42 "$1"' sh "$T/err"

FAKE_PORT=$(free_port)
php -S "127.0.0.1:$FAKE_PORT" "$top_srcdir/tests/data/sync/fake-ttrss.php" >"$T/fake.log" 2>&1 &
FAKE_PID=$!
i=0
until "$PYTHON3" -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' \
    "$FAKE_PORT" 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -gt 100 ] && cannot_run "the fake tt-rss does not start"
	sleep 0.1
done
fault() {	# fault NAME: poll against the fake server's fault NAME
	sed "s|^ttrss-url .*|ttrss-url \"http://127.0.0.1:$FAKE_PORT/$1/\"|" "$T/config" >"$T/config-$1"
	CFG=$T/config-$1 td poll >"$T/out" 2>"$T/err"
}
fault html
expect_eq "HTML instead of JSON: exit 1" "$?" 1
expect_eq "HTML instead of JSON: one line" "$(wc -l <"$T/err")" 1
check "HTML instead of JSON: it says so" grep -q "the answer is not JSON" "$T/err"
fault revoked
expect_eq "revoked session: exit 1" "$?" 1
expect_eq "revoked session: one line" "$(wc -l <"$T/err")" 1
check "revoked session: it says so" grep -q "ended the session (NOT_LOGGED_IN)" "$T/err"
echo "# the reader stays live while a sync waits on a slow server"
sed "s|^ttrss-url .*|ttrss-url \"http://127.0.0.1:$FAKE_PORT/stall/\"|; s/^download-timeout .*/download-timeout 25/" \
    "$T/config" >"$T/config-slow"
TUI_ARGS="--config $T/config-slow --feeds $T/urls --cache $T/reader.db"
tui_start 100 20
check "reader: starts" wait_for "Loose Feed"
keys R '?'
# the server holds the sync 25 s: a reader that waited for it would not
# show the help within 5
TUI_WAIT=5
check "reader: keys answer while the server stalls" wait_for "Help (keys in the feedlist view)"
TUI_WAIT=15
keys q
check "reader: the sync goes on meanwhile" wait_for "Syncing with the feed server"
keys q
TUI_WAIT=5
check "reader: quits at once, the sync stopped" wait_exit
TUI_WAIT=15
expect_eq "reader: no sync left running" \
    "$(ps -eo args | grep -c "[t]idings --config $T/config-slow")" 0

sed -i 's/^download-timeout .*/download-timeout 2/' "$T/config"
fault stall
expect_eq "timeout: exit 1" "$?" 1
expect_eq "timeout: one line" "$(wc -l <"$T/err")" 1
check "timeout: it names the server" grep -q "^tidings: tt-rss: http://127.0.0.1:$FAKE_PORT/stall/api/: .*timed out" "$T/err"

finish
