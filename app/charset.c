/* charset.c - see charset.h. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "htmltext.h"
#include "log.h"

/* Windows-1252 0x80..0x9F; the five undefined bytes map to their C1 code
 * points so nothing is lost. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};


static unsigned cp1252(unsigned char c) {
    return c >= 0x80 && c <= 0x9F ? cp1252_high[c - 0x80] : c;
}

/* Length of the valid UTF-8 sequence at s, 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t len) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
        if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;
        if (c == 0xF4 && s[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

int charset_is_utf8(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_seq(u + i, len - i);
        if (!n) return 0;
        i += n;
    }
    return 1;
}

static int has_high_bytes(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return 1;
    return 0;
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
        size_t n = utf8_seq(u + i, len - i);
        if (n) {
            i += n;
            continue;
        }
        buf_append(out, s + run, i - run);
        htmltext_put_utf8(out, cp1252(u[i]));
        repaired++;
        i++;
        run = i;
    }
    buf_append(out, s + run, len - run);
    return repaired;
}

static void lower_copy(char *dst, const char *src, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n && k < CHARSET_NAME_MAX - 1; i++) {
        char c = src[i];
        if (c == '"' || c == '\'' || c == ' ' || c == '\t') continue;
        dst[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    dst[k] = '\0';
}

int charset_from_content_type(const char *ct, char name[CHARSET_NAME_MAX]) {
    name[0] = '\0';
    if (!ct) return 0;
    const char *p = ct;
    while ((p = strcasestr(p, "charset")) != NULL) {
        const char *q = p + 7;
        while (*q == ' ' || *q == '\t') q++;
        if (*q != '=') {
            p = q;
            continue;
        }
        q++;
        while (*q == ' ' || *q == '\t' || *q == '"' || *q == '\'') q++;
        size_t n = strcspn(q, ";,\"' \t\r\n");
        if (n == 0) return 0;
        lower_copy(name, q, n);
        return name[0] != '\0';
    }
    return 0;
}

int charset_from_xml_decl(const char *data, size_t len, char name[CHARSET_NAME_MAX]) {
    name[0] = '\0';
    size_t i = 0;
    while (i < len && i < 64 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (len - i < 6 || memcmp(data + i, "<?xml", 5) != 0) return 0;
    size_t end = i;
    while (end < len && end < i + 512 && data[end] != '>') end++;
    for (size_t k = i; k + 8 < end; k++) {
        if (strncmp(data + k, "encoding", 8) != 0) continue;
        size_t q = k + 8;
        while (q < end && (data[q] == ' ' || data[q] == '\t')) q++;
        if (q >= end || data[q] != '=') return 0;
        q++;
        while (q < end && (data[q] == ' ' || data[q] == '\t')) q++;
        if (q >= end || (data[q] != '"' && data[q] != '\'')) return 0;
        char quote = data[q++];
        size_t v = q;
        while (q < end && data[q] != quote) q++;
        if (q >= end || q == v) return 0;
        lower_copy(name, data + v, q - v);
        return name[0] != '\0';
    }
    return 0;
}

static int is_name(const char *name, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0) return 1;
    return 0;
}

static const char *const utf8_names[] = {"utf-8", "utf8", "us-ascii", "ascii", "unicode-1-1-utf-8",
                                         "x-unicode20utf8", "unicode"};
static const char *const latin1_names[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                           "l1", "windows-1252", "cp1252", "x-cp1252",
                                           "iso_8859-1", "iso-ir-100", "cp819", "ibm819"};

/* iconv names for labels glibc reads differently from what the web means. */
static const char *iconv_name(const char *label) {
    if (strcmp(label, "gb2312") == 0 || strcmp(label, "gbk") == 0 || strcmp(label, "x-gbk") == 0)
        return "GB18030";
    if (strcmp(label, "shift_jis") == 0 || strcmp(label, "sjis") == 0 ||
        strcmp(label, "x-sjis") == 0 || strcmp(label, "shift-jis") == 0)
        return "CP932";
    if (strcmp(label, "euc-kr") == 0 || strcmp(label, "ks_c_5601-1987") == 0) return "CP949";
    if (strcmp(label, "tis-620") == 0 || strcmp(label, "iso-8859-11") == 0) return "CP874";
    if (strcmp(label, "iso-8859-9") == 0 || strcmp(label, "latin5") == 0) return "CP1254";
    return label;
}

