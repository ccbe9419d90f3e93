/* cmdutil.h - what the commands share before they call a module: which
 * config file to read, and a store directory that exists.
 *
 * Contract: cmd_config_path gives the config file a command reads: the one
 * given with --config (given non-NULL) as it is; else the default
 * CONFIG_DEFAULT_PATH when it exists; else, in a source tree (the working
 * directory, or the executable's directory, holds feeds/demo.conf), that
 * demo config, saying so in one log line. Otherwise it logs the path it
 * tried and the --config hint and returns -1.
 * cmd_store_dir_ready makes sure the directory of cfg->store_path exists:
 * it creates it (mode 0755) when its parent exists, else it logs which
 * directory is missing and returns -1.
 */
#ifndef BULLETIN_CMDUTIL_H
#define BULLETIN_CMDUTIL_H

#include <stddef.h>

#include "config.h"

int cmd_config_path(const char *given, char *out, size_t out_len);
int cmd_store_dir_ready(const config_t *cfg);

#endif
