/* points_speed.c - summarizer throughput in one process.
 *
 * usage: points_speed SECONDS FILE...
 * Loads every file, then summarizes them all with summarize_points, round
 * after round, until SECONDS of the process's CPU time have passed (at least
 * one round; SECONDS 0 is exactly one, for callgrind). Prints
 * "articles N  seconds S  articles/s A  MB/s M  points/article P", S being
 * CPU seconds. Built and run by tests/bench/points.sh against the app's objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "fileio.h"
#include "summarize.h"

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: points_speed SECONDS FILE...\n");
        return 2;
    }
    double seconds = atof(argv[1]);
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
    double t0 = cpu_now(), s = 0;
    size_t points = 0;
    long rounds = 0;
    do {
        for (int i = 0; i < n; i++) {
            char **p;
            size_t k;
            if (summarize_points(buf_cstr(&texts[i]), NULL, &o, &p, &k) == 0) {
                points += k;
                summarize_points_free(p, k);
            }
        }
        rounds++;
        s = cpu_now() - t0;
    } while (s < seconds);
    double arts = (double)n * (double)rounds;
    printf("articles %.0f  seconds %.3f  articles/s %.0f  MB/s %.2f  points/article %.2f\n", arts,
           s, arts / s, (double)bytes * (double)rounds / s / 1e6, (double)points / arts);
    for (int i = 0; i < n; i++) buf_free(&texts[i]);
    free(texts);
    return 0;
}
