/* points_speed.c - summarizer throughput in one process.
 *
 * usage: points_speed ROUNDS FILE...
 * Loads every file, then summarizes them all ROUNDS times with
 * summarize_points and prints "articles N  seconds S  articles/s A  MB/s M".
 * Built and run by tests/bench/points.sh against the app's objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "fileio.h"
#include "summarize.h"

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: points_speed ROUNDS FILE...\n");
        return 2;
    }
    int rounds = atoi(argv[1]);
    if (rounds < 1) rounds = 1;
    int n = argc - 2;
    buf_t *texts = xcalloc((size_t)n, sizeof *texts);
    size_t bytes = 0;
    for (int i = 0; i < n; i++) {
        if (file_read(argv[i + 2], 16u << 20, &texts[i], NULL) != 0) {
            fprintf(stderr, "cannot read %s\n", argv[i + 2]);
            return 1;
        }
        bytes += texts[i].len;
    }
    summarize_opts_t o;
    summarize_opts_default(&o);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t points = 0;
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            char **p;
            size_t k;
            if (summarize_points(buf_cstr(&texts[i]), NULL, &o, &p, &k) == 0) {
                points += k;
                summarize_points_free(p, k);
            }
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double arts = (double)n * rounds;
    printf("articles %.0f  seconds %.3f  articles/s %.0f  MB/s %.2f  points/article %.2f\n", arts,
           s, arts / s, (double)bytes * rounds / s / 1e6, (double)points / arts);
    for (int i = 0; i < n; i++) buf_free(&texts[i]);
    free(texts);
    return 0;
}
