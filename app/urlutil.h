/* urlutil.h - absolute links from what feeds write, with a scheme policy.
 *
 * Contract: url_resolve trims white space around ref (and drops tabs and
 * line breaks inside it, as browsers do), resolves it against base (an
 * absolute URL or NULL) with libcurl's URL API, and returns the normalised
 * absolute URL (malloc'd), or NULL when it cannot be resolved (relative
 * with no usable base, malformed) or when its scheme is not allowed: only
 * http and https, plus file when allow_file is set (callers set it only
 * when the feed itself was read from a file: URL). Nothing is fetched.
 */
#ifndef BULLETIN_URLUTIL_H
#define BULLETIN_URLUTIL_H

char *url_resolve(const char *base, const char *ref, int allow_file);

/* 1 when url's scheme is http or https (case-insensitive): the scheme
 * policy for what may be fetched, in one place. */
int url_is_web(const char *url);

/* 1 when url starts with the file: scheme. */
int url_is_file(const char *url);

/* 1 when s starts with a URL scheme ("x:" where x is a letter followed by
 * letters, digits, '+', '-', '.'). */
int url_has_scheme(const char *s);

#endif
