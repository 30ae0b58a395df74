internal import CCurl

/// An owned `curl_slist` of request header lines (`Name: value`).
///
/// libcurl does not copy the list given to `CURLOPT_HTTPHEADER`, so the list must stay alive for
/// the whole transfer; the transfer object keeps it and `deinit` frees it.
final class HeaderList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    init() {}

    deinit { curl_slist_free_all(head) }

    /// Appends one raw line. `curl_slist_append` copies the string.
    func append(_ line: String) throws(CurlError) {
        guard let new = curl_slist_append(head, line) else {
            throw CurlError(kind: .other, code: 0, detail: "out of memory building the header list")
        }
        head = new
    }

    /// Appends `name: value`; an empty value becomes `name:`, which tells curl to *remove* a
    /// header it would add by itself (that is how `Expect:` disables 100-continue).
    func append(name: String, value: String) throws(CurlError) {
        try append(value.isEmpty ? "\(name):" : "\(name): \(value)")
    }
}
