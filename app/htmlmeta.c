/* htmlmeta.c - see htmlmeta.h. */
#include "htmlmeta.h"
#include "htmlmeta_internal.h"

#include "charset.h"
#include "feeddate.h"
#include "htmltext.h"
#include "title.h"
#include "urlutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

/* ------------------------------------------------------------ text helpers */

char *htmlmeta_squash(char *s) {
    if (!s) return s;
    /* one white-space folder for the program: htmltext's (never longer) */
    char *folded = htmltext_fold_text(s, strlen(s), 0);
    strcpy(s, folded);
    free(folded);
    return s;
}

char *htmlmeta_fix_c1(char *s) {
    if (!s) return s;
    int found = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && !found; p++)
        found = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
    if (!found) return s;
    buf_t b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            uint32_t cp = charset_cp1252(p[1]);
            if (cp >= 0xA0) charset_put_utf8(&b, cp); /* the five undefined are dropped */
            p += 2;
        } else {
            buf_putc(&b, (char)*p++);
        }
    }
    free(s);
    return buf_detach(&b);
}

static void node_text_rec(xmlNodePtr n, buf_t *out, int depth) {
    if (depth > HTMLMETA_MAX_DEPTH) return;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) buf_puts(out, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)c->name;
            if (!strcasecmp(name, "script") || !strcasecmp(name, "style") ||
                !strcasecmp(name, "noscript") || !strcasecmp(name, "template"))
                continue;
            if (!strcasecmp(name, "br")) {
                buf_putc(out, ' ');
                continue;
            }
            node_text_rec(c, out, depth + 1);
            buf_putc(out, ' ');
        }
    }
}

void htmlmeta_node_text(xmlNodePtr node, buf_t *out) {
    if (!node) return;
    if (node->type == XML_TEXT_NODE) {
        if (node->content) buf_puts(out, (const char *)node->content);
        return;
    }
    node_text_rec(node, out, 0);
}

static char *node_text_dup(xmlNodePtr node) {
    buf_t b = BUF_INIT;
    htmlmeta_node_text(node, &b);
    char *s = htmlmeta_fix_c1(htmlmeta_squash(buf_detach(&b)));
    if (!s || !*s) {
        free(s);
        return NULL;
    }
    return s;
}

static char *squash_dup(const char *s) {
    if (!s) return NULL;
    char *d = htmlmeta_fix_c1(htmlmeta_squash(xstrdup(s)));
    if (!*d) {
        free(d);
        return NULL;
    }
    return d;
}

static void set_once(char **slot, char *value) {
    if (!value) return;
    if (*slot) {
        free(value);
        return;
    }
    *slot = value;
}

/* ------------------------------------------------------------ URLs, lang */

char *htmlmeta_resolve_url(const char *base, const char *ref) {
    if (!ref) return NULL;
    char *r = squash_dup(ref);
    if (!r || strlen(r) > 4096) {
        free(r);
        return NULL;
    }
    /* Protocol-relative with no base: pages are served over https today. */
    char *resolved;
    if ((!base || !*base) && r[0] == '/' && r[1] == '/') {
        buf_t with = BUF_INIT;
        buf_printf(&with, "https:%s", r);
        resolved = url_resolve(NULL, with.data, 0);
        buf_free(&with);
    } else {
        resolved = url_resolve(base && *base ? base : NULL, r, base && url_is_file(base));
    }
    free(r);
    return resolved;
}

char *htmlmeta_norm_lang(const char *tag) {
    if (!tag) return NULL;
    while (isspace((unsigned char)*tag)) tag++;
    size_t n = 0;
    while (isalpha((unsigned char)tag[n])) n++;
    if (n < 2 || n > 3) return NULL;
    char c = tag[n];
    if (c && c != '-' && c != '_' && !isspace((unsigned char)c) && c != ',' && c != ';')
        return NULL;
    char *out = xstrndup(tag, n);
    for (size_t i = 0; i < n; i++) out[i] = (char)tolower((unsigned char)out[i]);
    return out;
}

/* ------------------------------------------------------------ DOM access */

