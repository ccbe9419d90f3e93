/* cmd_status.c - `bulletin status [--config F] [--json]`: the store and each
 * feed's health. */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "config.h"
#include "log.h"
#include "store.h"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin status [--config FILE] [--json]\n");
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

/* 1 when the config still lists a feed with this URL. */
static int configured(const config_t *cfg, const char *url) {
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (strcmp(cfg->feeds[i].url, url) == 0) return 1;
    return 0;
}

static cJSON *time_or_null(time_t t) {
    char s[32];
    if (t <= 0) return cJSON_CreateNull();
    format_time(t, s, sizeof s);
    return cJSON_CreateString(s);
}

int cmd_status(int argc, char **argv) {
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *config_path = CONFIG_DEFAULT_PATH;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_path = optarg; break;
        case 'j': json = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    config_t cfg;
    if (config_load(config_path, &cfg) != 0) {
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
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
    store_feed_t *feeds;
    size_t n;
    int64_t n_articles = 0;
    store_article_count(store, &n_articles);
    int64_t n_stories = 0;
    store_story_count(store, &n_stories);
    store_feed_list(store, &feeds, &n);
    if (json) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "store", cfg.store_path);
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
            cJSON_AddBoolToObject(f, "configured", configured(&cfg, feeds[i].url));
            cJSON_AddItemToArray(arr, f);
        }
        char *s = cJSON_Print(root);
        puts(s);
        free(s);
        cJSON_Delete(root);
    } else {
        printf("store %s: %lld articles, %zu feeds\n", cfg.store_path, (long long)n_articles, n);
        printf("%lld stories\n", (long long)n_stories);
        for (size_t i = 0; i < n; i++) {
            char ok[32], due[32];
            format_time(feeds[i].last_success, ok, sizeof ok);
            format_time(feeds[i].next_due, due, sizeof due);
            char *moved = NULL;
            store_feed_get_fetch_url(store, feeds[i].id, &moved);
            printf("%-28s %s%s\n  last success %s, next fetch %s, failures %d%s%s\n",
                   feeds[i].name ? feeds[i].name : "(unnamed)", feeds[i].url,
                   configured(&cfg, feeds[i].url) ? "" : " (no longer in the config)", ok, due,
                   feeds[i].failures, feeds[i].last_error ? ", last error: " : "",
                   feeds[i].last_error ? feeds[i].last_error : "");
            if (moved) printf("  moved permanently to %s\n", moved);
            free(moved);
        }
    }
    store_feed_list_free(feeds, n);
    store_close(store);
    config_free(&cfg);
    return 0;
}
