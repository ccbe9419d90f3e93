/* cmd_extract.c - `bulletin extract [--json] [--url U] [--content-type T]
 * FILE|URL`: the main text of one HTML page, read with source.h (a file,
 * '-', a file: URL, or an http(s) URL fetched once; in the front end that
 * runs this command in bulletin-fetch). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "extract.h"
#include "helper.h"
#include "log.h"
#include "source.h"

static void usage(FILE *out) {
    fputs("usage: bulletin extract [--json] [--url U] [--content-type T] FILE|URL\n"
          "\n"
          "Prints the main text of one HTML page: paragraphs (and sub-headings)\n"
          "separated by blank lines. The page is read from FILE ('-' for stdin), a\n"
          "file: URL, or an http(s) URL (fetched once; its final address is the base\n"
          "for links and its Content-Type gives the charset, unless --url and\n"
          "--content-type say otherwise).\n"
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
          "too large, a URL that cannot be fetched), 2 usage error.\n",
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

/* 1 when the bytes can be an HTML page: no NUL bytes in the first 4 KiB
 * and an HTML tag (html, head, body, p, div, article, title, meta, !doctype)
 * in the first 64 KiB; a Content-Type, when known, must say HTML (or XHTML). */
static int looks_like_html(const char *data, size_t len, const char *content_type) {
    if (content_type) {
        size_t n = strcspn(content_type, "; \t");
        if (!(n == 9 && strncasecmp(content_type, "text/html", 9) == 0) &&
            !(n == 21 && strncasecmp(content_type, "application/xhtml+xml", 21) == 0))
            return 0;
    }
    if (memchr(data, '\0', len < 4096 ? len : 4096)) return 0;
    static const char *const tags[] = {"html", "head", "body", "p", "div", "article",
                                       "title", "meta", "!doctype", "main", "h1"};
    size_t scan = len < 65536 ? len : 65536;
    for (size_t i = 0; i + 1 < scan; i++) {
        if (data[i] != '<') continue;
        for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
            size_t tl = strlen(tags[t]);
            if (i + 1 + tl < scan && strncasecmp(data + i + 1, tags[t], tl) == 0) {
                char after = data[i + 1 + tl];
                if (after == '>' || after == ' ' || after == '\t' || after == '\n' ||
                    after == '\r' || after == '/')
                    return 1;
            }
        }
    }
    return 0;
}

int cmd_extract(int argc, char **argv) {
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
        if (optind < argc) fprintf(stderr, "bulletin extract: one page at a time\n");
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *input = argv[optind];
    source_t src;
    buf_t err = BUF_INIT;
    int rc = source_read(input, EXTRACT_MAX_BYTES, &src, &err);
    if (rc == SOURCE_NEEDS_NETWORK) {
        buf_free(&err);
        return helper_exec(HELPER_FETCH, argc, argv);
    }
    if (rc != 0) {
        log_error("extract", "%s", buf_cstr(&err));
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    if (!url) url = src.url;
    if (!content_type) content_type = src.content_type;
    if (!looks_like_html(src.body.data, src.body.len, content_type)) {
        log_error("extract", "%s: not an HTML page%s%s%s", input, content_type ? " (" : "",
                  content_type ? content_type : "", content_type ? ")" : "");
        source_free(&src);
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    extract_result_t r;
    if (extract_page(src.body.data, src.body.len, url, content_type, &r, &err) != 0) {
        log_error("extract", "%s: %s", input, buf_cstr(&err));
        source_free(&src);
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    source_free(&src);
    buf_free(&err);
    rc = 0;
    if (json) {
        if (print_json(&r) != 0) rc = EXIT_BAD_INPUT;
    } else if (!r.is_article) {
        log_error("extract", "%s: no article found", input);
        rc = EXIT_BAD_INPUT;
    } else {
        fputs(r.text, stdout);
        fputc('\n', stdout);
    }
    extract_free(&r);
    return rc;
}
