/* placeholder until summarize.c lands */
#include "summarize.h"
void summarize_opts_default(summarize_opts_t *o) {
    o->max_points = 4; o->min_points = 3; o->max_words = 25; o->max_chars = 160; o->lang = 0;
}
int summarize_points(const char *text, const char *title, const summarize_opts_t *opts,
                     char ***points, size_t *n_points) {
    (void)text; (void)title; (void)opts; *points = 0; *n_points = 0;
    return -1;
}
void summarize_points_free(char **points, size_t n_points) { (void)points; (void)n_points; }
