/* title.c - see title.h. */
#include "title.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "htmltext.h"
#include "utf8text.h"

/* Between a headline and a site name. ": " only next to a declared name
 * ("Budget 2025: what it means for you" is a headline). */
static const char *const separators[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                         " :: ", " \xC2\xB7 ", " \xC2\xBB ", " // ", " / ",
                                         " ~ ", ": ", NULL};
#define N_GUESS_SEPARATORS 10 /* all but ": " */

static char *fold(const char *s, size_t len) { return htmltext_fold_text(s, len, 0); }

static size_t count_words(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) n++;
    return n;
}

static int same_text(const char *a, size_t alen, const char *b) {
    return alen == strlen(b) && !strncasecmp(a, b, alen);
}

/* Takes separators (spaces, dashes, bars, colons, slashes, middle dots,
 * guillemets) off both ends of [*p, *p + *len). */
static void trim_separators(const char **p, size_t *len) {
    static const char *const seps[] = {" ", "-", "|", ":", "/", "~", "\xE2\x80\x93", "\xE2\x80\x94",
                                       "\xC2\xB7", "\xC2\xBB", "\xC2\xAB", NULL};
    for (int again = 1; again && *len;) {
        again = 0;
        for (const char *const *sp = seps; *sp; sp++) {
            size_t n = strlen(*sp);
            if (*len >= n && !memcmp(*p, *sp, n)) *p += n, *len -= n, again = 1;
            if (*len >= n && !memcmp(*p + *len - n, *sp, n)) *len -= n, again = 1;
        }
    }
}

/* Keeps the first part removed in *site, when it is a name (five words or fewer). */
static void note_site(char **site, const char *part, size_t len) {
    if (!site || *site) return;
    trim_separators(&part, &len);
    if (len == 0 || count_words(part, len) > 5) return;
    *site = fold(part, len);
}

static int is_site_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '&' || c == '\'' || c == ' ';
}

/* Does t[0,n) look like a site name: at most 4 words, each capitalized or
 * a domain ("BBC News", "Reuters", "nytimes.com")? */
static int looks_like_site(const char *t, size_t n) {
    while (n && t[n - 1] == ' ') n--;
    while (n && *t == ' ') t++, n--;
    if (n == 0 || n > 40) return 0;
    size_t words = 0;
    int domain = memchr(t, '.', n) != NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80 && !is_site_word_char((char)c)) return 0;
        if (i == 0 || t[i - 1] == ' ') {
            if (t[i] == ' ') continue;
            words++;
            if (!domain && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c < 0x80)
                return 0;
        }
    }
    return words >= 1 && words <= 4;
}

/* The last separator in t (*sep_len set), or NULL. */
static const char *last_separator(const char *t, size_t *sep_len) {
    const char *best = NULL;
    for (size_t k = 0; k < N_GUESS_SEPARATORS; k++) {
        for (const char *q = strstr(t, separators[k]); q; q = strstr(q + 1, separators[k]))
            if (!best || q > best) {
                best = q;
                *sep_len = strlen(separators[k]);
            }
    }
    return best;
}

/* The declared site name at either end: 1 and t cut when found. */
static int cut_declared(char *t, const char *site_name) {
    size_t len = strlen(t);
    for (const char *const *sp = separators; *sp; sp++) {
        size_t sl = strlen(*sp);
        const char *first = strstr(t, *sp), *last = NULL;
        for (const char *p = first; p; p = strstr(p + 1, *sp)) last = p;
        if (!last) continue;
        const char *tail = last + sl;
        if (same_text(tail, len - (size_t)(tail - t), site_name)) {
            t[last - t] = '\0';
            return 1;
        }
        if (same_text(t, (size_t)(first - t), site_name)) {
            memmove(t, first + sl, strlen(first + sl) + 1);
            return 1;
        }
    }
    return 0;
}

/* A site name guessed at either end: 1 and t cut when found. */
static int cut_guessed(char *t, char **site) {
    size_t n = strlen(t), sl = 0;
    const char *best = last_separator(t, &sl);
    if (best && best > t) {
        const char *tail = best + sl;
        size_t tail_len = n - (size_t)(tail - t);
        /* dashes and slashes also join words inside headlines; bars and the like don't */
        int joins = best[1] == '-' || best[1] == '/' || best[1] == '~' || (unsigned char)best[1] == 0xE2;
        if (count_words(t, (size_t)(best - t)) >= (joins ? 3u : 1u) && looks_like_site(tail, tail_len)) {
            note_site(site, tail, tail_len);
            t[best - t] = '\0';
            return 1;
        }
    }
    static const char *const prefix_seps[] = {" | ", " :: "};
    for (size_t k = 0; k < 2; k++) {
        const char *bar = strstr(t, prefix_seps[k]);
        size_t bl = strlen(prefix_seps[k]);
        if (bar && looks_like_site(t, (size_t)(bar - t)) &&
            count_words(bar + bl, strlen(bar + bl)) >= 3) {
            note_site(site, t, (size_t)(bar - t));
            memmove(t, bar + bl, strlen(bar + bl) + 1);
            return 1;
        }
    }
    return 0;
}

char *title_clean(const char *title, const char *site_name, const char *h1, char **site) {
    if (site) *site = NULL;
    if (!title) title = "";
    char *t = fold(title, strlen(title));
    size_t len = strlen(t);
    /* A title that is the h1 with something around it: the h1. */
    const char *at = h1 && strlen(h1) >= 15 && strlen(h1) < len ? strcasestr(t, h1) : NULL;
    if (at) {
        /* the rest names the site */
        const char *rest = at == t ? t + strlen(h1) : t;
        size_t rest_len = at == t ? strlen(rest) : (size_t)(at - t);
        note_site(site, rest, rest_len);
        free(t);
        return fold(h1, strlen(h1));
    }
    if (site_name && *site_name && cut_declared(t, site_name)) {
        char *r = fold(t, strlen(t));
        free(t);
        return r;
    }
    for (int round = 0; round < 2 && cut_guessed(t, site); round++) {
    }
    char *r = fold(t, strlen(t));
    free(t);
    return r;
}

char *title_headline(const char *title, char **site) {
    char *norm = utf8text_normalize(title ? title : "", title ? strlen(title) : 0);
    char *t = title_clean(norm, NULL, NULL, site);
    free(norm);
    return t;
}