const char *htmlmeta_attr(xmlNodePtr n, const char *name) {
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->name && !strcasecmp((const char *)a->name, name) && a->children &&
            a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

int htmlmeta_is_element(xmlNodePtr n, const char *name) {
    return n && n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

/* The collector's working state during one walk. */
typedef struct {
    htmlmeta_t *m;
    const char *base;
    char *og_title, *tw_title, *html_title, *ld_headline;
    char *og_image, *tw_image, *ld_image, *link_image, *first_img;
    char *og_url, *canonical, *ld_url;
    char *meta_author, *ld_author, *ld_org_author, *itemprop_author, *rel_author, *byline_el;
    char *base_owned;   /* from <base href> */
    char *og_locale, *html_lang, *meta_lang, *ld_lang;
    char *og_site, *ld_site, *app_name;
    time_t t_meta, t_ld, t_itemprop, t_time, t_other;
    int in_article;
    int ld_is_article;
} collect_t;

static void free_collect(collect_t *c) {
    char **all[] = {&c->og_title, &c->tw_title, &c->html_title, &c->ld_headline, &c->og_image,
                    &c->tw_image, &c->ld_image, &c->link_image, &c->first_img, &c->og_url,
                    &c->canonical, &c->ld_url, &c->meta_author, &c->ld_author,
                    &c->itemprop_author, &c->rel_author, &c->byline_el, &c->og_locale,
                    &c->ld_org_author, &c->base_owned,
                    &c->html_lang, &c->meta_lang, &c->ld_lang, &c->og_site, &c->ld_site,
                    &c->app_name};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        free(*all[i]);
        *all[i] = NULL;
    }
}

static void set_time_once(time_t *slot, const char *s) {
    if (*slot == 0) *slot = feeddate_parse(s);
}

static int looks_like_url(const char *s) {
    return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8) || s[0] == '/');
}

/* "By Jane Doe and John Roe" -> "Jane Doe and John Roe"; NULL for junk. */
static char *clean_byline(const char *s) {
    char *b = squash_dup(s);
    if (!b) return NULL;
    const char *p = b;
    if (!strncasecmp(p, "by ", 3)) p += 3;
    else if (!strncasecmp(p, "by:", 3)) p += 3;
    else if (!strncasecmp(p, "von ", 4)) p += 4;
    else if (!strncasecmp(p, "par ", 4)) p += 4;
    while (*p == ' ') p++;
    char *r = xstrdup(p);
    free(b);
    size_t n = strlen(r);
    while (n > 0 && (r[n - 1] == ',' || r[n - 1] == '|' || r[n - 1] == ' ')) r[--n] = '\0';
    if (n == 0 || n > 200 || looks_like_url(r)) {
        free(r);
        return NULL;
    }
    return r;
}

static void handle_meta(collect_t *c, xmlNodePtr n) {
    const char *key = htmlmeta_attr(n, "property");
    if (!key) key = htmlmeta_attr(n, "name");
    if (!key) key = htmlmeta_attr(n, "itemprop");
    const char *content = htmlmeta_attr(n, "content");
    const char *equiv = htmlmeta_attr(n, "http-equiv");
    if (equiv && content && !strcasecmp(equiv, "content-language"))
        set_once(&c->meta_lang, htmlmeta_norm_lang(content));
    if (!key || !content) return;
    if (!strcasecmp(key, "og:title")) set_once(&c->og_title, squash_dup(content));
    else if (!strcasecmp(key, "twitter:title")) set_once(&c->tw_title, squash_dup(content));
    else if (!strcasecmp(key, "og:image") || !strcasecmp(key, "og:image:url") ||
             !strcasecmp(key, "og:image:secure_url"))
        set_once(&c->og_image, htmlmeta_resolve_url(c->base, content));
    else if (!strcasecmp(key, "twitter:image") || !strcasecmp(key, "twitter:image:src"))
        set_once(&c->tw_image, htmlmeta_resolve_url(c->base, content));
    else if (!strcasecmp(key, "og:url")) set_once(&c->og_url, htmlmeta_resolve_url(c->base, content));
    else if (!strcasecmp(key, "og:site_name")) set_once(&c->og_site, squash_dup(content));
    else if (!strcasecmp(key, "application-name")) set_once(&c->app_name, squash_dup(content));
    else if (!strcasecmp(key, "og:locale")) set_once(&c->og_locale, htmlmeta_norm_lang(content));
    else if (!strcasecmp(key, "og:type")) {
        if (!c->m->og_type) {
            c->m->og_type = squash_dup(content);
            if (c->m->og_type)
                for (char *p = c->m->og_type; *p; p++) *p = (char)tolower((unsigned char)*p);
        }
    } else if (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "datePublished") ||
               !strcasecmp(key, "og:article:published_time"))
        set_time_once(&c->t_meta, content);
    else if (!strcasecmp(key, "pubdate") || !strcasecmp(key, "publishdate") ||
             !strcasecmp(key, "publish-date") || !strcasecmp(key, "date") ||
             !strcasecmp(key, "dc.date") || !strcasecmp(key, "dc.date.issued") ||
             !strcasecmp(key, "dcterms.created") || !strcasecmp(key, "sailthru.date") ||
             !strcasecmp(key, "parsely-pub-date") || !strcasecmp(key, "article.published") ||
             !strcasecmp(key, "original-publish-date") || !strcasecmp(key, "dc.date.created"))
        set_time_once(&c->t_other, content);
    else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
             !strcasecmp(key, "dc.creator") || !strcasecmp(key, "sailthru.author") ||
             !strcasecmp(key, "parsely-author"))
        set_once(&c->meta_author, clean_byline(content));
    else if (!strcasecmp(key, "dc.language") || !strcasecmp(key, "language"))
        set_once(&c->meta_lang, htmlmeta_norm_lang(content));
}

