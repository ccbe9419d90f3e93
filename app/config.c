/* config.c - see config.h. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "log.h"
#include "version.h"

#define MODULE "config"
#define LINE_MAX_LEN 1024

typedef struct {
    config_t *cfg;
    FILE *file;
    int line;            /* number of the line inih is handling */
    int skipping_long;   /* the rest of an over-long line is being dropped */
} parse_state_t;

long config_parse_duration(const char *s) {
    if (!s || !*s) return -1;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || errno || v < 0) return -1;
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

static void set_str(char **field, const char *v) {
    free(*field);
    *field = xstrdup(v);
}

/* A path relative to the config file's directory becomes absolute. */
static char *resolve_path(const config_t *c, const char *v) {
    if (v[0] == '/' || !c->dir) return xstrdup(v);
    buf_t b = BUF_INIT;
    buf_printf(&b, "%s/%s", c->dir, v);
    return buf_detach(&b);
}

static int has_scheme(const char *v) {
    const char *p = v;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p > v && p[0] == ':' && p[1] == '/' && p[2] == '/';
}

static int set_feed_url(const config_t *c, config_feed_t *f, const char *v) {
    free(f->url);
    f->url = NULL;
    if (has_scheme(v)) {
        if (strncasecmp(v, "http://", 7) != 0 && strncasecmp(v, "https://", 8) != 0 &&
            strncasecmp(v, "file://", 7) != 0)
            return -1;
        f->url = xstrdup(v);
    } else {
        char *abs = resolve_path(c, v);
        buf_t b = BUF_INIT;
        buf_printf(&b, "file://%s", abs);
        free(abs);
        f->url = buf_detach(&b);
    }
    f->is_local = strncasecmp(f->url, "file://", 7) == 0;
    return 0;
}

static int parse_accent(const char *v, unsigned *out) {
    if (*v == '#') v++;
    if (strlen(v) != 6) return -1;
    char *end;
    unsigned long x = strtoul(v, &end, 16);
    if (*end) return -1;
    *out = (unsigned)x;
    return 0;
}

static int set_duration(int *field, const char *v) {
    long d = config_parse_duration(v);
    if (d < 0) return -1;
    *field = (int)d;
    return 0;
}

static int handle_display(config_t *c, const char *key, const char *v) {
    if (strcmp(key, "rotate") == 0) {
        if (set_duration(&c->rotate_s, v) || c->rotate_s < 3) return -1;
    } else if (strcmp(key, "theme") == 0) {
        if (strcmp(v, "dark") && strcmp(v, "light") && strcmp(v, "contrast")) return -1;
        set_str(&c->theme, v);
    } else if (strcmp(key, "max_age") == 0) {
        return set_duration(&c->max_age_s, v);
    } else if (strcmp(key, "qr") == 0) {
        return parse_bool(v, &c->qr);
    } else if (strcmp(key, "clock") == 0) {
        return parse_bool(v, &c->clock);
    } else if (strcmp(key, "fonts") == 0) {
        free(c->font_dir);
        c->font_dir = resolve_path(c, v);
    } else if (strcmp(key, "schedule") == 0) {
        set_str(&c->schedule, v);
    } else {
        return -1;
    }
    return 0;
}

/* An integer in [lo, hi] into *out; -1 when it does not parse. */
static int set_int_range(int *out, const char *v, int lo, int hi) {
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < lo || n > hi) return -1;
    *out = (int)n;
    return 0;
}

/* A byte size "512k", "8M", "1000" into *out; -1 when malformed or absurd. */
static int set_size(long *out, const char *v) {
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || n <= 0) return -1;
    if (*end == 'k' || *end == 'K') n *= 1024, end++;
    else if (*end == 'M' || *end == 'm') n *= 1024L * 1024, end++;
    if (*end || n < 1024 || n > 256L * 1024 * 1024) return -1;
    *out = n;
    return 0;
}

