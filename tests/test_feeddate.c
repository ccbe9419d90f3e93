/* test_feeddate.c - dates as feeds write them. */
#include "testutil.h"

#include "feeddate.h"

/* Asserts that `in` reads as the UTC time `want` (or 0 when want is NULL). */
static void date_is(const char *in, const char *want) {
    time_t t = feeddate_parse(in);
    if (!want) {
        if (t != 0) fail_msg("'%s' should be unreadable, got %ld", in ? in : "(null)", (long)t);
        return;
    }
    if (t == 0) fail_msg("'%s' was not read (want %s)", in, want);
    char iso[FEEDDATE_ISO_LEN];
    feeddate_format(t, iso);
    if (strcmp(iso, want) != 0) fail_msg("'%s' -> %s, want %s", in, iso, want);
}

static void rfc822_and_variants(void **state) {
    (void)state;
    date_is("Wed, 12 Feb 2025 14:03:00 GMT", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 14:03:00 +0000", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 15:03:00 +0100", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 09:03:00 -0500", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 09:03:00 EST", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 06:03:00 PST", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 07:03:00 PDT", "2025-02-12T14:03:00Z");
    date_is("12 Feb 2025 14:03:00 UT", "2025-02-12T14:03:00Z");          /* no weekday */
    date_is("Wed, 12 Feb 25 14:03:00 GMT", "2025-02-12T14:03:00Z");      /* two-digit year */
    date_is("Sat, 1 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z");
    date_is("Wed, 12 Feb 2025 14:03 GMT", "2025-02-12T14:03:00Z");       /* no seconds */
    date_is("Wed, 12 Feb 2025 14:03:00", "2025-02-12T14:03:00Z");        /* missing zone */
    date_is("Wed, 12 Feb 2025 16:03:00 B", "2025-02-12T14:03:00Z");      /* military */
    date_is("Wed, 12 Feb 2025 14:03:00 Z", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 15:03:00 CET", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 16:03:00 GMT+2", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 15:33:00 +01:30", "2025-02-12T14:03:00Z");
    date_is("Wednesday, 12 February 2025 14:03:00 GMT", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb. 2025 14:03:00 GMT", "2025-02-12T14:03:00Z");
    date_is("Wed,12 Feb 2025 14:03:00 GMT", "2025-02-12T14:03:00Z");
    date_is("  Wed, 12 Feb 2025 14:03:00 GMT  \n", "2025-02-12T14:03:00Z");
    date_is("Wed, 12-Feb-2025 14:03:00 GMT", "2025-02-12T14:03:00Z");
    date_is("Feb 12, 2025 2:03 PM", "2025-02-12T14:03:00Z");
    date_is("February 12, 2025 12:15 am", "2025-02-12T00:15:00Z");
    date_is("Wed Feb 12 14:03:00 UTC 2025", "2025-02-12T14:03:00Z");     /* date(1) style */
    date_is("Wed, 12 Feb 2025 14:03:00 +0000 (UTC)", "2025-02-12T14:03:00Z");
}

static void localized_names(void **state) {
    (void)state;
    date_is("Mi, 12 Feb 2025 15:03:00 +0100", "2025-02-12T14:03:00Z");          /* de */
    date_is("Mittwoch, 12. Februar 2025 15:03 MEZ", "2025-02-12T14:03:00Z");
    date_is("Mo, 03 M\xC3\xA4r 2025 10:00:00 +0100", "2025-03-03T09:00:00Z");
    date_is("12. Dezember 2024 um 08:00", "2024-12-12T08:00:00Z");
    date_is("mer., 12 f\xC3\xA9vr. 2025 15:03:00 +0100", "2025-02-12T14:03:00Z"); /* fr */
    date_is("mar., 11 f\xC3\xA9vr. 2025 10:00:00 +0100", "2025-02-11T09:00:00Z"); /* mar. = mardi */
    date_is("12 ao\xC3\xBBt 2025 08:00", "2025-08-12T08:00:00Z");
    date_is("3 juil. 2025", "2025-07-03T00:00:00Z");
    date_is("3 juin 2025", "2025-06-03T00:00:00Z");
    date_is("mi\xC3\xA9, 12 feb 2025 15:03:00 +0100", "2025-02-12T14:03:00Z");   /* es */
    date_is("12 de diciembre de 2024 08:00", "2024-12-12T08:00:00Z");
    date_is("mer, 12 gen 2025 08:00:00 +0100", "2025-01-12T07:00:00Z");          /* it */
    date_is("luned\xC3\xAC 3 giugno 2024", "2024-06-03T00:00:00Z");
    date_is("wo, 12 mrt 2025 08:00:00 +0100", "2025-03-12T07:00:00Z");           /* nl */
    date_is("12 mei 2025", "2025-05-12T00:00:00Z");
    date_is("qua, 12 fev 2025 08:00:00 -0300", "2025-02-12T11:00:00Z");          /* pt */
    date_is("12 de mar\xC3\xA7o de 2025", "2025-03-12T00:00:00Z");
    date_is("12 outubro 2025", "2025-10-12T00:00:00Z");
    date_is("ons, 12 feb 2025 08:00:00 +0100", "2025-02-12T07:00:00Z");          /* sv */
    date_is("12 maj 2025 08:00", "2025-05-12T08:00:00Z");
    date_is("12 okt 2025", "2025-10-12T00:00:00Z");
    date_is("12 DEZ 2025", "2025-12-12T00:00:00Z");
    date_is("12 F\xC3\x89VR 2025", "2025-02-12T00:00:00Z");
}

static void iso8601_variants(void **state) {
    (void)state;
    date_is("2025-02-12T14:03:00Z", "2025-02-12T14:03:00Z");
    date_is("2025-02-12T14:03:00.123456Z", "2025-02-12T14:03:00Z");
    date_is("2025-02-12T15:03:00+01:00", "2025-02-12T14:03:00Z");
    date_is("2025-02-12T15:03:00+0100", "2025-02-12T14:03:00Z");
    date_is("2025-02-12T15:03:00+01", "2025-02-12T14:03:00Z");
    date_is("2025-02-12T09:03:00-05:00", "2025-02-12T14:03:00Z");
    date_is("2025-02-12 14:03:00", "2025-02-12T14:03:00Z");
    date_is("2025-02-12t14:03:00z", "2025-02-12T14:03:00Z");
    date_is("2025-02-12T14:03Z", "2025-02-12T14:03:00Z");
    date_is("2025-02-12", "2025-02-12T00:00:00Z");
    date_is("2025-02", "2025-02-01T00:00:00Z");
    date_is("20250212T140300Z", "2025-02-12T14:03:00Z");
    date_is("2025-02-12 14:03:00 GMT", "2025-02-12T14:03:00Z");
    date_is("2025-02-12 15:03:00 +0100", "2025-02-12T14:03:00Z");
    date_is("2025-2-5", "2025-02-05T00:00:00Z");
    date_is("2025-02-12T23:30:00-02:00", "2025-02-13T01:30:00Z");            /* day rolls */
    date_is("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z");                 /* leap day */
    date_is("2025/02/12 14:03", "2025-02-12T14:03:00Z");
    date_is("12.02.2025 14:03", "2025-02-12T14:03:00Z");
    date_is("02/12/2025", "2025-02-12T00:00:00Z");                           /* US order */
}

static void unreadable_is_zero(void **state) {
    (void)state;
    date_is(NULL, NULL);
    date_is("", NULL);
    date_is("   ", NULL);
    date_is("yesterday", NULL);
    date_is("not a date", NULL);
    date_is("2025-13-01T00:00:00Z", NULL);
    date_is("2025-02-30", NULL);
    date_is("2023-02-29", NULL);
    date_is("Wed, 32 Feb 2025 14:03:00 GMT", NULL);
    date_is("Wed, 12 Feb 2025 25:03:00 GMT", NULL);
    date_is("Wed, 12 Feb 2025 14:61:00 GMT", NULL);
    date_is("2025-02-12T14:03:00+25:00", NULL);
    date_is("12 Foo 2025", NULL);
    date_is("Feb 2025", NULL);
    date_is("99999999999999999999", NULL);
    date_is("2025-02-12T99:00", NULL);
    date_is("Wed, 12 Feb 2025 1:2:3 GMT", NULL);
    /* a long string is refused without reading it */
    char big[512];
    memset(big, '1', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    date_is(big, NULL);
}

/* US zone names as outlets write them, generic ones by the DST rule. */
static void us_zones(void **state) {
    (void)state;
    date_is("Wed, 12 Feb 2025 09:03:00 EST", "2025-02-12T14:03:00Z");
    date_is("Thu, 12 Jun 2025 10:03:00 EDT", "2025-06-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 08:03:00 CST", "2025-02-12T14:03:00Z");
    date_is("Thu, 12 Jun 2025 08:03:00 MDT", "2025-06-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 04:03:00 HST", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 05:03:00 AKST", "2025-02-12T14:03:00Z");
    /* generic names: standard in winter, daylight in summer */
    date_is("Wed, 12 Feb 2025 09:03:00 ET", "2025-02-12T14:03:00Z");
    date_is("Thu, 12 Jun 2025 10:03:00 ET", "2025-06-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 08:03:00 CT", "2025-02-12T14:03:00Z");
    date_is("Thu, 12 Jun 2025 09:03:00 CT", "2025-06-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 07:03 MT", "2025-02-12T14:03:00Z");
    date_is("Thu, 12 Jun 2025 07:03 PT", "2025-06-12T14:03:00Z");
    date_is("June 12, 2025 10:03 AM Eastern", "2025-06-12T14:03:00Z");
    date_is("2025-06-12 10:03:00 ET", "2025-06-12T14:03:00Z");
    /* the DST edges of 2025: 9 March and 2 November */
    date_is("Sat, 08 Mar 2025 12:00:00 ET", "2025-03-08T17:00:00Z");
    date_is("Sun, 09 Mar 2025 12:00:00 ET", "2025-03-09T16:00:00Z");
    date_is("Sat, 01 Nov 2025 12:00:00 PT", "2025-11-01T19:00:00Z");
    date_is("Sun, 02 Nov 2025 12:00:00 PT", "2025-11-02T20:00:00Z");
    /* military letters */
    date_is("Wed, 12 Feb 2025 09:03:00 R", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 23:03:00 I", "2025-02-12T14:03:00Z");
    date_is("Wed, 12 Feb 2025 02:03:00 Y", "2025-02-12T14:03:00Z");
}

/* A garbled offset gives no date rather than a wrong one. */
static void garbled_offsets_are_unreadable(void **state) {
    (void)state;
    date_is("2025-02-12T14:03:00+zz:00", NULL);
    date_is("2025-02-12T14:03:00-ab", NULL);
    date_is("2025-02-12T14:03:00+25:00", NULL);
    date_is("2025-02-12 14:03:00 +zz00", NULL);
    date_is("Wed, 12 Feb 2025 14:03:00 +zz00", NULL);
    date_is("Wed, 12 Feb 2025 14:03:00 -x", NULL);
    /* pages' dates go through the same reader: no roll-over, zones read */
    date_is("2025-02-31", NULL);
    date_is("2025-02-12T14:03:00 garbage", NULL);
    date_is("Wed, 12 Feb 2025 23:03:00 JST", "2025-02-12T14:03:00Z");
}

static void format_is_iso_utc(void **state) {
    (void)state;
    char iso[FEEDDATE_ISO_LEN];
    feeddate_format(0, iso);
    assert_string_equal(iso, "1970-01-01T00:00:00Z");
    feeddate_format(1739368980, iso);
    assert_string_equal(iso, "2025-02-12T14:03:00Z");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc822_and_variants),
        cmocka_unit_test(localized_names),
        cmocka_unit_test(iso8601_variants),
        cmocka_unit_test(unreadable_is_zero),
        cmocka_unit_test(us_zones),
        cmocka_unit_test(garbled_offsets_are_unreadable),
        cmocka_unit_test(format_is_iso_utc),
    };
    return cmocka_run_group_tests_name("feeddate", tests, NULL, NULL);
}
