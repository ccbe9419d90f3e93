/* config.c - see config.h. Our own line reader (no inih): lines of any
 * length, every bad line reported with why, `include = FILE`, and the keys
 * of each section in one table that also writes the messages. */
#include "config.h"
#include "config_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "fileio.h"
#include "log.h"
#include "schedule.h"
#include "urlutil.h"
#include "version.h"

#define MODULE "config"

/* ---------------------------------------------------------------- values */

long config_parse_duration(const char *s) {
    if (!s || !*s) return -1;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || errno || v < 0 || *s == '-' || *s == '+') return -1;
    while (*end == ' ') end++;
    long mult = 1;
    switch (*end) {
    case '\0': case 's': mult = 1; break;
    case 'm': mult = 60; break;
    case 'h': mult = 3600; break;
    case 'd': mult = 86400; break;
    default: return -1;
    }
    if (*end && end[1] != '\0') return -1;
    if (v > INT_MAX / mult) return -1;
    return v * mult;
}

static int parse_bool(const char *v, bool *out) {
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) { *out = true; return 0; }
        if (strcasecmp(v, no[i]) == 0) { *out = false; return 0; }
    }
    return -1;
}

/* A byte size "512k", "8M", "1000"; -1 when malformed. */
static long parse_size(const char *v) {
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || errno || n <= 0 || *v == '+') return -1;
    long mult = 1;
    if (*end == 'k' || *end == 'K') mult = 1024, end++;
    else if (*end == 'M' || *end == 'm') mult = 1024L * 1024, end++;
    if (*end || n > LONG_MAX / mult) return -1;
    return n * mult;
}

static int parse_long(const char *v, long *out) {
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end || errno) return -1;
    *out = n;
    return 0;
}

static int parse_accent(const char *v, unsigned *out) {
    if (*v == '#') v++;
    if (strlen(v) != 6) return -1;
    for (const char *p = v; *p; p++)
        if (!strchr("0123456789abcdefABCDEF", *p)) return -1;
    *out = (unsigned)strtoul(v, NULL, 16);
    return 0;
}

static int has_scheme(const char *v) {
    const char *p = v;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p > v && p[0] == ':' && p[1] == '/' && p[2] == '/';
}

/* ---------------------------------------------------------------- the keys */

typedef enum {
    KEY_DURATION, /* int seconds in [lo, hi] */
    KEY_INT,      /* int in [lo, hi] */
    KEY_TURN,     /* int degrees: 0, 90, 180 or 270 */
    KEY_SIZE,     /* long bytes in [lo, hi] */
    KEY_BOOL,
    KEY_CHOICE,   /* char *, one of the '|'-separated words in choices */
    KEY_TEXT,     /* char * */
    KEY_PATH,     /* char *, relative to the file that sets it */
    KEY_ACCENT,   /* unsigned 0xRRGGBB */
    KEY_FEED_URL, /* char *, http(s) or file://; a path becomes file:// */
    KEY_SCHEDULE, /* char *, checked with schedule_parse */
} key_kind_t;

typedef struct {
    const char *name;
    key_kind_t kind;
    size_t offset;       /* into config_t, or config_feed_t in [feed] */
    long lo, hi;
    const char *expect;  /* what is allowed, for the message */
} key_spec_t;

#define C(field) offsetof(config_t, field)
#define F(field) offsetof(config_feed_t, field)