/* [fetch] keys beyond interval, parallel and user_agent. */
static int handle_fetch_more(config_t *c, const char *key, const char *v) {
    int secs;
    if (strcmp(key, "host_parallel") == 0) return set_int_range(&c->fetch_host_parallel, v, 1, 16);
    if (strcmp(key, "page_parallel") == 0) return set_int_range(&c->fetch_page_parallel, v, 1, 64);
    if (strcmp(key, "max_feed_size") == 0) return set_size(&c->fetch_max_feed_bytes, v);
    if (strcmp(key, "max_items") == 0) return set_int_range(&c->fetch_max_items, v, 1, 10000);
    if (strcmp(key, "pass_budget") == 0) {
        if (set_duration(&secs, v) || secs < 1 || secs > 6 * 3600) return -1;
        c->fetch_pass_budget_s = secs;
        return 0;
    }
    if (strcmp(key, "ca_file") == 0) {
        free(c->fetch_ca_file);
        c->fetch_ca_file = resolve_path(c, v);
        return 0;
    }
    int *field = strcmp(key, "timeout") == 0           ? &c->fetch_timeout_s
                 : strcmp(key, "connect_timeout") == 0 ? &c->fetch_connect_timeout_s
                 : strcmp(key, "stall_timeout") == 0   ? &c->fetch_stall_s
                                                       : NULL;
    if (!field || set_duration(&secs, v) || secs < 1 || secs > 600) return -1;
    *field = secs;
    return 0;
}

static int handle_feed(config_t *c, config_feed_t *f, const char *key, const char *v) {
    if (strcmp(key, "url") == 0) return set_feed_url(c, f, v);
    if (strcmp(key, "refresh") == 0) return set_duration(&f->refresh_s, v);
    if (strcmp(key, "max_age") == 0) return set_duration(&f->max_age_s, v);
    if (strcmp(key, "fulltext") == 0) return parse_bool(v, &f->fulltext);
    if (strcmp(key, "priority") == 0) return parse_bool(v, &f->priority);
    if (strcmp(key, "insecure_tls") == 0) return parse_bool(v, &f->insecure_tls);
    if (strcmp(key, "accent") == 0) return parse_accent(v, &f->accent);
    if (strcmp(key, "lang") == 0) { set_str(&f->lang, v); return 0; }
    if (strcmp(key, "user_agent") == 0) { set_str(&f->user_agent, v); return 0; }
    return -1;
}

/* Section `feed "Name"` gives the name between the quotes. */
static int feed_section_name(const char *section, buf_t *name) {
    if (strncmp(section, "feed", 4) != 0) return -1;
    const char *p = section + 4;
    while (*p == ' ') p++;
    if (*p != '"') return -1;
    const char *q = strrchr(p + 1, '"');
    if (!q || q == p + 1 || q[1] != '\0') return -1;
    buf_append(name, p + 1, (size_t)(q - p - 1));
    return 0;
}

static config_feed_t *feed_for_section(config_t *c, const char *name) {
    if (c->n_feeds && strcmp(c->feeds[c->n_feeds - 1].name, name) == 0)
        return &c->feeds[c->n_feeds - 1];
    c->feeds = xrealloc(c->feeds, (c->n_feeds + 1) * sizeof *c->feeds);
    config_feed_t *f = &c->feeds[c->n_feeds++];
    memset(f, 0, sizeof *f);
    f->name = xstrdup(name);
    f->refresh_s = c->fetch_interval_s;
    f->max_age_s = c->max_age_s;
    f->fulltext = true;
    return f;
}

