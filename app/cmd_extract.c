/* cmd_extract.c - `bulletin extract`: the main text of one HTML page. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "extract.h"
#include "fileio.h"
#include "log.h"

static void usage(FILE *out) {
    fputs("usage: bulletin extract [--json] [--url U] [--content-type T] FILE|-\n"
          "\n"
          "Prints the main text of one saved HTML page: paragraphs (and sub-headings)\n"
          "separated by blank lines. The page is read from FILE, or stdin for '-';\n"
          "this command never uses the network (pages are fetched by 'bulletin fetch').\n"
          "\n"
          "  --json            print {\"title\",\"text\",\"image\",\"published\",\"byline\",\n"
          "                    \"lang\",\"url\",\"site_name\",\"is_article\"}; published is\n"
          "                    ISO 8601 UTC (2025-02-12T14:03:00Z) or null\n"
          "  --url U           the address the page came from (base for relative links)\n"
          "  --content-type T  the HTTP Content-Type it came with (its charset)\n"
          "\n"
          "A page without an article (an index page, a 404 page, a paywall stub):\n"
          "plain mode prints nothing, says \"no article found\" on stderr and exits 1;\n"
          "--json prints the metadata with \"is_article\": false and \"text\": \"\" and\n"
          "exits 0. Exit status: 0 success, 1 bad input (empty, unreadable, not HTML,\n"
          "too large, a URL instead of a file), 2 usage error.\n",
          out);
}

static void add_str(cJSON *o, const char *key, const char *v) {
    if (v && *v) cJSON_AddStringToObject(o, key, v);
    else cJSON_AddNullToObject(o, key);
}

static int print_json(const extract_result_t *r) {
    cJSON *o = cJSON_CreateObject();
    add_str(o, "title", r->title);
    cJSON_AddStringToObject(o, "text", r->text ? r->text : "");
    add_str(o, "image", r->image);
    if (r->published > 0) {
        char when[32];
        struct tm tm;
        time_t t = r->published;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        cJSON_AddStringToObject(o, "published", when);
    } else {
        cJSON_AddNullToObject(o, "published");
    }
    add_str(o, "byline", r->byline);
    add_str(o, "lang", r->lang);
    add_str(o, "url", r->url);
    add_str(o, "site_name", r->site_name);
    cJSON_AddBoolToObject(o, "is_article", r->is_article != 0);
    char *s = cJSON_Print(o);
    cJSON_Delete(o);
    if (!s) return -1;
    puts(s);
    cJSON_free(s);
    return 0;
}

int cmd_extract(int argc, char **argv) {
    int json = 0;
    const char *url = NULL, *content_type = NULL, *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--url") || !strcmp(a, "--content-type")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "bulletin extract: %s needs a value\n", a);
                usage(stderr);
                return EXIT_USAGE;
            }
            if (!strcmp(a, "--url")) url = argv[++i];
            else content_type = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "bulletin extract: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (path) {
            fprintf(stderr, "bulletin extract: one page at a time\n");
            usage(stderr);
            return EXIT_USAGE;
        } else {
            path = a;
        }
    }
    if (!path) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (url && !*url) url = NULL;
    if (content_type && !*content_type) content_type = NULL;
    if (!strncasecmp(path, "http://", 7) || !strncasecmp(path, "https://", 8)) {
        log_error("extract", "%s is a URL: use a file; fetching is done by bulletin fetch", path);
        return EXIT_BAD_INPUT;
    }
    buf_t page = BUF_INIT, err = BUF_INIT;
    if (file_read(path, EXTRACT_MAX_BYTES, &page, &err) != 0) {
        log_error("extract", "%s", buf_cstr(&err));
        buf_free(&page);
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    extract_result_t r;
    if (extract_page(page.data, page.len, url, content_type, &r, &err) != 0) {
        log_error("extract", "%s: %s", path, buf_cstr(&err));
        buf_free(&page);
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    buf_free(&page);
    buf_free(&err);
    int rc = 0;
    if (json) {
        if (print_json(&r) != 0) rc = EXIT_BAD_INPUT;
    } else if (!r.is_article) {
        log_error("extract", "%s: no article found", path);
        rc = EXIT_BAD_INPUT;
    } else {
        fputs(r.text, stdout);
        fputc('\n', stdout);
    }
    extract_free(&r);
    return rc;
}
