/* cmdutil.c - see cmdutil.h. */
#include "cmdutil.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "helper.h"
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

int cmd_load_config(const char *given, config_t *cfg) {
    char path[4096];
    if (cmd_config_path(given, path, sizeof path) != 0) return -1;
    if (config_load(path, cfg) != 0) {
        config_free(cfg);
        return -1;
    }
    return 0;
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

int cmd_read_document(int argc, char **argv, const char *name, size_t max_bytes,
                      void (*usage)(FILE *), cmd_document_t *doc) {
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"url", required_argument, NULL, 'u'},
                                         {"content-type", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    memset(doc, 0, sizeof *doc);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ju:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': doc->json = 1; break;
        case 'u': doc->url = *optarg ? optarg : NULL; break;
        case 't': doc->content_type = *optarg ? optarg : NULL; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        if (optind < argc) fprintf(stderr, "bulletin %s: one FILE or URL only\n", name);
        usage(stderr);
        return EXIT_USAGE;
    }
    doc->input = argv[optind];
    buf_t err = BUF_INIT;
    int rc = source_read(doc->input, max_bytes, &doc->src, &err);
    if (rc == SOURCE_NEEDS_NETWORK) {
        buf_free(&err);
        return helper_exec(HELPER_FETCH, argc, argv);
    }
    if (rc != 0) {
        log_error(name, "%s", buf_cstr(&err));
        buf_free(&err);
        return EXIT_BAD_INPUT;
    }
    buf_free(&err);
    if (!doc->url) doc->url = doc->src.url;
    if (!doc->content_type) doc->content_type = doc->src.content_type;
    return -1;
}

void cmd_document_free(cmd_document_t *doc) { source_free(&doc->src); }
