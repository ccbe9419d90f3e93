/* test_demo.c - the offline demo set under feeds/demo/ is complete and consistent.
 *
 * Every feed in feeds/demo/ (*.xml RSS 2.0, *.atom Atom 1.0) must be
 * well-formed (parsed by libxml2 without network access), its items must
 * carry a title, a guid/id, a date and a RELATIVE link to an article page that
 * exists, is not empty and has paragraphs; image enclosures must point at
 * existing PNG/JPEG files. Each article page names its story in
 * <meta name="demo-story" content="...">; at least three stories must be told
 * by two or more outlets so the app has something to group. A second test
 * feeds the same checker a deliberately broken set to show that it catches
 * missing files, absolute links and empty pages.
 */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define DEMO_DIR "feeds/demo"
#define MAX_STORIES 64
#define MAX_FEEDS 16
#define MAX_PAGE_BYTES (1 << 20)

typedef struct {
    char name[64];
    unsigned feed_mask; /* bit i set: feed i tells this story */
} story_tally_t;

typedef struct {
    int rss_feeds, atom_feeds, items, images;
    int problems;           /* every failed check adds one */
    buf_t report;           /* one line per problem */
    story_tally_t stories[MAX_STORIES];
    int story_count;
} demo_check_t;

static void problem(demo_check_t *c, const char *fmt, const char *a, const char *b) {
    c->problems++;
    buf_printf(&c->report, fmt, a ? a : "(null)", b ? b : "(null)");
    buf_putc(&c->report, '\n');
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_name(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

static int in_ns(const xmlNode *n, const char *href) {
    return n->ns && n->ns->href && xmlStrcmp(n->ns->href, (const xmlChar *)href) == 0;
}

/* The trimmed text of the first child element NAME (any namespace when
 * ns is NULL) of parent, malloc'd, or NULL. */
static char *child_text(const xmlNode *parent, const char *name, const char *ns) {
    for (const xmlNode *n = parent->children; n; n = n->next) {
        if (!is_name(n, name) || (ns && !in_ns(n, ns)) || (!ns && n->ns)) continue;
        xmlChar *t = xmlNodeGetContent(n);
        if (!t) return NULL;
        const char *s = (const char *)t;
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
        char *out = xstrdup(s);
        size_t len = strlen(out);
        while (len && strchr(" \n\t\r", out[len - 1])) out[--len] = '\0';
        xmlFree(t);
        if (!*out) {
            free(out);
            return NULL;
        }
        return out;
    }
    return NULL;
}

static char *prop(const xmlNode *n, const char *name) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *out = xstrdup((const char *)v);
    xmlFree(v);
    return out;
}

/* Resolves a link found in file FROM (a path) into path OUT. Links must be
 * relative paths: no scheme, no leading slash. Returns 0 or -1. */
static int resolve_relative(const char *from, const char *link, buf_t *out) {
    if (!link || !*link || strstr(link, "://") || link[0] == '/' || strchr(link, '?')) return -1;
    const char *slash = strrchr(from, '/');
    buf_reset(out);
    if (slash) buf_append(out, from, (size_t)(slash - from + 1));
    buf_puts(out, link);
    return 0;
}

static void tally_story(demo_check_t *c, const char *story, int feed_index) {
    for (int i = 0; i < c->story_count; i++) {
        if (strcmp(c->stories[i].name, story) == 0) {
            c->stories[i].feed_mask |= 1u << feed_index;
            return;
        }
    }
    if (c->story_count == MAX_STORIES) return;
    snprintf(c->stories[c->story_count].name, sizeof c->stories[0].name, "%s", story);
    c->stories[c->story_count].feed_mask = 1u << feed_index;
    c->story_count++;
}

/* The content="..." of <meta name="NAME" content="..."> in an HTML page. */
static char *meta_content(const char *page, const char *attr, const char *name) {
    buf_t needle = BUF_INIT;
    buf_printf(&needle, "<meta %s=\"%s\" content=\"", attr, name);
    const char *p = strstr(page, needle.data);
    char *out = NULL;
    if (p) {
        p += needle.len;
        const char *q = strchr(p, '"');
        if (q && q > p) {
            buf_t v = BUF_INIT;
            buf_append(&v, p, (size_t)(q - p));
            out = buf_detach(&v);
        }
    }
    buf_free(&needle);
    return out;
}

static int is_image_file(const char *path) {
    unsigned char magic[4] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = fread(magic, 1, sizeof magic, f);
    fclose(f);
    if (n < 4) return 0;
    return (magic[0] == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G') ||
           (magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF);
}

static void check_image(demo_check_t *c, const char *base, const char *link) {
    buf_t path = BUF_INIT;
    if (resolve_relative(base, link, &path) != 0)
        problem(c, "%s: image link '%s' is not a relative path", base, link);
    else if (!is_image_file(path.data))
        problem(c, "%s: image '%s' is missing or not PNG/JPEG", base, link);
    else
        c->images++;
    buf_free(&path);
}

/* Checks one article page reached from FEED through LINK. */
static void check_page(demo_check_t *c, const char *feed, int feed_index, const char *link) {
    buf_t path = BUF_INIT, err = BUF_INIT, page = BUF_INIT;
    if (resolve_relative(feed, link, &path) != 0) {
        problem(c, "%s: item link '%s' is not a relative path", feed, link);
        goto done;
    }
    if (file_read(path.data, MAX_PAGE_BYTES, &page, &err) != 0 || page.len == 0) {
        problem(c, "%s: article '%s' is missing or empty", feed, link);
        goto done;
    }
    int paragraphs = 0;
    for (const char *p = page.data; (p = strstr(p, "<p")) != NULL; p += 2)
        if (p[2] == '>' || p[2] == ' ') paragraphs++;
    if (paragraphs < 5) problem(c, "%s: article '%s' has fewer than 5 paragraphs", feed, link);
    if (!strstr(page.data, "<html lang=\"en\"") || !strstr(page.data, "<title>") ||
        !strstr(page.data, "rel=\"canonical\"") || !strstr(page.data, "article:published_time"))
        problem(c, "%s: article '%s' lacks lang, title, canonical or published time", feed, link);
    /* The canonical address is a web one (the QR code shows it), on a
     * reserved .example host: nothing real. */
    const char *canon = strstr(page.data, "rel=\"canonical\" href=\"");
    if (canon) {
        canon += strlen("rel=\"canonical\" href=\"");
        const char *host_end = strchr(canon + 8, '/');
        if (strncmp(canon, "https://", 8) != 0 || !host_end || host_end - canon < 16 ||
            strncmp(host_end - 8, ".example", 8) != 0)
            problem(c, "%s: article '%s' has no https://....example/ canonical link", feed, link);
    }
    char *story = meta_content(page.data, "name", "demo-story");
    if (story)
        tally_story(c, story, feed_index);
    else
        problem(c, "%s: article '%s' has no demo-story marker", feed, link);
    free(story);
    char *og_image = meta_content(page.data, "property", "og:image");
    if (og_image) check_image(c, path.data, og_image);
    free(og_image);
done:
    buf_free(&path);
    buf_free(&err);
    buf_free(&page);
}

static void check_rss(demo_check_t *c, const char *feed, int feed_index, const xmlNode *root) {
    const xmlNode *channel = NULL;
    for (const xmlNode *n = root->children; n; n = n->next)
        if (is_name(n, "channel")) channel = n;
    if (!channel) {
        problem(c, "%s: %s", feed, "RSS without <channel>");
        return;
    }
    c->rss_feeds++;
    for (const xmlNode *n = channel->children; n; n = n->next) {
        if (!is_name(n, "item")) continue;
        c->items++;
        char *title = child_text(n, "title", NULL), *link = child_text(n, "link", NULL);
        char *guid = child_text(n, "guid", NULL), *date = child_text(n, "pubDate", NULL);
        char *description = child_text(n, "description", NULL);
        struct tm tm = {0};
        if (!title || !guid || !description)
            problem(c, "%s: item '%s' lacks title, guid or description", feed, title);
        if (!date || !strptime(date, "%a, %d %b %Y %H:%M:%S", &tm) || tm.tm_year != 126)
            problem(c, "%s: item '%s' has no RFC 822 pubDate in 2026", feed, title);
        check_page(c, feed, feed_index, link);
        for (const xmlNode *m = n->children; m; m = m->next) {
            if (is_name(m, "enclosure") || (is_name(m, "content") && in_ns(m, "http://search.yahoo.com/mrss/"))) {
                char *url = prop(m, "url");
                check_image(c, feed, url);
                free(url);
            }
        }
        free(title);
        free(link);
        free(guid);
        free(date);
        free(description);
    }
}

#define ATOM_NS "http://www.w3.org/2005/Atom"

static void check_atom(demo_check_t *c, const char *feed, int feed_index, const xmlNode *root) {
    c->atom_feeds++;
    for (const xmlNode *n = root->children; n; n = n->next) {
        if (!is_name(n, "entry") || !in_ns(n, ATOM_NS)) continue;
        c->items++;
        char *title = child_text(n, "title", ATOM_NS), *id = child_text(n, "id", ATOM_NS);
        char *published = child_text(n, "published", ATOM_NS), *updated = child_text(n, "updated", ATOM_NS);
        char *summary = child_text(n, "summary", ATOM_NS);
        struct tm tm = {0};
        if (!title || !id || !summary) problem(c, "%s: entry '%s' lacks title, id or summary", feed, title);
        if (!published || !updated || !strptime(published, "%Y-%m-%dT%H:%M:%S", &tm) || tm.tm_year != 126)
            problem(c, "%s: entry '%s' lacks an RFC 3339 published/updated in 2026", feed, title);
        int pages = 0;
        for (const xmlNode *m = n->children; m; m = m->next) {
            if (!is_name(m, "link") || !in_ns(m, ATOM_NS)) continue;
            char *rel = prop(m, "rel"), *href = prop(m, "href");
            if (!rel || strcmp(rel, "alternate") == 0) {
                check_page(c, feed, feed_index, href);
                pages++;
            } else if (strcmp(rel, "enclosure") == 0) {
                check_image(c, feed, href);
            }
            free(rel);
            free(href);
        }
        if (pages != 1) problem(c, "%s: entry '%s' needs exactly one alternate link", feed, title);
        free(title);
        free(id);
        free(published);
        free(updated);
        free(summary);
    }
}

static void check_feed(demo_check_t *c, const char *feed, int feed_index) {
    xmlDoc *doc = xmlReadFile(feed, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        problem(c, "%s: %s", feed, "not well-formed XML");
        return;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    char *version = root ? prop(root, "version") : NULL;
    if (root && is_name(root, "rss") && version && strcmp(version, "2.0") == 0)
        check_rss(c, feed, feed_index, root);
    else if (root && is_name(root, "feed") && in_ns(root, ATOM_NS))
        check_atom(c, feed, feed_index, root);
    else
        problem(c, "%s: %s", feed, "neither RSS 2.0 nor Atom 1.0");
    free(version);
    xmlFreeDoc(doc);
}

/* Checks every *.xml and *.atom feed in DIR (sorted by name). */
static void check_demo_dir(demo_check_t *c, const char *dir) {
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        problem(c, "%s: %s", dir, "cannot read directory");
        return;
    }
    int feed_index = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if ((ends_with(name, ".xml") || ends_with(name, ".atom")) && feed_index < MAX_FEEDS) {
            buf_t path = BUF_INIT;
            buf_printf(&path, "%s/%s", dir, name);
            check_feed(c, path.data, feed_index++);
            buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
}

static int stories_with_sources(const demo_check_t *c, int min_sources) {
    int count = 0;
    for (int i = 0; i < c->story_count; i++)
        if (__builtin_popcount(c->stories[i].feed_mask) >= min_sources) count++;
    return count;
}

static void demo_set_is_complete(void **state) {
    (void)state;
    demo_check_t c = {0};
    check_demo_dir(&c, DEMO_DIR);
    if (c.problems) fprintf(stderr, "%s", c.report.data);
    assert_int_equal(c.problems, 0);
    assert_true(c.rss_feeds >= 2);
    assert_true(c.atom_feeds >= 1);
    assert_true(c.items >= 14 && c.items <= 18);
    assert_true(c.images >= c.items); /* every page has an og:image, most items an enclosure */
    assert_true(stories_with_sources(&c, 2) >= 3);
    assert_true(stories_with_sources(&c, 3) >= 1);
    assert_true(c.story_count >= 8); /* several topics, not one story told many times */
    buf_free(&c.report);
}

static void write_file(const char *dir, const char *name, const char *text) {
    buf_t path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    assert_int_equal(file_write_atomic(path.data, text, strlen(text)), 0);
    buf_free(&path);
}

static void checker_catches_broken_sets(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    assert_non_null(dir);
    buf_t sub = BUF_INIT;
    buf_printf(&sub, "%s/articles", dir);
    assert_int_equal(mkdir(sub.data, 0755), 0);
    const char *good_page =
        "<!DOCTYPE html><html lang=\"en\"><head><title>T - X</title>"
        "<link rel=\"canonical\" href=\"https://x.example/news/a\">"
        "<meta property=\"article:published_time\" content=\"2026-11-20T10:00:00Z\">"
        "<meta name=\"demo-story\" content=\"s1\"></head><body>"
        "<p>one</p><p>two</p><p>three</p><p>four</p><p class=\"x\">five</p></body></html>";
    write_file(sub.data, "a.html", good_page);
    buf_t local_page = BUF_INIT;
    buf_puts(&local_page, good_page);
    char *at = strstr(local_page.data, "https://x.example/news/a");
    memcpy(at, "local.html\">              ", 24); /* canonical: the file itself */
    write_file(sub.data, "local.html", local_page.data);
    buf_free(&local_page);
    write_file(sub.data, "empty.html", "");
    write_file(dir, "a.xml",
               "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A</title>"
               "<item><title>ok</title><link>articles/a.html</link><guid>1</guid><description>d</description>"
               "<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>"
               "<item><title>missing</title><link>articles/nope.html</link><guid>2</guid><description>d</description>"
               "<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>"
               "<item><title>absolute</title><link>https://example.com/a.html</link><guid>3</guid><description>d</description>"
               "<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>"
               "<item><title>empty</title><link>articles/empty.html</link><guid>4</guid><description>d</description>"
               "<pubDate>yesterday</pubDate><enclosure url=\"images/none.png\" type=\"image/png\"/></item>"
               "<item><title>local</title><link>articles/local.html</link><guid>5</guid><description>d</description>"
               "<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>"
               "</channel></rss>");
    write_file(dir, "b.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>unclosed</feed>");
    demo_check_t c = {0};
    check_demo_dir(&c, dir);
    assert_int_equal(c.items, 5);
    assert_int_equal(c.rss_feeds, 1);
    assert_int_equal(c.atom_feeds, 0);
    /* nope.html missing, absolute link, empty.html, bad date, missing image, malformed Atom,
     * a canonical link that is not a web address */
    assert_int_equal(c.problems, 7);
    assert_non_null(strstr(c.report.data, "'articles/local.html' has no https://....example/ canonical"));
    assert_non_null(strstr(c.report.data, "'articles/nope.html' is missing"));
    assert_non_null(strstr(c.report.data, "'https://example.com/a.html' is not a relative path"));
    assert_non_null(strstr(c.report.data, "'articles/empty.html' is missing or empty"));
    assert_non_null(strstr(c.report.data, "'empty' has no RFC 822 pubDate"));
    assert_non_null(strstr(c.report.data, "'images/none.png' is missing"));
    assert_non_null(strstr(c.report.data, "b.atom: not well-formed XML"));
    assert_int_equal(c.story_count, 1);
    assert_int_equal(stories_with_sources(&c, 2), 0);
    buf_free(&c.report);
    buf_free(&sub);
    test_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_set_is_complete),
        cmocka_unit_test(checker_catches_broken_sets),
    };
    int failed = cmocka_run_group_tests_name("demo", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
