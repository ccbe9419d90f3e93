/* cmd_shot.c - `bulletin shot`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_shot(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'shot' is not built yet\n");
    return EXIT_BAD_INPUT;
}
