/* fetch.c - see fetch.h. */
#include "fetch.h"

#include <curl/curl.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "log.h"
#include "urlutil.h"

#define MODULE "fetch"
#define DEFAULT_PARALLEL 8
#define DEFAULT_HOST_PARALLEL 2

/* One request under way. */
typedef struct {
    const fetch_req_t *req;
    fetch_resp_t *resp;
    CURL *easy;
    struct curl_slist *headers;
    char *host;                 /* lowercase, for the per-host limit */
    size_t max_bytes;
    int is_file;
    int over_cap;
    int saw_permanent;          /* every redirect hop so far was 301/308 */
    int saw_temporary;
    int running;
    void *tag;                  /* the caller's, given back when it is done */
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
    while (len && (value[len - 1] == '\r' || value[len - 1] == '\n' || value[len - 1] == ' ' ||
                   value[len - 1] == '\t'))
        len--;
    free(*field);
    *field = xstrndup(value, len);
}

/* max-age=N in a Cache-Control value; 0 when absent or no-cache/no-store. */
static long parse_max_age(const char *v) {
    long age = 0;
    for (const char *p = v; *p;) {
        while (*p == ' ' || *p == ',') p++;
        if (strncasecmp(p, "max-age", 7) == 0) {
            const char *q = p + 7;
            while (*q == ' ') q++;
            if (*q == '=') {
                q++;
                while (*q == ' ' || *q == '"') q++;
                if (isdigit((unsigned char)*q)) {
                    long n = 0;
                    while (isdigit((unsigned char)*q) && n < 100000000) n = n * 10 + (*q++ - '0');
                    age = n;
                }
            }
        } else if (strncasecmp(p, "no-cache", 8) == 0 || strncasecmp(p, "no-store", 8) == 0) {
            return 0;
        }
        while (*p && *p != ',') p++;
    }
    return age;
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
        else if (code >= 300 && code < 400 && code != 304) t->saw_temporary = 1;
        free(r->etag); r->etag = NULL;
        free(r->last_modified); r->last_modified = NULL;
        free(r->content_location); r->content_location = NULL;
        r->retry_after_s = 0;
        r->max_age_s = 0;
        return n;
    }
    const char *colon = memchr(data, ':', n);
    if (!colon) return n;
    size_t klen = (size_t)(colon - data);
    const char *v = colon + 1;
    size_t vlen = n - klen - 1;
    if (vlen > 4096) return n; /* nothing we read is that long */
    if (klen == 4 && strncasecmp(data, "ETag", 4) == 0) take_header(&r->etag, v, vlen);
    else if (klen == 13 && strncasecmp(data, "Last-Modified", 13) == 0)
        take_header(&r->last_modified, v, vlen);
    else if (klen == 16 && strncasecmp(data, "Content-Location", 16) == 0)
        take_header(&r->content_location, v, vlen);
    else if (klen == 13 && strncasecmp(data, "Cache-Control", 13) == 0) {
        char *tmp = NULL;
        take_header(&tmp, v, vlen);
        r->max_age_s = parse_max_age(tmp);
        free(tmp);
    } else if (klen == 11 && strncasecmp(data, "Retry-After", 11) == 0) {
        char *tmp = NULL;
        take_header(&tmp, v, vlen);
        char *end;
        long secs = strtol(tmp, &end, 10);
        if (end == tmp) { /* an HTTP date */
            time_t when = curl_getdate(tmp, NULL);
            secs = when > 0 ? (long)(when - time(NULL)) : 0;
        }
        r->retry_after_s = secs > 0 ? secs : 0;
        free(tmp);
    }
    return n;
}

static char *host_of(const char *url) {
    CURLU *u = curl_url();
    char *host = NULL, *out;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host) {
        out = xstrdup(host);
        for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
        curl_free(host);
    } else {
        out = xstrdup("");
    }
    curl_url_cleanup(u);
    return out;
}

static void add_header(struct curl_slist **headers, const char *name, const char *value) {
    buf_t hv = BUF_INIT;
    buf_printf(&hv, "%s: %s", name, value);
    *headers = curl_slist_append(*headers, hv.data);
    buf_free(&hv);
}