static const key_spec_t display_keys[] = {
    {"rotate", KEY_DURATION, C(rotate_s), 2, 3600, "seconds (2-3600)"},
    {"theme", KEY_CHOICE, C(theme), 0, 0, "dark|light|contrast"},
    {"max_age", KEY_DURATION, C(max_age_s), 60, 365L * 86400, "a duration (1m-365d, e.g. 48h)"},
    {"qr", KEY_BOOL, C(qr), 0, 0, "yes or no"},
    {"clock", KEY_BOOL, C(clock), 0, 0, "yes or no"},
    {"fonts", KEY_PATH, C(font_dir), 0, 0, "a directory"},
    {"schedule", KEY_SCHEDULE, C(schedule), 0, 0, "rules like \"mon-fri 07:00-19:00\""},
    {"rotation", KEY_TURN, C(rotation), 0, 270, "degrees clockwise: 0, 90, 180 or 270"},
    {NULL, 0, 0, 0, 0, NULL},
};
static const key_spec_t store_keys[] = {
    {"path", KEY_PATH, C(store_path), 0, 0, "a file"},
    {NULL, 0, 0, 0, 0, NULL},
};
static const key_spec_t fetch_keys[] = {
    {"interval", KEY_DURATION, C(fetch_interval_s), 60, 86400, "a duration (1m-1d, e.g. 15m)"},
    {"parallel", KEY_INT, C(fetch_parallel), 1, 64, "a number (1-64)"},
    {"host_parallel", KEY_INT, C(fetch_host_parallel), 1, 16, "a number (1-16)"},
    {"page_parallel", KEY_INT, C(fetch_page_parallel), 1, 64, "a number (1-64)"},
    {"timeout", KEY_DURATION, C(fetch_timeout_s), 1, 600, "seconds (1-600)"},
    {"connect_timeout", KEY_DURATION, C(fetch_connect_timeout_s), 1, 600, "seconds (1-600)"},
    {"stall_timeout", KEY_DURATION, C(fetch_stall_s), 1, 600, "seconds (1-600)"},
    {"max_feed_size", KEY_SIZE, C(fetch_max_feed_bytes), 1024, 256L * 1024 * 1024,
     "a size (1k-256M, e.g. 8M)"},
    {"max_items", KEY_INT, C(fetch_max_items), 1, 10000, "a number of entries (1-10000)"},
    {"pass_budget", KEY_DURATION, C(fetch_pass_budget_s), 1, 6 * 3600, "a duration (1s-6h, e.g. 5m)"},
    {"ca_file", KEY_PATH, C(fetch_ca_file), 0, 0, "a PEM file"},
    {"user_agent", KEY_TEXT, C(user_agent), 0, 0, "text"},
    {NULL, 0, 0, 0, 0, NULL},
};
static const key_spec_t feed_keys[] = {
    {"url", KEY_FEED_URL, F(url), 0, 0, "an http://, https:// or file:// URL, or a path"},
    {"refresh", KEY_DURATION, F(refresh_s), 60, 86400, "a duration (1m-1d, e.g. 15m)"},
    {"fulltext", KEY_BOOL, F(fulltext), 0, 0, "yes or no"},
    {"max_age", KEY_DURATION, F(max_age_s), 60, 365L * 86400, "a duration (1m-365d, e.g. 48h)"},
    {"lang", KEY_TEXT, F(lang), 0, 0, "a language code (en, de, ...)"},
    {"priority", KEY_BOOL, F(priority), 0, 0, "yes or no"},
    {"accent", KEY_ACCENT, F(accent), 0, 0, "a colour like #3d7eff"},
    {"user_agent", KEY_TEXT, F(user_agent), 0, 0, "text"},
    {"insecure_tls", KEY_BOOL, F(insecure_tls), 0, 0, "yes or no"},
    {"demo", KEY_BOOL, F(demo), 0, 0, "yes or no"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---------------------------------------------------------------- loading */

#define INCLUDE_DEPTH_MAX 8
#define CONFIG_FILE_MAX_BYTES (4u << 20)

typedef enum {
    SEC_NONE,     /* before the first header of a file */
    SEC_DISPLAY,
    SEC_STORE,
    SEC_FETCH,
    SEC_FEED,
    SEC_BAD,      /* a header that was reported: its keys are skipped */
} section_t;

typedef struct {
    section_t section;
    size_t feed_index;       /* SEC_FEED: the feed being filled, in cfg->feeds */
    char *bad_header;        /* SEC_BAD: the header text, for the message */
    int bad_line;
} cursor_t;

typedef struct {
    config_t *cfg;
    char *stack[INCLUDE_DEPTH_MAX + 1]; /* real paths of the files being read */
    int depth;
    char **feed_where;       /* "file:line" of each feed's header */
} load_t;

static void problem(load_t *ld, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(load_t *ld, const char *file, int line, const char *fmt, ...) {
    buf_t b = BUF_INIT;
    if (line > 0) buf_printf(&b, "%s:%d: ", file, line);
    else buf_printf(&b, "%s: ", file);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    log_warn(MODULE, "%s", b.data);
    config_t *c = ld->cfg;
    c->problems = xrealloc(c->problems, (c->n_problems + 1) * sizeof *c->problems);
    c->problems[c->n_problems++] = buf_detach(&b);
    c->n_errors++;
}

static char *dir_of(const char *path) {
    const char *slash = strrchr(path, '/');
    char *d = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    if (!*d) {
        free(d);
        d = xstrdup("/");
    }
    char real[PATH_MAX];
    if (realpath(d, real)) {
        free(d);
        d = xstrdup(real);
    }
    return d;
}

/* An absolute path without "//", "." and ".." segments (lexically: a
 * symlinked directory followed by ".." is not resolved). */
static char *normalize_path(const char *path) {
    size_t n = strlen(path);
    char *out = xmalloc(n + 2);
    size_t len = 0;
    const char *p = path;
    while (*p) {
        while (*p == '/') p++;
        const char *seg = p;
        while (*p && *p != '/') p++;
        size_t sl = (size_t)(p - seg);
        if (sl == 0 || (sl == 1 && seg[0] == '.')) continue;
        if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
            while (len > 0 && out[len - 1] != '/') len--;
            if (len > 0) len--; /* the slash before the dropped segment */
            continue;
        }
        out[len++] = '/';
        memcpy(out + len, seg, sl);
        len += sl;
    }
    if (len == 0) out[len++] = '/';
    if (n > 1 && path[n - 1] == '/' && out[len - 1] != '/') out[len++] = '/';
    out[len] = '\0';
    return out;
}

/* PATH relative to DIR becomes absolute, normalized. */
static char *resolve_in(const char *dir, const char *v) {
    buf_t b = BUF_INIT;
    if (v[0] == '/') buf_puts(&b, v);
    else buf_printf(&b, "%s/%s", dir, v);
    char *norm = normalize_path(b.data);
    buf_free(&b);
    return norm;
}

static const char *section_label(section_t s) {
    switch (s) {
    case SEC_DISPLAY: return "[display]";
    case SEC_STORE: return "[store]";
    case SEC_FETCH: return "[fetch]";
    default: return "";
    }
}

static const key_spec_t *section_keys(section_t s) {
    switch (s) {
    case SEC_DISPLAY: return display_keys;
    case SEC_STORE: return store_keys;
    case SEC_FETCH: return fetch_keys;
    case SEC_FEED: return feed_keys;
    default: return NULL;
    }
}

static void known_keys(const key_spec_t *keys, buf_t *out) {
    for (size_t i = 0; keys[i].name; i++) buf_printf(out, "%s%s", i ? ", " : "", keys[i].name);
}

/* Sets one key from its spec: 0, or -1 with the reason in why. */
static int set_key(const key_spec_t *k, void *base, const char *dir, const char *v, buf_t *why) {
    char *p = (char *)base + k->offset;
    char **str = (char **)(void *)p;
    long n;
    switch (k->kind) {
    case KEY_DURATION:
        n = config_parse_duration(v);
        if (n < k->lo || n > k->hi) return -1;
        *(int *)(void *)p = (int)n;
        return 0;
    case KEY_INT:
        if (parse_long(v, &n) || n < k->lo || n > k->hi) return -1;
        *(int *)(void *)p = (int)n;
        return 0;
    case KEY_TURN:
        if (parse_long(v, &n) || n < k->lo || n > k->hi || n % 90) return -1;
        *(int *)(void *)p = (int)n;
        return 0;
    case KEY_SIZE:
        n = parse_size(v);
        if (n < k->lo || n > k->hi) return -1;
        *(long *)(void *)p = n;
        return 0;
    case KEY_BOOL:
        return parse_bool(v, (bool *)(void *)p);
    case KEY_ACCENT:
        return parse_accent(v, (unsigned *)(void *)p);
    case KEY_CHOICE: {
        size_t len = strlen(v);
        const char *w = k->expect;
        while (*w) {
            size_t wl = strcspn(w, "|");
            if (wl == len && strncmp(w, v, len) == 0) {
                free(*str);
                *str = xstrdup(v);
                return 0;
            }
            w += wl + (w[wl] == '|');
        }
        return -1;
    }
    case KEY_TEXT:
        if (!*v) return -1;
        free(*str);
        *str = xstrdup(v);
        return 0;
    case KEY_PATH:
        if (!*v) return -1;
        free(*str);
        *str = resolve_in(dir, v);
        return 0;
    case KEY_SCHEDULE: {
        schedule_t s;
        char reason[160];
        if (schedule_parse(v, &s, reason, sizeof reason) != 0) {
            buf_printf(why, " (%s)", reason);
            return -1;
        }
        free(*str);
        *str = *v ? xstrdup(v) : NULL;
        return 0;
    }
    case KEY_FEED_URL:
        if (!*v) return -1;
        if (has_scheme(v)) {
            if (!url_is_web(v) && strncasecmp(v, "file://", 7) != 0) return -1;
            free(*str);
            *str = xstrdup(v);
        } else {
            char *abs = resolve_in(dir, v);
            buf_t b = BUF_INIT;
            buf_printf(&b, "file://%s", abs);
            free(abs);
            free(*str);
            *str = buf_detach(&b);
        }
        return 0;
    }
    return -1;
}

static config_feed_t *feed_new(config_t *c, const char *name) {
    c->feeds = xrealloc(c->feeds, (c->n_feeds + 1) * sizeof *c->feeds);
    config_feed_t *f = &c->feeds[c->n_feeds++];
    memset(f, 0, sizeof *f);
    f->name = xstrdup(name);
    f->refresh_s = -1; /* unset: filled in by check_feeds */
    f->max_age_s = -1;
    f->fulltext = true;
    return f;
}

static void feed_free_fields(config_feed_t *f) {
    free(f->name); free(f->url); free(f->lang); free(f->user_agent);
}

/* Trims spaces and tabs at both ends, in place. */
static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) *--e = '\0';
    return s;
}

