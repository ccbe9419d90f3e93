/* test_title.c - the one title cleaner (title.h): with what a page declares,
 * and from the title alone. */
#include "testutil.h"

#include "title.h"

typedef struct {
    const char *in, *site_name, *h1, *want, *want_site;
} title_case_t;

static void check(const title_case_t *c, size_t n, int headline) {
    for (size_t i = 0; i < n; i++) {
        char *site = (char *)"unset";
        char *got = headline ? title_headline(c[i].in, &site)
                             : title_clean(c[i].in, c[i].site_name, c[i].h1, &site);
        if (strcmp(got, c[i].want) != 0) fail_msg("title \"%s\" -> \"%s\", want \"%s\"", c[i].in, got, c[i].want);
        if (c[i].want_site ? !site || strcmp(site, c[i].want_site) != 0 : site != NULL)
            fail_msg("title \"%s\": site \"%s\", want \"%s\"", c[i].in, site ? site : "(null)",
                     c[i].want_site ? c[i].want_site : "(null)");
        free(got);
        free(site);
    }
}

/* With the page's site name and first heading. */
static void page_titles(void **state) {
    (void)state;
    static const title_case_t cases[] = {
        {"Big fire in the port | Site", "Site", NULL, "Big fire in the port", NULL},
        {"Site: Big fire in the port", "Site", NULL, "Big fire in the port", NULL},
        {"Mayor says no - and means it - Herald", "Herald", NULL, "Mayor says no - and means it", NULL},
        {"herald :: Mayor says no", "Herald", NULL, "Mayor says no", NULL},
        {"News | Big fire in the port tonight", NULL, "Big fire in the port tonight",
         "Big fire in the port tonight", "News"},
        {"Big fire in the port tonight \xc2\xbb Kirkby Herald", NULL, "Big fire in the port tonight",
         "Big fire in the port tonight", "Kirkby Herald"},
        /* a short h1 is no evidence */
        {"Short h1 - and more of it", NULL, "Short h1", "Short h1 - and more of it", NULL},
        /* "Budget 2025: ..." is a headline: ": " only next to a declared name */
        {"Budget 2025: what it means for you", NULL, NULL, "Budget 2025: what it means for you", NULL},
        {"Budget 2025: what it means for you", "Other", NULL, "Budget 2025: what it means for you", NULL},
        {"  Big   fire\n in the port  ", NULL, NULL, "Big fire in the port", NULL},
        {NULL, NULL, NULL, "", NULL},
    };
    check(cases, sizeof cases / sizeof cases[0], 0);
}

/* From the title alone: a site name only where it looks like one. */
static void bare_titles(void **state) {
    (void)state;
    static const title_case_t cases[] = {
        {"Storm hits the coast - BBC News", NULL, NULL, "Storm hits the coast", "BBC News"},
        {"Big fire in the port - The Daily X", NULL, NULL, "Big fire in the port", "The Daily X"},
        {"Markets fall on rate fears | Reuters", NULL, NULL, "Markets fall on rate fears", "Reuters"},
        {"Markets fall on rate fears | Business | Example Times", NULL, NULL,
         "Markets fall on rate fears", "Example Times"},
        {"BBC News | Storm hits the coast", NULL, NULL, "Storm hits the coast", "BBC News"},
        {"Kirkby Herald :: Flood defences finished ahead of winter", NULL, NULL,
         "Flood defences finished ahead of winter", "Kirkby Herald"},
        {"Old bridge reopens \xe2\x80\x93 example.com", NULL, NULL, "Old bridge reopens", "example.com"},
        {"Ferry merger agreed // Northern Wire", NULL, NULL, "Ferry merger agreed", "Northern Wire"},
        {"Gale warning issued \xc2\xbb The Harbour Herald", NULL, NULL, "Gale warning issued",
         "The Harbour Herald"},
        /* dashes inside headlines stay */
        {"Trump - Putin talks begin in Riyadh", NULL, NULL, "Trump - Putin talks begin in Riyadh", NULL},
        {"Tevez - an Argentine in Brazil", NULL, NULL, "Tevez - an Argentine in Brazil", NULL},
        {"Ministers meet - and agree on nothing", NULL, NULL, "Ministers meet - and agree on nothing", NULL},
        {"Mayor says no - and means it", NULL, NULL, "Mayor says no - and means it", NULL},
        {"Business news | Riverside Gazette", NULL, NULL, "Business news", "Riverside Gazette"},
        {"Rain returns | Weekly Post", NULL, NULL, "Rain returns", "Weekly Post"},
        /* a two-word head is not enough to call the tail after a dash a site */
        {"Rain returns - Weekly Post", NULL, NULL, "Rain returns - Weekly Post", NULL},
        {"Plain headline", NULL, NULL, "Plain headline", NULL},
        {"", NULL, NULL, "", NULL},
    };
    check(cases, sizeof cases / sizeof cases[0], 0);
    check(cases, sizeof cases / sizeof cases[0], 1);
}

/* title_headline normalizes first, as the summarizer reads text. */
static void headlines_are_normalized(void **state) {
    (void)state;
    static const title_case_t cases[] = {
        {"Storm hits the coast \xe2\x80\x94 BBC News", NULL, NULL, "Storm hits the coast", "BBC News"},
        {"Ferries \xe2\x80\x94 and fares \xe2\x80\x94 rise", NULL, NULL,
         "Ferries \xe2\x80\x93 and fares \xe2\x80\x93 rise", NULL},
        {"Caf\x65\xcc\x81 reopens in the old town", NULL, NULL, "Caf\xc3\xa9 reopens in the old town", NULL},
        {NULL, NULL, NULL, "", NULL},
    };
    check(cases, sizeof cases / sizeof cases[0], 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(page_titles),
        cmocka_unit_test(bare_titles),
        cmocka_unit_test(headlines_are_normalized),
    };
    return cmocka_run_group_tests_name("title", tests, NULL, NULL);
}
