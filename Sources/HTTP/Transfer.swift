internal import CCurl
import Synchronization

/// One attempt of one request: its easy handle, body source and sink, and the continuation
/// waiting for the result.
///
/// Configured on the caller's thread (so bad options and unreadable files fail synchronously),
/// then owned by the driver thread. Only `cancelled` is touched from other threads.
final class Transfer: @unchecked Sendable {
    let id: Int
    let easy: CurlEasy
    private let request: HTTPRequest
    private let headerList = HeaderList()

    // Body source.
    /// Opened by `openFiles()` when the transfer starts, not while it waits in the queue: a
    /// queue of thousands of uploads must not hold thousands of descriptors.
    private var sourceFile: FileDescriptor?
    private let sourceBytes: [UInt8]
    private let sourceStart: Int64
    private let sourceLength: Int64
    private var sourcePosition: Int64 = 0

    // Response sink.
    private var sinkFile: FileDescriptor?
    private let memoryLimit: Int
    private var body: [UInt8] = []
    private var headers: [HTTPHeader] = []

    /// A failure raised inside a callback; wins over curl's generic code for the same transfer.
    private var callbackFailure: CurlError?

    /// Set (once) by Task cancellation from any thread; the driver reads it when it gets the id.
    let cancelled = Atomic<Bool>(false)

    /// Resumed exactly once, by the driver thread.
    var continuation: CheckedContinuation<HTTPResponse, any Error>?

    init(id: Int, request: HTTPRequest, configuration: HTTPClient.Configuration) throws(CurlError) {
        self.id = id
        self.request = request
        easy = try CurlEasy()
        switch request.body {
        case .none:
            (sourceBytes, sourceStart, sourceLength) = ([], 0, 0)
        case .bytes(let bytes):
            (sourceBytes, sourceStart, sourceLength) = (bytes, 0, Int64(bytes.count))
        case .file(_, let offset, let length):
            (sourceBytes, sourceStart, sourceLength) = ([], offset, length)
        }
        switch request.response {
        case .memory(let limit):
            memoryLimit = limit
        case .file:
            memoryLimit = 1 << 20
        }
        try configure(configuration)
    }

    /// Opens the body file and the download file. Called by the driver right before the
    /// transfer joins the multi handle.
    func openFiles() throws(CurlError) {
        if case .file(let path, _, _) = request.body { sourceFile = try .forReading(path) }
        if case .file(let path) = request.response { sinkFile = try .forWriting(path) }
    }

    /// Closes both files as soon as curl is done with the transfer (the awaiting task may resume
    /// much later, and the download must be complete on disk before the caller renames it).
    func closeFiles() {
        sourceFile = nil
        sinkFile = nil
    }

    private var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    private static func from(_ pointer: UnsafeMutableRawPointer?) -> Transfer? {
        pointer.map { Unmanaged<Transfer>.fromOpaque($0).takeUnretainedValue() }
    }

