/* cmdutil.c - see cmdutil.h. */
#include "cmdutil.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"

#define DEMO_CONFIG "feeds/demo.conf"

static int copy_path(char *out, size_t out_len, const char *path) {
    if ((size_t)snprintf(out, out_len, "%s", path) >= out_len) {
        log_error("config", "config path too long: %s", path);
        return -1;
    }
    return 0;
}

int cmd_config_path(const char *given, char *out, size_t out_len) {
    if (given) return copy_path(out, out_len, given);
    if (access(CONFIG_DEFAULT_PATH, F_OK) == 0) return copy_path(out, out_len, CONFIG_DEFAULT_PATH);
    buf_t demo = BUF_INIT;
    char dir[PATH_MAX];
    if (access(DEMO_CONFIG, R_OK) == 0 && getcwd(dir, sizeof dir)) {
        buf_printf(&demo, "%s/%s", dir, DEMO_CONFIG);
    } else {
        ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
        char *slash = n > 0 ? (dir[n] = '\0', strrchr(dir, '/')) : NULL;
        if (slash) {
            *slash = '\0';
            buf_printf(&demo, "%s/%s", dir, DEMO_CONFIG);
            if (access(demo.data, R_OK) != 0) buf_reset(&demo);
        }
    }
    if (demo.len) {
        log_info("config", "no %s; using the demo config %s (give another with --config FILE)",
                 CONFIG_DEFAULT_PATH, demo.data);
        int rc = copy_path(out, out_len, demo.data);
        buf_free(&demo);
        return rc;
    }
    buf_free(&demo);
    log_error("config", "no config at %s; give one with --config FILE (feeds/demo.conf in the "
              "source tree is an example)", CONFIG_DEFAULT_PATH);
    return -1;
}

int cmd_store_dir_ready(const config_t *cfg) {
    const char *path = cfg->store_path;
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path) return 0;
    char *dir = xstrndup(path, (size_t)(slash - path));
    struct stat st;
    int rc = 0;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            log_error("store", "the store's directory %s is not a directory", dir);
            rc = -1;
        }
    } else if (mkdir(dir, 0755) == 0) {
        log_info("store", "created the store's directory %s", dir);
    } else if (errno == ENOENT) {
        const char *parent_end = strrchr(dir, '/');
        int plen = parent_end && parent_end != dir ? (int)(parent_end - dir) : 1;
        log_error("store", "the store's directory %s does not exist, nor its parent %.*s, "
                  "so it was not made ([store] path = %s)", dir, plen, dir, path);
        rc = -1;
    } else {
        log_error("store", "cannot make the store's directory %s: %s", dir, strerror(errno));
        rc = -1;
    }
    free(dir);
    return rc;
}