/* Converts with iconv; an unconvertible unit becomes U+FFFD. Returns -1
 * when iconv does not know the charset. */
static int convert_iconv(const char *from, const char *data, size_t len, size_t unit, buf_t *out) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return -1;
    char *in = (char *)data;
    size_t in_left = len;
    while (in_left > 0) {
        buf_reserve(out, in_left * 2 + 16);
        char *o = out->data + out->len;
        size_t o_left = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        out->len = (size_t)(o - out->data);
        out->data[out->len] = '\0';
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        /* EILSEQ or a truncated sequence at the end */
        buf_puts(out, "\xEF\xBF\xBD");
        size_t skip = unit < in_left ? unit : in_left;
        in += skip;
        in_left -= skip;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    return 0;
}

static void set_used(char *used, const char *name) {
    if (!used) return;
    size_t n = strlen(name);
    if (n > CHARSET_NAME_MAX - 1) n = CHARSET_NAME_MAX - 1;
    memcpy(used, name, n);
    used[n] = '\0';
}

static void from_utf16(const char *data, size_t len, int big_endian, buf_t *out, char *used) {
    const char *name = big_endian ? "UTF-16BE" : "UTF-16LE";
    set_used(used, name);
    if (convert_iconv(name, data, len, 2, out) != 0) charset_repair_utf8(data, len, out);
}

void charset_to_utf8(const char *data, size_t len, const char *content_type, int sniff_xml_decl,
                     buf_t *out, char *used) {
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        set_used(used, "utf-8");
        charset_repair_utf8(data + 3, len - 3, out);
        return;
    }
    if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
        set_used(used, "UTF-32LE");
        if (convert_iconv("UTF-32LE", data + 4, len - 4, 4, out) != 0) charset_repair_utf8(data, len, out);
        return;
    }
    if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) {
        set_used(used, "UTF-32BE");
        if (convert_iconv("UTF-32BE", data + 4, len - 4, 4, out) != 0) charset_repair_utf8(data, len, out);
        return;
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) return from_utf16(data + 2, len - 2, 0, out, used);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) return from_utf16(data + 2, len - 2, 1, out, used);
    if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] != 0 && u[3] == 0)
        return from_utf16(data, len, 0, out, used);
    if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] != 0)
        return from_utf16(data, len, 1, out, used);

    char label[CHARSET_NAME_MAX];
    if (!charset_from_content_type(content_type, label) &&
        !(sniff_xml_decl && charset_from_xml_decl(data, len, label)))
        label[0] = '\0';
    /* a UTF-16/32 label on bytes that are plainly 8-bit is a mislabel */
    if (strncmp(label, "utf-16", 6) == 0 || strncmp(label, "utf-32", 6) == 0 ||
        strcmp(label, "ucs-2") == 0)
        label[0] = '\0';

    if (!label[0] || is_name(label, utf8_names, sizeof utf8_names / sizeof utf8_names[0]) ||
        (has_high_bytes(data, len) && charset_is_utf8(data, len)) || !has_high_bytes(data, len)) {
        set_used(used, "utf-8");
        size_t fixed = charset_repair_utf8(data, len, out);
        if (fixed) log_debug("charset", "%zu bytes were not UTF-8; read them as Windows-1252", fixed);
        return;
    }
    if (is_name(label, latin1_names, sizeof latin1_names / sizeof latin1_names[0])) {
        set_used(used, "windows-1252");
        buf_reserve(out, len + len / 2);
        for (size_t i = 0; i < len; i++) htmltext_put_utf8(out, cp1252(u[i]));
        return;
    }
    const char *name = iconv_name(label);
    set_used(used, name);
    if (convert_iconv(name, data, len, 1, out) != 0) {
        log_warn("charset", "unknown charset '%s'; reading as UTF-8", label);
        set_used(used, "utf-8");
        charset_repair_utf8(data, len, out);
    }
}