/* ------------------------------------------------------------ JSON-LD */

static const char *const article_types[] = {
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
    "LiveBlogPosting", "Report", "TechArticle", "SatiricalArticle", "SocialMediaPosting",
    "DiscussionForumPosting", "ScholarlyArticle", "AdvertiserContentArticle"};

static int type_is_article(const cJSON *type) {
    if (cJSON_IsArray(type)) {
        const cJSON *t;
        cJSON_ArrayForEach(t, type) if (type_is_article(t)) return 1;
        return 0;
    }
    if (!cJSON_IsString(type)) return 0;
    const char *s = type->valuestring;
    const char *slash = strrchr(s, '/');
    if (slash) s = slash + 1;
    for (size_t i = 0; i < sizeof article_types / sizeof article_types[0]; i++)
        if (!strcmp(s, article_types[i])) return 1;
    return 0;
}

static const char *ld_string(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsArray(v) && cJSON_IsString(cJSON_GetArrayItem(v, 0)))
        return cJSON_GetArrayItem(v, 0)->valuestring;
    return NULL;
}

/* name of a Person/Organization, a string, or the first of an array. */
static const char *ld_name(const cJSON *v) {
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsObject(v)) return ld_string(v, "name");
    if (cJSON_IsArray(v)) return ld_name(cJSON_GetArrayItem(v, 0));
    return NULL;
}

static const char *ld_url_of(const cJSON *v) {
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsObject(v)) {
        const char *u = ld_string(v, "url");
        if (!u) u = ld_string(v, "contentUrl");
        if (!u) u = ld_string(v, "@id");
        return u;
    }
    if (cJSON_IsArray(v)) return ld_url_of(cJSON_GetArrayItem(v, 0));
    return NULL;
}

static int is_organization(const cJSON *v) {
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(v, "@type");
    if (cJSON_IsArray(t)) t = cJSON_GetArrayItem(t, 0);
    return cJSON_IsString(t) && strstr(t->valuestring, "Organization") != NULL;
}

/* Names of the authors; *org set when they are organizations only. */
static char *ld_authors(const cJSON *v, int *org) {
    *org = 0;
    if (!cJSON_IsArray(v)) {
        const char *n = ld_name(v);
        *org = cJSON_IsObject(v) && is_organization(v);
        return n ? clean_byline(n) : NULL;
    }
    int people = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v) people += !(cJSON_IsObject(e) && is_organization(e));
    *org = people == 0;
    buf_t b = BUF_INIT;
    const cJSON *a;
    int count = 0;
    cJSON_ArrayForEach(a, v) {
        const char *n = ld_name(a);
        if (!n || !*n || count >= 8) continue;
        if (people && cJSON_IsObject(a) && is_organization(a)) continue;
        char *clean = clean_byline(n);
        if (!clean) continue;
        if (count++) buf_puts(&b, ", ");
        buf_puts(&b, clean);
        free(clean);
    }
    char *r = buf_detach(&b);
    if (r && !*r) {
        free(r);
        r = NULL;
    }
    return r;
}