    private func configure(_ config: HTTPClient.Configuration) throws(CurlError) {
        try easy.set(CURLOPT_URL, request.url)
        // S3 keys may contain `//`, `./` and `../`; curl would otherwise squash those segments and
        // the request would name (and sign) a different object.
        try easy.set(CURLOPT_PATH_AS_IS, true)
        // Threads + signals don't mix: curl must not use SIGALRM for DNS timeouts. The price is
        // that curl no longer ignores SIGPIPE for us; HTTPClient does that once per process.
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, config.connectTimeoutMilliseconds)
        try easy.set(CURLOPT_LOW_SPEED_LIMIT, config.lowSpeedLimit)
        try easy.set(CURLOPT_LOW_SPEED_TIME, config.lowSpeedSeconds)
        try easy.set(CURLOPT_TCP_KEEPALIVE, true)
        try easy.set(CURLOPT_USERAGENT, config.userAgent)
        // TLS verification is curl's default; set explicitly so no environment can turn it off.
        try easy.set(CURLOPT_SSL_VERIFYPEER, true)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        try configureMethod()
        try configureHeaders()
        try configureCallbacks()
    }

    private func configureMethod() throws(CurlError) {
        let method = request.method.uppercased()
        let hasBody = request.body != .none
        switch method {
        case "GET" where !hasBody:
            try easy.set(CURLOPT_HTTPGET, true)
        case "HEAD":
            try easy.set(CURLOPT_NOBODY, true)
        case "POST":
            try easy.set(CURLOPT_POST, true)
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: sourceLength)
        case "PUT":
            try easy.set(CURLOPT_UPLOAD, true)
            try easy.set(CURLOPT_INFILESIZE_LARGE, offset: sourceLength)
        default:
            if hasBody {
                try easy.set(CURLOPT_UPLOAD, true)
                try easy.set(CURLOPT_INFILESIZE_LARGE, offset: sourceLength)
            }
            try easy.set(CURLOPT_CUSTOMREQUEST, method)
        }
    }

    private func configureHeaders() throws(CurlError) {
        let names = Set(request.headers.map { $0.name.lowercased() })
        for h in request.headers { try headerList.append(name: h.name, value: h.value) }
        // An empty `Expect:` stops curl from waiting for `100 Continue` before a body (R2 does not
        // support 100-continue; other servers may stall up to a second).
        if !names.contains("expect") { try headerList.append("Expect:") }
        // curl would label a POST body as a form; callers name their own type or send none.
        if request.method.uppercased() == "POST" && !names.contains("content-type") {
            try headerList.append("Content-Type:")
        }
        try easy.set(CURLOPT_HTTPHEADER, headerList)
    }

    private func configureCallbacks() throws(CurlError) {
        try easy.set(CURLOPT_PRIVATE, pointer: context)
        try easy.setWriteFunction(CURLOPT_HEADERFUNCTION) { data, size, count, user in
            guard let data, let t = Transfer.from(user) else { return 0 }
            t.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.setWriteFunction(CURLOPT_WRITEFUNCTION) { data, size, count, user in
            guard let data, let t = Transfer.from(user) else { return 0 }
            return t.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        }
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        if request.body != .none {
            try easy.setReadFunction { buffer, size, count, user in
                guard let buffer, let t = Transfer.from(user) else { return r2s_curl_readfunc_abort() }
                return t.supplyBody(UnsafeMutableRawPointer(buffer), capacity: size * count)
            }
            try easy.set(CURLOPT_READDATA, pointer: context)
            // curl rewinds the body when it must resend it (a reused connection that died).
            try easy.setSeekFunction { user, offset, origin in
                guard origin == SEEK_SET, let t = Transfer.from(user), offset >= 0, offset <= t.sourceLength else {
                    return Int32(CURL_SEEKFUNC_CANTSEEK)
                }
                t.sourcePosition = Int64(offset)
                return Int32(CURL_SEEKFUNC_OK)
            }
            try easy.set(CURLOPT_SEEKDATA, pointer: context)
        }
        // The progress callback also polls the cancel flag, so a cancelled transfer stops inside
        // a long curl_multi_perform instead of at the driver's next turn.
        try easy.set(CURLOPT_NOPROGRESS, false)
        try easy.setProgressFunction { user, dlTotal, dlNow, ulTotal, ulNow in
            guard let t = Transfer.from(user) else { return 1 }
            if t.cancelled.load(ordering: .relaxed) { return 1 }
            guard let report = t.request.progress else { return 0 }
            if t.request.body != .none {
                report(Int64(ulNow), ulTotal > 0 ? Int64(ulTotal) : t.sourceLength)
            } else {
                report(Int64(dlNow), dlTotal > 0 ? Int64(dlTotal) : nil)
            }
            return 0
        }
        try easy.set(CURLOPT_XFERINFODATA, pointer: context)
    }

    // MARK: callbacks (driver thread)

    private func receiveHeader(_ line: UnsafeRawBufferPointer) {
        // Strip CR/LF as bytes: in Swift "\r\n" is one Character, so String.last can't see "\r".
        var end = line.count
        while end > 0, line[end - 1] == 13 || line[end - 1] == 10 { end -= 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<end]), as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            headers.removeAll()  // a new response (after 100 Continue): forget the interim one
        } else if let colon = text.firstIndex(of: ":") {
            let name = text[..<colon].lowercased()
            let value = text[text.index(after: colon)...].trimmingSpaces()
            headers.append(HTTPHeader(name, value))
        }
    }

    private func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if let sinkFile, (200..<300).contains(easy.responseCode) {
            do {
                if let base = chunk.baseAddress { try sinkFile.writeAll(base, count: chunk.count) }
                return true
            } catch {
                callbackFailure = error
                return false
            }
        }
        guard body.count + chunk.count <= memoryLimit else {
            callbackFailure = CurlError(
                kind: .responseTooLarge, code: 0, detail: "response body exceeds \(memoryLimit) bytes")
            return false
        }
        body.append(contentsOf: chunk)
        return true
    }

    private func supplyBody(_ buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        let want = Int(min(Int64(capacity), sourceLength - sourcePosition))
        guard want > 0 else { return 0 }
        if let sourceFile {
            do {
                let n = try sourceFile.read(into: buffer, count: want, at: sourceStart + sourcePosition)
                guard n > 0 else {
                    callbackFailure = CurlError(
                        kind: .localFile, code: 0, detail: "\(sourceFile.path) got shorter while uploading")
                    return r2s_curl_readfunc_abort()
                }
                sourcePosition += Int64(n)
                return n
            } catch {
                callbackFailure = error
                return r2s_curl_readfunc_abort()
            }
        }
        let start = Int(sourcePosition)
        sourceBytes.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { buffer.copyMemory(from: base + start, byteCount: want) }
        }
        sourcePosition += Int64(want)
        return want
    }

    // MARK: result (driver thread)

    /// The outcome after curl reported `code` for this transfer.
    func result(_ code: CURLcode) -> Result<HTTPResponse, any Error> {
        if cancelled.load(ordering: .relaxed) { return .failure(CancellationError()) }
        if let callbackFailure { return .failure(callbackFailure) }
        guard code == CURLE_OK else { return .failure(easy.error(for: code)) }
        return .success(HTTPResponse(status: easy.responseCode, headers: headers, body: body))
    }
}

extension StringProtocol {
    /// Drops leading and trailing spaces and tabs (header value whitespace).
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
