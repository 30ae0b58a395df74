#ifndef R2S_CEDIT_SHIM_H
#define R2S_CEDIT_SHIM_H

// libedit's readline-compatible API, wrapped for Swift.
//
// WHY <editline/readline.h>: GNU readline's headers also live on Debian systems under
// <readline/readline.h>; including those would compile against GNU readline (GPL, different
// types) while we link libedit. Never include <readline/...> here.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <editline/readline.h>
#include <histedit.h>

// WHY setters/getters for the rl_* globals: Swift 6 treats mutable C globals as shared mutable
// state and rejects every access ("not concurrency-safe"). The line editor touches them from a
// single thread only, so plain accessors are correct and keep the Swift side free of
// `@preconcurrency` escapes.

/// Sets the application name used for `~/.editrc` lines (`r2s:bind ...`). The string must stay
/// alive for the whole process: the caller passes a strdup'ed copy.
static inline void r2s_edit_set_readline_name(const char *name) { rl_readline_name = name; }

/// Installs the completion entry point (a C function pointer: it cannot capture context).
static inline void r2s_edit_set_completion_function(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/// Tells libedit not to fall back to its own filename completion after ours (the flag is reset
/// by libedit on every TAB, so it must be set inside every completion call).
static inline void r2s_edit_set_completion_over(int over) { rl_attempted_completion_over = over; }

/// The character appended after a unique completion (' ', or 0 for none: directories, `--opt=`).
static inline void r2s_edit_set_append_character(int c) { rl_completion_append_character = c; }

/// How many candidates may be listed before libedit asks "Display all N possibilities?".
static inline void r2s_edit_set_query_items(int n) { rl_completion_query_items = n; }

/// The line being edited (multibyte, NUL-terminated) while a completion runs.
static inline const char *r2s_edit_line_buffer(void) { return rl_line_buffer; }

/// The cursor position while a completion runs. NOTE: libedit stores it in *characters*
/// (wide-char offset), not bytes, during completion.
static inline int r2s_edit_point(void) { return rl_point; }

/// Replaces libedit's terminal read. WHY: libedit's own read() only returns on Ctrl-C when the
/// SIGINT lands on the thread blocked in read(); Swift's async main parks the main thread in
/// sigsuspend and runs main-actor code on another thread, so the signal goes elsewhere and the
/// prompt would hang. Our function polls with a timeout and checks the interrupt flag. It must
/// return one whole character (a Unicode scalar, not a byte) or -1 for end of input. Must be set
/// before rl_initialize().
static inline void r2s_edit_set_getc_function(int (*function)(FILE *)) { rl_getc_function = function; }

/// Turns libedit's own signal handlers on/off. WHY off: on SIGINT libedit restores the tty and
/// re-raises the signal to the whole process group with kill(0, …); r2s counts SIGINT itself.
/// Must be set before rl_initialize().
static inline void r2s_edit_set_catch_signals(int on) { rl_catch_signals = on; rl_catch_sigwinch = on; }

/// The number of entries currently in the history list.
static inline int r2s_edit_history_length(void) { return history_length; }

#endif
