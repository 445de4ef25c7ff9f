#!/bin/sh
# End-to-end: a newsboat user's config loads with no warning (issue 13,
# config part, item 2): tests/data/newsboat/census-config names every
# option, action, colour element and view of ../shared/newsboat-census.md
# with realistic values; `tidings --config FILE poll` must print no config
# warning for it.  A truly unknown option still warns with FILE:LINE, and
# urls-source naming a feed server warns once, without the password.
. "$top_srcdir/tests/lib.sh"

C=$top_srcdir/tests/data/newsboat/census-config
mkdir -p "$T/feeds"
printf '<rss version="2.0"><channel><title>One</title><item><title>a</title><guid>1</guid></item></channel></rss>\n' \
    >"$T/feeds/one.xml"
echo "file://$T/feeds/one.xml" >"$T/urls"
tc() { "$TIDINGS" --config "$1" --feeds "$T/urls" --cache "$T/cache.db" poll; }

tc "$C" >"$T/out" 2>"$T/err"
expect_eq "census config: poll exits 0" $? 0
check "census config: no config warning" sh -c "! grep -q 'census-config:' '$T/err'"
sed 's/^/  | /' "$T/err"
check "census config: the feed was polled" grep -q "1 ok" "$T/err"

# the lines waiting for the keys and appearance parts are kept in the file
expect_eq "census config: waiting lines are commented, not deleted" \
    "$(grep -c '^# WAITS FOR' "$C")" 5

# a truly unknown option still warns, naming file and line
{ cat "$C"; echo "frobnicate-everything yes"; } >"$T/config"
n=$(wc -l <"$T/config")
tc "$T/config" >/dev/null 2>"$T/err"
expect_eq "unknown option: exactly one warning" "$(grep -c 'config:' "$T/err")" 1
check "unknown option: named with FILE:LINE" \
    grep -q "config:$n: unknown option \"frobnicate-everything\"" "$T/err"

# urls-source naming a server tidings does not speak (newsblur): one clear
# warning, the urls file is read, the password never printed
{ sed 's/^urls-source .*/urls-source "newsblur"/' "$C"; } >"$T/config"
tc "$T/config" >/dev/null 2>"$T/err"
expect_eq "urls-source newsblur: one warning" "$(grep -c 'urls-source' "$T/err")" 1
check "urls-source newsblur: says what tidings does instead" grep -q \
    'urls-source "newsblur": syncing with a feed server is not in this version; reading the local urls file' \
    "$T/err"
# (its second poll: unchanged, or ok when the document changed)
check "urls-source newsblur: the urls file is still polled" grep -Eq "1 feeds: (1 ok|0 ok, 1 unchanged)" "$T/err"
check "urls-source newsblur: no password printed" sh -c "! grep -q secret '$T/err'"

# the census config is newsboat's own language: newsboat 2.21 (Debian's)
# takes every line but those naming what came after 2.21.  newsboat stops
# at a bad line, so each one it names is commented out and it runs again.
command -v newsboat >/dev/null 2>&1 ||
    cannot_run "newsboat is not installed (scripts/debian-packages lists it)"
cp "$C" "$T/nb-config"
mkdir -p "$T/nbhome"
rejected=
i=0
while [ "$i" -lt 30 ]; do
	i=$((i + 1))
	out=$(HOME=$T/nbhome timeout 60 newsboat -C "$T/nb-config" -u "$T/urls" \
	    -c "$T/nb.db" -x reload 2>&1 </dev/null | head -n 1)
	n=$(printf '%s\n' "$out" | sed -n 's/.*nb-config line \([0-9]*\)):.*/\1/p')
	cmd=$(printf '%s\n' "$out" | sed -n "s/^unknown command \`\(.*\)'\$/\1/p")
	if [ -n "$n" ]; then
		rejected="$rejected$(sed -n "${n}p" "$T/nb-config")|"
		sed -i "${n}s/^/# /" "$T/nb-config"
	elif [ -n "$cmd" ]; then
		rejected="$rejected$cmd|"
		sed -i "s/^$cmd /# &/" "$T/nb-config"
	else
		break
	fi
done
expect_eq "newsboat 2.21 rejects only what is newer than it" "$rejected" \
"bind-key ^O open-in-browser-noninteractively|bind-key t goto-title|\
bind-key j down searchresultslist|bind|color title color15 color236 bold|\
cleanup-on-quit nudge|confirm-mark-feed-read|confirm-mark-all-feeds-read|\
toggleitemread-jumps-to-next|miniflux-tokeneval|miniflux-flag-star|\
miniflux-show-special-feeds|"

# the man page names every option of the table (the feed servers' by
# their prefixes and suffixes)
missing=
for name in $(sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)".*/\1/p' \
    "$top_srcdir/src/app/settings_table.h"); do
	case $name in
	miniflux-*|ttrss-*|oldreader-*|newsblur-*|feedhq-*|freshrss-*|inoreader-*|ocnews-*|feedbin-*)
		continue ;;
	esac
	# the man page writes each '-' of a name as '\-'
	grep -qF -- "$(printf '%s' "$name" | sed 's/-/\\-/g')" "$top_srcdir/man/tidings.1" ||
	    missing="$missing $name"
done
expect_eq "man page: every option named" "$missing" ""
finish
