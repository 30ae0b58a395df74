import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Ports for servers a test starts on its own (a private PostgreSQL or SeaweedFS it stops and
/// restarts). Why not fixed numbers: several checkouts run their suites on one machine at once
/// (each with its own `R2S_TEST_*_PORT`s), and a fixed port taken by another run made the test fail
/// for a reason that is not the code's.
public enum LocalPort {
    /// The first port of `candidates` where nothing listens on any of `span` consecutive ports
    /// (nor on the same ports + 10000 when `grpc`: SeaweedFS's gRPC ports).
    public static func free(in candidates: [Int], span: Int = 1, grpc: Bool = false) -> Int {
        candidates.first { base in
            (base..<base + span).allSatisfy { !isListening($0) && !(grpc && isListening($0 + 10000)) }
        } ?? candidates[0]
    }

    /// True when something accepts TCP connections on 127.0.0.1:`port`.
    public static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
