import ArgumentParser
import ObjectStore
import R2SCore

/// `url KEY|ID`: the public url r2s writes for a key, or a presigned link.
struct URLCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "url",
        abstract: "Print a file's public url (R2_PUBLIC_URL + encoded key) or a presigned link.",
        discussion: """
            The public url encodes each key segment (spaces → %20, + → %2B, accents as UTF-8),
            exactly as `upload` writes it into the catalog. --presign signs a temporary link with
            the profile's credentials instead (GET to download, PUT to upload, DELETE to remove);
            --expires takes seconds or 30s, 15m, 1h, 2d (1 s to 7 days; default 1h). Presigned
            links are secrets while they are valid: share them carefully. The local profile has no
            links to presign.

            EXAMPLES:
              url 'fichas/foto 1.jpg'
              url 3f2a9c1e-4b7d-4c2a-9e1f-0a1b2c3d4e5f
              url fichas/relatorio.pdf --presign --expires 15m
              url fichas/novo.pdf --presign --method PUT --expires 1h
            """)

    @Argument(help: ArgumentHelp("Object key, row id or url.", valueName: "KEY|ID"))
    var item: String

    @Flag(help: "Print a presigned link instead of the public url.")
    var presign = false

    @Option(help: ArgumentHelp("How long a presigned link is valid (default 1h).", valueName: "DURATION"))
    var expires = "1h"

    @Option(help: ArgumentHelp("HTTP method of the presigned link: GET, PUT or DELETE.", valueName: "METHOD"))
    var method = "GET"

    func validate() throws {
        guard let seconds = Durations.seconds(expires), (1...604_800).contains(seconds) else {
            throw ValidationError("--expires \(expires): expected 1s … 7d (e.g. 900, 15m, 1h, 2d)")
        }
        guard ["GET", "PUT", "DELETE"].contains(method.uppercased()) else {
            throw ValidationError("--method \(method): expected GET, PUT or DELETE")
        }
        if !presign && (method.uppercased() != "GET") {
            throw ValidationError("--method needs --presign")
        }
    }

    static func complete(_ request: CompletionRequest, in context: ShellContext) async -> [String] {
        guard request.option == nil else {
            return request.option == "--method" ? ["GET", "PUT", "DELETE"].filter { $0.hasPrefix(request.prefix.uppercased()) } : []
        }
        return await Completion.keysAndIDs(request, in: context)
    }

    func run(in context: ShellContext) async throws -> ExitStatus {
        let access = try StorageAccess(context)
        let mapping = try access.mapping()
        let key: String
        if Durations.looksLikeID(item) || item.contains("://") {
            let located = try await Locator(catalog: try access.catalog(), mapping: mapping, store: try access.store()).locate(item)
            guard let k = located.key else { throw CommandError(.noKey(item), hint: .noKeyHint, status: .failure) }
            key = k
        } else if item.utf8.contains(where: { $0 >= 0x80 }) {
            // The stored spelling (typed NFC, stored NFD or the reverse): the url must fetch it.
            let found = try await access.store().spellings(of: item)
            if found.count > 1 {
                throw CommandError(.ambiguousName(item, found.map(\.key)), hint: .ambiguousNameHint, status: .failure)
            }
            key = found.first?.key ?? item
        } else {
            key = item  // a plain key needs no catalog (and works without one)
        }
        let link: String
        if presign {
            link = try access.store().presign(key, method: method.uppercased(), expires: Durations.seconds(expires) ?? 3600)
        } else {
            link = mapping.link(for: key)  // always a working link, whatever the catalog stores
        }
        if DotSegments.contains(key) { context.warn(.dotSegmentURL(key)) }
        switch context.format {
        case .table: context.console.writeLine(link)
        default: context.summary([("key", .string(key)), ("url", .string(link))])
        }
        return .ok
    }
}

/// Durations as flags take them, and the id test `url` uses.
enum Durations {
    /// `900`, `30s`, `15m`, `1h`, `2d`, `1h30m` → seconds; `nil` when malformed.
    static func seconds(_ text: String) -> Int? {
        if let plain = Int(text) { return plain }
        var total = 0
        var number = ""
        for ch in text {
            if ch.isASCII, ch.isNumber {
                number.append(ch)
                continue
            }
            guard let n = Int(number), let unit = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800][ch] else {
                return nil
            }
            total += n * unit
            number = ""
        }
        return number.isEmpty && total > 0 ? total : nil
    }

    /// True for text shaped like a uuid (8-4-4-4-12 hex digits).
    static func looksLikeID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
