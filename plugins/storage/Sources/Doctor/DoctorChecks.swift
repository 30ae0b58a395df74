import Catalog
import FoundationEssentials
import ObjectStore
import R2SCore
import Services

/// The checks behind `doctor`, each turning one probe into findings. Read-only: lists one key,
/// counts rows, reads the schema, HEADs a sample of objects.
struct DoctorChecks: Sendable {
    let context: ShellContext
    let services: any StorageServices
    let sample: Int

    /// Facts the services pin for every store (test doubles); otherwise each store's own facet
    /// answers (`ObjectStore.diagnostics`, `CatalogDiagnostics`), so doctor never names a store.
    private var diagnostics: (any StorageDiagnostics)? { services as? any StorageDiagnostics }

    func run() async -> [DoctorFinding] {
        var out: [DoctorFinding] = []
        let store = try? services.objectStore(context)
        let bucketFindings = await bucket()
        out += bucketFindings
        if let clock = await clock(skewReported: bucketFindings.contains { $0.check == .clock }) { out.append(clock) }
        if let store, store.diagnostics != nil, !bucketFindings.contains(where: { $0.status == .fail }) {
            out.append(await incompleteUploads(store))
        }
        if !bucketFindings.contains(where: { $0.status == .fail }), let trash = await trashFinding() { out.append(trash) }
        let catalogFindings = await catalog()
        out += catalogFindings.findings
        if let catalog = catalogFindings.catalog {
            out += await schema(catalog)
            out += await urlMapping(catalog, store: store)
        }
        return out
    }

    // MARK: - Bucket

    private func bucket() async -> [DoctorFinding] {
        let store: any ObjectStore
        do {
            store = try services.objectStore(context)
        } catch {
            return [failure(.bucket, error)]
        }
        do {
            var listed = 0
            for try await page in store.list(ListOptions(pageSize: 1)) {
                listed = page.objects.count
                break
            }
            let what: LocalizedText = listed == 0 ? .doctorBucketEmpty(store.displayName) : .doctorBucketListed(store.displayName)
            // Credentials and list permissions only mean something for a server (not a local folder).
            guard store.diagnostics != nil else { return [DoctorFinding(check: .bucket, status: .pass, detail: what)] }
            return [
                DoctorFinding(check: .credentials, status: .pass, detail: .doctorCredentialsOK),
                DoctorFinding(check: .listing, status: .pass, detail: .doctorListingOK),
                DoctorFinding(check: .bucketExists, status: .pass, detail: what),
            ]
        } catch {
            let failed = DoctorErrorKind.check(for: error, in: store)
            return [failure(failed, error)]
                + DoctorErrorKind.skipped(after: failed).map {
                    DoctorFinding(check: $0, status: .skip, detail: .doctorNotChecked)
                }
        }
    }

    /// Multipart uploads started over a day ago and never completed or aborted (a killed
    /// upload): their parts are stored and billed until aborted.
    private func incompleteUploads(_ store: any ObjectStore) async -> DoctorFinding {
        let uploads: [IncompleteUpload]
        do {
            uploads = try await store.incompleteUploads(prefix: "")
        } catch {
            var finding = failure(.incompleteUploads, error)
            finding.status = .warn  // the bucket itself answered: this listing is not connectivity
            return finding
        }
        let cutoff = Date().addingTimeInterval(-StaleUploads.doctorAge)
        let stale = uploads.filter { StaleUploads.isStale($0, before: cutoff) }
            .sorted { ($0.initiated ?? .distantFuture) < ($1.initiated ?? .distantFuture) }
        guard let oldest = stale.first else {
            return DoctorFinding(check: .incompleteUploads, status: .pass, detail: .doctorNoStaleUploads(uploads.count))
        }
        return DoctorFinding(
            check: .incompleteUploads, status: .warn, detail: .doctorStaleUploads(stale.count, oldest: oldest.key),
            fix: .doctorStaleUploadsFix)
    }

