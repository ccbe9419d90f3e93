/* cmd_fetch.c - `bulletin fetch [--config F] [--once] [--force]`. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "config.h"
#include "fetch.h"
#include "log.h"
#include "store.h"
#include "worker.h"

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig) {
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin fetch [--config FILE] [--once] [--force]\n"
                 "  --once   one pass over the feeds that are due, then exit\n"
                 "           (exit status 1 when a feed failed)\n"
                 "  --force  fetch every feed now, due or not\n"
                 "  --now T  with --once: take T (seconds since 1970) as the time (tests)\n");
}

int cmd_fetch(int argc, char **argv) {
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"once", no_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"now", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *config_path = CONFIG_DEFAULT_PATH;
    int once = 0, force = 0, c;
    time_t now = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:oft:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_path = optarg; break;
        case 'o': once = 1; break;
        case 'f': force = 1; break;
        case 't': now = (time_t)strtoll(optarg, NULL, 10); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    config_t cfg;
    if (config_load(config_path, &cfg) != 0) {
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
    fetch_global_init();
    int rc = 0;
    if (once) {
        store_t *store;
        if (store_open(cfg.store_path, &store) != 0) {
            rc = EXIT_BAD_INPUT;
        } else {
            worker_stats_t st;
            rc = worker_pass(&cfg, store, now ? now : time(NULL), force, &st) == 0 ? 0 : EXIT_BAD_INPUT;
            store_close(store);
        }
    } else {
        struct sigaction sa = {.sa_handler = on_stop};
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        rc = worker_loop(&cfg, &stop_requested) == 0 ? 0 : EXIT_BAD_INPUT;
    }
    fetch_global_cleanup();
    config_free(&cfg);
    return rc;
}
