/* test_fetch.c - app/fetch.c against a local HTTP(S) server (tests/httpd.py):
 * statuses, validators, redirects, caps, bad encodings, refused schemes,
 * TLS trust, and the parallel limits of fetch_many. */
#include "testutil.h"

#include "fetch.h"
#include "urlutil.h"
#include "fixture.h"

typedef test_fixture_t fixture_t;

/* Fetches /f/NAME answering in MODE, with short timeouts. */
static int get_mode(fixture_t *f, const char *name, const char *mode, fetch_req_t *req,
                    fetch_resp_t *resp) {
    testhttpd_mode(&f->http, name, mode, NULL);
    static char url[128];
    snprintf(url, sizeof url, "%s/f/%s", f->http.base, name);
    req->url = url;
    if (!req->timeout_s) req->timeout_s = 3;
    if (!req->stall_s) req->stall_s = 1;
    if (!req->connect_timeout_s) req->connect_timeout_s = 2;
    return fetch_one(req, resp);
}

static void test_ok_validators_and_304(void **state) {
    fixture_t *f = *state;
    fetch_req_t req = {0};
    fetch_resp_t resp;
    assert_int_equal(get_mode(f, "a", "ok", &req, &resp), 0);
    assert_int_equal(resp.status, 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "<rss"));
    assert_string_equal(resp.etag, "\"e1\"");
    assert_string_equal(resp.last_modified, "Mon, 10 Feb 2025 08:00:00 GMT");
    assert_int_equal(resp.max_age_s, 30);
    assert_non_null(strstr(resp.content_type, "rss"));
    assert_int_equal(resp.permanent_redirect, 0);
    assert_string_equal(resp.error, "");
    /* The default User-Agent names Bulletin and its version. */
    char *ua = testhttpd_get(&f->http, "/_ua", NULL);
    assert_non_null(ua);
    assert_string_equal(ua, "Bulletin/" BULLETIN_VERSION);
    free(ua);
    char *etag = xstrdup(resp.etag);
    fetch_resp_free(&resp);
    fetch_req_t cond = {.etag = etag, .last_modified = "Mon, 10 Feb 2025 08:00:00 GMT",
                        .user_agent = "Custom/1"};
    assert_int_equal(get_mode(f, "a", "ok", &cond, &resp), 0);
    assert_int_equal(resp.status, 304);
    assert_int_equal(resp.body.len, 0);
    ua = testhttpd_get(&f->http, "/_ua", NULL);
    assert_string_equal(ua, "Custom/1");
    free(ua);
    fetch_resp_free(&resp);
    free(etag);
}

static void test_gzip_decoded(void **state) {
    fixture_t *f = *state;
    fetch_req_t req = {0};
    fetch_resp_t resp;
    assert_int_equal(get_mode(f, "gz", "gzip", &req, &resp), 0);
    assert_int_equal(resp.status, 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "<rss version"));
    fetch_resp_free(&resp);
}

