/* cmd_points.c - `bulletin points`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_points(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'points' is not built yet\n");
    return EXIT_BAD_INPUT;
}
