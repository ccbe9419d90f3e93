/* cmd_run.c - `bulletin run`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_run(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'run' is not built yet\n");
    return EXIT_BAD_INPUT;
}
