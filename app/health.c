/* health.c - see health.h. */
#include "health.h"

#include "clock.h"

int health_offline_since(const store_feed_t *feeds, size_t n, time_t *since) {
    *since = 0;
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (feeds[i].failures <= 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (feeds[i].last_success > *since) *since = feeds[i].last_success;
    return 1;
}

void health_badge(const health_t *h, int stale, time_t now, buf_t *out) {
    if (h && h->offline) {
        char hhmm[16];
        if (h->since > 0 && clock_format_hhmm(h->since, now, hhmm, sizeof hhmm) > 0)
            buf_printf(out, "offline since %s", hhmm);
        else buf_puts(out, "offline");
    }
    if (stale)
        buf_printf(out, "%sno fresh news", out->len ? " \xc2\xb7 " : "");
}
