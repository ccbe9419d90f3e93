/* cmd_feed.c - `bulletin feed [--json] [--url U] [--content-type T] FILE|URL`:
 * parse one feed document and print it (a readable listing, or the JSON
 * shape of DESIGN.md). An http(s) argument is fetched once with fetch.h
 * (its final address and Content-Type are used unless --url and
 * --content-type are given); a file: URL names a local file. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "feed.h"
#include "feeddate.h"
#include "fetch.h"
#include "fileio.h"
#include "htmltext.h"
#include "log.h"
#include "urlutil.h"

static void usage(FILE *out) {
    fprintf(out,
            "usage: bulletin feed [--json] [--url U] [--content-type T] FILE|URL\n"
            "  parse one feed (RSS, Atom, JSON Feed); FILE may be '-' for stdin\n"
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

/* Fetches an http(s) feed once; its body, final URL and Content-Type. */
static int fetch_url(const char *url, buf_t *body, char **final_url, char **content_type) {
    if (fetch_global_init() != 0) {
        log_error("feed", "cannot start the HTTP client");
        return -1;
    }
    fetch_req_t req;
    memset(&req, 0, sizeof req);
    req.url = url;
    req.user_agent = "Bulletin/" BULLETIN_VERSION " (feed reader)";
    req.max_bytes = FEED_MAX_BYTES;
    fetch_resp_t resp;
    memset(&resp, 0, sizeof resp);
    int rc = -1;
    if (fetch_one(&req, &resp) != 0) {
        log_error("feed", "%s: %s", url, resp.error);
    } else if (resp.status != 200) {
        log_error("feed", "%s: HTTP status %ld", url, resp.status);
    } else {
        buf_append(body, resp.body.data ? resp.body.data : "", resp.body.len);
        /* the base of relative links: Content-Location, else where it ended up */
        *final_url = url_document_base(resp.effective_url ? resp.effective_url : url,
                                       resp.content_location);
        *content_type = resp.content_type ? xstrdup(resp.content_type) : NULL;
        rc = 0;
    }
    fetch_resp_free(&resp);
    fetch_global_cleanup();
    return rc;
}

int cmd_feed(int argc, char **argv) {
    int json = 0;
    const char *url = NULL, *content_type = NULL, *input = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--url") == 0 || strcmp(a, "--content-type") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "bulletin feed: %s needs a value\n", a);
                usage(stderr);
                return EXIT_USAGE;
            }
            if (a[2] == 'u') url = argv[++i];
            else content_type = argv[++i];
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "bulletin feed: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (input) {
            fprintf(stderr, "bulletin feed: one FILE or URL only\n");
            usage(stderr);
            return EXIT_USAGE;
        } else {
            input = a;
        }
    }
    if (!input) {
        usage(stderr);
        return EXIT_USAGE;
    }
    buf_t data = BUF_INIT, err = BUF_INIT;
    char *fetched_url = NULL, *fetched_type = NULL;
    if (url_has_scheme(input) && !url_is_file(input)) {
        if (!url_is_web(input)) {
            log_error("feed", "%s: only http, https and file URLs can be read", input);
            return EXIT_BAD_INPUT;
        }
        if (fetch_url(input, &data, &fetched_url, &fetched_type) != 0) {
            buf_free(&data);
            return EXIT_BAD_INPUT;
        }
        if (!url) url = fetched_url;
        if (!content_type) content_type = fetched_type;
    } else {
        /* a file: URL names a local file, and is the base for its links */
        char *file_path = url_file_path(input);
        if (url_is_file(input) && !file_path) {
            log_error("feed", "%s: not a file: URL of this machine", input);
            return EXIT_BAD_INPUT;
        }
        const char *path = file_path ? file_path : input;
        if (!url && file_path) url = input;
        int read_rc = file_read(path, FEED_MAX_BYTES, &data, &err);
        free(file_path);
        if (read_rc != 0) {
            log_error("feed", "%s", err.data);
            buf_free(&data);
            buf_free(&err);
            return EXIT_BAD_INPUT;
        }
    }
    feed_t f;
    int rc = feed_parse(data.data ? data.data : "", data.len, url, content_type, &f, &err);
    buf_free(&data);
    free(fetched_url);
    free(fetched_type);
    if (rc != 0) {
        log_error("feed", "%s: %s", input, err.data ? err.data : "cannot parse");
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    buf_free(&err);
    int status = 0;
    if (json) status = print_json(&f);
    else print_plain(&f);
    feed_free(&f);
    return status;
}
