import Foundation
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 for the HTTP client tests (keep-alive, one thread per
/// connection). Routes:
/// - `/echo…`: 200 with the request body; `x-method`, `x-expect`, `x-content-type`, `x-path` describe the request
/// - `/delay/<ms>`: waits, then 200 `ok`
/// - `/gate/<n>/<tag>`: the requests with that tag are let through n at a time: each waits until n
///   of its round have arrived (at most 10 s, within the client's 30 s stall limit), then 200
///   `ok`. A client that keeps n in flight reaches exactly n at once however slowly its requests
///   are started (a loaded machine).
/// - `/status/<code>`: that status with an S3-style `<Error><Code>E<code></Code></Error>` body
/// - `/flaky/<n>/<tag>`: 503 for the first n requests with that tag, then 200 `ok`
/// - `/slowdown/<tag>`: 503 `<Code>SlowDown</Code>` once per tag, then 200
/// - `/bytes/<n>`: n bytes, byte i = i % 251
/// - `/trickle`: promises 1 MB, sends 1 byte every 50 ms until the client goes away
/// - `/drop`: closes the connection without answering
final class LocalHTTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private struct Stats {
        var connections = 0
        var inFlight = 0
        var maxInFlight = 0
        var hits: [String: Int] = [:]
        var closedTrickles = 0
        var gateArrivals: [String: Int] = [:]
    }
    private let stats = Mutex(Stats())

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 128) == 0 else { throw POSIXError(.EADDRINUSE) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) }
        }
        port = Int(UInt16(bigEndian: addr.sin_port))
        self.listener = listener
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var connections: Int { stats.withLock { $0.connections } }
    var maxInFlight: Int { stats.withLock { $0.maxInFlight } }
    var closedTrickles: Int { stats.withLock { $0.closedTrickles } }
    func hits(_ path: String) -> Int { stats.withLock { $0.hits[path, default: 0] } }

    /// Closes the listening socket (connections already accepted keep going).
    func stopListening() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EBADF || errno == EINVAL { return }
                continue
            }
            stats.withLock { $0.connections += 1 }
            Thread.detachNewThread { [self] in serve(fd) }
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, &buffer) {
            stats.withLock {
                $0.inFlight += 1
                $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
                $0.hits[request.path, default: 0] += 1
            }
            let keep = respond(fd, request)
            stats.withLock { $0.inFlight -= 1 }
            if !keep { return }
        }
    }

    private struct Request {
        var method: String
        var path: String
        var headers: [String: String]
        var body: [UInt8]
    }

    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> Request? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            if let r = find(separator, in: buffer) { headerEnd = r; break }
            guard receive(fd, &buffer) else { return nil }
        }
        guard let end = headerEnd else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = head[0].split(separator: " ")
        guard parts.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        buffer.removeFirst(end + 4)
        while buffer.count < length { guard receive(fd, &buffer) else { return nil } }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Request(method: String(parts[0]), path: String(parts[1]), headers: headers, body: body)
    }

    private func receive(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    private func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle {
            return i
        }
        return nil
    }

    /// Answers one request; returns false when the connection must close.
    private func respond(_ fd: Int32, _ r: Request) -> Bool {
        let segments = r.path.split(separator: "/").map(String.init)
        switch segments.first ?? "" {
        case "echo":
            return send(fd, 200, r.body, [
                "x-method": r.method, "x-expect": r.headers["expect"] ?? "none",
                "x-content-type": r.headers["content-type"] ?? "none", "x-path": r.path,
            ])
        case "gate":
            let n = max(1, Int(segments.count > 1 ? segments[1] : "1") ?? 1)
            let tag = segments.count > 2 ? segments[2] : ""
            let arrival = stats.withLock { s -> Int in
                s.gateArrivals[tag, default: 0] += 1
                return s.gateArrivals[tag, default: 0]
            }
            let round = (arrival + n - 1) / n * n
            let deadline = Date().addingTimeInterval(10)
            while stats.withLock({ $0.gateArrivals[tag, default: 0] }) < round, Date() < deadline { usleep(2000) }
            return send(fd, 200, Array("ok".utf8))
        case "delay":
            usleep(UInt32(Int(segments.last ?? "0") ?? 0) * 1000)
            return send(fd, 200, Array("ok".utf8))
        case "status":
            let code = Int(segments.last ?? "500") ?? 500
            return send(fd, code, Array("<Error><Code>E\(code)</Code></Error>".utf8))
        case "flaky":
            let n = Int(segments[1]) ?? 0
            return hits(r.path) <= n ? send(fd, 503, Array("busy".utf8)) : send(fd, 200, Array("ok".utf8))
        case "slowdown":
            return hits(r.path) <= 1
                ? send(fd, 503, Array("<Error><Code>SlowDown</Code></Error>".utf8)) : send(fd, 200, Array("ok".utf8))
        case "bytes":
            let n = Int(segments.last ?? "0") ?? 0
            return send(fd, 200, (0..<n).map { UInt8($0 % 251) })
        case "trickle":
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n"
            guard write(fd, head) else { return false }
            while write(fd, "x") { usleep(50_000) }
            stats.withLock { $0.closedTrickles += 1 }
            return false
        case "drop":
            return false
        default:
            return send(fd, 404, Array("no route".utf8))
        }
    }

    private func send(_ fd: Int32, _ status: Int, _ body: [UInt8], _ extra: [String: String] = [:]) -> Bool {
        var head = "HTTP/1.1 \(status) X\r\nContent-Length: \(body.count)\r\n"
        for (k, v) in extra { head += "\(k): \(v)\r\n" }
        head += "\r\n"
        // One write: a second small write would wait for the peer's delayed ACK (Nagle), ~40 ms.
        return write(fd, Array(head.utf8) + body)
    }

    private func write(_ fd: Int32, _ text: String) -> Bool { write(fd, Array(text.utf8)) }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
