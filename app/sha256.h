/* sha256.h - SHA-256 (FIPS 180-4) of a byte string.
 *
 * Contract: sha256 writes the 32-byte digest of data[0..len) into out;
 * sha256_hex writes its first hex_chars/2 bytes as lowercase hex plus a NUL
 * into hex (hex_chars even, at most 64; hex holds hex_chars + 1). Pure, no
 * allocation. Used to name cached files after the URL they came from, so a
 * feed cannot pick a URL whose file name collides with another's.
 */
#ifndef BULLETIN_SHA256_H
#define BULLETIN_SHA256_H

#include <stddef.h>

void sha256(const void *data, size_t len, unsigned char out[32]);
void sha256_hex(const void *data, size_t len, char *hex, size_t hex_chars);

#endif
