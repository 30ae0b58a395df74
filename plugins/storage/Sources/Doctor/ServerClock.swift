import FoundationEssentials
import HTTP
import ObjectStore
import S3
import Scope
import Services

/// The S3 server's clock, for `doctor`: an unsigned HEAD of the endpoint's origin, whose
/// response (any status: 403 is usual without a signature) carries a `Date` header. Sends no
/// credentials, so nothing secret can leak into the request or its errors.
enum ServerClock {
    /// The server's `Date`, or `nil` when the store is not S3 or the header is missing.
    static func date(of store: any ObjectStore) async throws -> Date? {
        guard let s3 = (store as? S3Client) ?? ((store as? TrashHidingStore)?.base as? S3Client) else { return nil }
        var configuration = HTTPClient.Configuration()
        configuration.concurrency = 1
        configuration.retry = RetryPolicy(maxAttempts: 1, baseDelayMilliseconds: 0)
        let client = try HTTPClient(configuration: configuration)
        let response = try await client.send(HTTPRequest(method: "HEAD", url: s3.configuration.endpoint.origin + "/"))
        return response.header("date").flatMap(parseIMFDate)
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110's IMF-fixdate, the form servers send).
    static func parseIMFDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
            let month = months.firstIndex(of: String(parts[2])).map({ $0 + 1 })
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day), clock[0] < 24, clock[1] < 60, clock[2] < 61 else { return nil }
        let iso = String(format4(year)) + "-" + pad(month) + "-" + pad(day) + "T" + pad(clock[0]) + ":" + pad(clock[1]) + ":"
            + pad(clock[2]) + "Z"
        return ISODate.parse(iso)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
    private static func format4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
}
