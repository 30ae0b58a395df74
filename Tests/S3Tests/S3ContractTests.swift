import Foundation
import ObjectStore
import R2STestSupport
import S3
import Testing

/// The same contract the local folder store passes, on the real SeaweedFS server: one bucket per
/// check, multipart exercised by a large file above a lowered threshold.
@Suite struct S3ContractTests {
    @Test("the ObjectStore contract on SeaweedFS", arguments: ObjectStoreContract.Check.allCases)
    func contract(_ check: ObjectStoreContract.Check) async throws {
        // SeaweedFS rewrites `//`, a leading `/`, `./`, `../` and trailing-slash keys (R2 does not).
        try await run(check, on: nil, options: .init(pathLikeKeys: false, seaweedFS: true))
    }

    @Test("the ObjectStore contract on moto (byte-exact keys, like R2)", arguments: ObjectStoreContract.Check.allCases)
    func contractOnMoto(_ check: ObjectStoreContract.Check) async throws {
        guard let moto = TestServers.moto() else { return }
        // moto keeps every key byte: `//`, a leading `/`, `./`, `../`, a trailing `/`, NFC and NFD.
        try await run(check, on: moto, options: .init(moto: true, keepsUnicodeForms: true))
    }

    /// Runs `check` in a fresh bucket of `server` (SeaweedFS when nil) and expects it to leave
    /// nothing behind. 12 MiB with a 5 MiB threshold/part size: three parts, the last one short.
    private func run(
        _ check: ObjectStoreContract.Check, on server: TestServers.S3?, options: ObjectStoreContract.Options,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        guard
            let client = try await S3Fixture.client(
                "contract", on: server, sourceLocation: sourceLocation,
                tune: { config in
                    config.multipartThreshold = 5 << 20
                    config.partSize = 5 << 20
                })
        else { return }
        let scratch = S3Fixture.temporaryPath()
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { S3Fixture.remove(scratch) }
        try await ObjectStoreContract.run(check, on: client, scratch: scratch, prefix: "run/", options: options)
        #expect(try await client.listAll().isEmpty, "the check left objects behind")
    }
}
