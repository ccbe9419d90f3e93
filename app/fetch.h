/* fetch.h - HTTP(S) and local-file fetching with libcurl.
 *
 * Contract: fetch_many performs n independent requests in parallel on one
 * libcurl multi handle, at most limits->parallel at once and at most
 * limits->host_parallel to one host (a queue of our own, so a queued request's
 * timeouts start only when it starts). fetch_one is fetch_many for one.
 * Only http and https are spoken, and a redirect (at most 5) is followed only
 * to http or https: file:, ftp:, gopher:, dict: ... are refused with a reason.
 * file:// is allowed only when req->allow_file is set (feeds the local config
 * lists, and pages those feeds link to). HTTP/2 is used where TLS offers it;
 * gzip, deflate, br and zstd are accepted (whatever this libcurl decodes).
 * The body is capped at req->max_bytes, counted after decompression, so a
 * gzip bomb stops at the cap. Conditional GET: etag/last_modified are sent
 * when given; a 304 answer has status 304 and an empty body.
 * For each request: resp->error is empty when a response arrived (any status:
 * the caller decides), else it holds a one-line reason (transport error, cap,
 * refused redirect, timeout, bad TLS certificate...). TLS verification is on
 * unless req->insecure_tls.
 */
#ifndef BULLETIN_FETCH_H
#define BULLETIN_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct {
    const char *url;
    const char *etag;           /* validators from the last 200, or NULL */
    const char *last_modified;
    const char *user_agent;     /* NULL: "Bulletin/VERSION" */
    const char *ca_file;        /* extra trust anchors (PEM), NULL: the system's */
    int allow_file;
    int insecure_tls;
    size_t max_bytes;           /* 0: FETCH_DEFAULT_MAX_BYTES */
    long timeout_s;             /* whole transfer; 0: 30 s */
    long connect_timeout_s;     /* 0: 10 s */
    long stall_s;               /* under 64 bytes/s for this long aborts; 0: 15 s */
} fetch_req_t;

typedef struct {
    long status;                /* HTTP status; 200 for a file read */
    buf_t body;
    char *etag;
    char *last_modified;
    char *content_type;
    char *effective_url;        /* after redirects */
    char *content_location;     /* the final response's Content-Location, or NULL */
    int permanent_redirect;     /* only 301/308 hops were followed (at least one) */
    long retry_after_s;         /* from Retry-After, 0 when absent */
    long max_age_s;             /* from Cache-Control max-age, 0 when absent */
    char error[256];            /* empty: a response arrived */
    int budget_spent;           /* stopped by limits->deadline_ms (error says so) */
} fetch_resp_t;

typedef struct {
    int parallel;               /* transfers at once; <1: 8 */
    int host_parallel;          /* transfers at once to one host; <1: 2 */
    int64_t deadline_ms;        /* clock_mono_ms() after which every transfer still
                                   queued or running stops (error "time budget
                                   spent"); 0: none */
} fetch_limits_t;

#define FETCH_DEFAULT_MAX_BYTES (8u << 20)

/* Once per process, before any fetch. */
int fetch_global_init(void);
void fetch_global_cleanup(void);

/* Returns 0 when a response arrived, -1 otherwise (reason in resp->error). */
int fetch_one(const fetch_req_t *req, fetch_resp_t *resp);
/* resps[i] answers reqs[i]; each must be freed with fetch_resp_free. Returns
 * how many requests got no response (transport errors). */
size_t fetch_many(const fetch_req_t *reqs, fetch_resp_t *resps, size_t n,
                  const fetch_limits_t *limits);
void fetch_resp_free(fetch_resp_t *resp);

/* A queue that grows while it runs, for a caller that acts on each answer
 * as it comes (fetch_many is one): fetch_queue_add queues a request (req and
 * resp must stay valid until it is given back; resp is cleared), and
 * fetch_queue_next runs the transfers - the same limits and rules as
 * fetch_many, started in the order added - until one is done, and gives
 * back its tag: 1, or 0 when nothing is left. Past limits->deadline_ms
 * everything left comes back at once with budget_spent. fetch_queue_free
 * drops what was not given back (its resps keep what they hold). */
typedef struct fetch_queue fetch_queue_t;
fetch_queue_t *fetch_queue_new(const fetch_limits_t *limits);
void fetch_queue_add(fetch_queue_t *q, const fetch_req_t *req, fetch_resp_t *resp, void *tag);
int fetch_queue_next(fetch_queue_t *q, void **tag);
/* Requests added and not given back yet. */
size_t fetch_queue_size(const fetch_queue_t *q);
void fetch_queue_free(fetch_queue_t *q);

#endif
