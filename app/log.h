/* log.h - the one logging facility of Bulletin.
 *
 * Contract: every message goes to stderr as one line
 *   "bulletin[PID]: LEVEL: module: text"
 * so journald (which stamps the time itself) and a terminal both read it.
 * The threshold is set once at start (log_set_level, or the environment
 * variable BULLETIN_LOG=error|warn|info|debug); messages below it cost one
 * comparison. Thread-safe enough for our single-threaded processes: each
 * message is formatted into one buffer and written with one write(2).
 */
#ifndef BULLETIN_LOG_H
#define BULLETIN_LOG_H

enum log_level { LOG_LVL_ERROR = 0, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

enum log_level log_get_level(void);
/* Reads BULLETIN_LOG from the environment, if set. */
void log_init_from_env(void);

void log_msg(enum log_level level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_error(mod, ...) log_msg(LOG_LVL_ERROR, mod, __VA_ARGS__)
#define log_warn(mod, ...) log_msg(LOG_LVL_WARN, mod, __VA_ARGS__)
#define log_info(mod, ...) log_msg(LOG_LVL_INFO, mod, __VA_ARGS__)
#define log_debug(mod, ...) log_msg(LOG_LVL_DEBUG, mod, __VA_ARGS__)

#endif
