import R2SCore

// Texts of upload, download, rm, restore and mv.

extension LocalizedText {
    // MARK: - upload

    static let uploading = LocalizedText(en: "uploading", ptBR: "enviando")
    static let downloading = LocalizedText(en: "downloading", ptBR: "baixando")
    static func uploadedLine(_ outcome: String, _ key: String) -> LocalizedText { .init(en: "\(outcome) \(key)", ptBR: "\(outcome) \(key)") }
    static func noMatch(_ pattern: String) -> LocalizedText { .init(en: "no file matches '\(pattern)'", ptBR: "nenhum arquivo corresponde a '\(pattern)'") }
    static func isDirectory(_ path: String) -> LocalizedText { .init(en: "'\(path)' is a folder", ptBR: "'\(path)' é uma pasta") }
    static let isDirectoryHint = LocalizedText(en: "add -r to upload it with everything under it", ptBR: "use -r para enviá-la com tudo o que contém")
    static func notRegularFile(_ path: String) -> LocalizedText { .init(en: "'\(path)' is not a regular file (link to a folder, fifo, socket or device)", ptBR: "'\(path)' não é um arquivo comum (link para pasta, fifo, socket ou dispositivo)") }
    static func noSuchFile(_ path: String) -> LocalizedText { .init(en: "no such file: '\(path)'", ptBR: "arquivo não encontrado: '\(path)'") }
    static func unreadableFolder(_ path: String) -> LocalizedText { .init(en: "cannot read folder '\(path)'", ptBR: "não foi possível ler a pasta '\(path)'") }
    static func invalidFileName(_ dir: String) -> LocalizedText { .init(en: "a file name in '\(dir)' is not valid UTF-8 and cannot become a key", ptBR: "um nome de arquivo em '\(dir)' não é UTF-8 válido e não pode virar chave") }
    static func keyTooLong(_ bytes: Int) -> LocalizedText { .init(en: "the key would be \(bytes) bytes long (S3 allows 1 to 1024)", ptBR: "a chave teria \(bytes) bytes (o S3 aceita de 1 a 1024)") }
    static func duplicateKey(_ key: String) -> LocalizedText { .init(en: "another path already uploads to key '\(key)'", ptBR: "outro caminho já envia para a chave '\(key)'") }
    static func keyExists(_ key: String) -> LocalizedText { .init(en: "'\(key)' already exists", ptBR: "'\(key)' já existe") }
    static let keyExistsHint = LocalizedText(en: "pass --overwrite to replace it or --skip-existing to leave it", ptBR: "use --overwrite para substituir ou --skip-existing para manter")
    static func rowNotReturned(_ key: String) -> LocalizedText {
        LocalizedText(
            en: "the catalog did not return the row written for '\(key)'",
            ptBR: "o catálogo não devolveu a linha gravada para '\(key)'")
    }
    static func rowFailedRemoved(_ cause: String) -> LocalizedText { .init(en: "the catalog row could not be written (\(cause)); the uploaded object was removed again", ptBR: "a linha do catálogo não pôde ser gravada (\(cause)); o objeto enviado foi removido de novo") }
    static func rowFailedOrphan(_ cause: String) -> LocalizedText { .init(en: "the catalog row could not be written (\(cause)) and removing the uploaded object failed too: it is in the bucket without a row", ptBR: "a linha do catálogo não pôde ser gravada (\(cause)) e remover o objeto enviado também falhou: ele está no bucket sem linha") }
    static func rowFailedReplaced(_ cause: String) -> LocalizedText { .init(en: "the object was replaced but its catalog row could not be written (\(cause))", ptBR: "o objeto foi substituído mas a linha do catálogo não pôde ser gravada (\(cause))") }
    static func orphanFix(_ command: String) -> LocalizedText { .init(en: "remove it with: \(command)", ptBR: "remova-o com: \(command)") }
    static func replacedFix(_ command: String, _ key: String) -> LocalizedText { .init(en: "run the upload again (\(command)) or `sync` to catalog \(key)", ptBR: "rode o envio de novo (\(command)) ou `sync` para catalogar \(key)") }
    static func nameNeedsOneFile(_ n: Int) -> LocalizedText { .init(en: "--name sets the nome of one file, but \(n) files were given", ptBR: "--name define o nome de um arquivo, mas foram dados \(n) arquivos") }
    static func fileTooLarge(_ size: Int64, _ limit: Int64) -> LocalizedText { .init(en: "the file has \(size) bytes but the catalog's size column holds at most \(limit); nothing was uploaded", ptBR: "o arquivo tem \(size) bytes mas a coluna size do catálogo aceita no máximo \(limit); nada foi enviado") }
    static let fileTooLargeHint = LocalizedText(en: "widen the column (see `catalog check`: ALTER TABLE … ALTER COLUMN size TYPE BIGINT)", ptBR: "aumente a coluna (veja `catalog check`: ALTER TABLE … ALTER COLUMN size TYPE BIGINT)")

