#!/bin/sh
# End-to-end: where the merged features meet (the review after session 6's
# merges).  --help lists every command the way the man page does.
. "$top_srcdir/tests/lib.sh"

echo "# --help: every command, its usage line, its help indented alike"
"$TIDINGS" --help >"$T/help" 2>&1
expect_eq "--help exits 0" $? 0
sed -n '/^Commands:$/,/^$/p' "$T/help" | sed '1d;$d' >"$T/commands"
check "the commands section is there" [ -s "$T/commands" ]
bad=$(grep -vn '^  [a-z]' "$T/commands" | grep -v '^[0-9]*:      [^ ]' | head -1)
expect_eq "each line a command (2 spaces) or its help (6 spaces)" "$bad" ""
expect_eq "no line ends in a space" "$(grep -n ' $' "$T/commands" | head -1)" ""
for c in $(grep '^  [a-z]' "$T/commands" | awk '{print $1}'); do
	m=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
	check "man page synopsis has tidings $c" grep -q "^\.B tidings $m\$" \
	    "$top_srcdir/man/tidings.1"
	check "README mentions tidings $c" grep -q "tidings $c\\b" "$top_srcdir/README.md"
done
n=$(grep -c '^  [a-z]' "$T/commands")
check "every command listed (16 or more)" [ "$n" -ge 16 ]

finish
