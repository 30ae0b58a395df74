internal import CCurl

/// One libcurl multi handle: the set of transfers one driver thread runs together, plus the
/// connection and DNS caches they share.
///
/// Owned (`deinit` runs `curl_multi_cleanup`). Only `wakeup()` may be called from another thread.
final class CurlMulti: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    init() throws(CurlError) {
        _ = try CurlEasy()  // forces curl_global_init before the first multi handle
        guard let h = curl_multi_init() else {
            throw CurlError(kind: .other, code: 0, detail: "curl_multi_init failed")
        }
        handle = h
    }

    deinit { curl_multi_cleanup(handle) }

    private func check(_ code: CURLMcode) throws(CurlError) {
        guard code == CURLM_OK else { throw CurlError(multi: code) }
    }

    func set(_ option: CURLMoption, _ value: Int) throws(CurlError) {
        try check(r2s_curl_multi_setopt_long(handle, option, value))
    }

    func add(_ easy: CurlEasy) throws(CurlError) {
        try check(curl_multi_add_handle(handle, easy.handle))
    }

    func remove(_ easy: CurlEasy) throws(CurlError) {
        try check(curl_multi_remove_handle(handle, easy.handle))
    }

    /// Runs whatever the transfers can do now without blocking; returns the number still running.
    @discardableResult
    func perform() throws(CurlError) -> Int {
        var running: Int32 = 0
        try check(curl_multi_perform(handle, &running))
        return Int(running)
    }

    /// Blocks until a socket is ready, curl's own timeout fires, `timeoutMs` passes or `wakeup()`.
    func poll(timeoutMs: Int) throws(CurlError) {
        try check(curl_multi_poll(handle, nil, 0, Int32(timeoutMs), nil))
    }

    /// Interrupts a `poll` from any thread (curl_multi_wakeup is documented thread-safe).
    func wakeup() {
        _ = curl_multi_wakeup(handle)
    }

    /// The next finished transfer: its easy handle pointer and result, or `nil` when none is left.
    func nextDone() -> (easy: UnsafeMutableRawPointer, result: CURLcode)? {
        var remaining: Int32 = 0
        while let msg = curl_multi_info_read(handle, &remaining) {
            if r2s_curl_msg_is_done(msg) != 0, let easy = msg.pointee.easy_handle {
                return (easy, r2s_curl_msg_result(msg))
            }
        }
        return nil
    }
}
