/* fileio.h - small, bounded file helpers.
 *
 * Contract: file_read reads a whole file (or "-" for stdin) into a buf_t,
 * refusing anything larger than max_bytes; it returns 0 on success, -1 on
 * error with errno-style text logged by the caller (the message is written to
 * err, if given). file_write_atomic writes to a fresh PATH.tmp-XXXXXX (so
 * two writers never share one), fsyncs it, renames it over PATH and fsyncs
 * the directory, so a crash or power cut leaves either the old or the new
 * file, never half of one; the file is 0644. -1 with errno on failure.
 */
#ifndef BULLETIN_FILEIO_H
#define BULLETIN_FILEIO_H

#include <stddef.h>

#include "buf.h"

int file_read(const char *path, size_t max_bytes, buf_t *out, buf_t *err);
int file_write_atomic(const char *path, const void *data, size_t len);

#endif
