/* cmd_feed.c - `bulletin feed [--json] [--url U] [--content-type T] FILE|URL`:
 * parse one feed document and print it (a readable listing, or the JSON
 * shape {"title","link","entries":[...]}). The input is read with source.h:
 * a file, '-', a file: URL, or an http(s) URL fetched once (its final
 * address and Content-Type are used unless --url and --content-type are
 * given; in the front end that runs this command in bulletin-fetch). */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "feed.h"
#include "feeddate.h"
#include "helper.h"
#include "htmltext.h"
#include "log.h"
#include "source.h"

static void usage(FILE *out) {
    fprintf(out,
            "usage: bulletin feed [--json] [--url U] [--content-type T] FILE|URL\n"
            "  parse one feed (RSS, Atom, JSON Feed): a file ('-' for stdin), a file: URL,\n"
            "  or an http(s) URL (fetched once)\n"
            "  --json            print {\"title\",\"link\",\"entries\":[...]}\n"
            "  --url U           where the file was fetched from (base for relative links)\n"
            "  --content-type T  the HTTP Content-Type it came with (its charset)\n");
}

static void add_str(cJSON *o, const char *key, const char *v) {
    if (v) cJSON_AddStringToObject(o, key, v);
    else cJSON_AddNullToObject(o, key);
}

static void add_time(cJSON *o, const char *key, time_t t) {
    if (!t) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    char iso[FEEDDATE_ISO_LEN];
    feeddate_format(t, iso);
    cJSON_AddStringToObject(o, key, iso);
}

static int print_json(const feed_t *f) {
    cJSON *root = cJSON_CreateObject();
    add_str(root, "title", f->title);
    add_str(root, "link", f->link);
    cJSON *arr = cJSON_AddArrayToObject(root, "entries");
    for (size_t i = 0; i < f->n_entries; i++) {
        const feed_entry_t *e = &f->entries[i];
        cJSON *o = cJSON_CreateObject();
        add_str(o, "id", e->id);
        add_str(o, "title", e->title);
        add_str(o, "link", e->link);
        add_time(o, "published", e->published);
        add_time(o, "updated", e->updated);
        add_str(o, "author", e->author);
        add_str(o, "summary", e->summary);
        add_str(o, "content", e->content);
        cJSON_AddItemToArray(arr, o);
    }
    char *s = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!s) {
        log_error("feed", "cannot format JSON");
        return EXIT_BAD_INPUT;
    }
    puts(s);
    cJSON_free(s);
    return 0;
}

static void print_cut(const char *label, const char *text, size_t max);

static void print_excerpt(const char *label, const char *full, size_t max) {
    if (!full) return;
    char *text = htmltext_fold_text(full, strlen(full), 0); /* one line */
    print_cut(label, text, max);
    free(text);
}

static void print_cut(const char *label, const char *text, size_t max) {
    size_t n = strlen(text);
    if (n <= max) {
        printf("  %s: %s\n", label, text);
        return;
    }
    size_t cut = max;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--; /* whole characters */
    printf("  %s: %.*s...\n", label, (int)cut, text);
}

static void print_plain(const feed_t *f) {
    printf("%s\n", f->title ? f->title : "(untitled feed)");
    if (f->link) printf("%s\n", f->link);
    printf("%zu entries\n", f->n_entries);
    for (size_t i = 0; i < f->n_entries; i++) {
        const feed_entry_t *e = &f->entries[i];
        printf("\n%zu. %s\n", i + 1, e->title ? e->title : "(no title)");
        if (e->link) printf("  link: %s\n", e->link);
        char iso[FEEDDATE_ISO_LEN];
        if (e->published) {
            feeddate_format(e->published, iso);
            printf("  published: %s\n", iso);
        }
        if (e->updated) {
            feeddate_format(e->updated, iso);
            printf("  updated: %s\n", iso);
        }
        if (e->author) printf("  author: %s\n", e->author);
        if (e->image) printf("  image: %s\n", e->image);
        print_excerpt("summary", e->summary, 200);
        if (e->content) printf("  content: %zu bytes\n", strlen(e->content));
    }
}

int cmd_feed(int argc, char **argv) {
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"url", required_argument, NULL, 'u'},
                                         {"content-type", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int json = 0, c;
    const char *url = NULL, *content_type = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ju:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'u': url = *optarg ? optarg : NULL; break;
        case 't': content_type = *optarg ? optarg : NULL; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        if (optind < argc) fprintf(stderr, "bulletin feed: one FILE or URL only\n");
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *input = argv[optind];
    source_t src;
    buf_t err = BUF_INIT;
    int rc = source_read(input, FEED_MAX_BYTES, &src, &err);
    if (rc == SOURCE_NEEDS_NETWORK) {
        buf_free(&err);
        return helper_exec(HELPER_FETCH, argc, argv);
    }
    if (rc != 0) {
        log_error("feed", "%s", buf_cstr(&err));
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    if (!url) url = src.url;
    if (!content_type) content_type = src.content_type;
    feed_t f;
    rc = feed_parse(src.body.data ? src.body.data : "", src.body.len, url, content_type, &f, &err);
    if (rc != 0) {
        log_error("feed", "%s: %s", input, err.data ? err.data : "cannot parse");
        source_free(&src);
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    source_free(&src);
    buf_free(&err);
    int status = 0;
    if (json) status = print_json(&f);
    else print_plain(&f);
    feed_free(&f);
    return status;
}
