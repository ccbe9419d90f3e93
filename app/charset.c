/* charset.c - see charset.h. */
#include "charset.h"
#include "charset_internal.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

#include "log.h"

static int has_high_bytes(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return 1;
    return 0;
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

/* charset=LABEL in [p, end) (a Content-Type value, a <meta> tag), the label
 * lower-cased without quotes into name. */
static int find_charset_param(const char *p, const char *end, char name[CHARSET_NAME_MAX]) {
    for (; p + 7 < end; p++) {
        if (strncasecmp(p, "charset", 7) != 0) continue;
        const char *q = p + 7;
        while (q < end && (*q == ' ' || *q == '\t')) q++;
        if (q >= end || *q != '=') continue;
        q++;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '"' || *q == '\'')) q++;
        size_t n = 0;
        while (q + n < end && (isalnum((unsigned char)q[n]) || q[n] == '-' || q[n] == '_' ||
                               q[n] == '.' || q[n] == ':'))
            n++;
        if (n == 0) return 0;
        lower_copy(name, q, n);
        return name[0] != '\0';
    }
    return 0;
}

int charset_from_content_type(const char *ct, char name[CHARSET_NAME_MAX]) {
    name[0] = '\0';
    return ct ? find_charset_param(ct, ct + strlen(ct), name) : 0;
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

int charset_from_html_meta(const char *data, size_t len, char name[CHARSET_NAME_MAX]) {
    name[0] = '\0';
    size_t limit = len < 16384 ? len : 16384;
    const char *end = data + limit;
    for (const char *p = data; p + 5 < end; p++) {
        if (*p != '<' || strncasecmp(p + 1, "meta", 4) != 0) continue;
        const char *close = memchr(p, '>', (size_t)(end - p));
        if (!close) break;
        if (find_charset_param(p + 5, close, name)) return 1;
        p = close;
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
                                           "iso_8859-1", "iso-ir-100", "cp819", "ibm819",
                                           "x-user-defined"};
/* Labels of multi-byte encodings: bytes that break them show a wrong label. */
static const char *const multibyte_names[] = {
    "shift_jis", "sjis", "x-sjis", "shift-jis", "ms_kanji", "windows-31j", "cp932", "euc-jp",
    "x-euc-jp", "euc-kr", "ks_c_5601-1987", "cp949", "uhc", "big5", "big5-hkscs", "x-x-big5",
    "cn-big5", "gb2312", "gbk", "x-gbk", "gb18030", "euc-cn", "euc-tw"};
/* What the detector names for text in a Latin script: a Latin-1 label is
 * not contradicted by these. */
static const char *const latin_script_names[] = {
    "ascii", "utf-8", "windows-1252", "iso-8859-1", "iso-8859-15", "iso-8859-2", "iso-8859-3",
    "iso-8859-4", "iso-8859-9", "iso-8859-10", "iso-8859-13", "iso-8859-16", "windows-1250",
    "windows-1254", "windows-1257", "windows-1258", "ibm852", "mac-centraleurope", "viscii",
    "iso-8859-14", "tis-620" /* a Thai guess on Latin text is noise */};

#define N_OF(a) (sizeof a / sizeof a[0])

/* iconv names for labels glibc reads differently from what the web means. */
static const char *iconv_name(const char *label) {
    if (strcmp(label, "gb2312") == 0 || strcmp(label, "gbk") == 0 || strcmp(label, "x-gbk") == 0 ||
        strcmp(label, "euc-cn") == 0)
        return "GB18030";
    if (strcmp(label, "shift_jis") == 0 || strcmp(label, "sjis") == 0 ||
        strcmp(label, "x-sjis") == 0 || strcmp(label, "shift-jis") == 0)
        return "CP932";
    if (strcmp(label, "euc-kr") == 0 || strcmp(label, "ks_c_5601-1987") == 0 ||
        strcmp(label, "uhc") == 0)
        return "CP949";
    if (strcmp(label, "big5") == 0) return "BIG5-HKSCS";
    if (strcmp(label, "tis-620") == 0 || strcmp(label, "iso-8859-11") == 0) return "CP874";
    if (strcmp(label, "iso-8859-9") == 0 || strcmp(label, "latin5") == 0) return "CP1254";
    return label;
}

/* Converts with iconv; an unconvertible unit becomes U+FFFD. Returns how
 * many units could not be converted, or -1 when iconv does not know the
 * charset (nothing appended). */
static long convert_iconv(const char *from, const char *data, size_t len, size_t unit, buf_t *out) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return -1;
    char *in = (char *)data;
    size_t in_left = len;
    long bad = 0;
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
        bad++;
        size_t skip = unit < in_left ? unit : in_left;
        in += skip;
        in_left -= skip;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    return bad;
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
    if (convert_iconv(name, data, len, 2, out) < 0) charset_repair_utf8(data, len, out);
}

/* 1 when s holds at least one valid multi-byte UTF-8 sequence. */
static int has_utf8_sequence(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0xC2) continue;
        size_t n = charset_utf8_decode(s + i, len - i, NULL);
        if (n > 1) return 1;
    }
    return 0;
}

/* The detector's name for the encoding of data, lower case, or "" when it
 * has no opinion. */
static void detect(const char *data, size_t len, char name[CHARSET_NAME_MAX]) {
    name[0] = '\0';
    uchardet_t ud = uchardet_new();
    if (!ud) return;
    /* 256 KiB is plenty to tell encodings apart */
    if (uchardet_handle_data(ud, data, len < (256u << 10) ? len : (256u << 10)) == 0) {
        uchardet_data_end(ud);
        const char *got = uchardet_get_charset(ud);
        if (got) lower_copy(name, got, strlen(got));
    }
    uchardet_delete(ud);
}

