import FoundationEssentials
import R2SCore
import SyncEngine
import Synchronization

/// `--report FILE.json|FILE.csv`: every classified item (key, url, record id, action, kind,
/// reason), streamed to disk as the engine classifies (never held in memory), with a header
/// (time, r2s version, target, scope, counts): a JSON report is
/// `{"header": {…}, "items": [ … ]}`; a CSV report stays plain CSV and its header goes to
/// `FILE.meta.json` beside it (`{"header": {…}}`).
final class SyncReportFile: Sendable {
    enum Format: Sendable { case json, csv }

    static let columns = ["key", "url", "record_id", "action", "kind", "reason"]

    let path: String
    private let format: Format
    /// Masks secrets (the session's, and any URL password or userinfo) in the free-text fields:
    /// a row's url and a reason may carry text nobody meant to publish in a report.
    private let scrub: @Sendable (String) -> String
    private let state: Mutex<State>

    private struct State: ~Copyable {
        var file: OutputFile?
        /// JSON: the items, until the header (which comes first) is known.
        var spool: ReportSpool?
        var count = 0
        var error: (any Error)?
    }

    /// Opens the report; the format comes from the extension.
    init(path: String, scrub: @escaping @Sendable (String) -> String = { $0 }) throws {
        self.scrub = scrub
        let lower = path.lowercased()
        if lower.hasSuffix(".json") {
            format = .json
        } else if lower.hasSuffix(".csv") {
            format = .csv
        } else {
            throw CommandError(
                LocalizedText(en: "--report \(path): the file name must end in .json or .csv",
                              ptBR: "--report \(path): o nome do arquivo deve terminar em .json ou .csv"), status: .usage)
        }
        self.path = path
        let file = try OutputFile(path: path)
        var spool: ReportSpool?
        if format == .json {
            spool = try ReportSpool(beside: path)
        } else {
            try file.write(Self.columns.joined(separator: ",") + "\n")
        }
        state = Mutex(State(file: file, spool: spool))
    }

    /// Items written so far.
    var count: Int { state.withLock { $0.count } }

    func add(_ item: SyncItem) {
        let values: [String?] = [
            item.key, item.url.map(scrub), item.recordID?.uuidString.lowercased(), item.action, item.kind.rawValue, scrub(item.reason),
        ]
        let line: String
        switch format {
        case .json:
            let fields = zip(Self.columns, values).map { ($0, OutputValue.text($1)) }
            line = JSONWriter.encode(.object(fields))
        case .csv:
            line = values.map { Self.csvField($0 ?? "") }.joined(separator: ",") + "\n"
        }
        state.withLock { s in
            guard s.error == nil, let file = s.file else { return }
            do {
                if let spool = s.spool {
                    try spool.write((s.count == 0 ? "\n" : ",\n") + line)
                } else {
                    try file.write(line)
                }
                s.count += 1
            } catch {
                s.error = error
            }
        }
    }

    /// The side file of a CSV report that holds its header.
    var metaPath: String? { format == .csv ? path + ".meta.json" : nil }

    /// Finishes the document with `header` (an object) and renames it into place; rethrows the
    /// first write error.
    func commit(header: OutputValue) throws {
        let headerJSON = JSONWriter.encode(.object([("header", header)]))
        try state.withLock { s in
            if let error = s.error { throw error }
            guard let file = s.file else { return }
            if let spool = s.spool {
                // `{"header":{…}` + `,"items":[` + the spooled items + `]}`.
                try file.write(String(headerJSON.dropLast()) + ",\n\"items\": [")
                try spool.copy(into: file)
                try file.write(s.count == 0 ? "]}\n" : "\n]}\n")
                s.spool = nil
            } else if let metaPath {
                let meta = try OutputFile(path: metaPath)
                try meta.write(headerJSON + "\n")
                try meta.commit()
            }
            try file.commit()
            s.file = nil
        }
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}
