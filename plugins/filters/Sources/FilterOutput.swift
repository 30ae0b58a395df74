import R2SCore
import Scope

/// How filters print: one compact line for tables, typed fields for JSON/CSV.
enum FilterOutput {
    /// `filter ls` columns.
    static let listColumns = [
        OutputColumn("name"), OutputColumn("rules"), OutputColumn("description"),
    ]

    /// One line of rules for people: `prefix fichas/ · type application/pdf · - *.tmp · ≥ 10 KiB · newer than 7d`.
    static func rulesLine(_ rules: FilterRules) -> String {
        var parts: [String] = []
        if !rules.prefixes.isEmpty { parts.append("prefix " + rules.prefixes.map(FilterRules.normalizePrefix).map(shown).joined(separator: ",")) }
        if !rules.types.isEmpty { parts.append("type " + rules.types.joined(separator: ",")) }
        if !rules.globs.isEmpty { parts.append(rules.globs.map(\.description).joined(separator: " ")) }
        if rules.ignoreCase && !rules.globs.isEmpty { parts.append("ignore case") }
        if let min = rules.minSize { parts.append("≥ " + ByteSize.format(min)) }
        if let max = rules.maxSize { parts.append("≤ " + ByteSize.format(max)) }
        if let newer = rules.newerThan { parts.append("newer than \(newer)") }
        if let older = rules.olderThan { parts.append("older than \(older)") }
        return parts.isEmpty ? "(everything)" : parts.joined(separator: " · ")
    }

    private static func shown(_ prefix: String) -> String { prefix.isEmpty ? "/" : prefix }

    /// `filter show` / `filter add` fields (JSON object, CSV row, `key: value` lines).
    static func fields(_ filter: NamedFilter) -> [(String, OutputValue)] {
        let r = filter.rules
        return [
            ("name", .string(filter.name)),
            ("description", .text(filter.description)),
            ("prefixes", .array(r.prefixes.map { .string(FilterRules.normalizePrefix($0)) })),
            ("types", .array(r.types.map { .string($0) })),
            ("globs", .array(r.globs.map { .string($0.description) })),
            ("ignore_case", .bool(r.ignoreCase)),
            ("min_size", .number(r.minSize)),
            ("max_size", .number(r.maxSize)),
            ("newer_than", .text(r.newerThan?.description)),
            ("older_than", .text(r.olderThan?.description)),
            ("created_at", .string(ISODate.format(filter.createdAt))),
            ("updated_at", .string(ISODate.format(filter.updatedAt))),
        ]
    }

    /// Prints one filter: `key: value` lines for people (with a rules line), fields otherwise.
    static func show(_ filter: NamedFilter, in context: ShellContext) {
        if context.format == .table {
            var f = fields(filter).filter { (_, v) in v != .null && v != .array([]) }
            f.insert(("rules", .string(rulesLine(filter.rules))), at: filter.description == nil ? 1 : 2)
            for (i, (k, v)) in f.enumerated() where k == "min_size" || k == "max_size" {
                if case .int(let n) = v { f[i].1 = .string("\(ByteSize.format(n)) (\(n) bytes)") }
            }
            context.summary(f)
        } else {
            context.summary(fields(filter))
        }
    }
}
