/* cmd_fetch.c - `bulletin fetch`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_fetch(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'fetch' is not built yet\n");
    return EXIT_BAD_INPUT;
}
