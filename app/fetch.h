/* fetch.h - HTTP(S) and local-file fetching with libcurl.
 *
 * Contract: fetch_one performs one request and never follows a redirect to
 * anything but http or https; file:// is allowed only when req->allow_file is
 * set (feeds the local config lists, and pages those feeds link to). The body
 * is capped at req->max_bytes (also after decompression: a gzip bomb stops at
 * the cap). Conditional GET: etag/last_modified are sent when given; a 304
 * answer has status 304 and an empty body. Returns 0 when a response arrived
 * (any status: the caller decides), -1 on a transport error, with a one-line
 * reason in resp->error. TLS verification is on unless req->insecure_tls.
 */
#ifndef BULLETIN_FETCH_H
#define BULLETIN_FETCH_H

#include <stddef.h>

#include "buf.h"

typedef struct {
    const char *url;
    const char *etag;           /* validators from the last 200, or NULL */
    const char *last_modified;
    const char *user_agent;
    int allow_file;
    int insecure_tls;
    size_t max_bytes;           /* 0: FETCH_DEFAULT_MAX_BYTES */
    long timeout_s;             /* 0: 30 s */
} fetch_req_t;

typedef struct {
    long status;                /* HTTP status; 200 for a file read */
    buf_t body;
    char *etag;
    char *last_modified;
    char *content_type;
    char *effective_url;        /* after redirects */
    int permanent_redirect;     /* a 301/308 was followed */
    long retry_after_s;         /* from Retry-After, 0 when absent */
    char error[256];
} fetch_resp_t;

#define FETCH_DEFAULT_MAX_BYTES (8u << 20)

/* Once per process, before any fetch. */
int fetch_global_init(void);
void fetch_global_cleanup(void);

int fetch_one(const fetch_req_t *req, fetch_resp_t *resp);
void fetch_resp_free(fetch_resp_t *resp);

#endif
