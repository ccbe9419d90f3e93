/* log.c - see log.h. */
#include "log.h"
#include "log_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Set once at start-up from the command line or environment. */
static enum log_level threshold = LOG_LVL_INFO;

static const char *const level_names[] = {"error", "warn", "info", "debug"};

void log_set_level(enum log_level level) { threshold = level; }

enum log_level log_get_level(void) { return threshold; }

int log_level_from_name(const char *name) {
    for (int i = 0; i < 4; i++)
        if (name && strcmp(name, level_names[i]) == 0) return i;
    return -1;
}

void log_init_from_env(void) {
    int lvl = log_level_from_name(getenv("BULLETIN_LOG"));
    if (lvl >= 0) threshold = (enum log_level)lvl;
}

void log_msg(enum log_level level, const char *module, const char *fmt, ...) {
    if (level > threshold) return;
    char line[2048];
    int n = snprintf(line, sizeof line, "bulletin[%ld]: %s: %s: ", (long)getpid(),
                     level_names[level], module ? module : "-");
    if (n < 0) return;
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof line - 2) len = sizeof line - 2;
    /* One line per message: control characters from outside input are
     * folded to spaces so a hostile feed cannot forge log lines. */
    for (size_t i = (size_t)n; i < len; i++)
        if ((unsigned char)line[i] < 0x20) line[i] = ' ';
    line[len++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
