public import ObjectStore
internal import SigV4
import UserFacing

extension S3Client {
    /// S3's DeleteObjects limit.
    public static let deleteBatchSize = 1000

    /// Deletes `keys` with DeleteObjects in batches of ≤ 1,000 (a few batches in parallel);
    /// returns the per-key failures the server reported. Keys XML 1.0 cannot carry (control
    /// characters) are deleted one by one instead.
    public func delete(keys: [String]) async throws -> [KeyFailure] {
        var batchable: [String] = []
        var single: [String] = []
        for key in keys { (Self.xmlCanCarry(key) ? { batchable.append(key) } : { single.append(key) })() }
        var failures: [KeyFailure] = []
        for key in single {
            do {
                try await delete(key)
            } catch let error as S3Error where !error.isConfigurationOrConnection {
                failures.append(KeyFailure(key: key, code: "DeleteObject", message: error.userMessage))
            }
        }
        let batches = stride(from: 0, to: batchable.count, by: Self.deleteBatchSize).map {
            Array(batchable[$0..<min($0 + Self.deleteBatchSize, batchable.count)])
        }
        try await withThrowingTaskGroup(of: [KeyFailure].self) { group in
            var next = 0
            while next < min(batches.count, max(1, configuration.deleteConcurrency)) {
                let batch = batches[next]
                group.addTask { try await self.deleteBatch(batch) }
                next += 1
            }
            while let result = try await group.next() {
                failures.append(contentsOf: result)
                if next < batches.count {
                    let batch = batches[next]
                    group.addTask { try await self.deleteBatch(batch) }
                    next += 1
                }
            }
        }
        return failures
    }

    /// One DeleteObjects request in quiet mode (only failures come back).
    func deleteBatch(_ keys: [String]) async throws -> [KeyFailure] {
        var xml = "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
        for key in keys { xml += "<Object><Key>\(XMLEscaping.escape(key))</Key></Object>" }
        xml += "</Delete>"
        var op = try xmlOperation("DeleteObjects", key: nil, xml: xml)
        op.query = [SigV4Field("delete", "")]
        let response = try await sendChecked(op)
        let root = try parseXML(response, op)
        if root.name == "Error" { throw serviceError(response, op) }
        return Self.keyFailures(root)
    }

    /// The per-key `<Error>` entries of a DeleteResult document.
    static func keyFailures(_ root: XMLNode) -> [KeyFailure] {
        root.children("Error").map {
            KeyFailure(key: $0.value("Key") ?? "", code: $0.value("Code") ?? "", message: $0.value("Message") ?? "")
        }
    }

    /// XML 1.0 allows TAB, LF, CR and U+0020 and up (minus surrogates and U+FFFE/U+FFFF).
    static func xmlCanCarry(_ key: String) -> Bool {
        key.unicodeScalars.allSatisfy { s in
            s == "\t" || s == "\n" || s == "\r" || (s.value >= 0x20 && s.value != 0xFFFE && s.value != 0xFFFF)
        }
    }
}
