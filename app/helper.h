/* helper.h - the executables Bulletin is split into, by role.
 *
 * Contract: `bulletin` (the front end) links only what `points` of a
 * plain-text file needs (the summarizer: libutf8proc and libstemmer, linked
 * statically, so a short command starts without the dynamic loader's
 * work); the other text commands, and `points` of HTML or stdin, run in
 * `bulletin-text` (store, parsers, libxml2, SQLite, cJSON); the commands
 * that draw run in `bulletin-display` (SDL2, SDL2_ttf, SDL2_image), the ones
 * that use the network in `bulletin-fetch` (libcurl), so `bulletin points
 * FILE` never loads the display or network libraries. helper_path finds a helper: first
 * beside the running executable (a source tree: ./bulletin and
 * ./bulletin-display), else in BULLETIN_LIBEXECDIR (an installed prefix:
 * /usr/libexec/bulletin). It returns 0 with the path in out, or -1.
 * helper_exec replaces the process with the helper, giving it argv (argv[0]
 * is the command's name, e.g. "run"), so the pid stays the same (systemd's
 * Type=notify main process); it returns only on failure, with the exit
 * status to use (1, logged).
 */
#ifndef BULLETIN_HELPER_H
#define BULLETIN_HELPER_H

#include <stddef.h>

#define HELPER_TEXT "bulletin-text"
#define HELPER_DISPLAY "bulletin-display"
#define HELPER_FETCH "bulletin-fetch"

int helper_path(const char *name, char *out, size_t out_len);
int helper_exec(const char *name, int argc, char **argv);

#endif
