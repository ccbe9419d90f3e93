/* cmd_status.c - `bulletin status [--config F] [--json] [--now T]`: one line
 * an office manager can read ("9 of 10 feeds fine, newest story 12 min old,
 * 1 failing: ..."), then the config's problems, the store and each feed's
 * health. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cmd.h"
#include "cmdutil.h"
#include "config.h"
#include "log.h"
#include "store.h"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin status [--config FILE] [--json] [--now T]\n"
                 "  a one-line summary, the config's problems, then the store and each feed\n"
                 "  --json   the same as one JSON object\n"
                 "  --now T  the time to measure ages from (seconds since 1970; tests)\n");
}

static void format_time(time_t t, char *out, size_t n) {
    if (t <= 0) {
        snprintf(out, n, "never");
        return;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Local time, as a person on the site reads it: "09:12" today, else the date. */
static void format_local(time_t t, time_t now, char *out, size_t n) {
    struct tm tm, today;
    localtime_r(&t, &tm);
    localtime_r(&now, &today);
    if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
        strftime(out, n, "%H:%M", &tm);
    else
        strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

static void format_age(long s, buf_t *out) {
    if (s < 60) buf_puts(out, "under a minute");
    else if (s < 3600) buf_printf(out, "%ld min", s / 60);
    else if (s < 2 * 86400) buf_printf(out, "%ld h", s / 3600);
    else buf_printf(out, "%ld days", s / 86400);
}

/* The store row of a configured feed, or NULL when it was never fetched. */
static const store_feed_t *row_for(const store_feed_t *rows, size_t n, const char *url) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].url, url) == 0) return &rows[i];
    return NULL;
}

static int configured(const config_t *cfg, const char *url) {
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (strcmp(cfg->feeds[i].url, url) == 0) return 1;
    return 0;
}

/* "9 of 10 feeds fine, newest story 12 min old, 1 failing: A (...)" */
static void summary_line(const config_t *cfg, const store_feed_t *rows, size_t n_rows,
                         time_t newest, time_t now, buf_t *out) {
    size_t fine = 0, failing = 0, unfetched = 0;
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        const store_feed_t *r = row_for(rows, n_rows, cfg->feeds[i].url);
        if (!r || (r->last_success <= 0 && r->failures == 0)) unfetched++;
        else if (r->failures > 0) failing++;
        else fine++;
    }
    if (cfg->n_feeds == 0) buf_puts(out, "no feeds configured");
    else buf_printf(out, "%zu of %zu feed%s fine", fine, cfg->n_feeds, cfg->n_feeds == 1 ? "" : "s");
    if (newest > 0) {
        buf_puts(out, ", newest story ");
        format_age(now > newest ? (long)(now - newest) : 0, out);
        buf_puts(out, " old");
        /* The wall replays demo feeds' dates (deck.c); say so, or the two disagree. */
        int demo = 0;
        for (size_t i = 0; i < cfg->n_feeds; i++) demo |= cfg->feeds[i].demo;
        if (demo) buf_puts(out, " (the wall shows demo feeds' stories as of their last fetch)");
    } else {
        buf_puts(out, ", no stories yet");
    }
    if (unfetched) buf_printf(out, ", %zu not fetched yet", unfetched);
    if (failing) {
        buf_printf(out, ", %zu failing:", failing);
        size_t shown = 0;
        for (size_t i = 0; i < cfg->n_feeds; i++) {
            const store_feed_t *r = row_for(rows, n_rows, cfg->feeds[i].url);
            if (!r || r->failures == 0 || (r->last_success <= 0 && r->failures == 0)) continue;
            if (shown++ == 3) {
                buf_puts(out, " ...");
                break;
            }
            char when[32];
            buf_printf(out, "%s %s (", shown > 1 ? ";" : "", cfg->feeds[i].name);
            if (r->last_success > 0) {
                format_local(r->last_success, now, when, sizeof when);
                buf_printf(out, "last worked %s", when);
            } else {
                buf_puts(out, "never worked");
            }
            if (r->last_error) buf_printf(out, ": %s", r->last_error);
            buf_puts(out, ")");
        }
    }
    if (cfg->n_problems)
        buf_printf(out, "; the config has %zu problem%s (below)", cfg->n_problems,
                   cfg->n_problems == 1 ? "" : "s");
}

static cJSON *time_or_null(time_t t) {
    char s[32];
    if (t <= 0) return cJSON_CreateNull();
    format_time(t, s, sizeof s);
    return cJSON_CreateString(s);
}

