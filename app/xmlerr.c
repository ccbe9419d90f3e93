/* xmlerr.c - see xmlerr.h. */
#include "xmlerr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>

#include "log.h"

enum { RANK_MARKUP = 1, RANK_ENCODING = 2, RANK_LIMIT = 3 };

static int rank_of(const xmlError *e) {
    if (e->code == XML_ERR_NO_MEMORY || e->code == XML_ERR_INTERNAL_ERROR) return RANK_LIMIT;
    if (e->message && (strstr(e->message, "huge") || strstr(e->message, "Huge") ||
                       strstr(e->message, "Excessive")))
        return RANK_LIMIT;
    if (e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO) return RANK_ENCODING;
    return RANK_MARKUP;
}

static void keep(xmlerr_t *g, int rank, const char *msg, int line) {
    g->count++;
    if (rank <= g->worst_rank) return;
    g->worst_rank = rank;
    g->worst_line = line;
    snprintf(g->worst, sizeof g->worst, "%s", msg ? msg : "(no message)");
    /* one line: libxml2 ends its messages with a newline */
    g->worst[strcspn(g->worst, "\r\n")] = '\0';
}

static void on_structured(void *ctx, xmlErrorPtr e) {
    if (e) keep(ctx, rank_of(e), e->message, e->line);
}

static void on_generic(void *ctx, const char *fmt, ...) {
    xmlerr_t *g = ctx;
    char msg[192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* libxml2 writes some messages in pieces: count what has words */
    if (msg[strspn(msg, " \t\r\n^")] == '\0') return;
    keep(g, RANK_ENCODING, msg, 0);
}

void xmlerr_begin(xmlerr_t *g, const char *module) {
    memset(g, 0, sizeof *g);
    g->module = module;
    g->saved_structured = xmlStructuredError;
    g->saved_structured_ctx = xmlStructuredErrorContext;
    g->saved_generic = xmlGenericError;
    g->saved_generic_ctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(g, on_structured);
    xmlSetGenericErrorFunc(g, on_generic);
}

void xmlerr_discard(xmlerr_t *g) {
    xmlSetStructuredErrorFunc(g->saved_structured_ctx, g->saved_structured);
    xmlSetGenericErrorFunc(g->saved_generic_ctx, g->saved_generic);
}

int xmlerr_end(xmlerr_t *g) {
    xmlerr_discard(g);
    if (!g->count) return 0;
    enum log_level level = g->worst_rank == RANK_LIMIT      ? LOG_LVL_WARN
                           : g->worst_rank == RANK_ENCODING ? LOG_LVL_INFO
                                                            : LOG_LVL_DEBUG;
    char where[24] = "";
    if (g->worst_line > 0) snprintf(where, sizeof where, " (line %d)", g->worst_line);
    if (g->count > 1)
        log_msg(level, g->module, "libxml2: %s%s, and %u more messages", g->worst, where,
                g->count - 1);
    else
        log_msg(level, g->module, "libxml2: %s%s", g->worst, where);
    return g->worst_rank;
}
