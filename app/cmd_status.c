/* cmd_status.c - `bulletin status`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_status(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'status' is not built yet\n");
    return EXIT_BAD_INPUT;
}
