/* curlurl.h - libcurl's URL API (CURLU), loaded on first use.
 *
 * Contract: the same calls as curl_url, curl_url_set, curl_url_get,
 * curl_url_cleanup and curl_free, but libcurl is dlopen'ed ("libcurl.so.4")
 * the first time one is needed instead of being linked, so an executable that
 * only resolves the links of a page (`bulletin points page.html`) never loads
 * libcurl's TLS, Kerberos and LDAP closure at start (helper.h). Where libcurl
 * is linked already (bulletin-fetch, the tests) the same copy is used. When
 * it cannot be loaded, curlurl_new returns NULL (logged once) and callers
 * treat the URL as unresolvable. The loaded function table is the one piece
 * of process state here; it is written once.
 */
#ifndef BULLETIN_CURLURL_H
#define BULLETIN_CURLURL_H

#include <curl/curl.h>

CURLU *curlurl_new(void);
CURLUcode curlurl_set(CURLU *h, CURLUPart what, const char *part, unsigned int flags);
CURLUcode curlurl_get(CURLU *h, CURLUPart what, char **part, unsigned int flags);
void curlurl_cleanup(CURLU *h);
void curlurl_free(void *p);

#endif
