/// Streams a listing to the console in the active format without holding it all in memory.
///
/// JSON writes an array element per row; CSV a line per row; tables buffer the first
/// `tableWindow` rows to size the columns, then stream the rest with those widths (cells
/// longer than their column are not cut, they just push the row wider).
public final class RowWriter {
    private let console: any Console
    private let format: OutputFormat
    private let columns: [OutputColumn]
    private let tableWindow: Int
    private var pending: [[String]] = []
    private var widths: [Int]?
    private var count = 0
    private var finished = false

    public init(console: any Console, format: OutputFormat, columns: [OutputColumn], tableWindow: Int = 500) {
        self.console = console
        self.format = format
        self.columns = columns
        self.tableWindow = tableWindow
        switch format {
        case .json: console.write("[")
        case .csv: console.write(columns.map { Self.csvField($0.key) }.joined(separator: ",") + "\n")
        case .table: break
        }
    }

    /// Number of rows written so far.
    public var rowCount: Int { count }

    /// Writes one row; `values` are in column order.
    public func add(_ values: [OutputValue]) {
        count += 1
        switch format {
        case .json:
            var out = count == 1 ? "\n" : ",\n"
            JSONWriter.write(.object(Array(zip(columns.map(\.key), values))), into: &out)
            console.write(out)
        case .csv:
            console.write(values.map { Self.csvField($0.plain) }.joined(separator: ",") + "\n")
        case .table:
            let cells = values.map { $0.plain.replacingControlCharacters() }
            if let widths {
                console.write(render(cells, widths: widths))
            } else {
                pending.append(cells)
                if pending.count >= tableWindow { flushPending() }
            }
        }
    }

    /// Ends the listing (closes the JSON array, prints buffered table rows).
    public func finish() {
        guard !finished else { return }
        finished = true
        switch format {
        case .json: console.write(count == 0 ? "]\n" : "\n]\n")
        case .csv: break
        case .table: if widths == nil { flushPending() }
        }
    }

    private func flushPending() {
        var w = columns.map { $0.title.displayWidth }
        for row in pending {
            for (i, cell) in row.enumerated() where i < w.count { w[i] = max(w[i], cell.displayWidth) }
        }
        widths = w
        if !pending.isEmpty || count == 0 {
            console.write(render(columns.map(\.title), widths: w))
        }
        for row in pending { console.write(render(row, widths: w)) }
        pending.removeAll()
    }

    private func render(_ cells: [String], widths: [Int]) -> String {
        var line = ""
        for (i, cell) in cells.enumerated() {
            let width = i < widths.count ? widths[i] : 0
            let pad = String(repeating: " ", count: max(0, width - cell.displayWidth))
            let isLast = i == cells.count - 1
            if i > 0 { line += "  " }
            if i < columns.count, columns[i].alignRight {
                line += pad + cell
            } else {
                line += isLast ? cell : cell + pad
            }
        }
        return line + "\n"
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Terminal columns this string occupies: East Asian wide characters and emoji count 2.
    public var displayWidth: Int {
        var width = 0
        for ch in self {
            guard let scalar = ch.unicodeScalars.first else { continue }
            let v = scalar.value
            if v < 0x20 { continue }
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
            width += wide ? 2 : 1
        }
        return width
    }

    /// Replaces control characters (newlines, tabs, ESC) so a cell cannot break a table or inject
    /// terminal escapes.
    public func replacingControlCharacters() -> String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return self }
        var out = String.UnicodeScalarView()
        for s in unicodeScalars { out.append(s.value < 0x20 || s.value == 0x7F ? "?" : s) }
        return String(out)
    }
}
