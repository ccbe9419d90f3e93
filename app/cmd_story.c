/* cmd_story.c - `bulletin story`: placeholder until its module lands. */
#include <stdio.h>

#include "cmd.h"

int cmd_story(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "bulletin: 'story' is not built yet\n");
    return EXIT_BAD_INPUT;
}
