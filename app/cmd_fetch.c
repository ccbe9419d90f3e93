/* cmd_fetch.c - `bulletin fetch [--config F] [--once] [--force] [--now T]`:
 * the fetch worker without the display.
 *
 * --once: one pass in this process, then exit (1 when a feed failed).
 * Otherwise the pass repeats until SIGTERM/SIGINT in a child process this
 * one supervises exactly as `bulletin run` does (supervisor.h): restarted
 * with back-off when it dies, restarted on a re-read config on SIGHUP.
 * --force: the first pass fetches every feed, due or not. --worker is that
 * child: the loop itself in this process (SIGHUP ignored: its supervisor
 * re-reads the config and restarts it). */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "cmdutil.h"
#include "config.h"
#include "fetch.h"
#include "log.h"
#include "store.h"
#include "supervisor.h"
#include "worker.h"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin fetch [--config FILE] [--once] [--force] [--now T]\n"
                 "  fetch the feeds that are due, again and again until stopped (SIGTERM);\n"
                 "  SIGHUP re-reads the config\n"
                 "  --once   one pass, then exit (exit status 1 when a feed failed)\n"
                 "  --force  the first pass fetches every feed now, due or not\n"
                 "  --now T  with --once: take T (seconds since 1970) as the time (tests)\n");
}

/* One pass over the feeds: 0 when all were fine. */
static int one_pass(const config_t *cfg, time_t now, int force) {
    store_t *store;
    if (cmd_store_dir_ready(cfg) != 0 || store_open(cfg->store_path, &store) != 0) return EXIT_BAD_INPUT;
    worker_stats_t st;
    int rc = worker_pass(cfg, store, now, force, &st) == 0 ? 0 : EXIT_BAD_INPUT;
    store_close(store);
    return rc;
}

/* The supervised child: the loop in this process. */
static int run_worker(const char *config_path, int force) {
    config_t cfg;
    if (config_load(config_path, &cfg) != 0) {
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
    supervisor_signals_t *sig = supervisor_catch_signals();
    signal(SIGHUP, SIG_IGN);
    if (cmd_store_dir_ready(&cfg) != 0) {
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
    fetch_global_init();
    if (force) one_pass(&cfg, time(NULL), 1);
    int rc = sig->stop ? 0 : worker_loop(&cfg, &sig->stop) == 0 ? 0 : EXIT_BAD_INPUT;
    fetch_global_cleanup();
    config_free(&cfg);
    return rc;
}

/* The supervisor: a worker child, restarted when it dies or on SIGHUP. */
static int supervise(const char *config_path, int force) {
    supervisor_t sv;
    if (supervisor_open(&sv, config_path, 1) != 0) return EXIT_BAD_INPUT;
    supervisor_signals_t *sig = supervisor_catch_signals();
    if (force) {
        fetch_global_init();
        one_pass(supervisor_config(&sv), time(NULL), 1);
        fetch_global_cleanup();
    }
    while (!sig->stop) {
        if (sig->reload) {
            sig->reload = 0;
            supervisor_reload(&sv);
        }
        supervisor_tick(&sv, time(NULL));
        if (!sig->stop && !sig->reload) sleep(1); /* a signal cuts it short */
    }
    supervisor_close(&sv);
    return 0;
}

int cmd_fetch(int argc, char **argv) {
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"once", no_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"now", required_argument, NULL, 't'},
                                         {"worker", no_argument, NULL, 'w'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *config_arg = NULL, *now_arg = NULL;
    char config_path[4096];
    int once = 0, force = 0, worker = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:oft:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_arg = optarg; break;
        case 'o': once = 1; break;
        case 'f': force = 1; break;
        case 't': now_arg = optarg; break;
        case 'w': worker = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "bulletin fetch: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return EXIT_USAGE;
    }
    time_t now = 0;
    if (now_arg) {
        char *end;
        errno = 0;
        long long t = strtoll(now_arg, &end, 10);
        if (!*now_arg || *end || errno || t <= 0) {
            fprintf(stderr, "bulletin fetch: --now wants seconds since 1970 (a number over 0), "
                            "got '%s'\n", now_arg);
            return EXIT_USAGE;
        }
        if (!once) {
            fprintf(stderr, "bulletin fetch: --now is only for --once\n");
            return EXIT_USAGE;
        }
        now = (time_t)t;
    }
    if (cmd_config_path(config_arg, config_path, sizeof config_path) != 0) return EXIT_BAD_INPUT;
    if (worker) return run_worker(config_path, force);
    if (!once) return supervise(config_path, force);
    config_t cfg;
    if (config_load(config_path, &cfg) != 0) {
        config_free(&cfg);
        return EXIT_BAD_INPUT;
    }
    fetch_global_init();
    int rc = one_pass(&cfg, now ? now : time(NULL), force);
    fetch_global_cleanup();
    config_free(&cfg);
    return rc;
}
