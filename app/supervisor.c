/* supervisor.c - see supervisor.h. */
#include "supervisor.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"
#include "log.h"

#define MODULE "supervisor"
#define BACKOFF_MIN_S 5
#define BACKOFF_MAX_S 300
#define LONG_RUN_S 600

static supervisor_signals_t signals_seen;

static void on_stop(int sig) {
    (void)sig;
    signals_seen.stop = 1;
}

static void on_hup(int sig) {
    (void)sig;
    signals_seen.reload = 1;
}

supervisor_signals_t *supervisor_catch_signals(void) {
    struct sigaction stop = {.sa_handler = on_stop}, hup = {.sa_handler = on_hup};
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGINT, &stop, NULL);
    sigaction(SIGHUP, &hup, NULL);
    return &signals_seen;
}

int supervisor_open(supervisor_t *sv, const char *config_path, int with_worker) {
    memset(sv, 0, sizeof *sv);
    sv->config_path = config_path;
    sv->with_worker = with_worker;
    sv->worker_backoff_s = BACKOFF_MIN_S;
    if (config_load(config_path, &sv->configs[0]) != 0) {
        config_free(&sv->configs[0]);
        return -1;
    }
    return 0;
}

const config_t *supervisor_config(const supervisor_t *sv) { return &sv->configs[sv->current]; }

static pid_t start_worker(const char *config_path) {
    char exe[PATH_MAX];
    if (helper_path(HELPER_FETCH, exe, sizeof exe) != 0) {
        log_error(MODULE, "cannot start the fetch worker: %s not found", HELPER_FETCH);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        execl(exe, exe, "fetch", "--worker", "--config", config_path, (char *)NULL);
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

/* A worker that ended cleanly or was told to stop by a signal. */
static int stopped_on_request(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status) == 0;
    return WIFSIGNALED(status) && (WTERMSIG(status) == SIGTERM || WTERMSIG(status) == SIGINT);
}

void supervisor_tick(supervisor_t *sv, time_t now) {
    if (!sv->with_worker) return;
    int status;
    if (sv->worker > 0 && waitpid(sv->worker, &status, WNOHANG) == sv->worker) {
        sv->worker = 0;
        if (now - sv->worker_started > LONG_RUN_S) sv->worker_backoff_s = BACKOFF_MIN_S;
        if (stopped_on_request(status)) {
            /* Likely the whole process group is being stopped: say nothing
             * unless we are still here to restart it. */
            sv->worker_stopped_quietly = 1;
            sv->worker_restart_at = now + BACKOFF_MIN_S;
        } else {
            log_warn(MODULE, "fetch worker %s %d; restarting in %d s",
                     WIFEXITED(status) ? "failed with status" : "was killed by signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                     sv->worker_backoff_s);
            sv->worker_restart_at = now + sv->worker_backoff_s;
            sv->worker_backoff_s *= 2;
            if (sv->worker_backoff_s > BACKOFF_MAX_S) sv->worker_backoff_s = BACKOFF_MAX_S;
        }
    }
    if (sv->worker <= 0 && now >= sv->worker_restart_at) {
        if (sv->worker_stopped_quietly)
            log_info(MODULE, "fetch worker had stopped on a signal; starting it again");
        sv->worker_stopped_quietly = 0;
        sv->worker = start_worker(sv->config_path);
        sv->worker_started = now;
        if (sv->worker < 0) {
            sv->worker = 0;
            sv->worker_restart_at = now + BACKOFF_MAX_S;
        }
    }
}

const config_t *supervisor_reload(supervisor_t *sv) {
    int next = 1 - sv->current;
    config_free(&sv->configs[next]);
    if (config_load(sv->config_path, &sv->configs[next]) != 0) {
        log_error(MODULE, "config %s not reloaded; keeping the one in use", sv->config_path);
        config_free(&sv->configs[next]);
        return NULL;
    }
    log_info(MODULE, "config %s reloaded", sv->config_path);
    sv->current = next;
    stop_worker(sv);
    sv->worker_restart_at = 0;
    sv->worker_stopped_quietly = 0;
    return &sv->configs[next];
}

void supervisor_close(supervisor_t *sv) {
    stop_worker(sv);
    config_free(&sv->configs[0]);
    config_free(&sv->configs[1]);
}
