/* slide.c - see slide.h. */
#include "slide.h"

void slide_age(time_t published, time_t now, buf_t *out) {
    if (now < SLIDE_SANE_EPOCH || published <= 0 || published > now + 300) return;
    long d = (long)(now - published);
    if (d < 0) d = 0;
    if (d < 120) buf_puts(out, "just now");
    else if (d < 3600) buf_printf(out, "%ld min ago", d / 60);
    else if (d < 48 * 3600) buf_printf(out, "%ld h ago", d / 3600);
    else buf_printf(out, "%ld days ago", d / 86400);
}

void slide_meta(const store_slide_t *s, time_t now, buf_t *out) {
    size_t shown = s->n_sources < 2 ? s->n_sources : 2;
    for (size_t i = 0; i < shown; i++)
        buf_printf(out, "%s%s", i ? " \xc2\xb7 " : "", s->sources[i] ? s->sources[i] : "");
    if (s->n_sources > shown) buf_printf(out, " \xc2\xb7 +%zu", s->n_sources - shown);
    buf_t age = BUF_INIT;
    slide_age(s->published, now, &age);
    if (age.len) buf_printf(out, "%s%s", out->len ? "   " : "", age.data);
    buf_free(&age);
}

size_t slide_count_fresh(const store_slide_t *slides, size_t n, time_t now, int max_age_s,
                         int *stale) {
    size_t fresh = 0;
    for (size_t i = 0; i < n; i++)
        if (now < SLIDE_SANE_EPOCH || slides[i].published >= now - max_age_s) fresh++;
    *stale = n > 0 && fresh == 0;
    return fresh;
}
