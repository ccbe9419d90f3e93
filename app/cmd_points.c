/* cmd_points.c - `bulletin points [--max N] [--json] [--title T] [--lang L] FILE|-`:
 * the headline points of one article, one a line (or JSON). */
#include <cjson/cJSON.h>
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
            "  --max N     N points when the article has that many distinct ones (1-20;\n"
            "              default 3, a 4th when it is worth reading)\n"
            "  --json      print {\"title\",\"points\":[...]}\n"
            "  --title T   the article's title (helps pick the points)\n"
            "  --lang L    en de fr es it nl pt sv (default: detected)\n");
}

int cmd_points(int argc, char **argv) {
    summarize_opts_t opts;
    summarize_opts_default(&opts);
    int json = 0;
    const char *title = NULL, *lang = NULL, *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--max") == 0 || strcmp(a, "--title") == 0 || strcmp(a, "--lang") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "bulletin points: %s needs a value\n", a);
                return EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (strcmp(a, "--max") == 0) {
                char *end;
                long n = strtol(v, &end, 10);
                if (end == v || *end) {
                    fprintf(stderr, "bulletin points: --max: expected a number (1-20), got '%s'\n", v);
                    return EXIT_USAGE;
                }
                if (n < 1 || n > 20) {
                    fprintf(stderr, "bulletin points: --max: %ld is out of range (1-20)\n", n);
                    return EXIT_USAGE;
                }
                /* asked for N: give N when there are N distinct points */
                opts.max_points = opts.min_points = (int)n;
            } else if (strcmp(a, "--title") == 0) {
                title = v;
            } else {
                lang = v;
                if (lang_from_code(lang) < 0) {
                    fprintf(stderr, "bulletin points: --lang: unknown language '%s' (en de fr es it nl pt sv)\n", lang);
                    return EXIT_USAGE;
                }
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "bulletin points: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (!path) {
            path = a;
        } else {
            fprintf(stderr, "bulletin points: one FILE only\n");
            return EXIT_USAGE;
        }
    }
    if (!path) {
        usage(stderr);
        return EXIT_USAGE;
    }
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
