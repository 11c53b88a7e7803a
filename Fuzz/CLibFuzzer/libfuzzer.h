// libFuzzer's driver, in the fuzzer runtime that `-sanitize=fuzzer` links. SwiftPM names
// an executable's entry point itself, so the fuzz target starts the driver from its own
// `main` rather than using the runtime's.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
