#!/bin/sh
# A build and test run leaves nothing untracked in a git checkout: every
# program, object and log it makes is in .gitignore (tests/extract-driver
# once was not).  Files a developer has not added yet are not build output:
# only ELF files and *.o, *.a, *.log, *.trs count.
. "$top_srcdir/tests/lib.sh"

# a tarball (make distcheck) has no git checkout to compare with
git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
	skip "not a git checkout"
left=
for f in $(git -C "$top_srcdir" ls-files --others --exclude-standard); do
	case $f in
	*.o | *.a | *.log | *.trs) left="$left $f" ;;
	*) head -c 4 "$top_srcdir/$f" 2>/dev/null | grep -q 'ELF' && left="$left $f" ;;
	esac
done
expect_eq "build products not in .gitignore" "${left:-none}" none
finish
