/* feeddate.h - dates as feeds and pages write them, to UTC seconds.
 *
 * Contract: feeddate_parse reads one date string and returns UTC seconds
 * since the epoch, or 0 when the string is empty or not a date it can trust.
 * It reads ISO 8601 / RFC 3339 (date only, "T" or space, fractions, "Z",
 * +hh:mm, +hhmm, +hh, basic form 20250212T140300Z) and RFC 822/2822 with
 * the variants seen in the wild: no weekday, two- or three-digit years,
 * named (GMT, UT, EST, EDT, PST... CET, JST...) and military zones, "GMT+2",
 * the US generic names "ET", "CT", "MT", "PT" (and "Eastern"...: daylight
 * time by the US rule of the date),
 * month names and weekdays in en, de, fr, es, it, nl, pt and sv (with or
 * without accents, full or abbreviated, with a trailing dot), words such as
 * "de", "um", "à" in between, 12-hour clocks with AM/PM, and a missing zone
 * (read as UTC). Numeric dates "2025/02/12", "12.02.2025" are read too.
 * Out-of-range fields (month 13, 31 February, 25:00) and a garbled offset
 * after the time ("+zz:00") make it return 0: no date beats a wrong one.
 * It is the one date reader of the program: feeds and pages' metadata.
 * feeddate_format writes "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with the NUL).
 */
#ifndef BULLETIN_FEEDDATE_H
#define BULLETIN_FEEDDATE_H

#include <time.h>

#define FEEDDATE_ISO_LEN 21

time_t feeddate_parse(const char *s);
void feeddate_format(time_t t, char out[FEEDDATE_ISO_LEN]);

#endif
