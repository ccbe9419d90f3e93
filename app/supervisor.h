/* supervisor.h - the config and the fetch worker of a long-running process.
 *
 * Contract: a supervisor owns the loaded config (the current one and the one
 * before it, kept until the next swap so a reader holding it stays valid)
 * and, unless with_worker is 0, one child process: `bulletin-fetch fetch
 * --worker --config PATH` (helper.h), started at the first supervisor_tick
 * and restarted when it dies, after a back-off that doubles from 5 s to
 * 300 s (back to 5 s once a worker ran 10 minutes). A worker that ended
 * cleanly or by SIGTERM/SIGINT (as when systemd stops the whole unit) is not
 * reported as a failure: it is restarted quietly after the minimum delay,
 * unless the supervisor is closed first. supervisor_reload re-reads the
 * config file (on SIGHUP): when it loads, it becomes current, the worker is
 * restarted at once and the new config is returned; when it cannot be read
 * the one in use is kept (logged) and NULL returned. supervisor_close stops
 * the worker (SIGTERM, then SIGKILL after 400 ms) and frees the configs.
 * The signal flags (SIGTERM/SIGINT: stop, SIGHUP: reload) are set by the
 * handlers supervisor_catch_signals installs; they are the only state here
 * shared with a signal handler.
 */
#ifndef BULLETIN_SUPERVISOR_H
#define BULLETIN_SUPERVISOR_H

#include <signal.h>
#include <sys/types.h>
#include <time.h>

#include "config.h"

typedef struct {
    config_t configs[2];
    int current;
    const char *config_path;
    int with_worker;
    pid_t worker;            /* 0: none running */
    time_t worker_started;
    time_t worker_restart_at;
    int worker_backoff_s;
    int worker_stopped_quietly; /* the last one ended by a stop signal */
} supervisor_t;

typedef struct {
    volatile sig_atomic_t stop;
    volatile sig_atomic_t reload;
} supervisor_signals_t;

/* Loads the config: 0, or -1 (logged) when it cannot be read. */
int supervisor_open(supervisor_t *sv, const char *config_path, int with_worker);
const config_t *supervisor_config(const supervisor_t *sv);
void supervisor_tick(supervisor_t *sv, time_t now);
const config_t *supervisor_reload(supervisor_t *sv);
void supervisor_close(supervisor_t *sv);

/* Installs SIGTERM/SIGINT/SIGHUP handlers setting the returned flags. */
supervisor_signals_t *supervisor_catch_signals(void);

#endif