/* Sets up t's easy handle; returns 0, or -1 with the reason in t->resp->error. */
static int transfer_setup(transfer_t *t) {
    const fetch_req_t *req = t->req;
    fetch_resp_t *resp = t->resp;
    t->max_bytes = req->max_bytes ? req->max_bytes : FETCH_DEFAULT_MAX_BYTES;
    t->is_file = url_is_file(req->url);
    t->host = host_of(req->url ? req->url : "");
    if (!req->url || !url_may_follow(req->url, req->allow_file)) {
        snprintf(resp->error, sizeof resp->error, "refused: %s URL (only http and https)",
                 t->is_file ? "file:" : "non-web");
        return -1;
    }
    t->easy = curl_easy_init();
    if (!t->easy) {
        snprintf(resp->error, sizeof resp->error, "cannot start a transfer");
        return -1;
    }
    CURL *h = t->easy;
    if (req->etag && *req->etag) add_header(&t->headers, "If-None-Match", req->etag);
    if (req->last_modified && *req->last_modified)
        add_header(&t->headers, "If-Modified-Since", req->last_modified);
    curl_easy_setopt(h, CURLOPT_URL, req->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, t->is_file ? "file" : "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    /* Over TLS, wait for a connection that may turn out to multiplex (h2)
     * rather than open another; plain http is HTTP/1.1 here. */
    if (strncasecmp(req->url, "https:", 6) == 0) curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT,
                     req->user_agent && *req->user_agent ? req->user_agent
                                                         : "Bulletin/" BULLETIN_VERSION);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, req->connect_timeout_s ? req->connect_timeout_s : 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, req->timeout_s ? req->timeout_s : 30L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 64L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, req->stall_s ? req->stall_s : 15L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->max_bytes);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(h, CURLOPT_PRIVATE, t);
    if (req->ca_file && *req->ca_file) curl_easy_setopt(h, CURLOPT_CAINFO, req->ca_file);
    if (req->insecure_tls) {
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    return 0;
}

/* Fills t->resp from a finished transfer. */
static void transfer_finish(transfer_t *t, CURLcode rc) {
    fetch_resp_t *resp = t->resp;
    CURL *h = t->easy;
    if (t->over_cap || rc == CURLE_FILESIZE_EXCEEDED) {
        snprintf(resp->error, sizeof resp->error, "body larger than %zu bytes", t->max_bytes);
    } else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
        char *target = NULL;
        curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &target);
        long hops = 0;
        curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &hops);
        if (target || hops > 0)
            snprintf(resp->error, sizeof resp->error,
                     "refused redirect to a non-http(s) URL%s%.200s", target ? ": " : "",
                     target ? target : "");
        else /* the URL was http(s): the answer was not HTTP (no status line) */
            snprintf(resp->error, sizeof resp->error, "not an HTTP answer (%s)",
                     curl_easy_strerror(rc));
    } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
        snprintf(resp->error, sizeof resp->error, "more than 5 redirects (a loop?)");
    } else if (rc == CURLE_BAD_CONTENT_ENCODING) {
        snprintf(resp->error, sizeof resp->error, "bad compressed body (content encoding)");
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        snprintf(resp->error, sizeof resp->error, "timed out (%s)", curl_easy_strerror(rc));
    } else if (rc != CURLE_OK) {
        snprintf(resp->error, sizeof resp->error, "%s", curl_easy_strerror(rc));
    } else {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp->status);
        if (t->is_file && resp->status == 0) resp->status = 200;
        char *ct = NULL, *eff = NULL;
        curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
        curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
        if (ct) resp->content_type = xstrdup(ct);
        if (eff) resp->effective_url = xstrdup(eff);
        long redirects = 0;
        curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects);
        resp->permanent_redirect = redirects > 0 && t->saw_permanent && !t->saw_temporary;
    }
    if (resp->error[0]) {
        buf_free(&resp->body);
        resp->status = 0;
    }
}

struct fetch_queue {
    CURLM *multi;
    size_t parallel, per_host;
    int64_t deadline_ms;
    transfer_t **waiting;       /* in the order added */
    size_t n_waiting, cap_waiting;
    transfer_t **running;       /* at most parallel */
    size_t n_running;
    transfer_t **done;          /* finished, not returned yet (FIFO) */
    size_t n_done, cap_done, done_head;
};

static void push(transfer_t ***list, size_t *n, size_t *cap, transfer_t *t) {
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *list = xrealloc(*list, *cap * sizeof **list);
    }
    (*list)[(*n)++] = t;
}

static void queue_done(fetch_queue_t *q, transfer_t *t) {
    if (q->done_head > 0 && q->done_head == q->n_done) q->done_head = q->n_done = 0;
    push(&q->done, &q->n_done, &q->cap_done, t);
}

static void transfer_free(transfer_t *t) {
    if (t->easy) curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    free(t->host);
    free(t);
}

static size_t host_running(const fetch_queue_t *q, const char *host) {
    size_t c = 0;
    for (size_t i = 0; i < q->n_running; i++) c += strcmp(q->running[i]->host, host) == 0;
    return c;
}

fetch_queue_t *fetch_queue_new(const fetch_limits_t *limits) {
    fetch_queue_t *q = xcalloc(1, sizeof *q);
    q->parallel = limits && limits->parallel > 0 ? (size_t)limits->parallel : DEFAULT_PARALLEL;
    q->per_host = limits && limits->host_parallel > 0 ? (size_t)limits->host_parallel
                                                      : DEFAULT_HOST_PARALLEL;
    q->deadline_ms = limits ? limits->deadline_ms : 0;
    q->running = xcalloc(q->parallel, sizeof *q->running);
    return q;
}

