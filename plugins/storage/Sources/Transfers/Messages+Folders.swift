import R2SCore

// Texts of the folder transfers: download -r and mv of a folder.

extension LocalizedText {
    static func downloadedLine(_ status: String, _ key: String) -> LocalizedText { .init(en: "\(status) \(key)", ptBR: "\(status) \(key)") }
    static let downloadFolderDestHint = LocalizedText(en: "download -r writes into an existing folder: create it first (mkdir -p)", ptBR: "download -r grava numa pasta existente: crie-a antes (mkdir -p)")
    static func unsafeFolderKeyHint(_ key: String) -> LocalizedText { .init(en: "the rest of the folder was downloaded; fetch this one by hand with: download \(key.quotedWord) FILE", ptBR: "o resto da pasta foi baixado; baixe este à mão com: download \(key.quotedWord) ARQUIVO") }
    static func localFolderBlocked(_ path: String) -> LocalizedText { .init(en: "'\(path)' cannot be used as a folder (a file or a symlink is in the way); nothing was written there", ptBR: "'\(path)' não pode ser usada como pasta (um arquivo ou link simbólico está no caminho); nada foi gravado ali") }
}

extension String {
    /// The text as one shell/r2s word (`Format.word`).
    fileprivate var quotedWord: String { Format.word(self) }
}

extension LocalizedText {
    static func folderInsideItself(_ from: String, _ to: String) -> LocalizedText { .init(en: "cannot move folder '\(from)' to '\(to)': one is inside the other", ptBR: "não é possível mover a pasta '\(from)' para '\(to)': uma está dentro da outra") }
    static func emptyFolder(_ folder: String) -> LocalizedText { .init(en: "no object under '\(folder)'", ptBR: "nenhum objeto em '\(folder)'") }
    static let emptyFolderHint = LocalizedText(en: "check the folder with: ls (a SRC ending in '/' is a folder)", ptBR: "confira a pasta com: ls (uma ORIGEM terminada em '/' é uma pasta)")
    static func mvCopyLeft(_ key: String) -> LocalizedText { .init(en: "the rows could not be updated and the copy '\(key)' could not be removed again: it is in the bucket without a row", ptBR: "as linhas não puderam ser atualizadas e a cópia '\(key)' não pôde ser removida: ela está no bucket sem linha") }
}
