/* urlutil.h - absolute links from what feeds write, with the one scheme
 * policy of the program (http and https; file: only for local feeds).
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

/* The base URL of a fetched document (malloc'd; NULL when url is NULL):
 * its Content-Location resolved against url when there is one and it is
 * http(s) (RFC 9110: the location of the representation), else url. */
char *url_document_base(const char *url, const char *content_location);

/* 1 when url's scheme is http or https (case-insensitive): what may be
 * fetched from the network. */
int url_is_web(const char *url);

/* May a link found in a feed or page (article, image) be followed? http(s)
 * always; file: only when the feed itself is local (from_local_feed). */
int url_may_follow(const char *url, int from_local_feed);

/* The local path a file: URL names ("file:///a", "file://localhost/a",
 * "file:/a"), malloc'd, or NULL when url is not a plain file: URL on this
 * host (another host, percent escapes, relative). */
char *url_file_path(const char *url);

/* 1 when url starts with the file: scheme. */
int url_is_file(const char *url);

/* 1 when s starts with a URL scheme ("x:" where x is a letter followed by
 * letters, digits, '+', '-', '.'). */
int url_has_scheme(const char *s);

#endif
