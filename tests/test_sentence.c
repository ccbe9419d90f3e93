/* test_sentence.c - the sentence splitter against every hazard of news
 * text, and the text normalization under it. Table-driven: each case is an
 * input and the sentences it must give, joined by " | ". */
#include "testutil.h"

#include <utf8proc.h>

#include "charset.h"
#include "lang.h"
#include "sentence.h"
#include "shape.h"
#include "utf8text.h"

typedef struct {
    const char *lang;
    const char *in;
    const char *want;
} split_case_t;

static const split_case_t cases[] = {
    /* titles */
    {"en", "Mr. Smith went to Washington. He arrived on Monday.",
     "Mr. Smith went to Washington. | He arrived on Monday."},
    {"en", "Dr. Jones met Gen. Milley and Sen. Brown. Talks went well.",
     "Dr. Jones met Gen. Milley and Sen. Brown. | Talks went well."},
    {"en", "St. Petersburg is cold in winter. Mt. Everest is higher still.",
     "St. Petersburg is cold in winter. | Mt. Everest is higher still."},
    /* U.S., U.K. */
    {"en", "The U.S. economy grew last year. The U.K. economy did not.",
     "The U.S. economy grew last year. | The U.K. economy did not."},
    {"en", "He moved to the U.S. The move was hard on his family.",
     "He moved to the U.S. | The move was hard on his family."},
    {"en", "The U.S.-led coalition grew. It now has 12 members.",
     "The U.S.-led coalition grew. | It now has 12 members."},
    /* initials */
    {"en", "Vice President J.D. Vance spoke in Munich. He left on Friday.",
     "Vice President J.D. Vance spoke in Munich. | He left on Friday."},
    {"en", "The novel by J. K. Rowling sold well. It was her first book.",
     "The novel by J. K. Rowling sold well. | It was her first book."},
    /* months, companies, numbers with abbreviations */
    {"en", "It happened on Feb. 12 and again in Sept. 2024 at No. 10 Downing Street. Then it rained.",
     "It happened on Feb. 12 and again in Sept. 2024 at No. 10 Downing Street. | Then it rained."},
    {"en", "The deal was signed by Apple Inc. and approved in Feb. The shares rose.",
     "The deal was signed by Apple Inc. and approved in Feb. | The shares rose."},
    {"en", "Apple Inc. said profits rose. Analysts agreed.",
     "Apple Inc. said profits rose. | Analysts agreed."},
    /* decimals and money */
    {"en", "The aid is worth $65.9 billion. Shares rose 3.5% to £3 billion. Inflation was 2.5. The bank held rates.",
     "The aid is worth $65.9 billion. | Shares rose 3.5% to £3 billion. | Inflation was 2.5. | The bank held rates."},
    /* ellipses */
    {"en", "He paused... then carried on with the speech. Everyone waited.",
     "He paused... then carried on with the speech. | Everyone waited."},
    {"en", "Wait\xe2\x80\xa6 What happened next surprised everyone.",
     "Wait\xe2\x80\xa6 | What happened next surprised everyone."},
    /* quotes that end after the full stop */
    {"en", "\xe2\x80\x9cReliance on America cannot be an option.\xe2\x80\x9d he said. Others agreed.",
     "\xe2\x80\x9cReliance on America cannot be an option.\xe2\x80\x9d he said. | Others agreed."},
    {"en", "\xe2\x80\x9cWe will win,\xe2\x80\x9d she said. \xe2\x80\x9cIt is not over.\xe2\x80\x9d The crowd cheered.",
     "\xe2\x80\x9cWe will win,\xe2\x80\x9d she said. | \xe2\x80\x9cIt is not over.\xe2\x80\x9d | The crowd cheered."},
    {"en", "'It is over.' The team left the ground.", "'It is over.' | The team left the ground."},
    {"en", "Is it over? Nobody knows! Stay tuned.", "Is it over? | Nobody knows! | Stay tuned."},
    {"en", "\"Why now?\" she asked. The answer came later.",
     "\"Why now?\" she asked. | The answer came later."},
    /* URLs and e-mail */
    {"en", "Visit example.com/news or write to desk@example.org for details. Thanks to all readers.",
     "Visit example.com/news or write to desk@example.org for details. | Thanks to all readers."},
    {"en", "See https://www.example.net/a.b?c=1 for the report. It is long.",
     "See https://www.example.net/a.b?c=1 for the report. | It is long."},
    /* garbled scraping */
    {"en", "In recent months, U. S. . President Donald Trump questioned Article 5. Allies worried.",
     "In recent months, U. S. . President Donald Trump questioned Article 5. | Allies worried."},
    {"en", "The allies must act on their own. S. Pete Hegseth, the defense secretary, said. Talks begin Thursday.",
     "The allies must act on their own. S. Pete Hegseth, the defense secretary, said. | Talks begin Thursday."},
    {"en", "He warned Europe.\xe2\x80\x9d. The meeting ended.", "He warned Europe.\xe2\x80\x9d. | The meeting ended."},
    /* line breaks: headings and captions end at the line */
    {"en", "A Strong Message to Partners\nBefore the meeting, he spoke on X.",
     "A Strong Message to Partners | Before the meeting, he spoke on X."},
    {"en", "Soldiers train near the front line in the east\n\nThe talks will resume on Monday.",
     "Soldiers train near the front line in the east | The talks will resume on Monday."},
    /* a hard-wrapped paragraph is joined */
    {"en", "This is a long line of text that an old mail client wrapped\nat seventy columns. Next one.",
     "This is a long line of text that an old mail client wrapped\nat seventy columns. | Next one."},
    /* other languages */
    {"de", "Dr. Müller sprach am 3. März in Berlin. Die Regierung reagierte sofort.",
     "Dr. Müller sprach am 3. März in Berlin. | Die Regierung reagierte sofort."},
    {"de", "Die Zahl stieg auf 3. Das überraschte viele.", "Die Zahl stieg auf 3. | Das überraschte viele."},
    {"fr", "M. Macron a parlé hier soir. Il est ensuite parti.",
     "M. Macron a parlé hier soir. | Il est ensuite parti."},
    {"es", "El Sr. García llegó tarde. La reunión empezó sin él.",
     "El Sr. García llegó tarde. | La reunión empezó sin él."},
    {"nl", "Dhr. Jansen was er niet. De vergadering ging door.",
     "Dhr. Jansen was er niet. | De vergadering ging door."},
    /* edges */
    {"en", "", ""},
    {"en", "No end punctuation here", "No end punctuation here"},
    {"en", "...", "..."},
};