    // MARK: - download

    static func localExists(_ path: String) -> LocalizedText { .init(en: "local file '\(path)' already exists", ptBR: "o arquivo local '\(path)' já existe") }
    static let localExistsHint = LocalizedText(en: "pass --force to replace it, or give another DEST", ptBR: "use --force para substituir, ou dê outro DESTINO")
    static func unsafeLocalName(_ key: String, _ problem: DownloadTarget.Problem) -> LocalizedText {
        let why: LocalizedText
        switch problem {
        case .empty: why = LocalizedText(en: "it ends in '/'", ptBR: "ela termina em '/'")
        case .dotSegment: why = LocalizedText(en: "its last segment is '.' or '..'", ptBR: "o último segmento é '.' ou '..'")
        case .nulByte: why = LocalizedText(en: "its last segment holds a NUL byte", ptBR: "o último segmento contém um byte NUL")
        case .tooLong(let n):
            why = LocalizedText(
                en: "its last segment is \(n) bytes (a file name holds at most \(DownloadTarget.maxNameBytes))",
                ptBR: "o último segmento tem \(n) bytes (um nome de arquivo tem no máximo \(DownloadTarget.maxNameBytes))")
        }
        return LocalizedText(
            en: "key '\(key)' gives no safe local file name: \(why.en)",
            ptBR: "a chave '\(key)' não dá um nome de arquivo local seguro: \(why.ptBR)")
    }
    static func unsafeLocalNameHint(_ key: String) -> LocalizedText { .init(en: "give DEST explicitly: download KEY ./name", ptBR: "dê o DESTINO explicitamente: download CHAVE ./nome") }
    static func noSuchFolder(_ path: String) -> LocalizedText { .init(en: "no such folder: '\(path)'", ptBR: "pasta não encontrada: '\(path)'") }
    static let noSuchFolderHint = LocalizedText(en: "create the folder first, or give a file name as DEST", ptBR: "crie a pasta antes, ou dê um nome de arquivo como DESTINO")
    static func dotSegmentKey(_ key: String) -> LocalizedText { .init(en: "key '\(key)' has a '.' or '..' segment: browsers and curl resolve it, so its public url would fetch another object", ptBR: "a chave '\(key)' tem um segmento '.' ou '..': navegadores e curl o resolvem, e a url pública buscaria outro objeto") }
    static let dotSegmentKeyHint = LocalizedText(en: "choose a key without '.'/'..' segments, or pass --allow-dot-segments to store it as written", ptBR: "escolha uma chave sem segmentos '.'/'..', ou use --allow-dot-segments para gravá-la assim mesmo")
    static func dotSegmentURL(_ key: String) -> LocalizedText { .init(en: "key '\(key)' has a '.' or '..' segment: browsers and curl resolve it, so this url fetches another object (mv the object to a key without them)", ptBR: "a chave '\(key)' tem um segmento '.' ou '..': navegadores e curl o resolvem, e esta url busca outro objeto (mv o objeto para uma chave sem eles)") }
    static func noStaleUploads(_ age: String) -> LocalizedText { .init(en: "no incomplete multipart upload older than \(age)", ptBR: "nenhum envio multipart incompleto mais antigo que \(age)") }
    static func localNotFile(_ path: String) -> LocalizedText { .init(en: "'\(path)' is not a regular file", ptBR: "'\(path)' não é um arquivo comum") }

