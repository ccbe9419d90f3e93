/* cmdutil.h - what the commands share before they call a module: which
 * config file to read, and a store directory that exists.
 *
 * Contract: cmd_config_path gives the config file a command reads: the one
 * given with --config (given non-NULL) as it is; else the default
 * CONFIG_DEFAULT_PATH when it exists; else, in a source tree (the working
 * directory, or the executable's directory, holds feeds/demo.conf), that
 * demo config, saying so in one log line. Otherwise it logs the path it
 * tried and the --config hint and returns -1.
 * cmd_load_config is cmd_config_path and config_load (config.h) together:
 * 0 with cfg loaded, or -1 (logged) with nothing to free.
 * cmd_store_dir_ready makes sure the directory of cfg->store_path exists:
 * it creates it (mode 0755) when its parent exists, else it logs which
 * directory is missing and returns -1.
 * cmd_read_document is the front half of `feed` and `extract`: it parses
 * [--json] [--url U] [--content-type T] FILE|URL with getopt_long (usage is
 * printed for --help and for a mistake) and reads the input with source.h.
 * It returns -1 when doc holds the document, else the exit status for the
 * command to return at once (0 after --help, 2 a usage error, 1 an input
 * that cannot be read, logged under the command's name). In the front end,
 * which has no network code, an http(s) input re-runs the whole command in
 * bulletin-fetch (helper.h), so the call does not return.
 */
#ifndef BULLETIN_CMDUTIL_H
#define BULLETIN_CMDUTIL_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "source.h"

typedef struct {
    int json;
    const char *url;           /* --url, else where the input came from, else NULL */
    const char *content_type;  /* --content-type, else the HTTP answer's, else NULL */
    const char *input;         /* as given */
    source_t src;
} cmd_document_t;

int cmd_config_path(const char *given, char *out, size_t out_len);
int cmd_load_config(const char *given, config_t *cfg);
int cmd_store_dir_ready(const config_t *cfg);
int cmd_read_document(int argc, char **argv, const char *name, size_t max_bytes,
                      void (*usage)(FILE *), cmd_document_t *doc);
void cmd_document_free(cmd_document_t *doc);

#endif
