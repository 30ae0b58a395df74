import ArgumentParser
import R2SCore

/// `doctor`: read-only troubleshooting of the active profile.
struct DoctorCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Troubleshoot the active profile: bucket access, clock, catalog, schema, url mapping.",
        discussion: """
            Read-only. Checks, in order: the bucket can be opened and listed (credentials accepted,
            the token may list this bucket, the bucket exists); the clock against the server's
            Date header (skipped when the store cannot report it); multipart uploads started more
            than a day ago and never completed (S3 only); the catalog answers and its key
            sees past row-level security; the table's schema (as `catalog check`); and a sample of
            rows (--sample, default 200): how many urls map to objects that exist, to missing
            objects, to other sites (foreign), or to nothing readable. Every finding that is not a
            pass says what to do.

            Exit: 0 when nothing failed (warnings allowed), 3 when the bucket or the catalog cannot
            be reached or the credentials are refused, 1 for any other failed check.

            EXAMPLES:
              doctor
              doctor --sample 1000
              doctor --json
            """)

    @Option(help: ArgumentHelp("Rows to test the url mapping on (1–10000).", valueName: "N"))
    var sample = 200

    func validate() throws {
        guard (1...10_000).contains(sample) else { throw ValidationError("--sample must be between 1 and 10000") }
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let services = try StorageModule.services(in: context)
        let checks = DoctorChecks(context: context, services: services, sample: sample)
        let findings = await checks.run()
        DoctorReport.print(findings, context)
        let failed = findings.filter { $0.status == .fail }
        if failed.isEmpty { return .ok }
        return failed.contains(where: \.isConnectivity) ? .config : .failure
    }
}

/// One line of the doctor's report.
struct DoctorFinding: Sendable {
    enum Status: String, Sendable {
        case pass, warn, fail, skip
    }

    enum Check: String, Sendable {
        case bucket, credentials, listing = "list permission", bucketExists = "bucket exists", clock, catalog
        case rowSecurity = "row-level security", schema, urlMapping = "url mapping", dotSegments = "dot segments"
        case incompleteUploads = "incomplete uploads"
        case trash
    }

    var check: Check
    var status: Status
    var detail: LocalizedText
    var fix: LocalizedText?

    /// Failures that mean "cannot reach or authenticate" (exit 3).
    var isConnectivity: Bool {
        switch check {
        case .bucket, .credentials, .listing, .bucketExists, .catalog, .rowSecurity: true
        default: false
        }
    }
}

/// Prints the findings: a checklist for people, rows for --json/--csv.
enum DoctorReport {
    static func print(_ findings: [DoctorFinding], _ context: ShellContext) {
        guard context.format == .table else {
            let rows = context.rows([OutputColumn("check"), OutputColumn("status"), OutputColumn("detail"), OutputColumn("fix")])
            for f in findings {
                rows.add([.string(f.check.rawValue), .string(f.status.rawValue), .string(context.text(f.detail)), .text(f.fix.map(context.text))])
            }
            rows.finish()
            return
        }
        let width = findings.map(\.check.rawValue.count).max() ?? 0
        for f in findings {
            let mark =
                switch f.status {
                case .pass: "ok  "
                case .warn: "WARN"
                case .fail: "FAIL"
                case .skip: "skip"
                }
            let name = f.check.rawValue + String(repeating: " ", count: width - f.check.rawValue.count)
            context.console.writeLine("[\(mark)] \(name)  \(context.text(f.detail))")
            if let fix = f.fix {
                let pad = String(repeating: " ", count: width + 9)
                context.console.writeLine(pad + context.text(.doctorFixPrefix) + context.text(fix))
            }
        }
        let failed = findings.filter { $0.status == .fail }.count
        let warned = findings.filter { $0.status == .warn }.count
        context.console.writeLine()
        context.console.writeLine(context.text(.doctorSummary(failed: failed, warnings: warned)))
    }
}
