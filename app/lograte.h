/* lograte.h - say a repeated problem once, then once a minute.
 *
 * Contract: a lograte_t remembers when a message was last let through.
 * lograte_allow(r, now_ms, interval_ms) returns 1 the first time and then
 * once per interval_ms (monotonic milliseconds), 0 otherwise; every refused
 * call is counted, and lograte_suppressed() says how many were refused since
 * the last allowed one (the caller mentions them: "... (12 more)").
 * lograte_reset() forgets the problem (call it when the condition cleared),
 * so a new failure is reported at once. The caller owns the struct; no
 * global state.
 */
#ifndef BULLETIN_LOGRATE_H
#define BULLETIN_LOGRATE_H

#include <stdint.h>

#define LOGRATE_MINUTE_MS 60000

typedef struct {
    int64_t last_ms;
    unsigned suppressed;   /* refused since the last allowed message */
    unsigned reported;     /* what suppressed was when the last one was allowed */
    int armed;
} lograte_t;

#define LOGRATE_INIT {0, 0, 0, 0}

int lograte_allow(lograte_t *r, int64_t now_ms, int64_t interval_ms);
unsigned lograte_suppressed(const lograte_t *r);
void lograte_reset(lograte_t *r);

#endif
