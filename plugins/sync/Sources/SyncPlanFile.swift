import FoundationEssentials
import ObjectStore
import SyncEngine

/// `--plan FILE.r2s`: the changes as a reviewable script of ordinary commands. Each line is a
/// `sync-item` command that re-checks the bucket and the row before it acts, so a plan applied
/// late, twice, or after a partial run never does harm (see `sync-item --help`).
///
/// Keys are written percent-encoded (`--encoded`): every byte but unreserved ASCII and `/`
/// becomes `%XX`, so no key can break the script's quoting, start a comment or expand a variable.
enum SyncPlanFile {
    static func write(_ plan: SyncPlan, to path: String, header: [String], urlBases: [String] = []) throws {
        // Old bases are ordinary url characters, but quote-proof them anyway: no spaces or quotes.
        let bases = urlBases.map { " --url-base " + encodeBase($0) }.joined()
        let file = try OutputFile(path: path)
        var intro = header.map { "# " + $0 }
        intro.append("# \(plan.additions.count) to add, \(plan.removals.count) to soft-delete, \(plan.restorations.count) to restore.")
        intro.append("# Nothing has been changed yet. Review, then apply with:  r2s -f \(path)")
        intro.append("# Every line re-checks the bucket first: a stale or repeated line changes nothing.")
        try file.write(intro.joined(separator: "\n") + "\n")
        if !plan.additions.isEmpty {
            try file.write("\n# Files without a row: add one.\n")
            for a in plan.additions { try file.write("sync-item add --encoded \(encode(a.key))\n") }
        }
        if !plan.restorations.isEmpty {
            try file.write("\n# Soft-deleted rows whose file exists again: restore.\n")
            for r in plan.restorations {
                try file.write("sync-item restore \(r.id.uuidString.lowercased())\(bases)  # \(comment(r.key))\n")
            }
        }
        if !plan.removals.isEmpty {
            try file.write("\n# Rows whose file is gone: soft-delete.\n")
            for r in plan.removals {
                try file.write("sync-item remove \(r.id.uuidString.lowercased())\(bases)  # \(comment(r.key))\n")
            }
        }
        try file.commit()
    }

    /// A url base with the characters a script would interpret percent-encoded.
    static func encodeBase(_ base: String) -> String {
        var out = ""
        for ch in base.unicodeScalars {
            if ch.value <= 0x20 || ch.value >= 0x7F || "\"'$#;\\`".unicodeScalars.contains(ch) {
                out += String(ch).utf8.map { "%" + ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// RFC 3986 percent-encoding keeping unreserved characters and `/`.
    static func encode(_ key: String) -> String {
        PercentCoding.encode(key, keeping: { $0 == UInt8(ascii: "/") })
    }

    /// Decodes `%XX` sequences (the inverse of `encode`); `nil` for malformed input or non-UTF-8.
    static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            guard b == UInt8(ascii: "%") else {
                bytes.append(b)
                continue
            }
            guard it.count >= 2, let hi = PercentCoding.hexValue(it.removeFirst()), let lo = PercentCoding.hexValue(it.removeFirst())
            else { return nil }
            bytes.append(hi << 4 | lo)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A key made safe for a trailing comment (no line breaks or control characters).
    private static func comment(_ key: String) -> String {
        String(String.UnicodeScalarView(key.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
