#!/bin/sh
# libcurl is linked the way this tree was configured.  By default
# (net/curl_lazy) src/tidings must not need libcurl in its ELF dependencies,
# so starting it does not pay for loading libcurl, and it must carry the
# soname it dlopens on the first fetch.  With --disable-lazy-curl libcurl
# is an ordinary NEEDED entry.  Either way the program runs a command that
# fetches nothing, and one that fetches a file: URL.
. "$top_srcdir/tests/lib.sh"

command -v objdump >/dev/null 2>&1 || cannot_run "objdump (binutils) is needed"
h=$top_builddir/config.h
lazy=$(sed -n 's/^#define TIDINGS_LAZY_CURL \([01]\)$/\1/p' "$h")
soname=$(sed -n 's/^#define CURL_LAZY_SONAME "\(.*\)"$/\1/p' "$h")
check "config.h says how libcurl is linked (TIDINGS_LAZY_CURL: '$lazy')" \
	test "$lazy" = 0 -o "$lazy" = 1
check "config.h names libcurl's soname ('$soname')" test -n "$soname"
echo "# lazy: $lazy, soname: $soname"

needed=$(objdump -p "$TIDINGS" | sed -n 's/^ *NEEDED *//p' | tr '\n' ' ')
echo "# NEEDED: $needed"
if [ "$lazy" = 1 ]; then
	check "src/tidings does not link libcurl" \
		sh -c 'case " $1" in *" libcurl"*) exit 1 ;; esac' - "$needed"
	check "src/tidings carries the soname it loads ($soname)" \
		grep -q -F "$soname" "$TIDINGS"
else
	check "src/tidings links $soname (--disable-lazy-curl)" \
		sh -c 'case " $1 " in *" $2 "*) exit 0 ;; esac; exit 1' - "$needed" "$soname"
fi

# the program fetches in this configuration: a feed at a file: URL
printf '<rss version="2.0"><channel><title>Local</title><item><title>Fetched through libcurl</title><link>http://127.0.0.1:9/1</link></item></channel></rss>\n' >"$T/feed.xml"
echo "file://$T/feed.xml" >"$T/feeds"
"$TIDINGS" --feeds "$T/feeds" --cache "$T/cache.db" poll --no-articles --quiet >"$T/out" 2>&1
rc=$?
expect_eq "poll of a file: feed exits 0 ($(head -c 300 "$T/out"))" "$rc" 0
items=$("$TIDINGS" --feeds "$T/feeds" --cache "$T/cache.db" items 2>&1)
check "the item arrived ($items)" contains "$items" "Fetched through libcurl"
finish
