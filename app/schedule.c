/* schedule.c - see schedule.h. */
#include "schedule.h"
#include "schedule_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "clock.h"

static const char *const day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

static int parse_day(const char **p) {
    for (int d = 0; d < 7; d++)
        if (strncasecmp(*p, day_names[d], 3) == 0) {
            *p += 3;
            while (isalpha((unsigned char)**p)) (*p)++; /* "monday" */
            return d;
        }
    return -1;
}

static int parse_hhmm(const char **p) {
    int h, m, n = 0;
    if (sscanf(*p, "%2d:%2d%n", &h, &m, &n) != 2 || n < 4 || h < 0 || h > 24 || m < 0 || m > 59 ||
        (h == 24 && m != 0))
        return -1;
    *p += n;
    return h * 60 + m;
}

static void skip_spaces(const char **p) {
    while (**p == ' ' || **p == '\t') (*p)++;
}

static int parse_rule(const char **p, schedule_rule_t *r, char *why, size_t why_len) {
    skip_spaces(p);
    r->days = 0;
    if (strncasecmp(*p, "daily", 5) == 0) {
        r->days = 0x7f;
        *p += 5;
    } else {
        int a = parse_day(p);
        if (a < 0) {
            snprintf(why, why_len, "expected a day (mon..sun or daily) at '%.20s'", *p);
            return -1;
        }
        int b = a;
        if (**p == '-') {
            (*p)++;
            b = parse_day(p);
            if (b < 0) {
                snprintf(why, why_len, "expected a day after '-' at '%.20s'", *p);
                return -1;
            }
        }
        for (int d = a;; d = (d + 1) % 7) {
            r->days |= (unsigned char)(1u << d);
            if (d == b) break;
        }
    }
    skip_spaces(p);
    int start = parse_hhmm(p);
    if (start < 0 || **p != '-') {
        snprintf(why, why_len, "expected HH:MM-HH:MM at '%.20s'", *p);
        return -1;
    }
    (*p)++;
    int end = parse_hhmm(p);
    if (end < 0) {
        snprintf(why, why_len, "expected an end time HH:MM at '%.20s'", *p);
        return -1;
    }
    r->start_min = (short)start;
    r->end_min = (short)end;
    return 0;
}

int schedule_parse(const char *text, schedule_t *out, char *why, size_t why_len) {
    memset(out, 0, sizeof *out);
    if (why_len) why[0] = '\0';
    if (!text) return 0;
    const char *p = text;
    skip_spaces(&p);
    if (*p == '"') p++;
    for (;;) {
        skip_spaces(&p);
        if (!*p || *p == '"') break;
        if (out->n == SCHEDULE_MAX_RULES) {
            snprintf(why, why_len, "more than %d rules", SCHEDULE_MAX_RULES);
            memset(out, 0, sizeof *out);
            return -1;
        }
        if (parse_rule(&p, &out->rules[out->n], why, why_len) != 0) {
            memset(out, 0, sizeof *out);
            return -1;
        }
        out->n++;
        skip_spaces(&p);
        if (*p == ',' || *p == ';') p++;
        else if (*p && *p != '"') {
            snprintf(why, why_len, "unexpected '%.20s'", p);
            memset(out, 0, sizeof *out);
            return -1;
        }
    }
    return 0;
}

int schedule_is_on(const schedule_t *s, const struct tm *local) {
    if (s->n == 0) return 1;
    int minute = local->tm_hour * 60 + local->tm_min;
    int today = local->tm_wday, yesterday = (today + 6) % 7;
    for (size_t i = 0; i < s->n; i++) {
        const schedule_rule_t *r = &s->rules[i];
        if (r->start_min <= r->end_min) {
            if ((r->days >> today & 1) && minute >= r->start_min && minute < r->end_min) return 1;
        } else { /* crosses midnight */
            if ((r->days >> today & 1) && minute >= r->start_min) return 1;
            if ((r->days >> yesterday & 1) && minute < r->end_min) return 1;
        }
    }
    return 0;
}

int schedule_on_at(const schedule_t *s, time_t now) {
    if (s->n == 0 || !clock_wall_is_sane(now)) return 1;
    struct tm tm;
    localtime_r(&now, &tm);
    return schedule_is_on(s, &tm);
}
