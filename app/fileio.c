/* fileio.c - see fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_read(const char *path, size_t max_bytes, buf_t *out, buf_t *err) {
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (err) buf_printf(err, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (err) buf_printf(err, "%s is a directory", path);
        if (fd != STDIN_FILENO) close(fd);
        return -1;
    }
    int rc = 0;
    buf_reserve(out, 0);
    out->data[out->len] = '\0'; /* an empty file is still a C string */
    for (;;) {
        buf_reserve(out, 65536);
        ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (err) buf_printf(err, "cannot read %s: %s", path, strerror(errno));
            rc = -1;
            break;
        }
        if (n == 0) break;
        out->len += (size_t)n;
        out->data[out->len] = '\0';
        if (out->len > max_bytes) {
            if (err) buf_printf(err, "%s is larger than %zu bytes", path, max_bytes);
            rc = -1;
            break;
        }
    }
    if (fd != STDIN_FILENO) close(fd);
    return rc;
}

int file_write_atomic(const char *path, const void *data, size_t len) {
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            close(fd);
            unlink(tmp);
            return -1;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        unlink(tmp);
        return -1;
    }
    return rename(tmp, path);
}
