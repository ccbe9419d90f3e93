/* source_http.c - source_read_http with libcurl (fetch.h): the network half
 * of source.h, linked into bulletin-fetch. */
#include "source.h"

#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "urlutil.h"
#include "version.h"

int source_read_http(const char *url, size_t max_bytes, source_t *out, buf_t *err) {
    if (fetch_global_init() != 0) {
        buf_printf(err, "%s: cannot start the HTTP client", url);
        return -1;
    }
    fetch_req_t req;
    memset(&req, 0, sizeof req);
    req.url = url;
    req.user_agent = "Bulletin/" BULLETIN_VERSION " (office news display)";
    req.max_bytes = max_bytes;
    fetch_resp_t resp;
    memset(&resp, 0, sizeof resp);
    int rc = -1;
    if (fetch_one(&req, &resp) != 0 || resp.error[0]) {
        buf_printf(err, "%s: %s", url, resp.error[0] ? resp.error : "cannot fetch");
    } else if (resp.status != 200) {
        buf_printf(err, "%s: HTTP status %ld", url, resp.status);
    } else {
        buf_append(&out->body, resp.body.data ? resp.body.data : "", resp.body.len);
        /* the base of relative links: Content-Location, else where it ended up */
        out->url = url_document_base(resp.effective_url ? resp.effective_url : url,
                                     resp.content_location);
        out->content_type = resp.content_type ? xstrdup(resp.content_type) : NULL;
        rc = 0;
    }
    fetch_resp_free(&resp);
    fetch_global_cleanup();
    return rc;
}
