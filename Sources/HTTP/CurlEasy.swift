internal import CCurl

/// Initialises libcurl once per process. `curl_global_init` is not thread-safe in older curls,
/// and a Swift global `let` is initialised exactly once, under a lock.
private let curlGlobalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// One libcurl easy handle (one transfer's options and state).
///
/// Owned: `deinit` runs `curl_easy_cleanup`. Not thread-safe: a handle is configured by one
/// thread, then used only by the transfer driver's thread.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    /// curl writes its detailed message here on failure; must live as long as the handle.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(CurlError) {
        guard curlGlobalInit == CURLE_OK else { throw CurlError(curlGlobalInit, buffer: nil) }
        guard let h = curl_easy_init() else {
            throw CurlError(kind: .other, code: 0, detail: "curl_easy_init failed")
        }
        handle = h
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try check(r2s_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// The text curl left in the error buffer for the last failure (empty if none).
    var errorText: String { String(cString: errorBuffer) }

    func error(for code: CURLcode) -> CurlError { CurlError(code, buffer: errorText) }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else { throw error(for: code) }
    }

    // MARK: options

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(r2s_curl_easy_setopt_long(handle, option, value))
    }

    func set(_ option: CURLoption, _ value: Bool) throws(CurlError) {
        try check(r2s_curl_easy_setopt_long(handle, option, value ? 1 : 0))
    }

    func set(_ option: CURLoption, offset value: Int64) throws(CurlError) {
        try check(r2s_curl_easy_setopt_off(handle, option, curl_off_t(value)))
    }

    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(r2s_curl_easy_setopt_string(handle, option, value))
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(r2s_curl_easy_setopt_pointer(handle, option, value))
    }

    func set(_ option: CURLoption, _ list: HeaderList) throws(CurlError) {
        try check(r2s_curl_easy_setopt_slist(handle, option, list.head))
    }

    func setWriteFunction(_ option: CURLoption, _ f: curl_write_callback) throws(CurlError) {
        try check(r2s_curl_easy_setopt_write_function(handle, option, f))
    }

    func setReadFunction(_ f: curl_read_callback) throws(CurlError) {
        try check(r2s_curl_easy_setopt_read_function(handle, f))
    }

    func setSeekFunction(_ f: curl_seek_callback) throws(CurlError) {
        try check(r2s_curl_easy_setopt_seek_function(handle, f))
    }

    func setProgressFunction(_ f: curl_xferinfo_callback) throws(CurlError) {
        try check(r2s_curl_easy_setopt_xferinfo_function(handle, f))
    }

    // MARK: info

    func info(_ what: CURLINFO) throws(CurlError) -> Int {
        var value = 0
        try check(r2s_curl_easy_getinfo_long(handle, what, &value))
        return value
    }

    func info(offset what: CURLINFO) throws(CurlError) -> Int64 {
        var value: curl_off_t = 0
        try check(r2s_curl_easy_getinfo_off(handle, what, &value))
        return Int64(value)
    }

    /// The HTTP status received so far (0 before the status line arrived).
    var responseCode: Int { (try? info(CURLINFO_RESPONSE_CODE)) ?? 0 }
}
