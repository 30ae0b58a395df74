public import Catalog
public import ObjectStore
public import R2SCore
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
/// base: a first page (cheap), then further pages only while no row has shown how keys that need
/// escaping are spelled (at most `maxRows` rows), and writes the style most such rows use
/// (`URLStyleEvidence.inferred`). Without any evidence — an empty table, or only plain ASCII
/// keys — it writes `encoded` and says so once per session. The decision is cached per session,
/// catalog and base.
public enum URLStyleResolver {
    /// The first (cheap) read.
    public static let samplePage = 500
    /// The most rows `auto` reads looking for evidence.
    public static let maxRows = 20_000

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

    /// Reads the evidence: the first page, then more only while no row is decisive.
    public static func sample(_ store: any CatalogStore, mapping: KeyMapping) async throws -> URLStyleEvidence {
        var evidence = URLStyleEvidence()
        var read = 0
        let query = RecordQuery(deleted: .exclude, urlPrefixes: [mapping.publicBase + "/"], pageSize: samplePage)
        for try await page in store.records(query) {
            for row in page {
                if let part = mapping.keyPart(of: row.url) { evidence.add(path: part) }
            }
            read += page.count
            if evidence.decisiveRows > 0 || read >= maxRows { break }
        }
        return evidence
    }
}

/// A per-session cache cell filled after an asynchronous read.
final class StyleSlot: Sendable {
    /// The decision, whether it was a guess (no evidence), and whether the guess was announced.
    let value = Mutex<(style: URLStyle, guessed: Bool, noted: Bool)?>(nil)
}
