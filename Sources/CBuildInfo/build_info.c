#include "r2s_build_info.h"

// generated/commit.h is written (and removed again) by scripts/package.sh; it is git-ignored
// and never committed, so a plain `swift build` says "unknown" rather than a stale commit.
#if __has_include("generated/commit.h")
#include "generated/commit.h"
#endif

#ifndef R2S_BUILD_COMMIT
#define R2S_BUILD_COMMIT "unknown"
#endif

const char *r2s_build_commit(void) { return R2S_BUILD_COMMIT; }
