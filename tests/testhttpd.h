/* testhttpd.h - start and stop tests/httpd.py, the local HTTP(S) server of
 * the fetch tests: 127.0.0.1 at a free port, chosen by the server and read
 * from its first line of output. Also a throwaway self-signed certificate
 * (openssl CLI) for the HTTPS cases, and small client helpers. */
#ifndef BULLETIN_TESTHTTPD_H
#define BULLETIN_TESTHTTPD_H

#include <signal.h>
#include <sys/types.h>

#include "fetch.h"

typedef struct {
    pid_t pid;
    int port;
    int tls;
    char base[64];  /* "http://127.0.0.1:PORT" */
} testhttpd_t;

/* cert/key: PEM files for HTTPS, NULL for plain HTTP. Returns 0 when up. */
static inline int testhttpd_start(testhttpd_t *h, const char *cert, const char *key) {
    int fds[2];
    memset(h, 0, sizeof *h);
    if (pipe(fds) != 0) return -1;
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        if (cert) execlp("python3", "python3", "tests/httpd.py", "--tls", cert, key, (char *)NULL);
        else execlp("python3", "python3", "tests/httpd.py", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char line[32] = {0};
    size_t got = 0;
    while (got < sizeof line - 1) {
        ssize_t r = read(fds[0], line + got, 1);
        if (r <= 0 || line[got] == '\n') break;
        got++;
    }
    close(fds[0]);
    h->pid = pid;
    h->port = atoi(line);
    h->tls = cert != NULL;
    snprintf(h->base, sizeof h->base, "%s://127.0.0.1:%d", cert ? "https" : "http", h->port);
    if (h->port <= 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    return 0;
}

static inline void testhttpd_stop(testhttpd_t *h) {
    if (h->pid <= 0) return;
    kill(h->pid, SIGTERM);
    waitpid(h->pid, NULL, 0);
    h->pid = 0;
}

/* GET base+path with plain settings (ca_file for HTTPS); the body, or NULL. */
static inline char *testhttpd_get(const testhttpd_t *h, const char *path, const char *ca_file) {
    buf_t url = BUF_INIT;
    buf_printf(&url, "%s%s", h->base, path);
    fetch_req_t req = {.url = url.data, .ca_file = ca_file, .timeout_s = 5};
    fetch_resp_t resp;
    char *out = NULL;
    if (fetch_one(&req, &resp) == 0 && resp.status == 200) out = xstrdup(buf_cstr(&resp.body));
    fetch_resp_free(&resp);
    buf_free(&url);
    return out;
}

/* Sets the answer mode of /f/NAME. */
static inline void testhttpd_mode(const testhttpd_t *h, const char *name, const char *mode,
                                  const char *ca_file) {
    buf_t path = BUF_INIT;
    buf_printf(&path, "/_set?name=%s&mode=%s", name, mode);
    free(testhttpd_get(h, path.data, ca_file));
    buf_free(&path);
}

/* How many requests PATH got. */
static inline int testhttpd_hits(const testhttpd_t *h, const char *path, const char *ca_file) {
    buf_t q = BUF_INIT;
    buf_printf(&q, "/_hits?path=%s", path);
    char *s = testhttpd_get(h, q.data, ca_file);
    int n = s ? atoi(s) : -1;
    free(s);
    buf_free(&q);
    return n;
}

/* A self-signed certificate for 127.0.0.1 in dir (cert.pem, key.pem). */
static inline int testhttpd_make_cert(const char *dir) {
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd,
               "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
               "-keyout '%s/key.pem' -out '%s/cert.pem' -days 2 -subj /CN=127.0.0.1 "
               "-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1",
               dir, dir);
    int rc = system(cmd.data);
    buf_free(&cmd);
    return rc == 0 ? 0 : -1;
}

#endif
