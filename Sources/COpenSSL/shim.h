// COpenSSL: the parts of OpenSSL 3's libcrypto r2s uses (SHA-256, MD5, HMAC-SHA256).
//
// Why this file exists: a system-library module needs one umbrella header, and it keeps the
// libcrypto headers r2s depends on in one place. The EVP digest and one-shot HMAC functions are
// plain (non-variadic) C, so Swift calls them directly; only the macro below needs a wrapper.
#ifndef R2S_COPENSSL_SHIM_H
#define R2S_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/hmac.h>

/// `EVP_MD_size` (the name most docs use) is a macro Swift does not import; this is the 3.0
/// function behind it, under a name that says what it returns.
static inline int r2s_openssl_digest_size(const EVP_MD *md) { return EVP_MD_get_size(md); }

#endif
