/* urlutil.c - see urlutil.h. */
#include "urlutil.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

#define URL_MAX_LEN 8192

int url_is_file(const char *url) { return url && strncasecmp(url, "file:", 5) == 0; }

int url_is_web(const char *url) {
    return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

int url_may_follow(const char *url, int from_local_feed) {
    return url_is_web(url) || (from_local_feed && url_is_file(url));
}

char *url_file_path(const char *url) {
    if (!url_is_file(url)) return NULL;
    const char *p = url + 5;
    if (strncmp(p, "//", 2) == 0) {
        p += 2;
        if (strncasecmp(p, "localhost/", 10) == 0) p += 9;
        else if (*p != '/') return NULL; /* another host */
    }
    if (*p != '/' || strchr(p, '%') != NULL) return NULL; /* no escapes to decode: keep it plain */
    return xstrdup(p);
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int url_has_scheme(const char *s) {
    if (!s || !is_alpha(s[0])) return 0;
    size_t i = 1;
    while (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':';
}

/* ref without surrounding white space and inner tabs/line breaks. */
static char *clean_ref(const char *ref) {
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r' || *ref == '\f') ref++;
    size_t n = strlen(ref);
    while (n > 0 && (ref[n - 1] == ' ' || ref[n - 1] == '\t' || ref[n - 1] == '\n' ||
                     ref[n - 1] == '\r' || ref[n - 1] == '\f'))
        n--;
    if (n == 0 || n > URL_MAX_LEN) return NULL;
    char *out = xmalloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (ref[i] != '\t' && ref[i] != '\n' && ref[i] != '\r') out[k++] = ref[i];
    out[k] = '\0';
    return out;
}

static int scheme_allowed(const char *scheme, int allow_file) {
    if (!scheme) return 0;
    if (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0) return 1;
    return allow_file && strcasecmp(scheme, "file") == 0;
}

char *url_resolve(const char *base, const char *ref, int allow_file) {
    if (!ref) return NULL;
    char *clean = clean_ref(ref);
    if (!clean) return NULL;
    if (clean[0] == '#' && base && *base && url_has_scheme(base)) {
        /* a fragment alone: the base without its own fragment (older libcurl
         * resolves it against the base's directory) */
        size_t keep = strcspn(base, "#");
        char *joined = xmalloc(keep + strlen(clean) + 1);
        memcpy(joined, base, keep);
        strcpy(joined + keep, clean);
        free(clean);
        clean = joined;
    }
    int absolute = url_has_scheme(clean);
    if (!absolute && (!base || !*base)) {
        free(clean);
        return NULL;
    }
    CURLU *h = curl_url();
    if (!h) {
        free(clean);
        return NULL;
    }
    char *result = NULL;
    unsigned flags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;
    int ok = 1;
    if (!absolute) ok = curl_url_set(h, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
    if (ok) ok = curl_url_set(h, CURLUPART_URL, clean, flags) == CURLUE_OK;
    if (ok) {
        char *scheme = NULL;
        if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            scheme_allowed(scheme, allow_file)) {
            char *u = NULL;
            if (curl_url_get(h, CURLUPART_URL, &u, 0) == CURLUE_OK && u) {
                result = xstrdup(u);
                curl_free(u);
            }
        }
        curl_free(scheme);
    }
    curl_url_cleanup(h);
    free(clean);
    return result;
}

char *url_document_base(const char *url, const char *content_location) {
    if (!url) return NULL;
    if (content_location && *content_location && url_is_web(url)) {
        char *loc = url_resolve(url, content_location, 0);
        if (loc) return loc;
    }
    return xstrdup(url);
}
