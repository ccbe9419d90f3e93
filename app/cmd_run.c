/* cmd_run.c - `bulletin run [--config F] [--window WxH] [--safe-mode]`: the
 * kiosk. The display runs in this process; the fetch worker runs beside it as
 * a child process (`bulletin fetch`), restarted with back-off when it dies.
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
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "display.h"
#include "layout.h"
#include "log.h"
#include "lograte.h"
#include "clock.h"
#include "sysd.h"

#define MODULE "run"
#define WORKER_BACKOFF_MIN_S 5
#define WORKER_BACKOFF_MAX_S 300

static volatile sig_atomic_t stop_requested, reload_requested;

static void on_stop(int sig) {
    (void)sig;
    stop_requested = 1;
}

static void on_hup(int sig) {
    (void)sig;
    reload_requested = 1;
}

typedef struct {
    config_t configs[2];   /* current and the one before it (kept until the next swap) */
    int current;
    const char *config_path;
    int safe_mode;
    pid_t worker;
    time_t worker_started;
    time_t worker_restart_at;
    int worker_backoff_s;
} supervisor_t;

static pid_t start_worker(const char *config_path) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return -1;
    exe[n] = '\0';
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        execl(exe, exe, "fetch", "--config", config_path, (char *)NULL);
        _exit(127);
    }
    if (pid < 0) log_error(MODULE, "cannot start the fetch worker: %s", strerror(errno));
    else log_info(MODULE, "fetch worker started (pid %ld)", (long)pid);
    return pid;
}

static void stop_worker(supervisor_t *sv) {
    if (sv->worker <= 0) return;
    kill(sv->worker, SIGTERM);
    for (int i = 0; i < 40; i++) { /* up to 400 ms, then it is killed */
        if (waitpid(sv->worker, NULL, WNOHANG) == sv->worker) {
            sv->worker = 0;
            return;
        }
        usleep(10000);
    }
    kill(sv->worker, SIGKILL);
    waitpid(sv->worker, NULL, 0);
    sv->worker = 0;
}

static void supervise_worker(supervisor_t *sv) {
    if (sv->safe_mode) return;
    time_t now = time(NULL);
    int status;
    if (sv->worker > 0 && waitpid(sv->worker, &status, WNOHANG) == sv->worker) {
        /* A worker that ran a while before dying starts over at the minimum. */
        if (now - sv->worker_started > 600) sv->worker_backoff_s = WORKER_BACKOFF_MIN_S;
        log_warn(MODULE, "fetch worker exited (%s %d); restarting in %d s",
                 WIFEXITED(status) ? "status" : "signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                 sv->worker_backoff_s);
        sv->worker = 0;
        sv->worker_restart_at = now + sv->worker_backoff_s;
        sv->worker_backoff_s *= 2;
        if (sv->worker_backoff_s > WORKER_BACKOFF_MAX_S) sv->worker_backoff_s = WORKER_BACKOFF_MAX_S;
    }
    if (sv->worker <= 0 && now >= sv->worker_restart_at) {
        sv->worker = start_worker(sv->config_path);
        sv->worker_started = now;
    }
}

static const config_t *on_wake(void *ctx) {
    supervisor_t *sv = ctx;
    const config_t *switched = NULL;
    if (reload_requested) {
        reload_requested = 0;
        sysd_reloading();
        int next = 1 - sv->current;
        config_free(&sv->configs[next]);
        if (config_load(sv->config_path, &sv->configs[next]) == 0) {
            log_info(MODULE, "config %s reloaded", sv->config_path);
            sv->current = next;
            switched = &sv->configs[next];
            stop_worker(sv);
            sv->worker_restart_at = 0;
        } else {
            log_error(MODULE, "config %s not reloaded; keeping the one in use", sv->config_path);
            config_free(&sv->configs[next]);
        }
        sysd_ready();
    }
    supervise_worker(sv);
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
    supervisor_t sv = {.config_path = CONFIG_DEFAULT_PATH,
                       .worker_backoff_s = WORKER_BACKOFF_MIN_S};
    int ww = 0, wh = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:w:sh", opts, NULL)) != -1) {
        switch (c) {
        case 'c': sv.config_path = optarg; break;
        case 'w':
            if (layout_parse_size(optarg, &ww, &wh)) {
                fprintf(stderr, "bulletin run: bad --window '%s' (want WxH, e.g. 1280x720)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 's': sv.safe_mode = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (config_load(sv.config_path, &sv.configs[0]) != 0) {
        config_free(&sv.configs[0]);
        return EXIT_BAD_INPUT;
    }
    struct sigaction stop = {.sa_handler = on_stop}, hup = {.sa_handler = on_hup};
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGINT, &stop, NULL);
    sigaction(SIGHUP, &hup, NULL);

    lograte_t wait_log = LOGRATE_INIT;
    char why[256];
    while (open_video(why, sizeof why) != 0) {
        if (!under_systemd()) {
            fprintf(stderr,
                    "bulletin: no display (%s); to see the slides without one use "
                    "'bulletin shot --out slide.png', or run 'xvfb-run make run'\n",
                    why);
            config_free(&sv.configs[0]);
            return EXIT_BAD_INPUT;
        }
        if (lograte_allow(&wait_log, clock_mono_ms(), LOGRATE_MINUTE_MS))
            log_warn(MODULE, "no display yet (%s); trying again every 5 s", why);
        sysd_status("waiting for a display: %s", why);
        for (int i = 0; i < 50 && !stop_requested; i++) usleep(100000);
        if (stop_requested) {
            sysd_stopping();
            config_free(&sv.configs[0]);
            return 0;
        }
    }
    log_info(MODULE, "display driver %s", SDL_GetCurrentVideoDriver());
    supervise_worker(&sv);
    display_hooks_t hooks = {
        .ctx = &sv, .on_wake = on_wake, .stop = &stop_requested, .safe_mode = sv.safe_mode};
    int rc = display_run(&sv.configs[sv.current], ww, wh, &hooks);
    if (rc != 0 && !under_systemd())
        fprintf(stderr,
                "bulletin: the display could not be opened. To see the slides without one, use "
                "'bulletin shot --out slide.png', or run 'xvfb-run make run'.\n");
    stop_worker(&sv);
    TTF_Quit();
    SDL_Quit();
    config_free(&sv.configs[0]);
    config_free(&sv.configs[1]);
    return rc == 0 ? 0 : EXIT_BAD_INPUT;
}
