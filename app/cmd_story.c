/* cmd_story.c - `bulletin story [--json] FILE...`: several articles about one
 * event as one story: its headline, its points with their sources.
 *
 * A source's name is the site the extractor found, else the site suffix of
 * its title ("… - BBC News"), else the file's name without directory and
 * extension. Plain output: the headline, a blank line, one point a line
 * followed by its source in brackets, a blank line, "Sources: A · B". */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "log.h"
#include "summarize.h"
#include "textinput.h"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin story [--json] FILE...\n"
                 "  several articles (plain text or HTML) told as one story\n"
                 "  --json   print {\"headline\",\"points\":[{\"text\",\"source\"}],"
                 "\"sources\":[{\"name\",\"title\",\"url\"}]}\n");
}

/* The site suffix of a title, when cleaning removed one. */
static char *site_from_title(const char *title) {
    if (!title) return NULL;
    char *clean = summarize_clean_title(title);
    size_t n = strlen(clean);
    char *site = NULL;
    const char *rest = strstr(title, clean);
    if (n && rest && rest == title && strlen(title) > n + 3) {
        const char *t = title + n;
        while (*t == ' ' || *t == '|' || *t == '-' || *t == ':' || *t == '/' ||
               (unsigned char)*t >= 0x80)
            t++; /* the separator, dashes and middle dots included */
        if (*t) site = xstrdup(t);
    }
    free(clean);
    return site;
}

static char *name_from_path(const char *path) {
    if (strcmp(path, "-") == 0) return xstrdup("stdin");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return xstrndup(base, n);
}

int cmd_story(int argc, char **argv) {
    static const struct option long_opts[] = {{"json", no_argument, NULL, 'j'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jh", long_opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return 0;
        case 'j': json = 1; break;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    char **paths = argv + optind;
    size_t n = (size_t)(argc - optind);
    textinput_t *in = xcalloc(n, sizeof *in);
    char **names = xcalloc(n, sizeof *names);
    summarize_doc_t *docs = xcalloc(n, sizeof *docs);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        buf_t err = BUF_INIT;
        if (textinput_load(paths[i], &in[i], &err) != 0) {
            log_error("story", "%s", buf_cstr(&err));
            rc = EXIT_BAD_INPUT;
        }
        buf_free(&err);
        if (rc) break;
        names[i] = in[i].site_name ? xstrdup(in[i].site_name) : site_from_title(in[i].title);
        if (!names[i]) names[i] = name_from_path(paths[i]);
        docs[i].text = in[i].text;
        docs[i].title = in[i].title;
        docs[i].lang = in[i].lang;
    }
    summarize_story_point_t *pts = NULL;
    size_t np = 0;
    char *headline = NULL;
    if (rc == 0) {
        summarize_opts_t opts;
        summarize_opts_default(&opts);
        if (summarize_story(docs, n, &opts, &pts, &np, &headline) != 0) {
            log_error("story", "no text to summarize");
            rc = EXIT_BAD_INPUT;
        }
    }
    if (rc == 0 && json) {
        cJSON *root = cJSON_CreateObject();
        if (headline && *headline) cJSON_AddStringToObject(root, "headline", headline);
        else cJSON_AddNullToObject(root, "headline");
        cJSON *arr = cJSON_AddArrayToObject(root, "points");
        for (size_t i = 0; i < np; i++) {
            cJSON *p = cJSON_CreateObject();
            cJSON_AddStringToObject(p, "text", pts[i].text);
            cJSON_AddNumberToObject(p, "source", (double)pts[i].doc);
            cJSON_AddItemToArray(arr, p);
        }
        cJSON *srcs = cJSON_AddArrayToObject(root, "sources");
        for (size_t i = 0; i < n; i++) {
            cJSON *s = cJSON_CreateObject();
            cJSON_AddStringToObject(s, "name", names[i]);
            if (in[i].title) {
                char *t = summarize_clean_title(in[i].title);
                cJSON_AddStringToObject(s, "title", t);
                free(t);
            } else {
                cJSON_AddNullToObject(s, "title");
            }
            if (in[i].url) cJSON_AddStringToObject(s, "url", in[i].url);
            else cJSON_AddNullToObject(s, "url");
            cJSON_AddItemToArray(srcs, s);
        }
        char *out = cJSON_PrintUnformatted(root);
        if (out) puts(out);
        else rc = EXIT_BAD_INPUT;
        free(out);
        cJSON_Delete(root);
    } else if (rc == 0) {
        if (headline && *headline) printf("%s\n\n", headline);
        for (size_t i = 0; i < np; i++) printf("%s [%s]\n", pts[i].text, names[pts[i].doc]);
        printf("\nSources: ");
        for (size_t i = 0; i < n; i++) printf("%s%s", i ? " \xc2\xb7 " : "", names[i]);
        printf("\n");
    }
    summarize_story_points_free(pts, np);
    free(headline);
    for (size_t i = 0; i < n; i++) {
        textinput_free(&in[i]);
        free(names[i]);
    }
    free(in);
    free(names);
    free(docs);
    return rc;
}
