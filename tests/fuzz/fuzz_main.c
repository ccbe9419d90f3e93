/* fuzz_main.c - one libFuzzer binary per target of targets.h: built with
 * -DFUZZ_TARGET=fuzz_NAME by `make fuzz` (see tests/fuzz/run.sh). */
#include "targets.h"

#include "log_internal.h"

#ifndef FUZZ_TARGET
#error "build with -DFUZZ_TARGET=fuzz_NAME"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    log_set_level(LOG_LVL_ERROR); /* hostile input logs a line per run: noise here */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len) { return FUZZ_TARGET(data, len); }
