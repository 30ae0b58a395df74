public import Catalog
public import ObjectStore
public import R2SCore
import FoundationEssentials
import Synchronization

extension StorageServices {
    /// The url mapping for commands that **write** urls (upload, mv, sync's additions,
    /// `sync-item add`): `keyMapping` with the write style of `R2S_URL_STYLE` resolved — for
    /// `auto`, the spelling the catalog's rows already use (see `URLStyleResolver`).
    ///
    /// - Parameters:
    ///   - announce: say (once) that `auto` found no evidence; `false` for commands that only
    ///     compare with what would be written (`show`).
    ///   - note: where to say it (sync logs it in its own format); default: an info line.
    /// - Throws: `ConfigError` (exit 3) for an unknown `R2S_URL_STYLE`; catalog errors of the sample.
    public func writeMapping(
        _ context: ShellContext, announce: Bool = true, note: (@Sendable (LocalizedText) -> Void)? = nil
    ) async throws -> KeyMapping {
        let mapping = try keyMapping(context)
        let style = try await URLStyleResolver.style(for: mapping, in: context, announce: announce, note: note) {
            try self.catalog(context)
        }
        return mapping.writing(style)
    }
}

/// Decides the spelling r2s writes urls in.
///
/// `raw` and `encoded` are taken as set. `auto` reads the active rows under the primary public
/// base: a first page (cheap), then — unless that page already holds enough rows showing how
/// keys that need escaping are spelled — one targeted query for such rows
/// (`CatalogStore.records(matching:)`: urls containing `%`, a space, another character an
/// encoder always escapes, or a character outside printable ASCII), so evidence is found
/// wherever it sits in the table. It writes the style most such rows use
/// (`URLStyleEvidence.inferred`). Without any evidence — an empty table, or only plain ASCII
/// keys — it writes `encoded` and says so once per session. The decision is cached per session,
/// catalog and base.
public enum URLStyleResolver {
    /// The first (cheap) read.
    public static let samplePage = 500
    /// Decisive rows in the first page that make the targeted query unnecessary.
    public static let enoughEvidence = 50
    /// The most rows the targeted query returns (PostgREST's default max-rows).
    public static let searchLimit = 1000

    /// The setting of the active profile (`auto` when unset).
    ///
    /// - Throws: `ConfigError(.invalidValue)` naming the variable and its origin.
    public static func setting(_ profile: Profile) throws -> URLStyleSetting {
        guard let text = profile["R2S_URL_STYLE"] else { return .auto }
        if let setting = URLStyleSetting(setting: text) { return setting }
        let origin = profile.origins["R2S_URL_STYLE"].map { " (\($0))" } ?? ""
        throw ConfigError(
            .invalidValue,
            LocalizedText(en: "R2S_URL_STYLE\(origin) must be auto, raw or encoded",
                          ptBR: "R2S_URL_STYLE\(origin) deve ser auto, raw ou encoded"),
            hint: LocalizedText(
                en: "set R2S_URL_STYLE to auto (follow the catalog), raw or encoded (docs/catalog.md)",
                ptBR: "defina R2S_URL_STYLE como auto (segue o catálogo), raw ou encoded (docs/catalog.md)"))
    }

    /// The style to write for `mapping`'s base in the active profile.
    public static func style(
        for mapping: KeyMapping, in context: ShellContext, announce: Bool = true,
        note: (@Sendable (LocalizedText) -> Void)? = nil, catalog: () throws -> any CatalogStore
    ) async throws -> URLStyle {
        switch try setting(context.profile) {
        case .raw: return .raw
        case .encoded: return .r2s
        case .auto: break
        }
        let store = try catalog()
        let slot = context.session.cached("services.urlStyle.\(store.displayName).\(mapping.publicBase)") { StyleSlot() }
        let known = slot.value.withLock { $0 }
        let style: URLStyle, guessed: Bool
        if let known {
            (style, guessed) = (known.style, known.guessed)
        } else {
            let evidence = try await sample(store, mapping: mapping)
            (style, guessed) = (evidence.inferred ?? .r2s, evidence.inferred == nil)
            slot.value.withLock { $0 = (style, guessed, false) }
        }
        // Said once per session, by the first command that actually writes.
        let firstNote = {
            slot.value.withLock { cell -> Bool in
                guard let c = cell, !c.noted else { return false }
                cell?.noted = true
                return true
            }
        }
        if guessed, announce, firstNote() {
            let say = note ?? { context.info($0) }
            say(LocalizedText(
                en: (note == nil ? "note: " : "") + "no row under \(mapping.publicBase)/ shows how keys with spaces or accents are spelled; "
                    + "writing encoded urls (set R2S_URL_STYLE=raw if the other app concatenates base and key)",
                ptBR: (note == nil ? "nota: " : "") + "nenhuma linha sob \(mapping.publicBase)/ mostra como chaves com espaços ou acentos são escritas; "
                    + "gravando urls codificadas (defina R2S_URL_STYLE=raw se o outro app concatena base e chave)"))
        }
        return style
    }

    /// Reads the evidence: the first page, then the targeted query unless that page was decisive
    /// enough. Rows both reads return are counted once.
    public static func sample(_ store: any CatalogStore, mapping: KeyMapping) async throws -> URLStyleEvidence {
        var evidence = URLStyleEvidence()
        var seen = Set<UUID>()
        func add(_ row: CatalogRecord) {
            guard seen.insert(row.id).inserted, let part = mapping.keyPart(of: row.url) else { return }
            evidence.add(path: part)
        }
        let scope = RecordQuery(deleted: .exclude, urlPrefixes: [mapping.publicBase + "/"], pageSize: samplePage)
        for try await page in store.records(scope) {
            page.forEach(add)
            break
        }
        guard evidence.decisiveRows < enoughEvidence else { return evidence }
        let search = URLSearch(
            scope: scope, substrings: URLSpelling.evidenceSubstrings, outsidePrintableASCII: true, limit: searchLimit)
        try await store.records(matching: search).forEach(add)
        return evidence
    }
}

/// A per-session cache cell filled after an asynchronous read.
final class StyleSlot: Sendable {
    /// The decision, whether it was a guess (no evidence), and whether the guess was announced.
    let value = Mutex<(style: URLStyle, guessed: Bool, noted: Bool)?>(nil)
}