/* "[...]" at line: the cursor moves to that section, or to SEC_BAD. */
static void open_section(load_t *ld, cursor_t *cur, const char *file, int line, char *text) {
    config_t *c = ld->cfg;
    free(cur->bad_header);
    cur->bad_header = NULL;
    size_t len = strlen(text);
    if (text[len - 1] != ']') {
        problem(ld, file, line, "section header '%s' has no closing ']'", text);
        goto bad;
    }
    char *inner = xstrndup(text + 1, len - 2);
    const char *name = trim(inner);
    section_t plain = strcmp(name, "display") == 0 ? SEC_DISPLAY
                      : strcmp(name, "store") == 0 ? SEC_STORE
                      : strcmp(name, "fetch") == 0 ? SEC_FETCH
                                                   : SEC_NONE;
    if (plain != SEC_NONE) {
        cur->section = plain;
        free(inner);
        return;
    }
    if (strncmp(name, "feed", 4) == 0 && (name[4] == ' ' || name[4] == '\t' || name[4] == '"')) {
        const char *q = name + 4;
        while (*q == ' ' || *q == '\t') q++;
        const char *close = *q == '"' ? strrchr(q + 1, '"') : NULL;
        if (!close || close == q + 1 || close[1] != '\0') {
            problem(ld, file, line, "section %s: a feed is named in double quotes, "
                    "like [feed \"Morning Post\"]", text);
            free(inner);
            goto bad;
        }
        char *fname = xstrndup(q + 1, (size_t)(close - q - 1));
        for (size_t i = 0; i < c->n_feeds; i++)
            if (strcmp(c->feeds[i].name, fname) == 0) {
                problem(ld, file, line, "a second [feed \"%s\"] section (the first is at %s); "
                        "feed names must differ: this one is skipped", fname, ld->feed_where[i]);
                free(fname);
                free(inner);
                goto bad;
            }
        feed_new(c, fname);
        cur->feed_index = c->n_feeds - 1;
        ld->feed_where = xrealloc(ld->feed_where, c->n_feeds * sizeof *ld->feed_where);
        buf_t w = BUF_INIT;
        buf_printf(&w, "%s:%d", file, line);
        ld->feed_where[c->n_feeds - 1] = buf_detach(&w);
        free(fname);
        cur->section = SEC_FEED;
        free(inner);
        return;
    }
    problem(ld, file, line, "unknown section %s; the sections are [display], [store], [fetch] "
            "and [feed \"Name\"]", text);
    free(inner);
bad:
    cur->section = SEC_BAD;
    cur->bad_header = xstrdup(text);
    cur->bad_line = line;
}

