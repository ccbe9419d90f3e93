/* feeddate.c - see feeddate.h.
 *
 * Two readers: a strict-ish ISO 8601 reader for strings that start with a
 * four-digit year followed by '-' (or the basic form YYYYMMDDT...), and a
 * token reader for everything else: it splits the string into words,
 * numbers, a clock time and a zone offset, then assigns the numbers to day
 * and year around a month name (or reads a numeric date).
 */
#include "feeddate.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Month names, lower case, in the languages we read. A word that is a
 * prefix (3+ bytes) of names of one month only is that month. */
static const struct {
    const char *name;
    int month;
} month_names[] = {
    {"january", 1}, {"januar", 1}, {"janvier", 1}, {"enero", 1}, {"gennaio", 1},
    {"januari", 1}, {"janeiro", 1}, {"jänner", 1}, {"jaenner", 1},
    {"february", 2}, {"februar", 2}, {"février", 2}, {"fevrier", 2}, {"febrero", 2},
    {"febbraio", 2}, {"februari", 2}, {"fevereiro", 2},
    {"march", 3}, {"märz", 3}, {"marz", 3}, {"maerz", 3}, {"mrz", 3}, {"mars", 3}, {"marzo", 3},
    {"maart", 3}, {"mrt", 3}, {"março", 3}, {"marco", 3},
    {"april", 4}, {"avril", 4}, {"abril", 4}, {"aprile", 4},
    {"may", 5}, {"mai", 5}, {"mayo", 5}, {"maggio", 5}, {"mei", 5}, {"maio", 5}, {"maj", 5},
    {"june", 6}, {"juni", 6}, {"juin", 6}, {"junio", 6}, {"giugno", 6}, {"junho", 6},
    {"july", 7}, {"juli", 7}, {"juillet", 7}, {"julio", 7}, {"luglio", 7}, {"julho", 7},
    {"august", 8}, {"août", 8}, {"aout", 8}, {"agosto", 8}, {"augustus", 8}, {"augusti", 8},
    {"september", 9}, {"septembre", 9}, {"septiembre", 9}, {"setiembre", 9},
    {"settembre", 9}, {"setembro", 9},
    {"october", 10}, {"oktober", 10}, {"octobre", 10}, {"octubre", 10}, {"ottobre", 10},
    {"outubro", 10},
    {"november", 11}, {"novembre", 11}, {"noviembre", 11}, {"novembro", 11},
    {"december", 12}, {"dezember", 12}, {"décembre", 12}, {"decembre", 12},
    {"diciembre", 12}, {"dicembre", 12}, {"dezembro", 12},
};

