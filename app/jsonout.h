/* jsonout.h - JSON written without a JSON library, for the front end
 * (helper.h), which links none.
 *
 * Contract: jsonout_string appends s (NUL-terminated UTF-8, NULL: null) as
 * a JSON string literal escaped exactly as cJSON_PrintUnformatted escapes
 * it: \" \\ \b \f \n \r \t, any other byte below 0x20 as \u00xx (lower-case
 * hex), every other byte as it is. So a command's output is the same bytes
 * whichever of the two wrote it (tests/test_cli.c compares them).
 */
#ifndef BULLETIN_JSONOUT_H
#define BULLETIN_JSONOUT_H

#include "buf.h"

void jsonout_string(buf_t *b, const char *s);

#endif
