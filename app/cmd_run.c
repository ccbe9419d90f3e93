/* cmd_run.c - `bulletin run [--config F] [--window WxH] [--safe-mode]`: the
 * kiosk. The display runs in this process; the fetch worker runs beside it as
 * a child process, restarted with back-off when it dies (supervisor.h).
 * They share nothing but the store, so a feed that crashes the parser never
 * takes the screen down. SIGHUP reloads the config (and restarts the worker);
 * SIGTERM and SIGINT stop both within a second. --safe-mode starts no worker
 * and reads neither store nor feeds: one slide with the host's name and
 * addresses and a "Safe mode" badge (what systemd falls back to after
 * repeated failures).
 * No display: SDL 2.26 quietly falls back to its "offscreen" (or "dummy")
 * video driver when there is no X, Wayland or KMS; unless SDL_VIDEODRIVER
 * asked for it, that counts as no display. By hand the command then prints
 * one line pointing to `bulletin shot` / `xvfb-run` and exits 1; under
 * systemd it waits and tries again every 5 s (logged once a minute), so
 * the unit never loops through restarts for want of a screen.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "cmdutil.h"
#include "config.h"
#include "display.h"
#include "layout.h"
#include "log.h"
#include "lograte.h"
#include "clock.h"
#include "supervisor.h"
#include "sysd.h"

#define MODULE "run"

typedef struct {
    supervisor_t sv;
    supervisor_signals_t *signals;
} run_t;

/* Each wake of the display: a SIGHUP reloads, the worker is looked after. */
static const config_t *on_wake(void *ctx) {
    run_t *run = ctx;
    const config_t *switched = NULL;
    if (run->signals->reload) {
        run->signals->reload = 0;
        sysd_reloading();
        switched = supervisor_reload(&run->sv);
        sysd_ready();
    }
    supervisor_tick(&run->sv, time(NULL));
    return switched;
}

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin run [--config FILE] [--window WxH] [--safe-mode]\n"
                 "  --window     a window of that size instead of full screen\n"
                 "  --safe-mode  one slide with this host's name and addresses, fetching\n"
                 "               nothing and reading no store (what systemd falls back to)\n");
}

/* Under systemd a missing display is waited for; by hand it is explained. */
static int under_systemd(void) { return getenv("INVOCATION_ID") || getenv("NOTIFY_SOCKET"); }

/* SDL_Init(VIDEO) that refuses the drivers that show nothing (offscreen,
 * dummy) unless they were asked for by name. 0, or -1 with why filled. */
static int open_video(char *why, size_t why_len) {
    /* Probing drivers makes libraries print their own complaints (Wayland:
     * "XDG_RUNTIME_DIR is invalid"); by hand they are hidden, so the one line
     * below is all a person reads. */
    int saved = -1;
    if (!under_systemd() && log_get_level() < LOG_LVL_DEBUG) {
        saved = dup(2);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, 2);
            close(devnull);
        }
    }
    int rc = SDL_Init(SDL_INIT_VIDEO);
    if (saved >= 0) {
        dup2(saved, 2);
        close(saved);
    }
    if (rc != 0) {
        snprintf(why, why_len, "%s", SDL_GetError());
        return -1;
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (driver && (!asked || !*asked) &&
        (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)) {
        snprintf(why, why_len, "no X11, Wayland or KMS screen; SDL fell back to '%s'", driver);
        SDL_Quit();
        return -1;
    }
    return 0;
}

int cmd_run(int argc, char **argv) {
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"window", required_argument, NULL, 'w'},
                                         {"safe-mode", no_argument, NULL, 's'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *config_arg = NULL;
    char config_path[4096];
    int ww = 0, wh = 0, safe_mode = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:w:sh", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_arg = optarg; break;
        case 'w':
            if (layout_parse_size(optarg, &ww, &wh)) {
                fprintf(stderr, "bulletin run: bad --window '%s' (want WxH, e.g. 1280x720)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 's': safe_mode = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    run_t run;
    if (cmd_config_path(config_arg, config_path, sizeof config_path) != 0) return EXIT_BAD_INPUT;
    if (supervisor_open(&run.sv, config_path, !safe_mode) != 0) return EXIT_BAD_INPUT;
    if (!safe_mode && cmd_store_dir_ready(supervisor_config(&run.sv)) != 0) {
        supervisor_close(&run.sv);
        return EXIT_BAD_INPUT;
    }
    run.signals = supervisor_catch_signals();

    lograte_t wait_log = LOGRATE_INIT;
    char why[256];
    while (open_video(why, sizeof why) != 0) {
        if (!under_systemd()) {
            fprintf(stderr,
                    "bulletin: no display (%s); to see the slides without one use "
                    "'bulletin shot --out slide.png', or run 'xvfb-run make run'\n",
                    why);
            supervisor_close(&run.sv);
            return EXIT_BAD_INPUT;
        }
        if (lograte_allow(&wait_log, clock_mono_ms(), LOGRATE_MINUTE_MS))
            log_warn(MODULE, "no display yet (%s); trying again every 5 s", why);
        sysd_status("waiting for a display: %s", why);
        for (int i = 0; i < 50 && !run.signals->stop; i++) usleep(100000);
        if (run.signals->stop) {
            sysd_stopping();
            supervisor_close(&run.sv);
            return 0;
        }
    }
    log_info(MODULE, "display driver %s", SDL_GetCurrentVideoDriver());
    supervisor_tick(&run.sv, time(NULL));
    display_hooks_t hooks = {
        .ctx = &run, .on_wake = on_wake, .stop = &run.signals->stop, .safe_mode = safe_mode};
    int rc = display_run(supervisor_config(&run.sv), ww, wh, &hooks);
    if (rc != 0 && !under_systemd())
        fprintf(stderr,
                "bulletin: the display could not be opened. To see the slides without one, use "
                "'bulletin shot --out slide.png', or run 'xvfb-run make run'.\n");
    supervisor_close(&run.sv);
    TTF_Quit();
    SDL_Quit();
    return rc == 0 ? 0 : EXIT_BAD_INPUT;
}
