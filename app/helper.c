/* helper.c - see helper.h. */
#include "helper.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"

#ifndef BULLETIN_LIBEXECDIR
#define BULLETIN_LIBEXECDIR "/usr/local/libexec/bulletin"
#endif

int helper_path(const char *name, char *out, size_t out_len) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if ((size_t)snprintf(out, out_len, "%s/%s", exe, name) < out_len &&
                access(out, X_OK) == 0)
                return 0;
        }
    }
    if ((size_t)snprintf(out, out_len, "%s/%s", BULLETIN_LIBEXECDIR, name) < out_len &&
        access(out, X_OK) == 0)
        return 0;
    return -1;
}

int helper_exec(const char *name, int argc, char **argv) {
    char path[PATH_MAX];
    if (helper_path(name, path, sizeof path) != 0) {
        log_error("bulletin", "%s not found beside this program nor in %s; reinstall bulletin",
                  name, BULLETIN_LIBEXECDIR);
        return 1;
    }
    char **args = xcalloc((size_t)argc + 2, sizeof *args);
    args[0] = path;
    for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
    execv(path, args);
    log_error("bulletin", "cannot run %s: %s", path, strerror(errno));
    free(args);
    return 1;
}
