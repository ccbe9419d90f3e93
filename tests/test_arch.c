/* test_arch.c - the module boundaries stay true.
 *
 * tests/data/modules.txt gives every module of app/ a role; a module may
 * include only the headers its role allows (the table at the top of that
 * file). The hard line is between the two processes: the display side never
 * includes a fetch-side header (it must not wait on the network), and the
 * fetch side never includes a display header. A new module must be given a
 * role before this passes. */
#include "testutil.h"

#include <ctype.h>
#include <dirent.h>

#define MAX_MODULES 256

typedef struct {
    char name[64];
    char role[16];
} module_t;

typedef struct {
    module_t m[MAX_MODULES];
    int n;
} module_map_t;

static void map_load(module_map_t *map, const char *path) {
    buf_t b = BUF_INIT;
    if (file_read(path, 1 << 20, &b, NULL) != 0) fail_msg("cannot read %s", path);
    map->n = 0;
    char *save = NULL;
    for (char *line = strtok_r(b.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        module_t mod;
        if (sscanf(line, "%63s %15s", mod.name, mod.role) != 2) continue;
        if (map->n == MAX_MODULES) fail_msg("%s: more than %d modules", path, MAX_MODULES);
        map->m[map->n++] = mod;
    }
    buf_free(&b);
}

static const char *role_of(const module_map_t *map, const char *name) {
    for (int i = 0; i < map->n; i++)
        if (strcmp(map->m[i].name, name) == 0) return map->m[i].role;
    return NULL;
}

/* Whether a module of role `from` may include a header of role `to`. */
static int role_allows(const char *from, const char *to) {
    static const struct {
        const char *from;
        const char *allowed;
    } rules[] = {
        {"core", " core "},
        {"text", " core text "},
        {"summary", " core text summary "},
        {"fetch", " core text summary fetch "},
        {"display", " core text display "},
        {"command", " core text summary fetch display command "},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (strcmp(rules[i].from, from) != 0) continue;
        char needle[24];
        snprintf(needle, sizeof needle, " %s ", to);
        return strstr(rules[i].allowed, needle) != NULL;
    }
    return 0;
}

#define INTERNAL_SUFFIX "_internal"

/* The module a file of app/ belongs to: "store" for store.c and store.h,
 * "log" for log_internal.h too (*internal = 1 then; internal may be NULL). */
static int module_of_file(const char *file, char *name, size_t cap, int *internal) {
    size_t n = strlen(file);
    if (n < 3 || file[n - 2] != '.' || (file[n - 1] != 'c' && file[n - 1] != 'h')) return 0;
    if (n - 2 >= cap) return 0;
    memcpy(name, file, n - 2);
    name[n - 2] = '\0';
    size_t sl = strlen(INTERNAL_SUFFIX), nl = n - 2;
    int is_internal = file[n - 1] == 'h' && nl > sl && strcmp(name + nl - sl, INTERNAL_SUFFIX) == 0;
    if (is_internal) name[nl - sl] = '\0';
    if (internal) *internal = is_internal;
    return 1;
}

/* Calls check(map, file, included module) for every #include "x.h" of every
 * file in dir; returns how many files were read. */
static int scan_includes(const module_map_t *map, const char *dir, buf_t *problems) {
    DIR *d = opendir(dir);
    if (!d) fail_msg("cannot open %s", dir);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        char name[64];
        if (!module_of_file(e->d_name, name, sizeof name, NULL)) continue;
        files++;
        const char *role = role_of(map, name);
        if (!role) {
            buf_printf(problems, "%s/%s: module '%s' has no role in tests/data/modules.txt\n", dir,
                       e->d_name, name);
            continue;
        }
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        buf_t src = BUF_INIT;
        if (file_read(path, 1 << 22, &src, NULL) != 0) fail_msg("cannot read %s", path);
        int lineno = 0;
        char *save = NULL;
        for (char *line = strtok_r(src.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            lineno++;
            while (isspace((unsigned char)*line)) line++;
            if (strncmp(line, "#include \"", 10) != 0) continue;
            char inc[64];
            const char *q = line + 10;
            const char *end = strchr(q, '"');
            if (!end || (size_t)(end - q) >= sizeof inc) continue;
            memcpy(inc, q, (size_t)(end - q));
            inc[end - q] = '\0';
            char incmod[64];
            int internal = 0;
            if (!module_of_file(inc, incmod, sizeof incmod, &internal)) continue;
            if (strcmp(incmod, name) == 0) continue;
            if (internal) { /* a module's internals are its own (and its tests') */
                buf_printf(problems, "%s includes %s, the internals of %s\n", path, inc, incmod);
                continue;
            }
            const char *to = role_of(map, incmod);
            if (!to) {
                buf_printf(problems, "%s includes %s, which has no role\n", path, inc);
                continue;
            }
            if (!role_allows(role, to))
                buf_printf(problems, "%s: a %s module includes %s (%s)\n", path, role, inc, to);
        }
        buf_free(&src);
    }
    closedir(d);
    return files;
}

static void app_respects_the_boundaries(void **state) {
    (void)state;
    module_map_t map;
    map_load(&map, "tests/data/modules.txt");
    assert_true(map.n > 20);
    buf_t problems = BUF_INIT;
    int files = scan_includes(&map, "app", &problems);
    assert_true(files > 40);
    if (problems.len) fail_msg("module boundaries broken:\n%s", problems.data);
    buf_free(&problems);
}

/* The checker itself: a display module that includes the fetcher is caught,
 * an unknown module is caught, and an allowed include is not reported. */
static void checker_catches_a_crossing(void **state) {
    (void)state;
    char dir[] = "/tmp/bulletin-arch-XXXXXX";
    assert_non_null(mkdtemp(dir));
    module_map_t map;
    map_load(&map, "tests/data/modules.txt");
    char path[600];
    snprintf(path, sizeof path, "%s/render.c", dir);
    assert_int_equal(file_write_atomic(path, "#include \"fetch.h\"\n#include \"buf.h\"\n", 37), 0);
    snprintf(path, sizeof path, "%s/worker.c", dir);
    assert_int_equal(file_write_atomic(path, "  #include \"deck.h\"\n#include \"summarize.h\"\n", 43), 0);
    snprintf(path, sizeof path, "%s/newthing.c", dir);
    assert_int_equal(file_write_atomic(path, "#include \"log.h\"\n", 17), 0);
    /* a module's internal header: its own .c may include it, no other module */
    const char *deck = "#include \"deck.h\"\n#include \"deck_internal.h\"\n#include \"log_internal.h\"\n";
    snprintf(path, sizeof path, "%s/deck.c", dir);
    assert_int_equal(file_write_atomic(path, deck, strlen(deck)), 0);
    snprintf(path, sizeof path, "%s/deck_internal.h", dir);
    assert_int_equal(file_write_atomic(path, "#include \"deck.h\"\n", 18), 0);
    buf_t problems = BUF_INIT;
    assert_int_equal(scan_includes(&map, dir, &problems), 5);
    assert_non_null(strstr(problems.data, "deck.c includes log_internal.h, the internals of log"));
    assert_null(strstr(problems.data, "deck_internal.h,"));
    assert_null(strstr(problems.data, "'deck_internal' has no role"));
    assert_non_null(strstr(problems.data, "render.c: a display module includes fetch.h"));
    assert_non_null(strstr(problems.data, "worker.c: a fetch module includes deck.h"));
    assert_non_null(strstr(problems.data, "'newthing' has no role"));
    assert_null(strstr(problems.data, "buf.h"));
    assert_null(strstr(problems.data, "summarize.h"));
    buf_free(&problems);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(test_shell(path, NULL), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(app_respects_the_boundaries),
        cmocka_unit_test(checker_catches_a_crossing),
    };
    return cmocka_run_group_tests_name("arch", tests, NULL, NULL);
}