static int on_entry(void *user, const char *section, const char *key, const char *value) {
    parse_state_t *st = user;
    config_t *c = st->cfg;
    int rc = -1;
    buf_t name = BUF_INIT;
    if (strcmp(section, "display") == 0) {
        rc = handle_display(c, key, value);
    } else if (strcmp(section, "store") == 0) {
        if (strcmp(key, "path") == 0) {
            free(c->store_path);
            c->store_path = resolve_path(c, value);
            rc = 0;
        }
    } else if (strcmp(section, "fetch") == 0) {
        if (strcmp(key, "interval") == 0) {
            rc = set_duration(&c->fetch_interval_s, value);
            if (rc == 0 && c->fetch_interval_s < 60) c->fetch_interval_s = 60;
        } else if (strcmp(key, "parallel") == 0) {
            int n = atoi(value);
            rc = (n >= 1 && n <= 64) ? 0 : -1;
            if (rc == 0) c->fetch_parallel = n;
        } else if (strcmp(key, "user_agent") == 0) {
            set_str(&c->user_agent, value);
            rc = 0;
        } else {
            rc = handle_fetch_more(c, key, value);
        }
    } else if (feed_section_name(section, &name) == 0) {
        rc = handle_feed(c, feed_for_section(c, name.data), key, value);
    } else {
        log_warn(MODULE, "%s:%d: unknown section [%s], line skipped", c->path, st->line, section);
        c->n_errors++;
        buf_free(&name);
        return 1;
    }
    buf_free(&name);
    if (rc != 0) {
        log_warn(MODULE, "%s:%d: bad setting '%s = %s' in [%s], line skipped", c->path, st->line,
                 key, value, section);
        c->n_errors++;
    }
    return 1; /* keep going: one bad line never stops the rest */
}

/* inih reader: one line a call, counted; over-long lines are dropped whole. */
static char *read_line(char *str, int num, void *stream) {
    parse_state_t *st = stream;
    for (;;) {
        if (!fgets(str, num, st->file)) return NULL;
        size_t len = strlen(str);
        int complete = len > 0 && str[len - 1] == '\n';
        if (st->skipping_long) {
            st->skipping_long = !complete;
            if (complete) str[0] = '\n', str[1] = '\0';
            else continue;
            return str;
        }
        st->line++;
        if (!complete && !feof(st->file)) {
            log_warn(MODULE, "%s:%d: line longer than %d characters, skipped", st->cfg->path,
                     st->line, num - 2);
            st->cfg->n_errors++;
            st->skipping_long = 1;
            continue;
        }
        return str;
    }
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

int config_load(const char *path, config_t *out) {
    memset(out, 0, sizeof *out);
    set_defaults(out);
    out->path = xstrdup(path);
    const char *slash = strrchr(path, '/');
    if (slash) {
        char *d = xstrndup(path, (size_t)(slash - path));
        char real[PATH_MAX];
        out->dir = realpath(*d ? d : "/", real) ? xstrdup(real) : xstrdup(*d ? d : "/");
        free(d);
    } else {
        char real[PATH_MAX];
        out->dir = xstrdup(realpath(".", real) ? real : ".");
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        log_error(MODULE, "cannot read config %s: %s", path, strerror(errno));
        return -1;
    }
    parse_state_t st = {.cfg = out, .file = f};
    int rc = ini_parse_stream(read_line, &st, on_entry, &st);
    fclose(f);
    if (rc > 0) {
        log_warn(MODULE, "%s:%d: line is not 'key = value' or [section], skipped", path, rc);
        out->n_errors++;
    } else if (rc < 0) {
        log_error(MODULE, "cannot parse config %s", path);
        return -1;
    }
    /* A feed without a URL is useless: drop it with a message. */
    size_t kept = 0;
    for (size_t i = 0; i < out->n_feeds; i++) {
        config_feed_t *fd = &out->feeds[i];
        if (!fd->url) {
            log_warn(MODULE, "%s: feed \"%s\" has no url, skipped", path, fd->name);
            out->n_errors++;
            free(fd->name); free(fd->lang); free(fd->user_agent);
            continue;
        }
        if (fd->insecure_tls)
            log_warn(MODULE, "feed \"%s\": TLS verification is OFF by explicit config", fd->name);
        out->feeds[kept++] = *fd;
    }
    out->n_feeds = kept;
    return 0;
}

void config_free(config_t *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n_feeds; i++) {
        free(c->feeds[i].name);
        free(c->feeds[i].url);
        free(c->feeds[i].lang);
        free(c->feeds[i].user_agent);
    }
    free(c->feeds);
    free(c->path); free(c->dir); free(c->theme); free(c->font_dir); free(c->schedule);
    free(c->store_path); free(c->user_agent); free(c->fetch_ca_file);
    memset(c, 0, sizeof *c);
}
