#ifndef R2S_CPQ_SHIM_H
#define R2S_CPQ_SHIM_H

/*
 * libpq's header lives in /usr/include/postgresql on Debian; the package's pkgConfig "libpq"
 * adds that directory. Everything r2s calls is a plain function, so no wrappers are needed:
 * this header exists only so the modulemap has one include point.
 *
 * PG_DIAG_* field codes are plain #defines of character constants, which Swift does import;
 * the one thing it cannot express is the type of PQnoticeProcessor's void* argument as a
 * closure with context, which r2s does not use (notices are silenced by a C-convention no-op).
 */
#include <libpq-fe.h>

/* A notice processor that drops server NOTICEs (e.g. "table does not exist, skipping") so libpq
 * does not print them to stderr behind r2s's back. A C function so Swift needs no @convention(c)
 * thunk stored in a global. */
static inline void r2s_pq_ignore_notice(void *_Nullable arg, const char *_Nullable message) {
    (void)arg;
    (void)message;
}

static inline void r2s_pq_silence_notices(PGconn *_Nonnull conn) {
    PQsetNoticeProcessor(conn, r2s_pq_ignore_notice, 0);
}

#endif