static void ld_article(collect_t *c, const cJSON *o) {
    c->ld_is_article = 1;
    set_once(&c->ld_headline, squash_dup(ld_string(o, "headline")));
    if (!c->ld_headline) set_once(&c->ld_headline, squash_dup(ld_string(o, "name")));
    const char *img = ld_url_of(cJSON_GetObjectItemCaseSensitive(o, "image"));
    if (!img) img = ld_url_of(cJSON_GetObjectItemCaseSensitive(o, "thumbnailUrl"));
    if (img) set_once(&c->ld_image, htmlmeta_resolve_url(c->base, img));
    const char *url = ld_url_of(cJSON_GetObjectItemCaseSensitive(o, "mainEntityOfPage"));
    if (!url) url = ld_string(o, "url");
    if (url) set_once(&c->ld_url, htmlmeta_resolve_url(c->base, url));
    int org = 0;
    char *authors = ld_authors(cJSON_GetObjectItemCaseSensitive(o, "author"), &org);
    if (!authors) authors = ld_authors(cJSON_GetObjectItemCaseSensitive(o, "creator"), &org);
    set_once(org ? &c->ld_org_author : &c->ld_author, authors);
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(o, "publisher");
    const char *pname = ld_name(pub);
    if (pname) set_once(&c->ld_site, squash_dup(pname));
    const char *lang = ld_string(o, "inLanguage");
    if (lang) set_once(&c->ld_lang, htmlmeta_norm_lang(lang));
    const char *date = ld_string(o, "datePublished");
    if (!date) date = ld_string(o, "dateCreated");
    if (date) set_time_once(&c->t_ld, date);
    const char *body = ld_string(o, "articleBody");
    if (body && !c->m->article_body) c->m->article_body = xstrdup(body);
}

static void ld_visit(collect_t *c, const cJSON *v, int depth) {
    if (!v || depth > 8) return;
    if (cJSON_IsArray(v)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, v) ld_visit(c, e, depth + 1);
        return;
    }
    if (!cJSON_IsObject(v)) return;
    if (type_is_article(cJSON_GetObjectItemCaseSensitive(v, "@type"))) ld_article(c, v);
    const cJSON *graph = cJSON_GetObjectItemCaseSensitive(v, "@graph");
    if (graph) ld_visit(c, graph, depth + 1);
    /* A WebPage whose mainEntity is the article. */
    const cJSON *main_entity = cJSON_GetObjectItemCaseSensitive(v, "mainEntity");
    if (cJSON_IsObject(main_entity) || cJSON_IsArray(main_entity)) ld_visit(c, main_entity, depth + 1);
}

static void handle_jsonld(collect_t *c, xmlNodePtr script) {
    buf_t b = BUF_INIT;
    for (xmlNodePtr t = script->children; t; t = t->next)
        if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
            buf_puts(&b, (const char *)t->content);
    if (b.len > 0 && b.len <= HTMLMETA_MAX_JSONLD) {
        /* some pages wrap the JSON in an HTML comment or CDATA */
        const char *s = b.data;
        while (*s && *s != '{' && *s != '[') s++;
        cJSON *json = cJSON_ParseWithLength(s, b.len - (size_t)(s - b.data));
        if (json) ld_visit(c, json, 0);
        cJSON_Delete(json);
    }
    buf_free(&b);
}

/* ------------------------------------------------------------ the walk */

static int class_has(xmlNodePtr n, const char *word) {
    const char *cls = htmlmeta_attr(n, "class");
    const char *id = htmlmeta_attr(n, "id");
    return (cls && strcasestr(cls, word)) || (id && strcasestr(id, word));
}

static int img_is_large(xmlNodePtr img) {
    const char *w = htmlmeta_attr(img, "width"), *h = htmlmeta_attr(img, "height");
    const char *src = htmlmeta_attr(img, "src");
    if (!src || !strncasecmp(src, "data:", 5)) return 0;
    if (strcasestr(src, "logo") || strcasestr(src, "icon") || strcasestr(src, "sprite") ||
        strcasestr(src, "pixel") || strcasestr(src, "avatar") || strcasestr(src, ".svg") ||
        strcasestr(src, "blank.gif") || strcasestr(src, "spacer"))
        return 0;
    if (w && atoi(w) > 0 && atoi(w) < 300) return 0;
    if (h && atoi(h) > 0 && atoi(h) < 150) return 0;
    return 1;
}

