/* curlurl.c - see curlurl.h. */
#include "curlurl.h"

#include <dlfcn.h>
#include <stdlib.h>

#include "log.h"

typedef struct {
    int tried;
    CURLU *(*url)(void);
    CURLUcode (*set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*get)(const CURLU *, CURLUPart, char **, unsigned int);
    void (*cleanup)(CURLU *);
    void (*free_)(void *);
} curl_api_t;

static curl_api_t api;

static const curl_api_t *load(void) {
    if (api.tried) return api.url ? &api : NULL;
    api.tried = 1;
    void *lib = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    if (!lib) {
        log_error("url", "cannot load libcurl to resolve links: %s", dlerror());
        return NULL;
    }
    curl_api_t a = {.tried = 1};
    *(void **)&a.url = dlsym(lib, "curl_url");
    *(void **)&a.set = dlsym(lib, "curl_url_set");
    *(void **)&a.get = dlsym(lib, "curl_url_get");
    *(void **)&a.cleanup = dlsym(lib, "curl_url_cleanup");
    *(void **)&a.free_ = dlsym(lib, "curl_free");
    if (!a.url || !a.set || !a.get || !a.cleanup || !a.free_) {
        log_error("url", "libcurl.so.4 lacks the URL API (curl_url)");
        return NULL;
    }
    api = a;
    return &api;
}

CURLU *curlurl_new(void) {
    const curl_api_t *a = load();
    return a ? a->url() : NULL;
}

/* The calls below are only reached with a handle curlurl_new made. */
CURLUcode curlurl_set(CURLU *h, CURLUPart what, const char *part, unsigned int flags) {
    return api.set(h, what, part, flags);
}

CURLUcode curlurl_get(CURLU *h, CURLUPart what, char **part, unsigned int flags) {
    return api.get(h, what, part, flags);
}

void curlurl_cleanup(CURLU *h) {
    if (h) api.cleanup(h);
}

void curlurl_free(void *p) {
    if (p) api.free_(p);
}
