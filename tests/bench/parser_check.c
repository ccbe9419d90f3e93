/* parser_check.c - the link-grammar parser as a checker of shaped points.
 *
 * Reads one point a line on stdin; for each prints "NULLS<TAB>MS<TAB>POINT":
 * how many words link-grammar's English dictionary had to leave unlinked
 * to parse it (0: a complete linkage, the point reads as a sentence to the
 * parser) and the wall milliseconds the parse took. The dictionary's load
 * time goes to stderr. Used by tests/bench/parser.sh (issue 11: a parser
 * weighed against the shaper's own rules); not part of bulletin.
 */
#define _POSIX_C_SOURCE 200809L
#include <link-grammar/link-includes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(void) {
    double t0 = now_ms();
    Dictionary dict = dictionary_create_lang("en");
    if (!dict) {
        fprintf(stderr, "parser_check: no English dictionary\n");
        return 1;
    }
    Parse_Options opts = parse_options_create();
    parse_options_set_verbosity(opts, 0);
    parse_options_set_linkage_limit(opts, 100);
    parse_options_set_max_parse_time(opts, 10);
    fprintf(stderr, "dictionary load: %.1f ms\n", now_ms() - t0);
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        double t = now_ms();
        Sentence s = sentence_create(line, dict);
        int nulls = -1;
        if (s && sentence_split(s, opts) == 0) {
            /* a complete linkage first; only when there is none, the fewest
             * words left out */
            parse_options_set_min_null_count(opts, 0);
            parse_options_set_max_null_count(opts, 0);
            if (sentence_parse(s, opts) > 0) {
                nulls = 0;
            } else {
                parse_options_set_min_null_count(opts, 1);
                parse_options_set_max_null_count(opts, sentence_length(s));
                sentence_parse(s, opts);
                nulls = sentence_null_count(s);
            }
        }
        printf("%d\t%.3f\t%s\n", nulls, now_ms() - t, line);
        if (s) sentence_delete(s);
    }
    parse_options_delete(opts);
    dictionary_delete(dict);
    return 0;
}