static void walk(collect_t *c, xmlNodePtr n, int depth) {
    if (depth > HTMLMETA_MAX_DEPTH) return;
    for (xmlNodePtr e = n->children; e; e = e->next) {
        if (e->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)e->name;
        int was_in_article = c->in_article;
        if (!strcasecmp(name, "meta")) {
            handle_meta(c, e);
        } else if (!strcasecmp(name, "title")) {
            if (!c->html_title) c->html_title = node_text_dup(e);
            continue;
        } else if (!strcasecmp(name, "base")) {
            /* <base href>: the base for the page's relative links */
            const char *href = htmlmeta_attr(e, "href");
            char *b = href && !c->base_owned ? htmlmeta_resolve_url(c->base, href) : NULL;
            if (b) {
                c->base_owned = b;
                c->base = b;
            }
        } else if (!strcasecmp(name, "link")) {
            const char *rel = htmlmeta_attr(e, "rel"), *href = htmlmeta_attr(e, "href");
            if (rel && href) {
                if (!strcasecmp(rel, "canonical"))
                    set_once(&c->canonical, htmlmeta_resolve_url(c->base, href));
                else if (!strcasecmp(rel, "image_src"))
                    set_once(&c->link_image, htmlmeta_resolve_url(c->base, href));
            }
        } else if (!strcasecmp(name, "script")) {
            const char *type = htmlmeta_attr(e, "type");
            if (type && strcasestr(type, "ld+json")) handle_jsonld(c, e);
            continue;
        } else if (!strcasecmp(name, "style") || !strcasecmp(name, "noscript") ||
                   !strcasecmp(name, "template")) {
            continue;
        } else if (!strcasecmp(name, "h1")) {
            if (!c->m->h1) c->m->h1 = node_text_dup(e);
        } else if (!strcasecmp(name, "time")) {
            const char *dt = htmlmeta_attr(e, "datetime");
            const char *ip = htmlmeta_attr(e, "itemprop");
            if (dt && ip && !strcasecmp(ip, "datePublished")) set_time_once(&c->t_itemprop, dt);
            else if (dt && (htmlmeta_attr(e, "pubdate") || class_has(e, "publish") || c->in_article))
                set_time_once(&c->t_time, dt);
            else if (dt) set_time_once(&c->t_other, dt);
        } else if (!strcasecmp(name, "img")) {
            const char *src = htmlmeta_attr(e, "src");
            if (!src || !*src) src = htmlmeta_attr(e, "data-src");
            if (!c->first_img && src && img_is_large(e))
                c->first_img = htmlmeta_resolve_url(c->base, src);
        } else if (!strcasecmp(name, "a")) {
            const char *rel = htmlmeta_attr(e, "rel");
            if (rel && !strcasecmp(rel, "author") && !c->rel_author) {
                char *t = node_text_dup(e);
                set_once(&c->rel_author, clean_byline(t));
                free(t);
            }
        } else if (!strcasecmp(name, "article")) {
            c->in_article = 1;
        }
        const char *ip = htmlmeta_attr(e, "itemprop");
        if (ip && !strcasecmp(ip, "author") && !c->itemprop_author) {
            xmlNodePtr name_el = NULL;
            for (xmlNodePtr k = e->children; k; k = k->next)
                if (k->type == XML_ELEMENT_NODE && htmlmeta_attr(k, "itemprop") &&
                    !strcasecmp(htmlmeta_attr(k, "itemprop"), "name"))
                    name_el = k;
            const char *content = htmlmeta_attr(e, "content");
            char *t = content ? squash_dup(content) : node_text_dup(name_el ? name_el : e);
            set_once(&c->itemprop_author, clean_byline(t));
            free(t);
        } else if (ip && !strcasecmp(ip, "datePublished") && !htmlmeta_is_element(e, "time")) {
            const char *v = htmlmeta_attr(e, "content");
            if (!v) v = htmlmeta_attr(e, "datetime");
            if (v) set_time_once(&c->t_itemprop, v);
        }
        if (!c->byline_el && !htmlmeta_is_element(e, "meta") && !htmlmeta_is_element(e, "body") && !htmlmeta_is_element(e, "html")) {
            const char *cls = htmlmeta_attr(e, "class");
            if (cls && (strcasestr(cls, "byline") || strcasestr(cls, "author-name") ||
                        !strcasecmp(cls, "author"))) {
                char *t = node_text_dup(e);
                if (t && strlen(t) < 100) c->byline_el = clean_byline(t);
                free(t);
            }
        }
        walk(c, e, depth + 1);
        c->in_article = was_in_article;
    }
}

