/* test_sentence.c - the sentence splitter against every hazard of news
 * text, and the text normalization under it. Table-driven: each case is an
 * input and the sentences it must give, joined by " | ". */
#include "testutil.h"

#include "lang.h"
#include "sentence.h"
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
        cmocka_unit_test(tokens_keep_numbers_and_apostrophes),
        cmocka_unit_test(language_codes_and_detection),
    };
    return cmocka_run_group_tests_name("sentence", tests, NULL, NULL);
}