static void join_split(const char *lang, const char *in, buf_t *out) {
    char *norm = utf8text_normalize(in, strlen(in));
    sentence_rules_t rules;
    int l = lang_from_code(lang);
    sentence_rules_init(&rules, l < 0 ? LANG_EN : (lang_id_t)l);
    sentence_t *s = NULL;
    size_t n = sentence_split(norm, strlen(norm), &rules, &s);
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(out, " | ");
        buf_append(out, norm + s[i].start, s[i].len);
    }
    if (!out->data) buf_puts(out, "");
    free(s);
    sentence_rules_free(&rules);
    free(norm);
}

static void splitter_cases(void **state) {
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_t got = BUF_INIT;
        join_split(cases[i].lang, cases[i].in, &got);
        if (strcmp(got.data, cases[i].want) != 0) {
            print_error("case %zu:\n  in:   %s\n  want: %s\n  got:  %s\n", i, cases[i].in,
                        cases[i].want, got.data);
            failed++;
        }
        buf_free(&got);
    }
    assert_int_equal(failed, 0);
}

static void splitter_flags_and_paragraphs(void **state) {
    (void)state;
    const char *text = "Heading Without Stop\n\nFirst one. Second one.\nThird line\n\nLast.";
    sentence_rules_t rules;
    sentence_rules_init(&rules, LANG_EN);
    sentence_t *s = NULL;
    size_t n = sentence_split(text, strlen(text), &rules, &s);
    assert_int_equal(n, 5);
    assert_int_equal(s[0].flags & SENTENCE_TERMINATED, 0);
    assert_true(s[0].flags & SENTENCE_LINE_START);
    assert_true(s[0].flags & SENTENCE_LINE_END);
    assert_true(s[1].flags & SENTENCE_TERMINATED);
    assert_true(s[1].flags & SENTENCE_PARA_START);
    assert_false(s[1].flags & SENTENCE_LINE_END);
    assert_false(s[2].flags & SENTENCE_PARA_START);
    assert_true(s[2].flags & SENTENCE_LINE_END);
    assert_int_equal(s[0].para, 0);
    assert_int_equal(s[1].para, 1);
    assert_int_equal(s[3].para, 1);
    assert_int_equal(s[4].para, 2);
    free(s);
    sentence_rules_free(&rules);
}

