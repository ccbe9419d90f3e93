/* fetch.c - see fetch.h. */
#include "fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"

#define MODULE "fetch"

typedef struct {
    fetch_resp_t *resp;
    size_t max_bytes;
    int over_cap;
    int saw_permanent;
} transfer_t;

int fetch_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void fetch_global_cleanup(void) { curl_global_cleanup(); }

static size_t on_body(char *data, size_t size, size_t nmemb, void *user) {
    transfer_t *t = user;
    size_t n = size * nmemb;
    if (t->resp->body.len + n > t->max_bytes) {
        t->over_cap = 1;
        return 0; /* aborts the transfer */
    }
    buf_append(&t->resp->body, data, n);
    return n;
}

/* Copies a header value, trimmed, into *field. */
static void take_header(char **field, const char *value, size_t len) {
    while (len && (*value == ' ' || *value == '\t')) value++, len--;
    while (len && (value[len - 1] == '\r' || value[len - 1] == '\n' || value[len - 1] == ' '))
        len--;
    free(*field);
    *field = xstrndup(value, len);
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *user) {
    transfer_t *t = user;
    size_t n = size * nmemb;
    fetch_resp_t *r = t->resp;
    /* A new status line starts each response of a redirect chain. */
    if (n > 5 && strncmp(data, "HTTP/", 5) == 0) {
        const char *sp = memchr(data, ' ', n);
        long code = sp ? strtol(sp + 1, NULL, 10) : 0;
        if (code == 301 || code == 308) t->saw_permanent = 1;
        else if (code >= 300 && code < 400) t->saw_permanent = 0; /* temporary hop breaks it */
        free(r->etag); r->etag = NULL;
        free(r->last_modified); r->last_modified = NULL;
        r->retry_after_s = 0;
        return n;
    }
    const char *colon = memchr(data, ':', n);
    if (!colon) return n;
    size_t klen = (size_t)(colon - data);
    const char *v = colon + 1;
    size_t vlen = n - klen - 1;
    if (klen == 4 && strncasecmp(data, "ETag", 4) == 0) take_header(&r->etag, v, vlen);
    else if (klen == 13 && strncasecmp(data, "Last-Modified", 13) == 0)
        take_header(&r->last_modified, v, vlen);
    else if (klen == 11 && strncasecmp(data, "Retry-After", 11) == 0) {
        char *tmp = NULL;
        take_header(&tmp, v, vlen);
        long secs = strtol(tmp, NULL, 10);
        if (secs <= 0) {
            time_t when = curl_getdate(tmp, NULL);
            secs = when > 0 ? (long)(when - time(NULL)) : 0;
        }
        r->retry_after_s = secs > 0 ? secs : 0;
        free(tmp);
    }
    return n;
}

int fetch_one(const fetch_req_t *req, fetch_resp_t *resp) {
    memset(resp, 0, sizeof *resp);
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(resp->error, sizeof resp->error, "cannot start a transfer");
        return -1;
    }
    transfer_t t = {.resp = resp,
                    .max_bytes = req->max_bytes ? req->max_bytes : FETCH_DEFAULT_MAX_BYTES};
    int is_file = strncasecmp(req->url, "file:", 5) == 0;
    if (is_file && !req->allow_file) {
        snprintf(resp->error, sizeof resp->error, "refused: file: URL from the network");
        curl_easy_cleanup(h);
        return -1;
    }
    struct curl_slist *headers = NULL;
    if (req->etag) {
        buf_t hv = BUF_INIT;
        buf_printf(&hv, "If-None-Match: %s", req->etag);
        headers = curl_slist_append(headers, hv.data);
        buf_free(&hv);
    }
    if (req->last_modified) {
        buf_t hv = BUF_INIT;
        buf_printf(&hv, "If-Modified-Since: %s", req->last_modified);
        headers = curl_slist_append(headers, hv.data);
        buf_free(&hv);
    }
    curl_easy_setopt(h, CURLOPT_URL, req->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, req->allow_file ? "http,https,file" : "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, req->user_agent ? req->user_agent : "Bulletin");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, req->timeout_s ? req->timeout_s : 30L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 64L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 15L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t.max_bytes);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    if (req->insecure_tls) {
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    CURLcode rc = curl_easy_perform(h);
    int ret = 0;
    if (t.over_cap || rc == CURLE_FILESIZE_EXCEEDED) {
        snprintf(resp->error, sizeof resp->error, "body larger than %zu bytes", t.max_bytes);
        ret = -1;
    } else if (rc != CURLE_OK) {
        snprintf(resp->error, sizeof resp->error, "%s", curl_easy_strerror(rc));
        ret = -1;
    } else {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp->status);
        if (is_file && resp->status == 0) resp->status = 200;
        char *ct = NULL, *eff = NULL;
        curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
        curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
        if (ct) resp->content_type = xstrdup(ct);
        if (eff) resp->effective_url = xstrdup(eff);
        long redirects = 0;
        curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects);
        resp->permanent_redirect = redirects > 0 && t.saw_permanent;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    if (ret) buf_free(&resp->body);
    return ret;
}

void fetch_resp_free(fetch_resp_t *resp) {
    buf_free(&resp->body);
    free(resp->etag);
    free(resp->last_modified);
    free(resp->content_type);
    free(resp->effective_url);
    memset(resp, 0, sizeof *resp);
}
