#!/bin/sh
# make.sh - regenerates the legacy-encoded fixtures of this directory from
# the UTF-8 sources (*.utf8.xml, written for these tests) with iconv.
# Each output is LANG.ENCODING-DECLARATION.xml: "nodecl" has no encoding
# declaration at all, "as-X" declares the wrong encoding X.
set -eu
cd "$(dirname "$0")"
# $1 source language, $2 iconv charset, $3 output, $4 declared encoding ("" for none)
gen() {
    if [ -n "$4" ]; then decl="<?xml version=\"1.0\" encoding=\"$4\"?>"; else decl=""; fi
    { [ -z "$decl" ] || printf '%s\n' "$decl"; cat "$1.utf8.xml"; } | iconv -f UTF-8 -t "$2" >"$3"
}
gen zh-hans GB2312 zh-hans.gb2312-nodecl.xml ""
gen zh-hant BIG5 zh-hant.big5-nodecl.xml ""
gen ja EUC-JP ja.eucjp-nodecl.xml ""
gen ja SHIFT_JIS ja.sjis-as-utf8.xml "utf-8"
gen ko EUC-KR ko.euckr-as-latin1.xml "iso-8859-1"
gen ru KOI8-R ru.koi8r-nodecl.xml ""
gen ru KOI8-R ru.koi8r-as-latin1.xml "ISO-8859-1"
gen ru KOI8-R ru.koi8r-declared.xml "koi8-r"
# the golden slide of tests/test_e2e.c: an undeclared KOI8-R feed
gen ru-slide KOI8-R ru-slide.koi8r-nodecl.xml ""
