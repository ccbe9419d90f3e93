/* lograte.c - see lograte.h. */
#include "lograte.h"

int lograte_allow(lograte_t *r, int64_t now_ms, int64_t interval_ms) {
    if (r->armed && now_ms - r->last_ms < interval_ms) {
        r->suppressed++;
        return 0;
    }
    r->reported = r->suppressed;
    r->suppressed = 0;
    r->last_ms = now_ms;
    r->armed = 1;
    return 1;
}

unsigned lograte_suppressed(const lograte_t *r) { return r->reported; }

void lograte_reset(lograte_t *r) { *r = (lograte_t)LOGRATE_INIT; }
