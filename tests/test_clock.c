/* test_clock.c - wall-clock sanity, clock-jump detection, age formatting. */
#include "testutil.h"

#include <time.h>

#include "clock_internal.h"

static const time_t epoch = (time_t)BULLETIN_BUILD_EPOCH;

static void wall_sanity_follows_build_epoch(void **state) {
    (void)state;
    assert_false(clock_wall_is_sane(0));          /* a Pi at power-on */
    assert_false(clock_wall_is_sane(86400 * 365)); /* 1971 */
    assert_false(clock_wall_is_sane(epoch - 1));
    assert_true(clock_wall_is_sane(epoch));
    assert_true(clock_wall_is_sane(epoch + 86400 * 30));
    assert_false(clock_wall_is_sane((time_t)(epoch + CLOCK_SANE_SPAN_S + 1)));
}

static void monotonic_clock_advances(void **state) {
    (void)state;
    int64_t a = clock_mono_ms();
    struct timespec nap = {0, 30 * 1000000L};
    nanosleep(&nap, NULL);
    int64_t b = clock_mono_ms();
    assert_true(a > 0);
    assert_true(b - a >= 30);
    assert_true(b - a < 5000);
    int64_t wall = clock_wall_ms();
    assert_true(wall / 1000 - (int64_t)time(NULL) <= 1);
    assert_true((int64_t)time(NULL) - wall / 1000 <= 1);
}

static void jump_detector_sees_clock_set(void **state) {
    (void)state;
    clock_jump_t d = CLOCK_JUMP_INIT;
    /* Boot: wall clock at 1970 + 5 s, monotonic 5 s. First call primes. */
    assert_int_equal(clock_jump_check(&d, 5000, 5000), 0);
    /* Both advance together for a minute: no jump. */
    assert_int_equal(clock_jump_check(&d, 65000, 65000), 0);
    /* Slewing noise below the threshold is not a jump. */
    assert_int_equal(clock_jump_check(&d, 66900, 66000), 0);
    /* NTP sets the clock: wall goes to the build epoch while 1 s passes. */
    int64_t ntp_wall = (int64_t)epoch * 1000;
    int64_t jump = clock_jump_check(&d, ntp_wall, 67000);
    assert_int_equal(jump, (ntp_wall - 66900 - 1000) / 1000);
    assert_true(jump > 0);
    /* The new reading is the baseline: steady again. */
    assert_int_equal(clock_jump_check(&d, ntp_wall + 10000, 77000), 0);
    /* Someone sets the clock back an hour. */
    assert_int_equal(clock_jump_check(&d, ntp_wall + 10000 - 3600 * 1000 + 1000, 78000), -3600);
    /* Exactly the threshold counts, in both directions. */
    clock_jump_t e = CLOCK_JUMP_INIT;
    clock_jump_check(&e, 1000000, 1000);
    assert_int_equal(clock_jump_check(&e, 1000000 + CLOCK_JUMP_MIN_S * 1000, 1000), CLOCK_JUMP_MIN_S);
    assert_int_equal(clock_jump_check(&e, 1000000, 1000), -CLOCK_JUMP_MIN_S);
}

static void jump_poll_on_real_clocks_is_quiet(void **state) {
    (void)state;
    clock_jump_t d = CLOCK_JUMP_INIT;
    assert_int_equal(clock_jump_poll(&d), 0);
    assert_true(d.primed);
    struct timespec nap = {0, 20 * 1000000L};
    nanosleep(&nap, NULL);
    assert_int_equal(clock_jump_poll(&d), 0);
}

static void expect_age(time_t then, time_t now, const char *want) {
    char out[64];
    size_t n = clock_format_age(then, now, out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void ages_read_naturally(void **state) {
    (void)state;
    time_t now = epoch + 400 * 86400;
    expect_age(now, now, "just now");
    expect_age(now - 59, now, "just now");
    expect_age(now - 60, now, "1 min ago");
    expect_age(now - 12 * 60 - 30, now, "12 min ago");
    expect_age(now - 3600, now, "1 h ago");
    expect_age(now - 3 * 3600 - 5, now, "3 h ago");
    expect_age(now - 86400, now, "1 day ago");
    expect_age(now - 2 * 86400, now, "2 days ago");
    expect_age(now - 13 * 86400, now, "13 days ago");
    expect_age(now - 14 * 86400, now, "2 weeks ago");
    expect_age(now - 364 * 86400, now, "52 weeks ago");
    expect_age(now - 365 * 86400, now, "over a year ago");
    /* A little in the future (a fast clock at the source) is "just now". */
    expect_age(now + CLOCK_FUTURE_TOLERANCE_S, now, "just now");
}

static void ages_hidden_when_clock_is_wrong(void **state) {
    (void)state;
    char out[64];
    time_t published = epoch + 1000;
    /* A Pi before NTP: the clock reads 1970; ages would be nonsense. */
    memcpy(out, "junk", 5);
    assert_int_equal(clock_format_age(published, 42, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* fake-hwclock restored a time before the build: still not believed. */
    assert_int_equal(clock_format_age(published, epoch - 10, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* A date far in the future is someone's wrong clock: no age. */
    time_t now = epoch + 5000;
    assert_int_equal(clock_format_age(now + CLOCK_FUTURE_TOLERANCE_S + 1, now, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* Unknown publication time. */
    assert_int_equal(clock_format_age(0, now, out, sizeof out), 0);
    assert_int_equal(clock_format_age(-5, now, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void age_respects_small_buffers(void **state) {
    (void)state;
    time_t now = epoch + 86400;
    char small[5];
    size_t n = clock_format_age(now - 12 * 60, now, small, sizeof small);
    assert_int_equal(n, 4);
    assert_string_equal(small, "12 m");
    char one[1] = {'x'};
    assert_int_equal(clock_format_age(now - 60, now, one, sizeof one), 0);
    assert_int_equal(one[0], '\0');
    assert_int_equal(clock_format_age(now - 60, now, NULL, 10), 0);
}

static void hhmm_only_for_sane_times(void **state) {
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    char out[16];
    /* The epoch's day plus 9 h 12 min 30 s, in UTC. */
    time_t day = epoch - epoch % 86400;
    time_t t = day + 86400 + 9 * 3600 + 12 * 60 + 30;
    assert_int_equal(clock_format_hhmm(t, t + 60, out, sizeof out), 5);
    assert_string_equal(out, "09:12");
    /* Before NTP the clock says 1970: nothing to show. */
    assert_int_equal(clock_format_hhmm(t, 100, out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(clock_format_hhmm(100, t, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* Too small a buffer: nothing rather than half a time. */
    char small[4] = "abc";
    assert_int_equal(clock_format_hhmm(t, t, small, sizeof small), 0);
    assert_string_equal(small, "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wall_sanity_follows_build_epoch),
        cmocka_unit_test(monotonic_clock_advances),
        cmocka_unit_test(jump_detector_sees_clock_set),
        cmocka_unit_test(jump_poll_on_real_clocks_is_quiet),
        cmocka_unit_test(ages_read_naturally),
        cmocka_unit_test(ages_hidden_when_clock_is_wrong),
        cmocka_unit_test(age_respects_small_buffers),
        cmocka_unit_test(hhmm_only_for_sane_times),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
