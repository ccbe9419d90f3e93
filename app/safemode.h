/* safemode.h - the one slide safe mode shows.
 *
 * Contract: safemode_slide fills a store_slide_t (free it with
 * store_slide_clear) that says the wall is out of order and retrying, with
 * the host name and its IP addresses (from getifaddrs: no network traffic,
 * no store, no feeds), so whoever walks by can report it or log in.
 */
#ifndef BULLETIN_SAFEMODE_H
#define BULLETIN_SAFEMODE_H

#include "store.h"

void safemode_slide(store_slide_t *out);

#endif
