/* xmlerr.h - libxml2's own messages into Bulletin's log, one parse at a time.
 *
 * Contract: left alone, libxml2 prints some messages on stderr even when a
 * parse asks for no errors (XML_PARSE_NOERROR): encoding errors ("input
 * conversion failed"), resource limits ("xmlSAX2Characters: huge text
 * node"). libxml2 reports those only through this thread's error handlers,
 * so xmlerr_begin points them at g for the length of one parse, and
 * xmlerr_end puts the previous handlers back and writes at most one line to
 * the log: the most serious message, its line, and how many there were.
 * Its level: warn for a parser limit or an allocation that failed, info for
 * an encoding error, debug for markup errors (recovered, and routine on the
 * web). Nothing outlives xmlerr_end; begin/end pairs may nest.
 */
#ifndef BULLETIN_XMLERR_H
#define BULLETIN_XMLERR_H

#include <libxml/xmlerror.h>

typedef struct {
    const char *module;           /* the log module the line is written for */
    unsigned count;               /* messages seen */
    int worst_rank;               /* 0 none, 1 markup, 2 encoding, 3 limit */
    int worst_line;
    char worst[192];              /* that message, one line */
    xmlStructuredErrorFunc saved_structured;
    void *saved_structured_ctx;
    xmlGenericErrorFunc saved_generic;
    void *saved_generic_ctx;
} xmlerr_t;

void xmlerr_begin(xmlerr_t *g, const char *module);
/* Restores the handlers and logs; returns the rank of the worst message. */
int xmlerr_end(xmlerr_t *g);
/* Restores the handlers and logs nothing (a parse repeated). */
void xmlerr_discard(xmlerr_t *g);

#endif