static int load_file(load_t *ld, const char *path, cursor_t *cur, const char *from, int from_line);

static void handle_entry(load_t *ld, cursor_t *cur, const char *file, const char *dir, int line,
                         const char *key, const char *value) {
    config_t *c = ld->cfg;
    if (strcmp(key, "include") == 0) {
        if (!*value) {
            problem(ld, file, line, "include: expected a file name");
            return;
        }
        char *target = resolve_in(dir, value);
        cursor_t inner = {.section = SEC_NONE};
        load_file(ld, target, &inner, file, line);
        free(inner.bad_header);
        free(target);
        return;
    }
    if (cur->section == SEC_BAD) {
        problem(ld, file, line, "'%s' skipped: it follows the bad section header '%s' (line %d)",
                key, cur->bad_header, cur->bad_line);
        return;
    }
    if (cur->section == SEC_NONE) {
        problem(ld, file, line, "'%s' is outside any section; settings go under [display], "
                "[store], [fetch] or [feed \"Name\"] (only 'include' may stand alone)", key);
        return;
    }
    const key_spec_t *keys = section_keys(cur->section);
    for (size_t i = 0; keys[i].name; i++) {
        if (strcmp(keys[i].name, key) != 0) continue;
        void *base = cur->section == SEC_FEED ? (void *)&c->feeds[cur->feed_index] : (void *)c;
        buf_t why = BUF_INIT;
        if (set_key(&keys[i], base, dir, value, &why) != 0)
            problem(ld, file, line, "%s: expected %s, got '%s'%s; line skipped", key,
                    keys[i].expect, value, buf_cstr(&why));
        buf_free(&why);
        return;
    }
    buf_t known = BUF_INIT, where = BUF_INIT;
    known_keys(keys, &known);
    if (cur->section == SEC_FEED) buf_printf(&where, "[feed \"%s\"]", c->feeds[cur->feed_index].name);
    else buf_puts(&where, section_label(cur->section));
    problem(ld, file, line, "unknown key '%s' in %s; its keys are: %s", key, where.data,
            known.data);
    buf_free(&known);
    buf_free(&where);
}

