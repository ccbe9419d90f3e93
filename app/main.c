/* main.c - dispatch to the subcommands in cmd.h, by role (helper.h).
 *
 * Built four times: the front end (`bulletin`: `points` of a plain-text file
 * itself, the others by exec'ing a helper), BULLETIN_ROLE_TEXT
 * (`bulletin-text`: the text commands, HTML and the store included),
 * BULLETIN_ROLE_DISPLAY (`bulletin-display`: run, shot) and
 * BULLETIN_ROLE_FETCH (`bulletin-fetch`: fetch, and feed/extract of a URL).
 * A command a build does not link is a NULL entry, so its libraries are
 * never linked in. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "helper.h"
#include "log.h"
#include "version.h"

/* DISPLAY_CMD: only in bulletin-display; FETCH_CMD: only in bulletin-fetch;
 * TEXT_CMD: only in bulletin-text; READ_CMD: in bulletin-text (files) and
 * in bulletin-fetch (URLs: bulletin-text execs it, see source.h);
 * POINTS_CMD: in bulletin (a plain-text file; HTML and stdin it hands to
 * bulletin-text, see textinput.h) and in bulletin-text. */
#if defined(BULLETIN_ROLE_DISPLAY)
#define DISPLAY_CMD(fn) fn
#define FETCH_CMD(fn) NULL
#define TEXT_CMD(fn) NULL
#define READ_CMD(fn) NULL
#define POINTS_CMD(fn) NULL
#elif defined(BULLETIN_ROLE_FETCH)
#define DISPLAY_CMD(fn) NULL
#define FETCH_CMD(fn) fn
#define TEXT_CMD(fn) NULL
#define READ_CMD(fn) fn
#define POINTS_CMD(fn) NULL
#elif defined(BULLETIN_ROLE_TEXT)
#define DISPLAY_CMD(fn) NULL
#define FETCH_CMD(fn) NULL
#define TEXT_CMD(fn) fn
#define READ_CMD(fn) fn
#define POINTS_CMD(fn) fn
#else
#define BULLETIN_ROLE_FRONT
#define DISPLAY_CMD(fn) NULL
#define FETCH_CMD(fn) NULL
#define TEXT_CMD(fn) NULL
#define READ_CMD(fn) NULL
#define POINTS_CMD(fn) fn
#endif

static const struct {
    const char *name;
    int (*fn)(int, char **);  /* NULL: not in this executable, run by helper */
    const char *helper;
    const char *summary;
} commands[] = {
    {"run", DISPLAY_CMD(cmd_run), HELPER_DISPLAY,
     "the kiosk: full-screen slides, with a fetch worker beside it"},
    {"fetch", FETCH_CMD(cmd_fetch), HELPER_FETCH, "the fetch worker (--once: one pass)"},
    {"feed", READ_CMD(cmd_feed), HELPER_TEXT, "parse one feed file or URL"},
    {"extract", READ_CMD(cmd_extract), HELPER_TEXT,
     "main text of one HTML page (file or URL)"},
    {"points", POINTS_CMD(cmd_points), HELPER_TEXT, "headline points of one article"},
    {"story", TEXT_CMD(cmd_story), HELPER_TEXT, "several articles as one story"},
    {"status", TEXT_CMD(cmd_status), HELPER_TEXT, "the store and each feed's health"},
    {"shot", DISPLAY_CMD(cmd_shot), HELPER_DISPLAY, "render a slide headless to PNG"},
    {"opml", TEXT_CMD(cmd_opml), HELPER_TEXT, "an OPML export as [feed] blocks for the config"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'bulletin COMMAND --help' describes a command's options.\n"
                 "Exit status: 0 success, 1 bad input (the message is on stderr), 2 usage error.\n");
}

int main(int argc, char **argv) {
    log_init_from_env();
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("bulletin %s\n", BULLETIN_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0) continue;
        if (commands[i].fn) return commands[i].fn(argc - 1, argv + 1);
#if defined(BULLETIN_ROLE_FRONT)
        return helper_exec(commands[i].helper, argc - 1, argv + 1);
#else
        break; /* a helper runs only its own commands */
#endif
    }
    fprintf(stderr, "bulletin: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