static void from_cp1252(const char *data, size_t len, buf_t *out, char *used) {
    set_used(used, "windows-1252");
    buf_reserve(out, len + len / 2);
    for (size_t i = 0; i < len; i++) charset_put_utf8(out, charset_cp1252((unsigned char)data[i]));
}

/* Reads data as the detected encoding when iconv reads it without errors;
 * returns 0 when it did, -1 when nothing was appended. */
static int from_detected(const char *detected, const char *data, size_t len, buf_t *out,
                         char *used) {
    if (!detected[0] || strcmp(detected, "ascii") == 0 || strcmp(detected, "utf-8") == 0)
        return -1;
    if (is_name(detected, latin1_names, N_OF(latin1_names))) {
        from_cp1252(data, len, out, used);
        return 0;
    }
    const char *name = iconv_name(detected);
    buf_t tmp = BUF_INIT;
    long bad = convert_iconv(name, data, len, 1, &tmp);
    if (bad != 0) {
        buf_free(&tmp);
        return -1;
    }
    log_debug("charset", "read as %s (detected)", name);
    buf_append(out, tmp.data, tmp.len);
    buf_free(&tmp);
    set_used(used, name);
    return 0;
}

static void nul_to_replacement(buf_t *out, size_t from) {
    for (size_t i = from; i < out->len; i++)
        if (out->data[i] == '\0') {
            buf_t fixed = BUF_INIT;
            buf_append(&fixed, out->data + from, i - from);
            for (; i < out->len; i++) {
                if (out->data[i] == '\0') buf_puts(&fixed, "\xEF\xBF\xBD");
                else buf_putc(&fixed, out->data[i]);
            }
            out->len = from;
            buf_append(out, fixed.data, fixed.len);
            buf_free(&fixed);
            return;
        }
}

static void convert(const char *data, size_t len, const char *content_type, charset_doc_t kind,
                    buf_t *out, char *used) {
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        set_used(used, "utf-8");
        charset_repair_utf8(data + 3, len - 3, out);
        return;
    }
    if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
        set_used(used, "UTF-32LE");
        if (convert_iconv("UTF-32LE", data + 4, len - 4, 4, out) < 0) charset_repair_utf8(data, len, out);
        return;
    }
    if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) {
        set_used(used, "UTF-32BE");
        if (convert_iconv("UTF-32BE", data + 4, len - 4, 4, out) < 0) charset_repair_utf8(data, len, out);
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
        !(kind == CHARSET_DOC_XML && charset_from_xml_decl(data, len, label)) &&
        !(kind == CHARSET_DOC_HTML && charset_from_html_meta(data, len, label)))
        label[0] = '\0';
    /* a UTF-16/32 label on bytes that are plainly 8-bit is a mislabel */
    if (strncmp(label, "utf-16", 6) == 0 || strncmp(label, "utf-32", 6) == 0 ||
        strcmp(label, "ucs-2") == 0)
        label[0] = '\0';

    int high = has_high_bytes(data, len);
    if (!high || charset_is_utf8(data, len)) {
        set_used(used, "utf-8");
        charset_repair_utf8(data, len, out);
        return;
    }
    /* Not UTF-8. No label, or a UTF-8 one the bytes break: a legacy
     * encoding unless some of it is UTF-8 (then a few stray bytes). */
    char detected[CHARSET_NAME_MAX] = "";
    if (!label[0] || is_name(label, utf8_names, N_OF(utf8_names))) {
        /* a non-Latin answer is taken when it reads every byte; a Latin one
         * only when no byte looked like UTF-8 */
        detect(data, len, detected);
        if ((!is_name(detected, latin_script_names, N_OF(latin_script_names)) ||
             !has_utf8_sequence(data, len)) &&
            from_detected(detected, data, len, out, used) == 0)
            return;
        set_used(used, "utf-8");
        size_t fixed = charset_repair_utf8(data, len, out);
        log_debug("charset", "%zu bytes were not UTF-8; read them as Windows-1252", fixed);
        return;
    }
    if (is_name(label, latin1_names, N_OF(latin1_names))) {
        detect(data, len, detected);
        if (detected[0] && !is_name(detected, latin_script_names, N_OF(latin_script_names)) &&
            from_detected(detected, data, len, out, used) == 0) {
            log_debug("charset", "labelled %s but reads as %s", label, detected);
            return;
        }
        from_cp1252(data, len, out, used);
        return;
    }
    const char *name = iconv_name(label);
    size_t start = out->len;
    long bad = convert_iconv(name, data, len, 1, out);
    if (bad < 0) {
        log_warn("charset", "unknown charset '%s'; reading as UTF-8", label);
        set_used(used, "utf-8");
        charset_repair_utf8(data, len, out);
        return;
    }
    set_used(used, name);
    if (bad > 0 && is_name(label, multibyte_names, N_OF(multibyte_names))) {
        detect(data, len, detected);
        if (detected[0] && !is_name(detected, latin_script_names, N_OF(latin_script_names)) &&
            strcmp(iconv_name(detected), name) != 0) {
            size_t keep = out->len;
            out->len = start;
            if (from_detected(detected, data, len, out, used) == 0) {
                log_debug("charset", "labelled %s but reads as %s", label, detected);
                return;
            }
            out->len = keep;
        }
    }
}

void charset_to_utf8(const char *data, size_t len, const char *content_type, charset_doc_t kind,
                     buf_t *out, char *used) {
    size_t start = out->len;
    convert(data, len, content_type, kind, out, used);
    if (kind == CHARSET_DOC_HTML) nul_to_replacement(out, start);
    buf_append(out, "", 0);
}