static void normalize_repairs_and_folds(void **state) {
    (void)state;
    static const struct {
        const char *in, *want;
    } norm_cases[] = {
        {"caf\xe9 \x93quoted\x94", "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d"}, /* cp1252 */
        {"e\xcc\x81t\xc3\xa9", "\xc3\xa9t\xc3\xa9"},                               /* NFC */
        {"  a \t b\xc2\xa0\xc2\xa0 c  ", "a b c"},
        {"one\r\ntwo\rthree", "one\ntwo\nthree"},
        {"para one\n\n\n\n  para two  ", "para one\n\npara two"},
        {"war \xe2\x80\x94 peace -- love \xe2\x80\x95 x", "war \xe2\x80\x93 peace \xe2\x80\x93 love \xe2\x80\x93 x"},
        {"co\xe2\x80\x90op soft\xc2\xadhyphen zero\xe2\x80\x8bwidth", "co-op softhyphen zerowidth"},
        {"\xef\xbb\xbf" "bom", "bom"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof norm_cases / sizeof norm_cases[0]; i++) {
        char *got = utf8text_normalize(norm_cases[i].in, strlen(norm_cases[i].in));
        if (strcmp(got, norm_cases[i].want) != 0)
            print_error("normalize case %zu: got '%s'\n", i, got);
        assert_string_equal(got, norm_cases[i].want);
        free(got);
    }
}

/* utf8text_nfc_inert lets normalize skip NFC: prove, against the utf8proc
 * tables the program runs with, that NFC leaves each such code point alone
 * in any text. NFC composes only characters that appear after the first
 * place of some canonical decomposition; an inert code point must map to
 * itself and neither it nor the first character of its decomposition may
 * ever be such a character. */
static unsigned char composes_after[0x110000 / 8];

static void nfc_inert_code_points_are_inert(void **state) {
    (void)state;
    memset(composes_after, 0, sizeof composes_after);
    for (utf8proc_int32_t cp = 0; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        utf8proc_int32_t d[32];
        int boundclass = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 32, UTF8PROC_DECOMPOSE, &boundclass);
        assert_true(n >= 1 && n <= 32);
        for (utf8proc_ssize_t k = 1; k < n; k++) composes_after[d[k] >> 3] |= (unsigned char)(1u << (d[k] & 7));
    }
    size_t inert = 0;
    for (utf8proc_int32_t cp = 1; cp < 0x110000; cp++) {
        if (!utf8text_nfc_inert(cp)) continue;
        inert++;
        assert_int_equal(utf8proc_get_property(cp)->combining_class, 0);
        utf8proc_int32_t d[32];
        int boundclass = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 32, UTF8PROC_DECOMPOSE, &boundclass);
        assert_true(n >= 1);
        if (composes_after[cp >> 3] & (1u << (cp & 7))) fail_msg("U+%04X composes", (unsigned)cp);
        if (composes_after[d[0] >> 3] & (1u << (d[0] & 7))) fail_msg("U+%04X's start composes", (unsigned)cp);
        utf8proc_uint8_t in[4], *out = NULL;
        utf8proc_ssize_t len = utf8proc_encode_char(cp, in);
        utf8proc_ssize_t m = utf8proc_map(in, len, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        assert_true(m == len && memcmp(in, out, (size_t)len) == 0);
        free(out);
    }
    assert_true(inert > 700); /* ASCII, Latin-1, Latin Extended, punctuation */
    /* and some that are not */
    assert_false(utf8text_nfc_inert(0x0301)); /* a combining accent */
    assert_false(utf8text_nfc_inert(0x212B)); /* the angstrom sign, NFC: U+00C5 */
    assert_false(utf8text_nfc_inert(0x1161)); /* a Hangul vowel jamo */
}

/* utf8text_normalize's contract done the plain way, one code point at a
 * time through every step: the fast paths must give the same bytes. */
