/* cmd_opml.c - `bulletin opml [--config F] FILE`: the feeds of an OPML
 * export as [feed "Name"] blocks on stdout, ready to append to the config
 * (feeds the config already lists, by URL or name, are left out). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "config.h"
#include "fileio.h"
#include "log.h"
#include "opml.h"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin opml [--config FILE] OPML-FILE\n"
                 "  print the OPML file's feeds as [feed \"Name\"] blocks to append to the config;\n"
                 "  with --config, feeds it already lists are left out\n");
}

int cmd_opml(int argc, char **argv) {
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *config_path = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_path = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    buf_t data = BUF_INIT, err = BUF_INIT;
    if (file_read(argv[optind], OPML_MAX_BYTES, &data, &err) != 0) {
        log_error("opml", "%s: %s", argv[optind], buf_cstr(&err));
        buf_free(&data);
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    config_t cfg;
    int have_cfg = 0;
    if (config_path) {
        if (config_load(config_path, &cfg) != 0) {
            config_free(&cfg);
            buf_free(&data);
            buf_free(&err);
            return EXIT_BAD_INPUT;
        }
        have_cfg = 1;
    }
    opml_feed_t *feeds;
    size_t n;
    int rc = 0;
    if (opml_parse(data.data, data.len, &feeds, &n, &err) != 0) {
        log_error("opml", "%s: %s", argv[optind], buf_cstr(&err));
        rc = EXIT_BAD_INPUT;
    } else {
        buf_t out = BUF_INIT;
        size_t written = opml_write_ini(feeds, n, have_cfg ? &cfg : NULL, &out);
        fputs(buf_cstr(&out), stdout);
        log_info("opml", "%zu feeds found, %zu printed", n, written);
        buf_free(&out);
        opml_free(feeds, n);
    }
    if (have_cfg) config_free(&cfg);
    buf_free(&data);
    buf_free(&err);
    return rc;
}
