/* buf.h - a growable byte buffer, always NUL-terminated.
 *
 * Contract: a zeroed buf_t (BUF_INIT) is an empty buffer; every append keeps
 * data[len] == '\0' so data can be used as a C string (it may also hold NUL
 * bytes inside, len is the truth). Allocation failure aborts: Bulletin treats
 * out-of-memory as fatal and lets systemd restart it. buf_free releases the
 * memory and leaves an empty buffer. buf_detach hands the string to the caller.
 */
#ifndef BULLETIN_BUF_H
#define BULLETIN_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} buf_t;

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(buf_t *b, size_t extra);
void buf_append(buf_t *b, const void *data, size_t len);
void buf_puts(buf_t *b, const char *s);
/* One byte: inline while it fits (the tokenizer and the shaper put many). */
void buf_putc_grow(buf_t *b, char c);
static inline void buf_putc(buf_t *b, char c) {
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    } else {
        buf_putc_grow(b, c);
    }
}
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap);
void buf_reset(buf_t *b);               /* length 0, memory kept */
void buf_free(buf_t *b);
char *buf_detach(buf_t *b);             /* caller frees; b becomes empty */
const char *buf_cstr(const buf_t *b);   /* "" when empty */

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
