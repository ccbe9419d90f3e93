/* extract_speed.c - throughput of extract_page over saved pages, in process.
 *
 * usage: extract_speed SECONDS FILE...
 * Reads every file once, then extracts them round after round until SECONDS
 * of CPU time have passed; prints pages/s and MB/s (input bytes). Built and
 * run by tests/bench/extract.sh against the plain build's objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "extract.h"
#include "fileio.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: extract_speed SECONDS FILE...\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    int n = argc - 2;
    buf_t *pages = xcalloc((size_t)n, sizeof *pages);
    size_t bytes = 0;
    for (int i = 0; i < n; i++) {
        buf_t err = BUF_INIT;
        if (file_read(argv[i + 2], EXTRACT_MAX_BYTES, &pages[i], &err) != 0) {
            fprintf(stderr, "%s\n", err.data);
            return 1;
        }
        buf_free(&err);
        bytes += pages[i].len;
    }
    long done = 0;
    double total_bytes = 0, start = now(), elapsed = 0;
    while (elapsed < seconds) {
        for (int i = 0; i < n; i++) {
            extract_result_t r;
            buf_t err = BUF_INIT;
            if (pages[i].len && extract_page(pages[i].data, pages[i].len, NULL, NULL, &r, &err) == 0)
                extract_free(&r);
            buf_free(&err);
            done++;
            total_bytes += (double)pages[i].len;
        }
        elapsed = now() - start;
    }
    printf("%d pages, %.1f KiB in all; %ld extractions in %.2f s CPU: %.0f pages/s, %.1f MB/s\n", n,
           (double)bytes / 1024.0, done, elapsed, (double)done / elapsed,
           total_bytes / elapsed / 1e6);
    for (int i = 0; i < n; i++) buf_free(&pages[i]);
    free(pages);
    return 0;
}