/* Zone abbreviations, offset in minutes east of UTC. */
static const struct {
    const char *name;
    int minutes;
} zone_names[] = {
    {"gmt", 0}, {"ut", 0}, {"utc", 0}, {"z", 0}, {"wet", 0}, {"zulu", 0},
    {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360},
    {"pst", -480}, {"pdt", -420}, {"akst", -540}, {"akdt", -480}, {"hst", -600},
    {"ast", -240}, {"adt", -180}, {"nst", -210}, {"ndt", -150}, {"brt", -180}, {"art", -180},
    {"bst", 60}, {"ist", 330}, {"cet", 60}, {"cest", 120}, {"met", 60}, {"mest", 120},
    {"mez", 60}, {"mesz", 120}, {"west", 60}, {"eet", 120}, {"eest", 180}, {"msk", 180},
    {"jst", 540}, {"kst", 540}, {"hkt", 480}, {"sgt", 480}, {"pht", 480}, {"wib", 420},
    {"aest", 600}, {"aedt", 660}, {"acst", 570}, {"acdt", 630}, {"awst", 480},
    {"nzst", 720}, {"nzdt", 780},
};

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m) {
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* Assembles a time; 0 when a field is out of range. */
static time_t make_time(int y, int mo, int d, int h, int mi, int s, int off_min) {
    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return 0;
    if (h < 0 || mi < 0 || mi > 59 || s < 0 || s > 60) return 0;
    if (h > 24 || (h == 24 && (mi || s))) return 0;
    if (s == 60) s = 59;
    if (off_min < -18 * 60 || off_min > 18 * 60) return 0;
    int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - (int64_t)off_min * 60;
    if (t <= 0 || (int64_t)(time_t)t != t) return 0;
    return (time_t)t;
}

/* Reads n digits at s; -1 when they are not all digits. */
static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int full_year(int y, int ndigits) {
    if (ndigits <= 2) return y < 50 ? 2000 + y : 1900 + y;
    if (ndigits == 3) return 1900 + y;
    return y;
}

/* Reads "+hh:mm", "+hhmm", "+hh", "+h" at s (s[0] is the sign); returns the
 * bytes used, 0 when not an offset, and the minutes east of UTC. */
static size_t read_offset(const char *s, int *minutes) {
    int sign = s[0] == '-' ? -1 : 1;
    size_t i = 1;
    size_t n = 0;
    while (is_digit((unsigned char)s[i + n])) n++;
    int h, m = 0;
    if (n == 4) {
        h = digits(s + 1, 2);
        m = digits(s + 3, 2);
        i += 4;
    } else if (n == 1 || n == 2) {
        h = digits(s + 1, (int)n);
        i += n;
        if (s[i] == ':' && digits(s + i + 1, 2) >= 0 && !is_digit((unsigned char)s[i + 3])) {
            m = digits(s + i + 1, 2);
            i += 3;
        }
    } else {
        return 0;
    }
    if (h > 18 || m > 59) return 0;
    *minutes = sign * (h * 60 + m);
    return i;
}

/* US generic zone names ("ET", "Eastern"): standard time, or daylight time
 * between the second Sunday of March and the first Sunday of November (the
 * rule since 2007), judged on the local date. */
static const struct {
    const char *name;
    int standard; /* minutes east of UTC in winter */
} us_generic_zones[] = {
    {"et", -300}, {"ct", -360}, {"mt", -420}, {"pt", -480}, {"akt", -540},
    {"eastern", -300}, {"central", -360}, {"mountain", -420}, {"pacific", -480},
};

static int weekday_of(int y, int m, int d) { /* 0 Sunday */
    int64_t days = days_from_civil(y, m, d);
    return (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
}

static int us_daylight(int y, int mo, int d, int h) {
    if (mo < 3 || mo > 11) return 0;
    if (mo > 3 && mo < 11) return 1;
    int first_sunday = 1 + (7 - weekday_of(y, mo, 1)) % 7;
    if (mo == 3) {
        int start = first_sunday + 7;
        return d > start || (d == start && h >= 2);
    }
    return d < first_sunday || (d == first_sunday && h < 2);
}

static int us_generic_lookup(const char *w) {
    for (size_t i = 0; i < sizeof us_generic_zones / sizeof us_generic_zones[0]; i++)
        if (strcmp(w, us_generic_zones[i].name) == 0) return (int)i;
    return -1;
}

static int zone_lookup(const char *w, int *minutes) {
    for (size_t i = 0; i < sizeof zone_names / sizeof zone_names[0]; i++)
        if (strcmp(w, zone_names[i].name) == 0) {
            *minutes = zone_names[i].minutes;
            return 1;
        }
    return 0;
}

static int military_zone(const char *w, int *minutes) {
    if (strlen(w) != 1) return 0;
    char c = w[0];
    if (c >= 'a' && c <= 'i') *minutes = (c - 'a' + 1) * 60;
    else if (c >= 'k' && c <= 'm') *minutes = (c - 'k' + 10) * 60;
    else if (c >= 'n' && c <= 'y') *minutes = -(c - 'n' + 1) * 60;
    else if (c == 'z') *minutes = 0;
    else return 0;
    return 1;
}

static int month_lookup(const char *w) {
    size_t n = strlen(w);
    if (n < 3) return 0;
    int found = 0;
    for (size_t i = 0; i < sizeof month_names / sizeof month_names[0]; i++) {
        if (strncmp(w, month_names[i].name, n) != 0) continue;
        if (found && found != month_names[i].month) return 0; /* ambiguous prefix */
        found = month_names[i].month;
    }
    return found;
}

/* ISO 8601 / RFC 3339. s starts with four digits. Returns 0 on failure;
 * *final is set once a clock time was read, so a garbled zone after it
 * ("+zz:00") makes the string unreadable instead of read another way. */
static time_t parse_iso(const char *s, int *final) {
    int y = digits(s, 4), mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0;
    size_t i = 4;
    int basic = is_digit((unsigned char)s[4]);
    if (basic) {
        mo = digits(s + 4, 2);
        d = digits(s + 6, 2);
        if (mo < 0 || d < 0) return 0;
        i = 8;
    } else if (s[i] == '-') {
        mo = digits(s + 5, 2);
        if (mo < 0) return 0;
        i = 7;
        if (s[i] == '-') {
            d = digits(s + 8, 2);
            if (d < 0) return 0;
            i = 10;
        }
    }
    if (is_digit((unsigned char)s[i])) return 0;
    if ((s[i] == 'T' || s[i] == 't' || s[i] == ' ') && is_digit((unsigned char)s[i + 1])) {
        i++;
        h = digits(s + i, 2);
        if (h < 0) return 0;
        i += 2;
        *final = 1;
        int colon = s[i] == ':';
        if (colon) i++;
        mi = digits(s + i, 2);
        if (mi < 0) return 0;
        i += 2;
        if ((colon && s[i] == ':') || (!colon && is_digit((unsigned char)s[i]))) {
            if (colon) i++;
            sec = digits(s + i, 2);
            if (sec < 0) return 0;
            i += 2;
            if (s[i] == '.' || s[i] == ',')
                for (i++; is_digit((unsigned char)s[i]); i++) {
                }
        }
        while (s[i] == ' ') i++;
        if (s[i] == 'Z' || s[i] == 'z') {
            i++;
        } else if (s[i] == '+' || s[i] == '-') {
            size_t n = read_offset(s + i, &off);
            if (!n) return 0;
            i += n;
        } else if ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') {
            char w[8];
            size_t n = 0;
            while (n < sizeof w - 1 && (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))) w[n++] = (char)(s[i++] | 32);
            w[n] = '\0';
            int g = us_generic_lookup(w);
            if (g >= 0) off = us_generic_zones[g].standard + (us_daylight(y, mo, d, h) ? 60 : 0);
            else if (!zone_lookup(w, &off)) return 0;
            if (s[i] == '+' || s[i] == '-') {
                int extra;
                size_t k = read_offset(s + i, &extra);
                if (k) {
                    off += extra;
                    i += k;
                }
            }
        }
    }
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') i++;
    if (s[i] != '\0') return 0;
    return make_time(y, mo, d, h, mi, sec, off);
}