static void print_json(const config_t *cfg, store_t *store, const store_feed_t *feeds, size_t n,
                       int64_t n_articles, int64_t n_stories, const char *summary) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "summary", summary);
    cJSON_AddStringToObject(root, "config", cfg->path);
    cJSON *probs = cJSON_AddArrayToObject(root, "config_problems");
    for (size_t i = 0; i < cfg->n_problems; i++)
        cJSON_AddItemToArray(probs, cJSON_CreateString(cfg->problems[i]));
    cJSON_AddStringToObject(root, "store", cfg->store_path);
    cJSON_AddNumberToObject(root, "articles", (double)n_articles);
    cJSON_AddNumberToObject(root, "stories", (double)n_stories);
    cJSON *arr = cJSON_AddArrayToObject(root, "feeds");
    for (size_t i = 0; i < n; i++) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "name", feeds[i].name ? feeds[i].name : "");
        cJSON_AddStringToObject(f, "url", feeds[i].url);
        cJSON_AddItemToObject(f, "last_success", time_or_null(feeds[i].last_success));
        cJSON_AddItemToObject(f, "last_attempt", time_or_null(feeds[i].last_attempt));
        if (feeds[i].last_error) cJSON_AddStringToObject(f, "last_error", feeds[i].last_error);
        else cJSON_AddNullToObject(f, "last_error");
        cJSON_AddNumberToObject(f, "failures", feeds[i].failures);
        cJSON_AddItemToObject(f, "next_due", time_or_null(feeds[i].next_due));
        char *moved = NULL;
        store_feed_get_fetch_url(store, feeds[i].id, &moved);
        if (moved) cJSON_AddStringToObject(f, "moved_to", moved);
        else cJSON_AddNullToObject(f, "moved_to");
        free(moved);
        cJSON_AddBoolToObject(f, "configured", configured(cfg, feeds[i].url));
        cJSON_AddItemToArray(arr, f);
    }
    char *s = cJSON_Print(root);
    puts(s);
    free(s);
    cJSON_Delete(root);
}

static void print_plain(const config_t *cfg, store_t *store, const store_feed_t *feeds, size_t n,
                        int64_t n_articles, int64_t n_stories, const char *summary) {
    printf("%s\n", summary);
    if (cfg->n_problems) {
        printf("\nconfig %s:\n", cfg->path);
        for (size_t i = 0; i < cfg->n_problems; i++) printf("  %s\n", cfg->problems[i]);
    }
    printf("\nstore %s: %lld articles, %lld stories, %zu feeds\n", cfg->store_path,
           (long long)n_articles, (long long)n_stories, n);
    for (size_t i = 0; i < n; i++) {
        char ok[32], due[32];
        format_time(feeds[i].last_success, ok, sizeof ok);
        format_time(feeds[i].next_due, due, sizeof due);
        char *moved = NULL;
        store_feed_get_fetch_url(store, feeds[i].id, &moved);
        printf("%-28s %s%s\n  last success %s, next fetch %s, failures %d%s%s\n",
               feeds[i].name ? feeds[i].name : "(unnamed)", feeds[i].url,
               configured(cfg, feeds[i].url) ? "" : " (no longer in the config)", ok, due,
               feeds[i].failures, feeds[i].last_error ? ", last error: " : "",
               feeds[i].last_error ? feeds[i].last_error : "");
        if (moved) printf("  moved permanently to %s\n", moved);
        free(moved);
    }
}

int cmd_status(int argc, char **argv) {
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"now", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *config_arg = NULL;
    int json = 0, c;
    time_t now = time(NULL);
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:jt:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_arg = optarg; break;
        case 'j': json = 1; break;
        case 't': {
            char *end;
            errno = 0;
            long long t = strtoll(optarg, &end, 10);
            if (!*optarg || *end || errno || t <= 0) {
                fprintf(stderr, "bulletin status: --now wants seconds since 1970, got '%s'\n",
                        optarg);
                return EXIT_USAGE;
            }
            now = (time_t)t;
            break;
        }
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "bulletin status: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return EXIT_USAGE;
    }
    config_t cfg;
    if (cmd_load_config(config_arg, &cfg) != 0) return EXIT_BAD_INPUT;
    store_t *store;
    if (store_open_readonly(cfg.store_path, &store) != 0) {
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
    char *damage = NULL;
    if (store_check(store, &damage) != 0) {
        log_error("status", "store %s is damaged (%s); the fetch worker moves it aside and "
                            "starts a new one", cfg.store_path, damage);
        free(damage);
        store_close(store);
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
    store_feed_t *feeds = NULL;
    size_t n = 0;
    int64_t n_articles = 0, n_stories = 0;
    store_article_count(store, &n_articles);
    store_story_count(store, &n_stories);
    store_feed_list(store, &feeds, &n);
    store_slide_t *newest = NULL;
    size_t n_newest = 0;
    time_t newest_t = 0;
    if (store_slides_load(store, 1, &newest, &n_newest) == 0 && n_newest > 0)
        newest_t = newest[0].published > 0 ? newest[0].published : newest[0].first_seen;
    store_slides_free(newest, n_newest);
    buf_t summary = BUF_INIT;
    summary_line(&cfg, feeds, n, newest_t, now, &summary);
    if (json) print_json(&cfg, store, feeds, n, n_articles, n_stories, summary.data);
    else print_plain(&cfg, store, feeds, n, n_articles, n_stories, summary.data);
    buf_free(&summary);
    store_feed_list_free(feeds, n);
    store_close(store);
    config_free(&cfg);
    return 0;
}
