/* safemode.c - see safemode.h. */
#include "safemode.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

#define MAX_ADDRESSES 4

static char *addresses(void) {
    struct ifaddrs *list;
    buf_t b = BUF_INIT;
    int n = 0;
    if (getifaddrs(&list) == 0) {
        for (struct ifaddrs *a = list; a && n < MAX_ADDRESSES; a = a->ifa_next) {
            if (!a->ifa_addr || (a->ifa_flags & IFF_LOOPBACK) || !(a->ifa_flags & IFF_UP)) continue;
            char text[INET6_ADDRSTRLEN];
            int fam = a->ifa_addr->sa_family;
            const void *src = fam == AF_INET ? (const void *)&((struct sockaddr_in *)a->ifa_addr)->sin_addr
                              : fam == AF_INET6
                                  ? (const void *)&((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr
                                  : NULL;
            if (!src || !inet_ntop(fam, src, text, sizeof text)) continue;
            if (fam == AF_INET6 && strncmp(text, "fe80", 4) == 0) continue; /* link-local */
            buf_printf(&b, "%s%s", n ? ", " : "", text);
            n++;
        }
        freeifaddrs(list);
    }
    if (n == 0) buf_puts(&b, "none (no network)");
    return buf_detach(&b);
}

void safemode_slide(store_slide_t *out) {
    memset(out, 0, sizeof *out);
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0 || !*host) strcpy(host, "unknown");
    out->headline = xstrdup("This wall is out of order, retrying");
    out->points = xcalloc(3, sizeof *out->points);
    buf_t b = BUF_INIT;
    buf_printf(&b, "Host name: %s", host);
    out->points[0] = buf_detach(&b);
    char *addr = addresses();
    buf_printf(&b, "Addresses: %s", addr);
    free(addr);
    out->points[1] = buf_detach(&b);
    out->points[2] = xstrdup("The news comes back by itself; nothing needs doing unless this stays.");
    out->n_points = 3;
    out->sources = xcalloc(1, sizeof *out->sources);
    out->sources[0] = xstrdup("Bulletin");
    out->n_sources = 1;
}
