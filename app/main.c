/* main.c - dispatch to the subcommands in cmd.h. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "log.h"
#include "version.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"run", cmd_run, "the kiosk: full-screen slides, with a fetch worker beside it"},
    {"fetch", cmd_fetch, "the fetch worker alone (--once: one pass)"},
    {"feed", cmd_feed, "parse one feed file or URL"},
    {"extract", cmd_extract, "main text of one HTML page"},
    {"points", cmd_points, "headline points of one article"},
    {"story", cmd_story, "several articles as one story"},
    {"status", cmd_status, "the store and each feed's health"},
    {"shot", cmd_shot, "render a slide headless to PNG"},
    {"opml", cmd_opml, "an OPML export as [feed] blocks for the config"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: bulletin COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'bulletin COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv) {
    log_init_from_env();
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("bulletin %s\n", BULLETIN_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "bulletin: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
