/* cmd_extract.c - `bulletin extract`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_extract(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'extract' is not built yet\n");
    return EXIT_BAD_INPUT;
}