    // MARK: - rm

    static func rmNeedsYes(_ n: Int) -> LocalizedText { .init(en: "refusing to delete \(n) items without confirmation", ptBR: "recusando excluir \(n) itens sem confirmação") }
    static let rmNeedsYesHint = LocalizedText(en: "scripts must pass --yes to delete several items", ptBR: "scripts precisam de --yes para excluir vários itens")
    static func rmConfirm(_ n: Int, keepObject: Bool) -> LocalizedText {
        keepObject
            ? LocalizedText(en: "Soft-delete the rows of \(n) items?", ptBR: "Excluir (soft-delete) as linhas de \(n) itens?")
            : LocalizedText(en: "Delete \(n) items (rows and objects)?", ptBR: "Excluir \(n) itens (linhas e objetos)?")
    }
    static func objectDeleteFailed(_ key: String, _ message: String) -> LocalizedText { .init(en: "the row is soft-deleted but deleting object '\(key)' failed: \(message)", ptBR: "a linha foi excluída mas excluir o objeto '\(key)' falhou: \(message)") }
    static func objectDeleteFailedHint(_ key: String) -> LocalizedText { .init(en: "run `rm \(key)` again to delete the object, or `restore \(key)` to bring the row back", ptBR: "rode `rm \(key)` de novo para excluir o objeto, ou `restore \(key)` para trazer a linha de volta") }
    static let objectStateDeleted = LocalizedText(en: "deleted", ptBR: "excluído")
    static let objectStateKept = LocalizedText(en: "kept", ptBR: "mantido")
    static let objectStateFailed = LocalizedText(en: "failed", ptBR: "falhou")
    static func objectShared(_ key: String) -> LocalizedText { .init(en: "object '\(key)' kept: another active row still points at it", ptBR: "objeto '\(key)' mantido: outra linha ativa ainda aponta para ele") }
    static func alreadyDeleted(_ item: String) -> LocalizedText { .init(en: "'\(item)' is already deleted (row soft-deleted, no object)", ptBR: "'\(item)' já está excluído (linha excluída, sem objeto)") }
    static let alreadyDeletedHint = LocalizedText(en: "nothing to do; `show` lists its rows", ptBR: "nada a fazer; `show` lista as linhas")

    // MARK: - restore

    static func notDeleted(_ item: String) -> LocalizedText { .init(en: "'\(item)' has an active row: nothing to restore", ptBR: "'\(item)' tem uma linha ativa: nada a restaurar") }
    static func noDeletedRow(_ item: String) -> LocalizedText { .init(en: "no soft-deleted row for '\(item)'", ptBR: "nenhuma linha excluída para '\(item)'") }
    static func restoreObjectGone(_ key: String) -> LocalizedText { .init(en: "object '\(key)' no longer exists, so its row cannot be restored", ptBR: "o objeto '\(key)' não existe mais, então a linha não pode ser restaurada") }
    static func restoreObjectGoneHint(_ folder: String) -> LocalizedText { .init(en: "R2 keeps no old versions: upload the file again with `upload FILE --to \(folder)`", ptBR: "o R2 não guarda versões antigas: envie o arquivo de novo com `upload ARQUIVO --to \(folder)`") }
    static func restoreNoChange(_ id: String) -> LocalizedText { .init(en: "row \(id) was not restored (changed meanwhile, or hidden by row-level security)", ptBR: "a linha \(id) não foi restaurada (mudou nesse meio tempo, ou está oculta por RLS)") }

    // MARK: - mv

    static func sameKey(_ key: String) -> LocalizedText { .init(en: "source and destination are the same key '\(key)'", ptBR: "origem e destino são a mesma chave '\(key)'") }
    static let mvExistsHint = LocalizedText(en: "pass --overwrite to replace it (its rows are soft-deleted)", ptBR: "use --overwrite para substituir (as linhas dele são excluídas)")
    static func mvSourceLeft(_ key: String) -> LocalizedText { .init(en: "moved, but deleting the old object '\(key)' failed: it is left in the bucket without a row", ptBR: "movido, mas excluir o objeto antigo '\(key)' falhou: ele ficou no bucket sem linha") }
}