static char *take(char **p) {
    char *v = *p;
    *p = NULL;
    return v;
}

static char *first_of(char **a, char **b, char **c3, char **d) {
    if (a && *a) return take(a);
    if (b && *b) return take(b);
    if (c3 && *c3) return take(c3);
    if (d && *d) return take(d);
    return NULL;
}

void htmlmeta_collect(xmlDocPtr doc, const char *base_url, htmlmeta_t *m) {
    memset(m, 0, sizeof *m);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) return;
    collect_t c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.base = base_url;
    const char *lang = htmlmeta_attr(root, "lang");
    if (!lang) lang = htmlmeta_attr(root, "xml:lang");
    c.html_lang = htmlmeta_norm_lang(lang);
    walk(&c, root, 0);
    /* base for relative URLs: prefer the page's own address */
    m->url = first_of(&c.canonical, &c.og_url, &c.ld_url, NULL);
    if (!m->url && base_url) m->url = htmlmeta_resolve_url(NULL, base_url);
    m->site_name = first_of(&c.og_site, &c.ld_site, &c.app_name, NULL);
    m->image = first_of(&c.og_image, &c.tw_image, &c.ld_image, &c.link_image);
    if (!m->image) m->image = take(&c.first_img);
    char *by = first_of(&c.ld_author, &c.itemprop_author, &c.meta_author, &c.rel_author);
    if (!by) by = first_of(&c.byline_el, &c.ld_org_author, NULL, NULL);
    m->byline = by;
    m->lang = first_of(&c.html_lang, &c.meta_lang, &c.og_locale, &c.ld_lang);
    m->published = c.t_meta ? c.t_meta : c.t_ld ? c.t_ld : c.t_itemprop ? c.t_itemprop
                 : c.t_time ? c.t_time : c.t_other;
    const char *raw = c.og_title ? c.og_title : c.ld_headline ? c.ld_headline
                    : c.tw_title ? c.tw_title : c.html_title ? c.html_title : m->h1;
    if (raw) m->title = title_clean(raw, m->site_name, m->h1, NULL);
    /* no declared site name: what the <title> had beside the headline */
    if (!m->site_name && c.html_title) {
        char *site = NULL;
        char *t = title_clean(c.html_title, NULL, m->h1, &site);
        free(t);
        m->site_name = site;
    }
    if (m->title && !*m->title) {
        free(m->title);
        m->title = NULL;
    }
    m->declares_article = c.ld_is_article || (m->og_type && !strcmp(m->og_type, "article"));
    free_collect(&c);
    /* what a slide can show (and the summarizer read): see htmlmeta.h */
    m->title = charset_utf8_cap(m->title, HTMLMETA_MAX_TITLE_CHARS, 1);
    m->h1 = charset_utf8_cap(m->h1, HTMLMETA_MAX_TITLE_CHARS, 1);
    m->byline = charset_utf8_cap(m->byline, HTMLMETA_MAX_NAME_CHARS, 1);
    m->site_name = charset_utf8_cap(m->site_name, HTMLMETA_MAX_NAME_CHARS, 1);
    m->og_type = charset_utf8_cap(m->og_type, HTMLMETA_MAX_NAME_CHARS, 0);
    m->article_body = charset_utf8_cap(m->article_body, HTMLMETA_MAX_BODY_CHARS, 0);
}

void htmlmeta_free(htmlmeta_t *m) {
    if (!m) return;
    free(m->title);
    free(m->h1);
    free(m->image);
    free(m->byline);
    free(m->lang);
    free(m->url);
    free(m->site_name);
    free(m->article_body);
    free(m->og_type);
    memset(m, 0, sizeof *m);
}
