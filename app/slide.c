/* slide.c - see slide.h. */
#include "slide.h"

#include <string.h>

#include "clock.h"

void slide_meta(const store_slide_t *s, time_t now, buf_t *sources, buf_t *age) {
    size_t shown = s->n_sources < 2 ? s->n_sources : 2;
    for (size_t i = 0; i < shown; i++)
        buf_printf(sources, "%s%s", i ? " \xc2\xb7 " : "", s->sources[i] ? s->sources[i] : "");
    if (s->n_sources > shown) buf_printf(sources, " \xc2\xb7 +%zu", s->n_sources - shown);
    char text[64];
    if (clock_format_age(s->published, now, text, sizeof text) > 0) buf_puts(age, text);
}

size_t slide_count_fresh(const store_slide_t *slides, size_t n, time_t now, int max_age_s,
                         int *stale) {
    size_t fresh = 0;
    int sane = clock_wall_is_sane(now);
    for (size_t i = 0; i < n; i++)
        if (!sane || slides[i].published >= now - max_age_s) fresh++;
    *stale = n > 0 && fresh == 0;
    return fresh;
}

const config_feed_t *slide_feed(const store_slide_t *s, const config_t *cfg) {
    if (!s || s->n_sources == 0 || !s->sources[0]) return NULL;
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (cfg->feeds[i].name && strcmp(cfg->feeds[i].name, s->sources[0]) == 0)
            return &cfg->feeds[i];
    return NULL;
}