static int32_t ref_fold(int32_t cp) {
    if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85 || cp == '\f' || cp == '\v') return '\n';
    if (cp == '\t' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return ' ';
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return -1;
    if (cp == 0xAD || cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0xFEFF || cp == 0x2060 ||
        (cp >= 0x202A && cp <= 0x202E) || cp == 0xFFFD)
        return -1;
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2212) return '-';
    if (cp >= 0x2012 && cp <= 0x2015) return 0x2013;
    return cp;
}

static char *ref_normalize(const char *s, size_t len) {
    buf_t valid = BUF_INIT, out = BUF_INIT;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = utf8text_decode(s, len, &pos);
        if (cp == '\r') {
            if (pos < len && s[pos] == '\n') continue;
            cp = '\n';
        }
        if (cp) charset_put_utf8(&valid, (uint32_t)cp);
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = valid.len ? utf8proc_map((const utf8proc_uint8_t *)valid.data, (utf8proc_ssize_t)valid.len,
                                                  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE)
                                   : 0;
    const char *src = n > 0 ? (const char *)nfc : "";
    size_t src_len = n > 0 ? (size_t)n : 0;
    int space = 0, newlines = 0;
    for (size_t pos = 0; pos < src_len;) {
        int32_t cp = ref_fold(utf8text_decode(src, src_len, &pos));
        if (cp < 0) continue;
        if (cp == ' ' || cp == '\n') {
            if (cp == ' ') space = 1;
            else newlines++, space = 0;
            continue;
        }
        if (cp == '-' && pos < src_len && src[pos] == '-' && (space || out.len == 0) &&
            (pos + 1 >= src_len || src[pos + 1] == ' ' || src[pos + 1] == '\n')) {
            pos++;
            cp = 0x2013;
        }
        if (out.len) {
            if (newlines) buf_puts(&out, newlines > 1 ? "\n\n" : "\n");
            else if (space) buf_putc(&out, ' ');
        }
        newlines = space = 0;
        charset_put_utf8(&out, (uint32_t)cp);
    }
    free(nfc);
    buf_free(&valid);
    buf_append(&out, "", 0);
    return buf_detach(&out);
}

static void normalize_fast_paths_change_nothing(void **state) {
    (void)state;
    /* pieces news text is made of, and the hazards between them */
    static const char *const pieces[] = {
        "a", "Word", "42", ".", ",", " ", "  ", "\n", "\n\n\n", "\r\n", "\r", "\t", "-", "--", " -- ",
        "\xc2\xa0", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x94", "\xe2\x80\x90", "\xe2\x80\xa6",
        "\xc3\xa9", "e\xcc\x81", "\xcc\x81", "\xe2\x84\xab", "\xe2\x82\xac", "\xc2\xad", "\xe2\x80\x8b",
        "\xef\xbb\xbf", "\x93", "\xe9", "\xff", "\xe2\x80", "\x07", "\x7f", "\xe1\x84\x80\xe1\x85\xa1",
        "\xea\xb0\x80\xe1\x86\xa8", "\xf0\x9f\x98\x80", "\xe2\x80\xa8", "\xe2\x80\x8d", "\xef\xbf\xbd",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    unsigned seed = 15;
    buf_t in = BUF_INIT;
    for (int round = 0; round < 3000; round++) {
        buf_reset(&in);
        int n = 1 + round % 40;
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly plain ASCII, as in news, so both paths meet */
            size_t pick = (seed >> 16) % (np * 2);
            buf_puts(&in, pick < np ? pieces[pick] : pieces[pick % 5]);
        }
        char *got = utf8text_normalize(in.data, in.len);
        char *want = ref_normalize(in.data, in.len);
        if (strcmp(got, want) != 0) print_error("round %d: '%s' gave '%s', want '%s'\n", round, in.data, got, want);
        assert_string_equal(got, want);
        free(got);
        free(want);
    }
    buf_free(&in);
}

/* shape_count_words and shape_count_chars read 8 bytes at a time: the same
 * counts as byte by byte, at every length and alignment. */
