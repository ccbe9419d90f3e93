/* config.h - the one configuration of Bulletin, read from an INI file.
 *
 * Contract: config_load reads PATH (our own reader: lines of any length).
 * A missing or unreadable file, or a directory, is an error (-1, logged).
 * Every bad line (unknown section or key, a value that does not parse or is
 * out of range, a key outside any section) is reported with "file:line" and
 * what is allowed, and skipped; the rest still loads. Keys under a bad
 * section header are reported as such, not blamed on the section before.
 * A second [feed "Same"] section is reported and skipped; of two feeds with
 * the same URL the first is kept and both places are named. Each report is
 * logged as a warning and kept in problems (for `bulletin status`);
 * n_errors counts them. `include = FILE` (anywhere; relative to the
 * including file) reads FILE's lines in place; cycles and nesting deeper
 * than 8 are reported. Relative paths and feed "URLs" without a scheme are
 * resolved against the directory of the file that gives them and normalized
 * (no "." or ".." segments; a feed given
 * so becomes file://). A value in double quotes loses them; ';' after a
 * space starts a comment, as does a line starting with ';' or '#'. Every
 * field has a default, so an empty file is a valid config (with no feeds).
 * The loaded config is the only state shared by the modules; it is read-only
 * once loaded, and replaced whole on SIGHUP.
 *
 * Format:
 *   [display]  rotate = 20s, theme = dark|light|contrast, max_age = 48h,
 *              qr = yes, clock = yes, fonts = DIR, schedule = "mon-fri 07:00-19:00",
 *              rotation = 0|90|180|270 (degrees clockwise, for a screen mounted turned)
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
 *              insecure_tls = no, demo = no (yes: the feed's dates are fixed, as in
 *              feeds/demo; ages count from its last fetch)
 *   include = FILE   (another config file, read in place)
 * Durations take s, m, h or d suffixes (a bare number is seconds); the
 * ranges: rotate 2-3600 s, interval and refresh 1m-1d, timeouts 1-600 s.
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
    bool demo;          /* fixed dates (the demo): shown as if fetched just now */
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
    int rotation;       /* 0, 90, 180, 270: the picture turned clockwise */
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
    char **problems;    /* "file:line: what is wrong", one per bad line */
    size_t n_problems;
} config_t;

#define CONFIG_DEFAULT_PATH "/etc/bulletin/bulletin.conf"

int config_load(const char *path, config_t *out);
void config_free(config_t *c);

#endif
