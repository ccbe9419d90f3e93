/* charset_utf8.c - the pure UTF-8 and Windows-1252 helpers of charset.h,
 * apart from charset.c so an executable that needs only them (the front
 * end, helper.h) links no detector (uchardet) nor iconv. */
#include <stdlib.h>
#include <string.h>

#include "charset.h"
/* Windows-1252 0x80..0x9F; the five undefined bytes map to their C1 code
 * points so nothing is lost. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

uint32_t charset_cp1252(unsigned char c) {
    return c >= 0x80 && c <= 0x9F ? cp1252_high[c - 0x80] : c;
}

size_t charset_utf8_decode(const char *str, size_t len, uint32_t *cp) {
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0) return 0;
    unsigned char c = s[0];
    size_t n;
    uint32_t v;
    if (c < 0x80) {
        if (cp) *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) n = 2, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, v = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, v = c & 0x07;
    else return 0;
    if (len < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0; /* overlong, beyond Unicode, surrogate */
    if (cp) *cp = v;
    return n;
}

void charset_put_utf8(buf_t *out, uint32_t cp) {
    char b[4];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;
    if (cp < 0x80) {
        buf_putc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 4);
    }
}

int charset_is_utf8(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = charset_utf8_decode(s + i, len - i, NULL);
        if (!n) return 0;
        i += n;
    }
    return 1;
}

char *charset_utf8_cap(char *s, size_t max_chars, int mark) {
    if (!s || max_chars == 0) return s;
    /* the byte offset of each of the first max_chars + 1 characters */
    size_t chars = 0, i = 0, cut = 0, keep = mark && max_chars > 1 ? max_chars - 1 : max_chars;
    size_t len = strnlen(s, max_chars * 4 + 1); /* no need to know more */
    while (i < len) {
        if (chars == keep) cut = i;
        if (chars == max_chars) break;
        size_t n = charset_utf8_decode(s + i, len - i, NULL);
        i += n ? n : 1;
        chars++;
    }
    if (i >= len || !s[i]) return s; /* short enough */
    if (mark) {
        /* back to a space in the last fifth, so no word is cut */
        size_t floor = cut - cut / 5;
        for (size_t k = cut; k > floor; k--)
            if (s[k - 1] == ' ') {
                cut = k - 1;
                break;
            }
        while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',' || s[cut - 1] == ';')) cut--;
        buf_t b = BUF_INIT;
        buf_append(&b, s, cut);
        buf_puts(&b, "\xE2\x80\xA6");
        free(s);
        return buf_detach(&b);
    }
    s[cut] = '\0';
    return s;
}

size_t charset_repair_utf8(const char *s, size_t len, buf_t *out) {
    const unsigned char *u = (const unsigned char *)s;
    size_t repaired = 0, i = 0, run = 0;
    buf_reserve(out, len);
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = charset_utf8_decode(s + i, len - i, NULL);
        if (n) {
            i += n;
            continue;
        }
        buf_append(out, s + run, i - run);
        charset_put_utf8(out, charset_cp1252(u[i]));
        repaired++;
        i++;
        run = i;
    }
    buf_append(out, s + run, len - run);
    return repaired;
}
