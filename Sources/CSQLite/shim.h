#ifndef R2S_CSQLITE_SHIM_H
#define R2S_CSQLITE_SHIM_H

#include <sqlite3.h>

/*
 * SQLITE_TRANSIENT and SQLITE_STATIC are macros that cast -1 / 0 to a function pointer type;
 * Swift imports neither (`cannot find 'SQLITE_TRANSIENT' in scope`). These wrappers return the
 * real destructor values so the Swift side never fakes a pointer with unsafeBitCast.
 */
static inline sqlite3_destructor_type _Nullable r2s_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/*
 * sqlite3_bind_text64/sqlite3_bind_blob64 take the destructor as a parameter; binding through
 * this helper always copies (TRANSIENT), so Swift strings can be released right after binding.
 */
static inline int r2s_sqlite_bind_text(sqlite3_stmt *_Nonnull stmt, int index, const char *_Nonnull text,
                                       sqlite3_uint64 length) {
    return sqlite3_bind_text64(stmt, index, text, length, SQLITE_TRANSIENT, SQLITE_UTF8);
}

#endif