void fetch_queue_add(fetch_queue_t *q, const fetch_req_t *req, fetch_resp_t *resp, void *tag) {
    transfer_t *t = xcalloc(1, sizeof *t);
    memset(resp, 0, sizeof *resp);
    t->req = req;
    t->resp = resp;
    t->tag = tag;
    if (transfer_setup(t) != 0) {
        queue_done(q, t);
        return;
    }
    if (!q->multi) {
        q->multi = curl_multi_init();
        if (!q->multi) {
            snprintf(resp->error, sizeof resp->error, "cannot start");
            queue_done(q, t);
            return;
        }
        curl_multi_setopt(q->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
        curl_multi_setopt(q->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)q->per_host);
    }
    push(&q->waiting, &q->n_waiting, &q->cap_waiting, t);
}

size_t fetch_queue_size(const fetch_queue_t *q) {
    return q->n_waiting + q->n_running + (q->n_done - q->done_head);
}

/* The time budget is spent: every transfer still waiting or running stops. */
static void queue_stop_all(fetch_queue_t *q) {
    transfer_t **lists[2] = {q->running, q->waiting};
    size_t ns[2] = {q->n_running, q->n_waiting};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < ns[l]; i++) {
            transfer_t *t = lists[l][i];
            if (t->running) curl_multi_remove_handle(q->multi, t->easy);
            curl_easy_cleanup(t->easy);
            t->easy = NULL;
            t->running = 0;
            buf_free(&t->resp->body);
            t->resp->budget_spent = 1;
            snprintf(t->resp->error, sizeof t->resp->error,
                     "not fetched: the pass's time budget is spent");
            queue_done(q, t);
        }
    q->n_running = q->n_waiting = 0;
}

/* Starts what the limits allow, in order, skipping busy hosts. */
static void queue_start(fetch_queue_t *q) {
    size_t kept = 0;
    for (size_t i = 0; i < q->n_waiting; i++) {
        transfer_t *t = q->waiting[i];
        if (q->n_running >= q->parallel || host_running(q, t->host) >= q->per_host) {
            q->waiting[kept++] = t;
            continue;
        }
        if (curl_multi_add_handle(q->multi, t->easy) != CURLM_OK) {
            snprintf(t->resp->error, sizeof t->resp->error, "cannot start a transfer");
            queue_done(q, t);
            continue;
        }
        t->running = 1;
        q->running[q->n_running++] = t;
    }
    q->n_waiting = kept;
}

int fetch_queue_next(fetch_queue_t *q, void **tag) {
    while (q->done_head == q->n_done) {
        if (q->n_running == 0 && q->n_waiting == 0) return 0;
        if (q->deadline_ms > 0 && clock_mono_ms() >= q->deadline_ms) {
            queue_stop_all(q);
            break;
        }
        queue_start(q);
        int still = 0;
        curl_multi_perform(q->multi, &still);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(q->multi, &left))) {
            if (msg->msg != CURLMSG_DONE) continue;
            transfer_t *t = NULL;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            transfer_finish(t, msg->data.result);
            curl_multi_remove_handle(q->multi, t->easy);
            curl_easy_cleanup(t->easy);
            t->easy = NULL;
            t->running = 0;
            for (size_t i = 0; i < q->n_running; i++)
                if (q->running[i] == t) {
                    q->running[i] = q->running[--q->n_running];
                    break;
                }
            queue_done(q, t);
        }
        if (q->done_head == q->n_done && q->n_running > 0)
            curl_multi_poll(q->multi, NULL, 0, 200, NULL);
    }
    transfer_t *t = q->done[q->done_head++];
    *tag = t->tag;
    transfer_free(t);
    return 1;
}

void fetch_queue_free(fetch_queue_t *q) {
    if (!q) return;
    for (size_t i = 0; i < q->n_running; i++) {
        curl_multi_remove_handle(q->multi, q->running[i]->easy);
        transfer_free(q->running[i]);
    }
    for (size_t i = 0; i < q->n_waiting; i++) transfer_free(q->waiting[i]);
    for (size_t i = q->done_head; i < q->n_done; i++) transfer_free(q->done[i]);
    if (q->multi) curl_multi_cleanup(q->multi);
    free(q->running);
    free(q->waiting);
    free(q->done);
    free(q);
}

size_t fetch_many(const fetch_req_t *reqs, fetch_resp_t *resps, size_t n,
                  const fetch_limits_t *limits) {
    fetch_queue_t *q = fetch_queue_new(limits);
    for (size_t i = 0; i < n; i++) fetch_queue_add(q, &reqs[i], &resps[i], NULL);
    void *tag;
    while (fetch_queue_next(q, &tag)) {
    }
    fetch_queue_free(q);
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) failed += resps[i].error[0] != 0;
    return failed;
}

int fetch_one(const fetch_req_t *req, fetch_resp_t *resp) {
    fetch_limits_t lim = {.parallel = 1, .host_parallel = 1};
    return fetch_many(req, resp, 1, &lim) ? -1 : 0;
}

void fetch_resp_free(fetch_resp_t *resp) {
    buf_free(&resp->body);
    free(resp->etag);
    free(resp->last_modified);
    free(resp->content_type);
    free(resp->effective_url);
    free(resp->content_location);
    memset(resp, 0, sizeof *resp);
}