typedef struct {
    int value;
    int ndigits;
    char sep; /* the byte right after the number */
} date_num_t;

/* Lower-cases ASCII and Latin-1 capitals encoded in UTF-8 (C3 80..9E). */
static void lower_word(char *w) {
    for (size_t i = 0; w[i]; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z') w[i] = (char)(c + 32);
        else if (c == 0xC3 && (unsigned char)w[i + 1] >= 0x80 && (unsigned char)w[i + 1] <= 0x9E &&
                 (unsigned char)w[i + 1] != 0x97) {
            w[i + 1] = (char)((unsigned char)w[i + 1] + 0x20);
            i++;
        }
    }
}

static time_t parse_words(const char *s) {
    date_num_t nums[6];
    int n_nums = 0;
    int month = 0, h = -1, mi = 0, sec = 0, off = 0, have_zone = 0, pm = -1;
    int after_zone_word = 0, generic_zone = -1;
    size_t i = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        if (is_digit(c)) {
            size_t st = i;
            while (is_digit((unsigned char)s[i])) i++;
            size_t nd = i - st;
            if (s[i] == ':' && is_digit((unsigned char)s[i + 1]) && h < 0 && nd <= 2) {
                h = digits(s + st, (int)nd);
                i++;
                size_t ms = i;
                while (is_digit((unsigned char)s[i])) i++;
                if (i - ms != 2) return 0;
                mi = digits(s + ms, 2);
                if (s[i] == ':' && is_digit((unsigned char)s[i + 1])) {
                    i++;
                    size_t ss = i;
                    while (is_digit((unsigned char)s[i])) i++;
                    if (i - ss != 2) return 0;
                    sec = digits(s + ss, 2);
                    if ((s[i] == '.' || s[i] == ',') && is_digit((unsigned char)s[i + 1]))
                        for (i++; is_digit((unsigned char)s[i]); i++) {
                        }
                }
                continue;
            }
            if (nd > 4 || n_nums == (int)(sizeof nums / sizeof nums[0])) return 0;
            nums[n_nums].value = digits(s + st, (int)nd);
            nums[n_nums].ndigits = (int)nd;
            nums[n_nums].sep = s[i];
            n_nums++;
            continue;
        }
        if ((c == '+' || c == '-') && h >= 0 && !have_zone &&
            (((unsigned char)s[i + 1] | 32) >= 'a' && ((unsigned char)s[i + 1] | 32) <= 'z'))
            return 0; /* a garbled offset ("+zz:00"): no time is better than a wrong one */
        if ((c == '+' || c == '-') && is_digit((unsigned char)s[i + 1]) &&
            (h >= 0 || after_zone_word) && (!have_zone || after_zone_word)) {
            int m;
            size_t used = read_offset(s + i, &m);
            if (!used) return 0;
            off = after_zone_word ? off + m : m;
            have_zone = 1;
            after_zone_word = 0;
            i += used;
            continue;
        }
        if ((c | 32) >= 'a' && (c | 32) <= 'z' ? 1 : c >= 0x80) {
            char w[24];
            size_t n = 0;
            int upper = c >= 'A' && c <= 'Z';
            while (s[i] && ((((unsigned char)s[i] | 32) >= 'a' && ((unsigned char)s[i] | 32) <= 'z') ||
                            (unsigned char)s[i] >= 0x80)) {
                if (n < sizeof w - 1) w[n++] = s[i];
                i++;
            }
            w[n] = '\0';
            lower_word(w);
            after_zone_word = 0;
            int m = month_lookup(w), z;
            if (m) {
                month = m; /* the last month word wins: "mar." can be a weekday */
            } else if (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0) {
                pm = w[0] == 'p';
            } else if (!have_zone && h >= 0 && us_generic_lookup(w) >= 0) {
                generic_zone = us_generic_lookup(w);
                have_zone = 1;
            } else if (!have_zone && zone_lookup(w, &z)) {
                off = z;
                have_zone = 1;
                after_zone_word = z == 0;
            } else if (!have_zone && h >= 0 && upper && military_zone(w, &z)) {
                off = z;
                have_zone = 1;
            } else if (strcmp(w, "t") == 0 && h < 0) {
                /* ISO-like separator */
            }
            continue;
        }
        i++;
    }
    if (h < 0) h = 0;
    if (pm >= 0) {
        if (h < 1 || h > 12) return 0;
        if (pm && h < 12) h += 12;
        if (!pm && h == 12) h = 0;
    }
    int year = -1, day = -1;
    if (month) {
        int used[6] = {0};
        for (int k = 0; k < n_nums; k++)
            if (nums[k].ndigits >= 3) {
                year = full_year(nums[k].value, nums[k].ndigits);
                used[k] = 1;
                break;
            }
        for (int k = 0; k < n_nums; k++) {
            if (used[k]) continue;
            if (day < 0 && nums[k].value >= 1 && nums[k].value <= 31) {
                day = nums[k].value;
                used[k] = 1;
            } else if (year < 0 && nums[k].ndigits == 2) {
                year = full_year(nums[k].value, 2);
                used[k] = 1;
            }
        }
    } else {
        if (n_nums < 3) return 0;
        date_num_t a = nums[0], b = nums[1], c = nums[2];
        if (a.ndigits == 4) {
            year = a.value;
            month = b.value;
            day = c.value;
        } else if (a.sep == '/' && a.value <= 12) {
            month = a.value;
            day = b.value;
            year = full_year(c.value, c.ndigits);
        } else {
            day = a.value;
            month = b.value;
            year = full_year(c.value, c.ndigits);
        }
    }
    if (year < 0 || day < 0) return 0;
    if (generic_zone >= 0 && month >= 1 && month <= 12)
        off = us_generic_zones[generic_zone].standard + (us_daylight(year, month, day, h) ? 60 : 0);
    return make_time(year, month, day, h, mi, sec, off);
}

time_t feeddate_parse(const char *s) {
    if (!s) return 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    if (!*s || strlen(s) > 128) return 0;
    if (digits(s, 4) >= 0 && (s[4] == '-' || (digits(s + 4, 4) >= 0 && (s[8] == 'T' || s[8] == 't'))))
    {
        int final = 0;
        time_t t = parse_iso(s, &final);
        if (t || final) return t;
    }
    return parse_words(s);
}

void feeddate_format(time_t t, char out[FEEDDATE_ISO_LEN]) {
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        out[0] = '\0';
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", (tm.tm_year + 1900) % 10000,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    memcpy(out, tmp, FEEDDATE_ISO_LEN - 1);
    out[FEEDDATE_ISO_LEN - 1] = '\0';
}
