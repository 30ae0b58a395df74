public import FoundationEssentials
import UserFacing

/// `R2S_ACTOR`: who r2s writes into `created_by`/`updated_by`.
public enum CatalogActor {
    /// The environment variable name.
    public static let variable = "R2S_ACTOR"

    /// Parses `R2S_ACTOR`: unset or empty → `nil` (columns stay NULL); a uuid → that uuid;
    /// anything else is an error (never silently written as NULL).
    public static func parse(_ value: String?) throws(CatalogError) -> UUID? {
        guard let raw = value?.trimmingWhitespace, !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else {
            throw CatalogError(
                .invalidInput,
                LocalizedText(
                    // Never the value: a mistyped secret pasted here must not reach a log.
                    en: "R2S_ACTOR is not a uuid", ptBR: "R2S_ACTOR não é um uuid"),
                hint: LocalizedText(
                    en: "set R2S_ACTOR to the id of your row in usuarios (or unset it)",
                    ptBR: "defina R2S_ACTOR com o id da sua linha em usuarios (ou remova-a)"))
        }
        return id
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