static void counts_match_byte_by_byte(void **state) {
    (void)state;
    static const char alphabet[] = {' ', '\n', 'a', 'Z', '.', '\xc3', '\xa9', '\xe2', '\x80', '\x99', '\xff', '\t'};
    char s[80];
    unsigned seed = 7;
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)(round % 70), off = (size_t)(round % 8);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            s[off + i] = alphabet[(seed >> 16) % sizeof alphabet];
        }
        size_t words = 0, chars = 0;
        int in_word = 0;
        for (size_t i = 0; i < len; i++) {
            char c = s[off + i];
            if (c == ' ' || c == '\n') in_word = 0;
            else if (!in_word) in_word = 1, words++;
            if (((unsigned char)c & 0xC0) != 0x80) chars++;
        }
        assert_int_equal(shape_count_words(s + off, len), words);
        assert_int_equal(shape_count_chars(s + off, len), chars);
    }
}

/* utf8text_fold lowers ASCII 8 bytes at a time: every ASCII byte at every
 * length and alignment folds as tolower would, beside non-ASCII letters. */
static void fold_matches_byte_by_byte(void **state) {
    (void)state;
    char s[80];
    unsigned seed = 11;
    buf_t got = BUF_INIT, want = BUF_INIT;
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)(round % 70), off = (size_t)(round % 8);
        buf_reset(&want);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 140;
            if (r >= 128 && i + 2 <= len) { /* "É" folds to "é" */
                s[off + i] = '\xc3';
                s[off + i + 1] = '\x89';
                buf_append(&want, "\xc3\xa9", 2);
                i++;
                continue;
            }
            char c = (char)(r % 128 ? r % 128 : ' ');
            s[off + i] = c;
            buf_putc(&want, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
        }
        buf_reset(&got);
        buf_puts(&got, "x"); /* folding appends */
        utf8text_fold(s + off, len, &got);
        assert_int_equal(got.len, want.len + 1);
        assert_memory_equal(got.data + 1, want.data ? want.data : "", want.len);
    }
    buf_free(&got);
    buf_free(&want);
}

static void tokens_keep_numbers_and_apostrophes(void **state) {
    (void)state;
    const char *s = "Don\xe2\x80\x99t pay $65.9 billion, 3,000 U.S. troops";
    const char *want[] = {"Don\xe2\x80\x99t", "pay", "65.9", "billion", "3,000", "U", "S", "troops"};
    size_t pos = 0, k = 0;
    utf8text_token_t tok;
    while (utf8text_next_token(s, strlen(s), &pos, &tok)) {
        assert_true(k < sizeof want / sizeof want[0]);
        assert_int_equal(tok.len, strlen(want[k]));
        assert_memory_equal(s + tok.start, want[k], tok.len);
        k++;
    }
    assert_int_equal(k, sizeof want / sizeof want[0]);
    buf_t f = BUF_INIT;
    utf8text_fold("Don\xe2\x80\x99t \xc3\x89T\xc3\x89", strlen("Don\xe2\x80\x99t \xc3\x89T\xc3\x89"), &f);
    assert_string_equal(f.data, "don't \xc3\xa9t\xc3\xa9");
    buf_free(&f);
}

static void language_codes_and_detection(void **state) {
    (void)state;
    assert_int_equal(lang_from_code("en"), LANG_EN);
    assert_int_equal(lang_from_code("de-DE"), LANG_DE);
    assert_int_equal(lang_from_code("PT_br"), LANG_PT);
    assert_int_equal(lang_from_code("xx"), -1);
    assert_int_equal(lang_from_code("english"), -1);
    assert_int_equal(lang_from_code(NULL), -1);
    const char *sv = "Regeringen har sagt att den inte vill att skatten ska höjas under året.";
    assert_int_equal(lang_detect(sv, strlen(sv)), LANG_SV);
    const char *nl = "De regering heeft gezegd dat zij de belasting niet wil verhogen voor het einde van het jaar.";
    assert_int_equal(lang_detect(nl, strlen(nl)), LANG_NL);
    assert_int_equal(lang_detect("", 0), LANG_EN);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splitter_cases),
        cmocka_unit_test(splitter_flags_and_paragraphs),
        cmocka_unit_test(normalize_repairs_and_folds),
        cmocka_unit_test(nfc_inert_code_points_are_inert),
        cmocka_unit_test(normalize_fast_paths_change_nothing),
        cmocka_unit_test(counts_match_byte_by_byte),
        cmocka_unit_test(fold_matches_byte_by_byte),
        cmocka_unit_test(tokens_keep_numbers_and_apostrophes),
        cmocka_unit_test(language_codes_and_detection),
    };
    return cmocka_run_group_tests_name("sentence", tests, NULL, NULL);
}
