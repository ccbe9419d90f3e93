/* cmd.h - the subcommands of the bulletin executable.
 *
 * Contract: each command is `int cmd_NAME(int argc, char **argv)` living in
 * its own file cmd_NAME.c, where argv[0] is the command's name. It returns
 * the process exit status: 0 success, 1 the input was bad (a message is
 * logged on stderr), 2 usage error. Options are parsed with getopt_long.
 * The command lines are a stable interface, documented in README.md ("Using
 * it") and by each command's --help, and checked as data by
 * tests/test_cli.c; scripts depend on them. Which executable runs which
 * command is in main.c (helper.h). Commands stay thin: parse options, call
 * a module, print.
 */
#ifndef BULLETIN_CMD_H
#define BULLETIN_CMD_H

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

int cmd_run(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_points(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_shot(int argc, char **argv);
int cmd_opml(int argc, char **argv);

#endif