static void handle_line(load_t *ld, cursor_t *cur, const char *file, const char *dir, int line,
                        char *text) {
    char *s = trim(text);
    if (!*s || *s == ';' || *s == '#') return;
    if (*s == '[') {
        open_section(ld, cur, file, line, s);
        return;
    }
    char *eq = strchr(s, '=');
    if (!eq || eq == s) {
        problem(ld, file, line, "not 'key = value', a [section] or a comment: '%.60s%s'", s,
                strlen(s) > 60 ? "..." : "");
        return;
    }
    *eq = '\0';
    char *key = trim(s), *value = eq + 1;
    /* An inline comment starts at ';' after a space (as in inih). */
    for (char *p = value; *p; p++)
        if (*p == ';' && p > value && (p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    value = trim(value);
    size_t vl = strlen(value);
    if (vl >= 2 && value[0] == '"' && value[vl - 1] == '"') {
        value[vl - 1] = '\0';
        value++;
    }
    handle_entry(ld, cur, file, dir, line, key, value);
}

/* Reads one file into ld->cfg. -1 when it cannot be read at all (reported
 * as a problem when it is an include, logged as an error for the top). */
static int load_file(load_t *ld, const char *path, cursor_t *cur, const char *from, int from_line) {
    char real[PATH_MAX];
    const char *key = realpath(path, real) ? real : path;
    for (int i = 0; i < ld->depth; i++)
        if (strcmp(ld->stack[i], key) == 0) {
            problem(ld, from, from_line, "include of %s skipped: it includes itself (a cycle)", path);
            return -1;
        }
    if (ld->depth >= INCLUDE_DEPTH_MAX) {
        problem(ld, from, from_line, "include of %s skipped: includes nest deeper than %d", path,
                INCLUDE_DEPTH_MAX);
        return -1;
    }
    buf_t data = BUF_INIT, err = BUF_INIT;
    if (file_read(path, CONFIG_FILE_MAX_BYTES, &data, &err) != 0) {
        if (from) problem(ld, from, from_line, "include: %s", err.data);
        else log_error(MODULE, "cannot read config: %s", err.data);
        buf_free(&data);
        buf_free(&err);
        return -1;
    }
    buf_free(&err);
    if (memchr(data.data, '\0', data.len))
        problem(ld, path, 0, "contains NUL bytes: is it a text file?");
    ld->stack[ld->depth++] = xstrdup(key);
    char *dir = dir_of(path);
    char *p = data.data;
    if (data.len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3; /* a UTF-8 BOM */
    int line = 0;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        line++;
        handle_line(ld, cur, path, dir, line, p);
        p = nl ? nl + 1 : NULL;
    }
    free(dir);
    free(ld->stack[--ld->depth]);
    buf_free(&data);
    return 0;
}

static void set_defaults(config_t *c) {
    c->rotate_s = 20;
    c->theme = xstrdup("dark");
    c->max_age_s = 48 * 3600;
    c->qr = true;
    c->clock = true;
    c->store_path = xstrdup("/var/lib/bulletin/bulletin.db");
    c->fetch_interval_s = 15 * 60;
    c->fetch_parallel = 8;
    c->fetch_host_parallel = 2;
    c->fetch_page_parallel = 4;
    c->fetch_timeout_s = 30;
    c->fetch_connect_timeout_s = 10;
    c->fetch_stall_s = 15;
    c->fetch_max_items = 200;
    c->fetch_pass_budget_s = 5 * 60;
    c->fetch_max_feed_bytes = 8L * 1024 * 1024;
    c->user_agent = xstrdup("Bulletin/" BULLETIN_VERSION " (office news display)");
}

/* Feeds without a URL are dropped; of two with one URL the first is kept.
 * Durations a feed did not set come from [fetch] interval and [display]
 * max_age, wherever in the file those were set. */
static void check_feeds(load_t *ld) {
    config_t *c = ld->cfg;
    size_t kept = 0;
    for (size_t i = 0; i < c->n_feeds; i++) {
        config_feed_t *fd = &c->feeds[i];
        size_t first = kept;
        if (!fd->url) {
            problem(ld, ld->feed_where[i], 0, "feed \"%s\" has no url; skipped", fd->name);
        } else {
            for (first = 0; first < kept; first++)
                if (strcmp(c->feeds[first].url, fd->url) == 0) break;
            if (first < kept)
                problem(ld, ld->feed_where[i], 0,
                        "feed \"%s\" has the same url as feed \"%s\" (%s); only the first is kept",
                        fd->name, c->feeds[first].name, ld->feed_where[first]);
        }
        if (!fd->url || first < kept) {
            feed_free_fields(fd);
            free(ld->feed_where[i]);
            continue;
        }
        if (fd->refresh_s < 0) fd->refresh_s = c->fetch_interval_s;
        if (fd->max_age_s < 0) fd->max_age_s = c->max_age_s;
        fd->is_local = strncasecmp(fd->url, "file://", 7) == 0;
        if (fd->insecure_tls)
            log_warn(MODULE, "feed \"%s\": TLS verification is OFF by explicit config", fd->name);
        ld->feed_where[kept] = ld->feed_where[i];
        c->feeds[kept++] = *fd;
    }
    c->n_feeds = kept;
}

int config_load(const char *path, config_t *out) {
    memset(out, 0, sizeof *out);
    set_defaults(out);
    out->path = xstrdup(path);
    out->dir = dir_of(path);
    load_t ld = {.cfg = out};
    cursor_t cur = {.section = SEC_NONE};
    int rc = load_file(&ld, path, &cur, NULL, 0);
    free(cur.bad_header);
    check_feeds(&ld);
    for (size_t i = 0; i < out->n_feeds; i++) free(ld.feed_where[i]);
    free(ld.feed_where);
    return rc;
}

void config_free(config_t *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n_feeds; i++) feed_free_fields(&c->feeds[i]);
    free(c->feeds);
    for (size_t i = 0; i < c->n_problems; i++) free(c->problems[i]);
    free(c->problems);
    free(c->path); free(c->dir); free(c->theme); free(c->font_dir); free(c->schedule);
    free(c->store_path); free(c->user_agent); free(c->fetch_ca_file);
    memset(c, 0, sizeof *c);
}