static void test_redirects(void **state) {
    fixture_t *f = *state;
    static const struct { const char *mode; int permanent; } cases[] = {
        {"301", 1}, {"308", 1}, {"302", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fetch_req_t req = {0};
        fetch_resp_t resp;
        char name[16];
        snprintf(name, sizeof name, "r%s", cases[i].mode);
        assert_int_equal(get_mode(f, name, cases[i].mode, &req, &resp), 0);
        assert_int_equal(resp.status, 200);
        assert_int_equal(resp.permanent_redirect, cases[i].permanent);
        char want[128];
        snprintf(want, sizeof want, "%s/f/%s-target", f->http.base, name);
        assert_string_equal(resp.effective_url, want);
        fetch_resp_free(&resp);
    }
}

static void test_error_statuses(void **state) {
    fixture_t *f = *state;
    static const char *const modes[] = {"404", "410", "500", "429"};
    for (size_t i = 0; i < 4; i++) {
        fetch_req_t req = {0};
        fetch_resp_t resp;
        assert_int_equal(get_mode(f, "s", modes[i], &req, &resp), 0);
        assert_int_equal(resp.status, atol(modes[i]));
        assert_int_equal(resp.retry_after_s, i == 3 ? 7200 : 0);
        fetch_resp_free(&resp);
    }
}

/* Each mode must fail, with a reason that contains `why`. */
static void expect_failure(fixture_t *f, const char *mode, size_t max_bytes, const char *why) {
    fetch_req_t req = {.max_bytes = max_bytes};
    /* only drip and stall are about time; the others get time to spare on
     * a loaded machine (the server builds the gzip bomb when first asked) */
    if (strcmp(mode, "drip") && strcmp(mode, "stall")) req.timeout_s = 60, req.stall_s = 30;
    fetch_resp_t resp;
    assert_int_equal(get_mode(f, mode, mode, &req, &resp), -1);
    if (!strstr(resp.error, why)) fail_msg("mode %s: error \"%s\" lacks \"%s\"", mode, resp.error, why);
    assert_int_equal(resp.body.len, 0);
    assert_int_equal(resp.status, 0);
    fetch_resp_free(&resp);
}

static void test_failures(void **state) {
    fixture_t *f = *state;
    expect_failure(f, "big", 64 * 1024, "larger than 65536");
    expect_failure(f, "bomb", 1 << 20, "larger than 1048576");
    expect_failure(f, "badgzip", 0, "bad compressed body");
    expect_failure(f, "loop", 0, "more than 5 redirects");
    expect_failure(f, "tofile", 0, "refused redirect");
    expect_failure(f, "drip", 0, "timed out");
    expect_failure(f, "stall", 0, "timed out");
}

static void test_schemes(void **state) {
    fixture_t *f = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/local.xml", f->dir);
    assert_int_equal(file_write_atomic(path, "<rss/>", 6), 0);
    char url[600];
    snprintf(url, sizeof url, "file://%s", path);
    fetch_req_t req = {.url = url};
    fetch_resp_t resp;
    assert_int_equal(fetch_one(&req, &resp), -1);
    assert_non_null(strstr(resp.error, "refused"));
    fetch_resp_free(&resp);
    req.allow_file = 1;
    assert_int_equal(fetch_one(&req, &resp), 0);
    assert_int_equal(resp.status, 200);
    assert_string_equal(buf_cstr(&resp.body), "<rss/>");
    fetch_resp_free(&resp);
    static const char *const others[] = {"ftp://127.0.0.1/x", "gopher://127.0.0.1/x",
                                         "dict://127.0.0.1/x", "ldap://127.0.0.1/", "x"};
    for (size_t i = 0; i < 5; i++) {
        fetch_req_t r = {.url = others[i], .allow_file = 1};
        assert_int_equal(fetch_one(&r, &resp), -1);
        assert_non_null(strstr(resp.error, "refused"));
        fetch_resp_free(&resp);
    }
    assert_true(url_is_web("HTTPS://x/"));
    assert_false(url_is_web("file:///etc/passwd"));
    assert_false(url_is_web(NULL));
}

static void test_tls_trust(void **state) {
    fixture_t *f = *state;
    assert_int_equal(testhttpd_make_cert(f->dir), 0);
    char cert[512], key[512];
    snprintf(cert, sizeof cert, "%s/cert.pem", f->dir);
    snprintf(key, sizeof key, "%s/key.pem", f->dir);
    testhttpd_t tls;
    assert_int_equal(testhttpd_start(&tls, cert, key), 0);
    char url[128];
    snprintf(url, sizeof url, "%s/f/t", tls.base);
    fetch_req_t req = {.url = url, .timeout_s = 5};
    fetch_resp_t resp;
    assert_int_equal(fetch_one(&req, &resp), -1); /* self-signed: not trusted */
    assert_non_null(strstr(resp.error, "certificate"));
    fetch_resp_free(&resp);
    req.ca_file = cert; /* trusted when given as a trust anchor */
    assert_int_equal(fetch_one(&req, &resp), 0);
    assert_int_equal(resp.status, 200);
    assert_non_null(strstr(buf_cstr(&resp.body), "<rss"));
    fetch_resp_free(&resp);
    req.ca_file = NULL;
    req.insecure_tls = 1; /* the explicit opt-out */
    assert_int_equal(fetch_one(&req, &resp), 0);
    assert_int_equal(resp.status, 200);
    fetch_resp_free(&resp);
    testhttpd_stop(&tls);
}

static void test_many_host_limit(void **state) {
    fixture_t *f = *state;
    enum { N = 6 };
    fetch_req_t reqs[N + 1];
    fetch_resp_t resps[N + 1];
    char urls[N + 1][128];
    testhttpd_mode(&f->http, "slow", "slow", NULL);
    for (int i = 0; i < N; i++) {
        snprintf(urls[i], sizeof urls[i], "%s/f/slow", f->http.base);
        reqs[i] = (fetch_req_t){.url = urls[i], .timeout_s = 10};
    }
    /* One bad request among them answers in its own slot. */
    snprintf(urls[N], sizeof urls[N], "ftp://127.0.0.1/nope");
    reqs[N] = (fetch_req_t){.url = urls[N]};
    fetch_limits_t lim = {.parallel = 8, .host_parallel = 2};
    assert_int_equal(fetch_many(reqs, resps, N + 1, &lim), 1);
    for (int i = 0; i < N; i++) {
        assert_int_equal(resps[i].status, 200);
        fetch_resp_free(&resps[i]);
    }
    assert_non_null(strstr(resps[N].error, "refused"));
    fetch_resp_free(&resps[N]);
    char *busy = testhttpd_get(&f->http, "/_maxbusy", NULL);
    assert_non_null(busy);
    assert_int_equal(atoi(busy), 2); /* never more than host_parallel at once */
    free(busy);
    assert_int_equal(testhttpd_hits(&f->http, "/f/slow", NULL), N);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok_validators_and_304),
        cmocka_unit_test(test_gzip_decoded),
        cmocka_unit_test(test_redirects),
        cmocka_unit_test(test_error_statuses),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_schemes),
        cmocka_unit_test(test_tls_trust),
        cmocka_unit_test(test_many_host_limit),
    };
    return cmocka_run_group_tests(tests, test_fixture_setup, test_fixture_teardown);
}
