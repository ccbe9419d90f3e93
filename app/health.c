/* health.c - see health.h. */
#include "health.h"

#include <string.h>

#include "clock.h"

/* The offline rule alone: 1 when offline. */
static int health_offline_since(const store_feed_t *feeds, size_t n, time_t *since) {
    *since = 0;
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (feeds[i].failures <= 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (feeds[i].last_success > *since) *since = feeds[i].last_success;
    return 1;
}

void health_assess(const store_feed_t *feeds, size_t n, time_t now, int late_s, health_t *out) {
    memset(out, 0, sizeof *out);
    out->offline = health_offline_since(feeds, n, &out->since);
    for (size_t i = 0; i < n; i++)
        if (feeds[i].last_success > out->last) out->last = feeds[i].last_success;
    out->late = !out->offline && out->last > 0 && clock_wall_is_sane(now) &&
                now - out->last > late_s;
}

void health_badge(const health_t *h, time_t now, buf_t *out) {
    if (!h) return;
    if (h->offline) {
        char hhmm[16];
        if (h->since > 0 && clock_format_hhmm(h->since, now, hhmm, sizeof hhmm) > 0)
            buf_printf(out, "offline since %s", hhmm);
        else buf_puts(out, "offline");
    } else if (h->late) {
        char age[64];
        if (clock_format_age(h->last, now, age, sizeof age) > 0)
            buf_printf(out, "no fresh news, last fetched %s", age);
        else buf_puts(out, "no fresh news");
    }
}
