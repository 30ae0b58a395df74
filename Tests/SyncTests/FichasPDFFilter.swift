import Foundation
import R2SCore
import Scope
import ScopeCommandLine

/// The named filter the filter tests of sync share: `fichas-pdf`, the PDFs under `fichas/`.
enum FichasPDFFilter {
    static let name = "fichas-pdf"

    /// A fresh config folder holding the filter for the local profile; the caller removes it.
    static func config(_ tag: String) throws -> String {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("r2s-\(tag)-\(UUID().uuidString)").path
        try FilterStore(configDirectory: config, profile: Profile.localName)
            .add(NamedFilter(name: name, rules: FilterRules(prefixes: ["fichas"], types: ["application/pdf"])))
        return config
    }
}
