/* cmd_feed.c - `bulletin feed`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_feed(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'feed' is not built yet\n");
    return EXIT_BAD_INPUT;
}