    /// Skew against the server's `Date`: from the services when they pin it, else from the
    /// store's diagnostics facet; skipped for stores without a server (the local folder).
    private func clock(skewReported: Bool) async -> DoctorFinding? {
        if skewReported { return nil }  // the listing already failed with RequestTimeTooSkewed
        do {
            let asked = Date()
            var reported = try await diagnostics?.serverDate(context)
            if reported == nil, let store = try? services.objectStore(context) {
                reported = try await store.diagnostics?.serverDate()
            }
            guard let server = reported else {
                return DoctorFinding(check: .clock, status: .skip, detail: .doctorClockUnavailable)
            }
            let skew = Self.skew(server: server, asked: asked, answered: Date())
            let status: DoctorFinding.Status = abs(skew) > 15 * 60 ? .fail : abs(skew) > 60 ? .warn : .pass
            return DoctorFinding(
                check: .clock, status: status, detail: .doctorClockSkew(skew), fix: status == .pass ? nil : .doctorClockFix)
        } catch {
            return failure(.clock, error)
        }
    }

    /// This machine's clock minus the server's, in whole seconds: how far the server's date lies
    /// outside the time the question took (0 inside it). Measured against the end alone, a slow
    /// answer (a loaded machine, a slow link) would read as this clock being ahead. The header's
    /// date has whole seconds (truncated): up to 1 s before the question still agrees.
    static func skew(server: Date, asked: Date, answered: Date) -> Int {
        if server < asked.addingTimeInterval(-1) { return Int(asked.timeIntervalSince(server).rounded()) }
        if server > answered { return -Int(server.timeIntervalSince(answered).rounded()) }
        return 0
    }

    // MARK: - Catalog

    private func catalog() async -> (findings: [DoctorFinding], catalog: (any CatalogStore)?) {
        let catalog: any CatalogStore
        do {
            catalog = try services.catalog(context)
        } catch {
            return ([failure(.catalog, error)], nil)
        }
        let total: Int
        do {
            total = try await catalog.count(RecordQuery(deleted: .include))
        } catch {
            return ([failure(.catalog, error)], nil)
        }
        var out = [DoctorFinding(check: .catalog, status: .pass, detail: .doctorCatalogOK(catalog.displayName, total))]
        let bypass: Bool? =
            if let diagnostics { diagnostics.catalogBypassesRowLevelSecurity(context) } else {
                (catalog as? any CatalogDiagnostics)?.bypassesRowLevelSecurity
            }
        switch bypass {
        case true?:
            out.append(DoctorFinding(check: .rowSecurity, status: .pass, detail: .doctorRLSBypassed))
        case false?:
            out.append(DoctorFinding(check: .rowSecurity, status: .fail, detail: .doctorRLSApplies, fix: .doctorRLSFix))
        case nil where total == 0:
            out.append(DoctorFinding(check: .rowSecurity, status: .warn, detail: .doctorRLSEmpty, fix: .doctorRLSFix))
        case nil:
            out.append(DoctorFinding(check: .rowSecurity, status: .skip, detail: .doctorRLSUnknown(total)))
        }
        return (out, catalog)
    }

    private func schema(_ catalog: any CatalogStore) async -> [DoctorFinding] {
        let report: SchemaReport
        do {
            report = try await catalog.checkSchema()
        } catch {
            return [failure(.schema, error)]
        }
        guard report.tableExists else {
            return [DoctorFinding(check: .schema, status: .fail, detail: .tableMissing(catalog.displayName), fix: .tableMissingHint)]
        }
        let relevant = report.findings.filter { $0.severity != .info }
        if relevant.isEmpty {
            // Notes (types unreadable with this key, indexes invisible over REST) qualify the pass.
            let notes = report.findings.map(\.message)
            let detail = notes.isEmpty ? LocalizedText.doctorSchemaOK : .doctorSchemaOKWithNotes(notes.joined(separator: "; "))
            return [DoctorFinding(check: .schema, status: .pass, detail: detail)]
        }
        return relevant.map { f in
            DoctorFinding(
                check: .schema, status: f.severity == .error ? .fail : .warn, detail: LocalizedText(f.message),
                fix: f.fixSQL.map { LocalizedText.doctorRunSQL($0) } ?? .doctorSchemaFix)
        }
    }

