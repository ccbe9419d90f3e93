/* cmd_points.c - `bulletin points [--max N] [--json] [--title T] [--lang L] FILE|-`:
 * the headline points of one article, one a line (or JSON). */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lang.h"
#include "log.h"
#include "summarize.h"
#include "textinput.h"

static void usage(FILE *out) {
    fprintf(out,
            "usage: bulletin points [--max N] [--json] [--title T] [--lang L] FILE|-\n"
            "  the headline points of one article (plain text or HTML), one per line\n"
            "  --max N     at most N points (1-20, default 4)\n"
            "  --json      print {\"title\",\"points\":[...]}\n"
            "  --title T   the article's title (helps pick the points)\n"
            "  --lang L    en de fr es it nl pt sv (default: detected)\n");
}

int cmd_points(int argc, char **argv) {
    summarize_opts_t opts;
    summarize_opts_default(&opts);
    static const struct option long_opts[] = {{"max", required_argument, NULL, 'm'},
                                              {"json", no_argument, NULL, 'j'},
                                              {"title", required_argument, NULL, 't'},
                                              {"lang", required_argument, NULL, 'l'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    int json = 0, c;
    const char *title = NULL, *lang = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:jt:l:h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return 0;
        case 'j': json = 1; break;
        case 'm': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (!*optarg || *end || n < 1 || n > 20) {
                fprintf(stderr, "bulletin points: --max wants a number from 1 to 20, got '%s'\n",
                        optarg);
                return EXIT_USAGE;
            }
            opts.max_points = (int)n;
            if (opts.min_points > opts.max_points) opts.min_points = opts.max_points;
            break;
        }
        case 't': title = optarg; break;
        case 'l':
            lang = optarg;
            if (lang_from_code(lang) < 0) {
                fprintf(stderr, "bulletin points: unknown language '%s'\n", lang);
                return EXIT_USAGE;
            }
            break;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        if (optind < argc) fprintf(stderr, "bulletin points: one FILE only\n");
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    textinput_t in;
    buf_t err = BUF_INIT;
    if (textinput_load(path, &in, &err) != 0) {
        log_error("points", "%s", buf_cstr(&err));
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    buf_free(&err);
    if (title && *title) {
        free(in.title);
        in.title = strdup(title);
    }
    if (lang) opts.lang = lang;
    else if (in.lang) opts.lang = in.lang;
    char **points = NULL;
    size_t n = 0;
    if (summarize_points(in.text, in.title, &opts, &points, &n) != 0) {
        log_error("points", "%s: no text to summarize", path);
        textinput_free(&in);
        return EXIT_BAD_INPUT;
    }
    int rc = 0;
    if (json) {
        cJSON *root = cJSON_CreateObject();
        if (in.title) cJSON_AddStringToObject(root, "title", in.title);
        else cJSON_AddNullToObject(root, "title");
        cJSON *arr = cJSON_AddArrayToObject(root, "points");
        for (size_t i = 0; i < n; i++) cJSON_AddItemToArray(arr, cJSON_CreateString(points[i]));
        char *s = cJSON_PrintUnformatted(root);
        if (s) {
            puts(s);
            free(s);
        } else {
            rc = EXIT_BAD_INPUT;
        }
        cJSON_Delete(root);
    } else {
        for (size_t i = 0; i < n; i++) puts(points[i]);
    }
    summarize_points_free(points, n);
    textinput_free(&in);
    return rc;
}
