#!/bin/sh
# End-to-end: newsboat's network options through `tidings --config FILE
# poll` against tests/httpd.py (issue 13, config part): user-agent,
# download-retries, cookie-cache, use-proxy + proxy, and error-log.
. "$top_srcdir/tests/lib.sh"

mkdir -p "$T/www"
printf '<rss version="2.0"><channel><title>One</title><item><title>one</title><guid>1</guid></item></channel></rss>\n' \
    >"$T/www/one.xml"
httpd_start "$T/www" || cannot_run "tests/httpd.py did not start"
tp() {	# tp URL: poll that one feed with $T/config into a fresh cache
	echo "$1" >"$T/urls"
	rm -f "$T/cache.db"
	"$TIDINGS" --config "$T/config" --feeds "$T/urls" --cache "$T/cache.db" \
	    poll --no-articles --force
}
get() {	# get PATH: the test server's control page, never through a proxy
	"$PYTHON3" -c "import urllib.request,sys
o = urllib.request.build_opener(urllib.request.ProxyHandler({}))
sys.stdout.write(o.open(sys.argv[1]).read().decode())" "$HTTPD_URL$1"
}
httplog() { get /_log; get /_reset >/dev/null; }
httplog >/dev/null

echo "# user-agent"
: >"$T/config"
tp "$HTTPD_URL/one.xml" 2>/dev/null
expect_eq "default User-Agent" "$(httplog | cut -f5 | cut -d/ -f1)" "tidings"
echo 'user-agent "Lynx/2.8.5rel.1 libwww-FM/2.14"' >"$T/config"
tp "$HTTPD_URL/one.xml" 2>/dev/null
expect_eq "user-agent: sent as configured" "$(httplog | cut -f5)" "Lynx/2.8.5rel.1 libwww-FM/2.14"

echo "# download-retries"
: >"$T/config"
tp "$HTTPD_URL/reset" 2>/dev/null
expect_eq "default: one try" "$(httplog | grep -c '^/reset')" 1
echo "download-retries 3" >"$T/config"
tp "$HTTPD_URL/reset" 2>"$T/err"
expect_eq "download-retries 3: three tries of a network failure" "$(httplog | grep -c '^/reset')" 3
check "download-retries 3: then it fails once" grep -q "1 failed" "$T/err"
tp "$HTTPD_URL/status?code=404" 2>/dev/null
expect_eq "download-retries 3: an HTTP error is not retried" "$(httplog | grep -c '^/status')" 1

echo "# cookie-cache"
echo 'cookie-cache "~/cookies.txt"' >"$T/config"
tp "$HTTPD_URL/cookie" 2>/dev/null
check "cookie-cache: the jar is written under ~" grep -q "seen" "$HOME/cookies.txt"
"$TIDINGS" --config /dev/null --feeds "$T/urls" --cache "$T/cache.db" items >"$T/items"
check "cookie-cache: the first request had no cookie" grep -q "cookie: none" "$T/items"
tp "$HTTPD_URL/cookie" 2>/dev/null
"$TIDINGS" --config /dev/null --feeds "$T/urls" --cache "$T/cache.db" items >"$T/items"
check "cookie-cache: the next poll sends it back" grep -q "cookie: seen=1" "$T/items"

echo "# use-proxy, proxy"
httplog >/dev/null
printf 'proxy 127.0.0.1:%s\n' "$HTTPD_PORT" >"$T/config"
tp "http://feeds.invalid/one.xml" 2>"$T/err"
check "proxy without use-proxy: not used" grep -q "1 failed" "$T/err"
httplog >/dev/null
printf 'use-proxy yes\nproxy 127.0.0.1:%s\nproxy-type http\n' "$HTTPD_PORT" >"$T/config"
tp "http://feeds.invalid/one.xml" 2>"$T/err"
check "use-proxy yes: the feed comes through the proxy" grep -q "1 ok" "$T/err"
expect_eq "use-proxy yes: the proxy got the request" \
    "$(httplog | cut -f1)" "http://feeds.invalid/one.xml"

echo "# always-download"
: >"$T/config"
echo "$HTTPD_URL/one.xml" >"$T/urls"
rm -f "$T/cache.db"
tpk() { "$TIDINGS" --config "$T/config" --feeds "$T/urls" --cache "$T/cache.db" poll --no-articles --force 2>/dev/null; }
tpk
httplog >/dev/null
tpk
check "without always-download: the second poll is conditional" sh -c \
    "[ \"\$(cut -f2)\" != - ]" <<EOF2
$(httplog)
EOF2
printf 'always-download "%s" "%s/other"\n' "$HTTPD_URL/one.xml" "$HTTPD_URL" >"$T/config"
tpk
expect_eq "always-download: no If-None-Match, no If-Modified-Since" \
    "$(httplog | cut -f2,3)" "-	-"

echo "# error-log"
echo 'error-log "~/error.log"' >"$T/config"
tp "$HTTPD_URL/status?code=404" 2>/dev/null
check "error-log: the failure is logged with a timestamp" grep -Eq \
    '^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\] .*404' "$HOME/error.log"
tp "$HTTPD_URL/reset" 2>/dev/null
expect_eq "error-log: appended, one line a failure" "$(wc -l <"$HOME/error.log")" 2
finish
