import ObjectStore
import R2SCore

// Every text the storage module shows, in English and Brazilian Portuguese.

extension LocalizedText {
    // MARK: - General

    static let moduleNotRegistered = LocalizedText(en: "the storage module is not registered in this shell", ptBR: "o módulo storage não está registrado neste shell")
    static func tableMissing(_ catalog: String) -> LocalizedText { .init(en: "the catalog table does not exist: \(catalog)", ptBR: "a tabela do catálogo não existe: \(catalog)") }
    static let tableMissingHint = LocalizedText(en: "check R2S_TABLE in the profile, or create the table with `catalog init`", ptBR: "confira R2S_TABLE no perfil, ou crie a tabela com `catalog init`")
    static func sizeLimitUnknown(_ type: String) -> LocalizedText { .init(en: "could not read the catalog schema (\(type)); assuming size is INTEGER (files up to 2 GiB)", ptBR: "não foi possível ler o esquema do catálogo (\(type)); supondo size INTEGER (arquivos até 2 GiB)") }

    // MARK: - Finding things

    static func notFound(_ item: String) -> LocalizedText { .init(en: "no object and no row for '\(item)'", ptBR: "nenhum objeto e nenhuma linha para '\(item)'") }
    static let notFoundHint = LocalizedText(en: "check the key with `ls PREFIX` or the row with `find --name …`", ptBR: "confira a chave com `ls PREFIXO` ou a linha com `find --name …`")
    static func ambiguousURL(_ item: String, _ keys: [String]) -> LocalizedText {
        let list = keys.map(Format.word).joined(separator: ", ")
        return LocalizedText(en: "\(Format.word(item)) is ambiguous: its url names \(keys.count) existing objects: \(list)",
                             ptBR: "\(Format.word(item)) é ambíguo: a url nomeia \(keys.count) objetos existentes: \(list)")
    }
    static let ambiguousURLHint = LocalizedText(en: "name the object by its exact key (quoted), or fix the row's url by hand; nothing was changed", ptBR: "indique o objeto pela chave exata (entre aspas) ou corrija a url do registro à mão; nada foi alterado")
    static func ambiguousName(_ item: String, _ keys: [String]) -> LocalizedText {
        let list = keys.map { Format.word($0) + " (" + KeyMapping.encodePath($0) + ")" }.joined(separator: ", ")
        return LocalizedText(
            en: "\(Format.word(item)) is ambiguous: the bucket holds \(keys.count) objects with this name in different Unicode forms (NFC/NFD): \(list)",
            ptBR: "\(Format.word(item)) é ambíguo: o bucket tem \(keys.count) objetos com este nome em formas Unicode diferentes (NFC/NFD): \(list)")
    }
    static let ambiguousNameHint = LocalizedText(en: "name the row by its id (`ls PREFIX` shows ids), or the object by its exact encoded url (…/%C3%A9 is NFC, …/e%CC%81 NFD); nothing was changed", ptBR: "indique o registro pelo id (`ls PREFIXO` mostra os ids) ou o objeto pela url codificada exata (…/%C3%A9 é NFC, …/e%CC%81 NFD); nada foi alterado")
    static func noKey(_ item: String) -> LocalizedText { .init(en: "'\(item)' does not name an object of this bucket", ptBR: "'\(item)' não indica um objeto deste bucket") }
    static let noKeyHint = LocalizedText(en: "its url is not under R2_PUBLIC_URL (see `doctor`); use the object key instead", ptBR: "a url não está sob R2_PUBLIC_URL (veja `doctor`); use a chave do objeto")
    static func objectNotFound(_ key: String) -> LocalizedText { .init(en: "object '\(key)' does not exist", ptBR: "o objeto '\(key)' não existe") }
    static let objectNotFoundHint = LocalizedText(en: "see `show KEY` for its rows, or `ls PREFIX` for the keys that exist", ptBR: "veja `show CHAVE` para as linhas, ou `ls PREFIXO` para as chaves existentes")

    // MARK: - show

    static let objectPresent = LocalizedText(en: "present", ptBR: "presente")
    static let objectAbsent = LocalizedText(en: "absent", ptBR: "ausente")
    static func recordHeading(_ i: Int, _ n: Int, deleted: Bool) -> LocalizedText { .init(en: "record \(i) of \(n)" + (deleted ? " (soft-deleted)" : ""), ptBR: "linha \(i) de \(n)" + (deleted ? " (excluída)" : "")) }
    static let noRecords = LocalizedText(en: "no catalog row", ptBR: "nenhuma linha no catálogo")
    static let mismatchesHeading = LocalizedText(en: "mismatches:", ptBR: "divergências:")
    static func mismatchNoRecord(_ key: String) -> LocalizedText { .init(en: "the object has no row: run `sync` to catalog it, or `rm \(key)` to delete it", ptBR: "o objeto não tem linha: rode `sync` para catalogá-lo, ou `rm \(key)` para excluí-lo") }
    static func mismatchDeletedRow(_ key: String) -> LocalizedText { .init(en: "the row is soft-deleted but the object exists: `restore \(key)` or `rm \(key)`", ptBR: "a linha está excluída mas o objeto existe: `restore \(key)` ou `rm \(key)`") }
    static func mismatchDuplicates(_ n: Int) -> LocalizedText { .init(en: "\(n) active rows for one object: soft-delete the extra ones with `rm ID --keep-object`", ptBR: "\(n) linhas ativas para um objeto: exclua as sobrando com `rm ID --keep-object`") }
    static func mismatchSize(row: Int64, object: Int64) -> LocalizedText { .init(en: "size differs: row says \(row), object has \(object) bytes", ptBR: "tamanho diverge: a linha diz \(row), o objeto tem \(object) bytes") }
    static func mismatchType(row: String, object: String) -> LocalizedText { .init(en: "content type differs: row says \(row), object has \(object)", ptBR: "tipo de conteúdo diverge: a linha diz \(row), o objeto tem \(object)") }
    static func mismatchObjectMissing(_ key: String) -> LocalizedText { .init(en: "the object is missing: upload the file again, or `rm \(key)` to soft-delete the row", ptBR: "o objeto não existe: envie o arquivo de novo, ou `rm \(key)` para excluir a linha") }
    static func noteRawURL(_ id: String) -> LocalizedText { .init(en: "note: row \(id) spells its url differently from what r2s writes (raw or another base); it still matches", ptBR: "nota: a linha \(id) escreve a url de outro jeito que o r2s (crua ou outra base); ainda corresponde") }
}
