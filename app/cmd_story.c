/* cmd_story.c - `bulletin story [--json] FILE...`: several articles about one
 * event as one story: its headline, its points with their sources.
 *
 * A source's name is the site the extractor found, else the site suffix of
 * its title ("… - BBC News"), else the file's name without directory and
 * extension. Plain output: the headline, a blank line, one point a line
 * followed by its source in brackets, a blank line, "Sources: A · B".
 * Articles that do not tell one story (the store's clustering, cluster.h)
 * are said to be so on stderr and shown as the stories they make, one
 * after the other (with --json: one JSON object a line). */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cluster.h"
#include "cmd.h"
#include "log.h"
#include "summarize.h"
#include "textinput.h"
#include "title.h"

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin story [--json] FILE...\n"
                 "  several articles (plain text or HTML) told as one story; articles that\n"
                 "  tell different stories are said so and shown story by story\n"
                 "  --json   print {\"headline\",\"points\":[{\"text\",\"source\"}],"
                 "\"sources\":[{\"name\",\"title\",\"url\"}]}\n");
}

static char *name_from_path(const char *path) {
    if (strcmp(path, "-") == 0) return xstrdup("stdin");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return xstrndup(base, n);
}

/* One story as one JSON line: {"headline","points":[{"text","source"}],
 * "sources":[{"name","title","url"}]}, source indexes into its sources. */
static int print_json(const char *headline, const summarize_story_point_t *pts, size_t np,
                      const size_t *idx, size_t n, const textinput_t *in, char *const *names) {
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
    for (size_t j = 0; j < n; j++) {
        const textinput_t *t = &in[idx[j]];
        cJSON *s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "name", names[idx[j]]);
        if (t->title) {
            char *clean = title_headline(t->title, NULL);
            cJSON_AddStringToObject(s, "title", clean);
            free(clean);
        } else {
            cJSON_AddNullToObject(s, "title");
        }
        if (t->url) cJSON_AddStringToObject(s, "url", t->url);
        else cJSON_AddNullToObject(s, "url");
        cJSON_AddItemToArray(srcs, s);
    }
    char *out = cJSON_PrintUnformatted(root);
    int rc = 0;
    if (out) puts(out);
    else rc = EXIT_BAD_INPUT;
    free(out);
    cJSON_Delete(root);
    return rc;
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
        char *site = NULL;
        free(title_headline(in[i].title, &site));
        names[i] = in[i].site_name ? xstrdup(in[i].site_name) : site;
        if (in[i].site_name) free(site);
        if (!names[i]) names[i] = name_from_path(paths[i]);
        docs[i].text = in[i].text;
        docs[i].title = in[i].title;
        docs[i].lang = in[i].lang;
    }
    /* which files tell the same story: the clustering the store uses */
    size_t *group = xcalloc(n, sizeof *group);
    size_t n_groups = 0;
    if (rc == 0) {
        cluster_t *cl = cluster_new(NULL);
        for (size_t i = 0; i < n; i++) {
            cluster_vec_t *v = cluster_vec_build(in[i].title, in[i].text, in[i].lang);
            int64_t s = cluster_best(cl, v, 0, NULL);
            group[i] = s ? (size_t)s - 1 : n_groups++;
            cluster_add(cl, (int64_t)i, (int64_t)group[i] + 1, 0, v);
        }
        cluster_free(cl);
        if (n_groups > 1)
            log_warn("story", "these %zu articles are not one story: they tell %zu, shown one by one", n,
                     n_groups);
    }
    summarize_doc_t *gdocs = xcalloc(n, sizeof *gdocs);
    size_t *gidx = xcalloc(n, sizeof *gidx);
    for (size_t g = 0; g < n_groups && rc == 0; g++) {
        size_t gn = 0;
        for (size_t i = 0; i < n; i++)
            if (group[i] == g) {
                gidx[gn] = i;
                gdocs[gn++] = docs[i];
            }
        summarize_story_point_t *pts = NULL;
        size_t np = 0;
        char *headline = NULL;
        summarize_opts_t opts;
        summarize_opts_default(&opts);
        if (summarize_story(gdocs, gn, &opts, &pts, &np, &headline, NULL) != 0 || np == 0) {
            buf_t files = BUF_INIT;
            for (size_t j = 0; j < gn; j++) buf_printf(&files, "%s%s", j ? ", " : "", paths[gidx[j]]);
            log_error("story", "no text to summarize in %s", buf_cstr(&files));
            buf_free(&files);
            rc = EXIT_BAD_INPUT;
        } else if (json) {
            rc = print_json(headline, pts, np, gidx, gn, in, names);
        } else {
            if (g > 0) printf("\n");
            if (headline && *headline) printf("%s\n\n", headline);
            for (size_t i = 0; i < np; i++) printf("%s [%s]\n", pts[i].text, names[gidx[pts[i].doc]]);
            printf("\nSources: ");
            for (size_t i = 0; i < gn; i++) printf("%s%s", i ? " \xc2\xb7 " : "", names[gidx[i]]);
            printf("\n");
        }
        summarize_story_points_free(pts, np);
        free(headline);
    }
    free(gdocs);
    free(gidx);
    free(group);
    for (size_t i = 0; i < n; i++) {
        textinput_free(&in[i]);
        free(names[i]);
    }
    free(in);
    free(names);
    free(docs);
    return rc;
}
