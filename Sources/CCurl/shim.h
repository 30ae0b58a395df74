// CCurl: the libcurl API as Swift can call it.
//
// Why this file exists: curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are C
// variadic functions, which Swift marks unavailable. Each wrapper below fixes one argument type,
// so Swift sees an ordinary typed function. CURLMsg carries its result in an anonymous union,
// read here so Swift never touches the union layout.
#ifndef R2S_CCURL_SHIM_H
#define R2S_CCURL_SHIM_H

#include <curl/curl.h>

// MARK: curl_easy_setopt, one wrapper per argument kind

static inline CURLcode r2s_curl_easy_setopt_long(CURL *h, CURLoption option, long value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode r2s_curl_easy_setopt_off(CURL *h, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(h, option, value);
}

/// libcurl copies string options (since 7.17), so the Swift string may die after the call.
static inline CURLcode r2s_curl_easy_setopt_string(CURL *h, CURLoption option, const char *value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode r2s_curl_easy_setopt_pointer(CURL *h, CURLoption option, void *value) {
    return curl_easy_setopt(h, option, value);
}

/// The list is NOT copied: it must outlive the transfer (HeaderList owns it).
static inline CURLcode r2s_curl_easy_setopt_slist(CURL *h, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(h, option, value);
}

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION share this signature.
static inline CURLcode r2s_curl_easy_setopt_write_function(CURL *h, CURLoption option, curl_write_callback f) {
    return curl_easy_setopt(h, option, f);
}

static inline CURLcode r2s_curl_easy_setopt_read_function(CURL *h, curl_read_callback f) {
    return curl_easy_setopt(h, CURLOPT_READFUNCTION, f);
}

static inline CURLcode r2s_curl_easy_setopt_seek_function(CURL *h, curl_seek_callback f) {
    return curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, f);
}

static inline CURLcode r2s_curl_easy_setopt_xferinfo_function(CURL *h, curl_xferinfo_callback f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}

// MARK: curl_easy_getinfo

static inline CURLcode r2s_curl_easy_getinfo_long(CURL *h, CURLINFO info, long *out) {
    return curl_easy_getinfo(h, info, out);
}

static inline CURLcode r2s_curl_easy_getinfo_off(CURL *h, CURLINFO info, curl_off_t *out) {
    return curl_easy_getinfo(h, info, out);
}

// MARK: curl_multi_setopt

static inline CURLMcode r2s_curl_multi_setopt_long(CURLM *m, CURLMoption option, long value) {
    return curl_multi_setopt(m, option, value);
}

// MARK: CURLMsg (result lives in a union)

static inline CURLcode r2s_curl_msg_result(const CURLMsg *msg) {
    return msg->data.result;
}

static inline int r2s_curl_msg_is_done(const CURLMsg *msg) {
    return msg->msg == CURLMSG_DONE;
}

// MARK: macros Swift imports with the wrong type

/// CURL_READFUNC_ABORT imports as Int32; the read callback must return it as size_t.
static inline size_t r2s_curl_readfunc_abort(void) { return CURL_READFUNC_ABORT; }

#endif