    // MARK: - Url mapping

    /// The url-mapping finding for a sample of rows, and a warning when sampled rows name keys
    /// with `.`/`..` segments (their public urls fetch other objects).
    private func urlMapping(_ catalog: any CatalogStore, store: (any ObjectStore)?) async -> [DoctorFinding] {
        let mapping: KeyMapping
        do {
            mapping = try services.keyMapping(context)
        } catch {
            return [failure(.urlMapping, error)]
        }
        var rows: [CatalogRecord] = []
        do {
            for try await page in catalog.records(RecordQuery(pageSize: min(sample, 1000))) {
                rows += page
                if rows.count >= sample { break }
            }
        } catch {
            return [failure(.urlMapping, error)]
        }
        rows = Array(rows.prefix(sample))
        guard !rows.isEmpty else { return [DoctorFinding(check: .urlMapping, status: .skip, detail: .doctorNoRows)] }
        var tally = MappingSample()
        var keys: [String] = []
        for row in rows {
            switch mapping.resolve(row.url) {
            case .key(let key): keys.append(key)
            case .foreign: tally.foreign += 1; tally.example = tally.example ?? row.url
            case .unparseable: tally.unparseable += 1
            }
        }
        if let store {
            do {
                let exists = try await Self.exist(keys, in: store)
                tally.present = exists.filter { $0 }.count
                tally.missing = exists.count - tally.present
            } catch {
                return [failure(.urlMapping, error)]
            }
        }
        let dotted = keys.filter(DotSegments.contains)
        let dots = dotted.first.map {
            DoctorFinding(
                check: .dotSegments, status: .warn, detail: .doctorDotSegments(dotted.count, rows.count, example: $0),
                fix: .doctorDotSegmentsFix)
        }
        return [mappingFinding(rows, tally, mapping)] + (dots.map { [$0] } ?? [])
    }

    private func mappingFinding(_ rows: [CatalogRecord], _ tally: MappingSample, _ mapping: KeyMapping) -> DoctorFinding {
        let detail = LocalizedText.doctorMappingCounts(
            rows.count, present: tally.present, missing: tally.missing, foreign: tally.foreign, unparseable: tally.unparseable)
        if tally.present == rows.count { return DoctorFinding(check: .urlMapping, status: .pass, detail: detail) }
        if tally.present == 0 {
            return DoctorFinding(
                check: .urlMapping, status: .fail, detail: detail,
                fix: .doctorMappingNoneFix(mapping.publicBase, tally.example ?? rows[0].url))
        }
        return DoctorFinding(check: .urlMapping, status: .warn, detail: detail, fix: .doctorMappingSomeFix)
    }

    private struct MappingSample {
        var present = 0, missing = 0, foreign = 0, unparseable = 0
        var example: String?
    }

    /// HEADs `keys`, eight at a time; `true` where the object exists.
    static func exist(_ keys: [String], in store: any ObjectStore) async throws -> [Bool] {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var results: [Bool] = []
            var next = keys.makeIterator()
            for _ in 0..<8 {
                guard let key = next.next() else { break }
                group.addTask { try await store.head(key) != nil }
            }
            while let found = try await group.next() {
                results.append(found)
                if let key = next.next() { group.addTask { try await store.head(key) != nil } }
            }
            return results
        }
    }

    private func failure(_ check: DoctorFinding.Check, _ error: any Error) -> DoctorFinding {
        let language = context.language
        // The report (and `--json`) is output like any other: no secret of the session in it.
        let secrets = context.session.secrets
        let message = secrets.scrub(
            (error as? any UserFacingError)?.localizedMessage(language) ?? String(describing: type(of: error)))
        let hint = (error as? any UserFacingError)?.localizedHint(language).map(secrets.scrub)
        return DoctorFinding(
            check: check, status: .fail, detail: LocalizedText(message), fix: hint.map { LocalizedText($0) })
    }
}
