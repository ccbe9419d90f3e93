/* cmd_points.c - `bulletin points [--max N] [--json] [--title T] [--lang L] FILE|-`:
 * the headline points of one article, one a line (or JSON). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "helper.h"
#include "jsonout.h"
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
    static const struct option long_opts[] = {{"max", required_argument, NULL, 'm'},
                                              {"json", no_argument, NULL, 'j'},
                                              {"title", required_argument, NULL, 't'},
                                              {"lang", required_argument, NULL, 'l'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    int json = 0, c;
    const char *title = NULL, *lang = NULL;
    optind = 1;
    opterr = 0; /* the messages below say more than getopt's */
    while ((c = getopt_long(argc, argv, ":m:jt:l:h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return 0;
        case 'j': json = 1; break;
        case 'm': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end) {
                fprintf(stderr, "bulletin points: --max: expected a number (1-20), got '%s'\n",
                        optarg);
                return EXIT_USAGE;
            }
            if (n < 1 || n > 20) {
                fprintf(stderr, "bulletin points: --max: %ld is out of range (1-20)\n", n);
                return EXIT_USAGE;
            }
            /* asked for N: give N when there are N distinct points */
            opts.max_points = opts.min_points = (int)n;
            break;
        }
        case 't': title = optarg; break;
        case 'l':
            lang = optarg;
            if (lang_from_code(lang) < 0) {
                fprintf(stderr,
                        "bulletin points: --lang: unknown language '%s' (en de fr es it nl pt sv)\n",
                        lang);
                return EXIT_USAGE;
            }
            break;
        case ':':
            fprintf(stderr, "bulletin points: %s needs a value\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "bulletin points: unknown option '%s'\n", argv[optind - 1]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    opterr = 1;
    if (optind + 1 != argc) {
        if (optind < argc) fprintf(stderr, "bulletin points: one FILE only\n");
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    textinput_t in;
    buf_t err = BUF_INIT;
    int loaded = textinput_load(path, &in, &err);
    if (loaded == TEXTINPUT_ELSEWHERE) { /* HTML or stdin: the front end reads neither */
        buf_free(&err);
        return helper_exec(HELPER_TEXT, argc, argv);
    }
    if (loaded != 0) {
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
    if (json) { /* as cJSON_PrintUnformatted would: {"title":...,"points":[...]} */
        buf_t out = BUF_INIT;
        buf_puts(&out, "{\"title\":");
        jsonout_string(&out, in.title);
        buf_puts(&out, ",\"points\":[");
        for (size_t i = 0; i < n; i++) {
            if (i) buf_putc(&out, ',');
            jsonout_string(&out, points[i]);
        }
        buf_puts(&out, "]}");
        puts(buf_cstr(&out));
        buf_free(&out);
    } else {
        for (size_t i = 0; i < n; i++) puts(points[i]);
    }
    summarize_points_free(points, n);
    textinput_free(&in);
    return rc;
}
