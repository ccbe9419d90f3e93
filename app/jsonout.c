/* jsonout.c - see jsonout.h. */
#include "jsonout.h"

void jsonout_string(buf_t *b, const char *s) {
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    static const char hex[] = "0123456789abcdef";
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c > 31 && c != '"' && c != '\\') {
            buf_putc(b, (char)c);
            continue;
        }
        buf_putc(b, '\\');
        switch (c) {
        case '"': buf_putc(b, '"'); break;
        case '\\': buf_putc(b, '\\'); break;
        case '\b': buf_putc(b, 'b'); break;
        case '\f': buf_putc(b, 'f'); break;
        case '\n': buf_putc(b, 'n'); break;
        case '\r': buf_putc(b, 'r'); break;
        case '\t': buf_putc(b, 't'); break;
        default:
            buf_puts(b, "u00");
            buf_putc(b, hex[c >> 4]);
            buf_putc(b, hex[c & 15]);
        }
    }
    buf_putc(b, '"');
}
