/* config.h - the one configuration of Bulletin, read from an INI file.
 *
 * Contract: config_load reads PATH with inih. A missing or unreadable file is
 * an error (-1, message logged). A bad line (unknown section or key, a value
 * that does not parse, a line too long) is logged with "file:line" and
 * skipped; the rest still loads, and n_errors counts the skipped lines.
 * Relative paths and feed "URLs" without a scheme are resolved against the
 * directory of the config file (a feed given so becomes file://). Every field
 * has a default, so an empty file is a valid config (with no feeds).
 * The loaded config is the only state shared by the modules; it is read-only
 * once loaded, and replaced whole on SIGHUP.
 *
 * Format:
 *   [display]  rotate = 20s, theme = dark|light|contrast, max_age = 48h,
 *              qr = yes, clock = yes, fonts = DIR, schedule = "mon-fri 07:00-19:00"
 *   [store]    path = FILE
 *   [fetch]    interval = 15m, user_agent = TEXT, parallel = 8 (feeds at once),
 *              host_parallel = 2 (requests at once to one host), page_parallel = 4
 *              (article pages at once), timeout = 30s, connect_timeout = 10s,
 *              stall_timeout = 15s (under 64 bytes/s that long aborts),
 *              max_feed_size = 8M (bytes, after decompression; k/M suffixes),
 *              ca_file = FILE (extra trusted certificates, PEM),
 *              max_items = 200 (entries taken from one feed per pass, first first),
 *              pass_budget = 5m (a pass stops starting feeds and pages after this;
 *              the feeds left are fetched by the next pass)
 *   [feed "Name"]  url = URL|PATH, refresh = 15m, fulltext = yes, max_age = 48h,
 *              lang = en, priority = no, accent = #3d7eff, user_agent = TEXT,
 *              insecure_tls = no
 * Durations take s, m, h or d suffixes (a bare number is seconds).
 */
#ifndef BULLETIN_CONFIG_H
#define BULLETIN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *name;
    char *url;          /* absolute: http(s):// or file:// */
    char *lang;         /* NULL: detect */
    char *user_agent;   /* NULL: the global one */
    unsigned accent;    /* 0xRRGGBB, 0 = theme default */
    int refresh_s;
    int max_age_s;
    bool fulltext;
    bool priority;
    bool insecure_tls;
    bool is_local;      /* file:// URL listed here: trusted local source */
} config_feed_t;

typedef struct {
    char *path;         /* the file this came from */
    char *dir;          /* its directory */
    /* [display] */
    int rotate_s;
    char *theme;
    int max_age_s;
    bool qr;
    bool clock;
    char *font_dir;     /* NULL: search the default places */
    char *schedule;     /* NULL: always on */
    /* [store] */
    char *store_path;
    /* [fetch] */
    int fetch_interval_s;
    int fetch_parallel;
    int fetch_host_parallel;
    int fetch_page_parallel;
    int fetch_timeout_s;
    int fetch_connect_timeout_s;
    int fetch_stall_s;
    int fetch_max_items;
    int fetch_pass_budget_s;
    long fetch_max_feed_bytes;
    char *fetch_ca_file;    /* NULL: the system's trust store only */
    char *user_agent;
    /* [feed "..."] */
    config_feed_t *feeds;
    size_t n_feeds;
    int n_errors;
} config_t;

#define CONFIG_DEFAULT_PATH "/etc/bulletin/bulletin.conf"

int config_load(const char *path, config_t *out);
void config_free(config_t *c);
/* Parses "90", "90s", "15m", "2h", "1d" into seconds; -1 when malformed. */
long config_parse_duration(const char *s);

#endif
