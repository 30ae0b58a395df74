import R2SCore

// The texts of the trash (rm to the trash, restore from it, `trash init|ls|purge`), en + pt-BR.

extension LocalizedText {
    static func trashCopyFailed(_ key: String, _ message: String) -> LocalizedText { .init(en: "copying '\(key)' to the trash failed, so nothing was deleted: \(message)", ptBR: "copiar '\(key)' para a lixeira falhou, então nada foi excluído: \(message)") }
    static let trashCopyFailedHint = LocalizedText(en: "check R2S_TRASH (`trash init` creates the trash bucket) and run `rm` again, or pass --no-trash to delete for good", ptBR: "confira R2S_TRASH (`trash init` cria o bucket da lixeira) e rode `rm` de novo, ou use --no-trash para excluir de vez")
    static func rmRowsFailed(_ item: String, _ message: String) -> LocalizedText { .init(en: "soft-deleting the rows of '\(item)' failed, so its object was not deleted: \(message)", ptBR: "excluir (soft-delete) as linhas de '\(item)' falhou, então o objeto não foi excluído: \(message)") }
    static let rmRowsFailedHint = LocalizedText(en: "nothing is lost; check the catalog connection (`doctor`) and run `rm` again", ptBR: "nada se perdeu; confira a conexão com o catálogo (`doctor`) e rode `rm` de novo")
    static func trashedButNotDeleted(_ key: String, _ message: String) -> LocalizedText { .init(en: "'\(key)' is in the trash and its row soft-deleted, but deleting the object failed: \(message)", ptBR: "'\(key)' está na lixeira e a linha foi excluída, mas excluir o objeto falhou: \(message)") }
    static let noTrashNotice = LocalizedText(en: "deletions on this profile are final (no trash): `trash init` creates one, so `restore` can bring files back", ptBR: "exclusões neste perfil são definitivas (sem lixeira): `trash init` cria uma, e `restore` poderá trazer arquivos de volta")
    static func rmFolderConfirm(_ n: Int, _ folders: String, trash: Bool) -> LocalizedText {
        trash
            ? LocalizedText(
                en: "Delete \(n) files under \(folders) (to the trash)?",
                ptBR: "Excluir \(n) arquivos em \(folders) (para a lixeira)?")
            : LocalizedText(
                en: "Delete \(n) files under \(folders) for good?", ptBR: "Excluir \(n) arquivos em \(folders) definitivamente?")
    }
    static func rmFolderEmpty(_ folder: String) -> LocalizedText { .init(en: "nothing under '\(folder)'", ptBR: "nada em '\(folder)'") }

    // MARK: - restore from the trash

    static func restoreNotInTrash(_ key: String) -> LocalizedText { .init(en: "object '\(key)' no longer exists and the trash has no copy of it", ptBR: "o objeto '\(key)' não existe mais e a lixeira não tem cópia dele") }
    static func restoreNoCopyAt(_ key: String, _ time: String) -> LocalizedText { .init(en: "the trash has no copy of '\(key)' deleted at or before \(time)", ptBR: "a lixeira não tem cópia de '\(key)' excluída em ou antes de \(time)") }
    static func restoreNoCopyAtHint(_ key: String) -> LocalizedText { .init(en: "`trash ls \(key)` lists its copies with their deletion times", ptBR: "`trash ls \(key)` lista as cópias com as horas de exclusão") }
    static func restoreBackFromTrash(_ key: String, _ time: String) -> LocalizedText { .init(en: "object '\(key)' brought back from the trash (deleted \(time))", ptBR: "objeto '\(key)' trazido de volta da lixeira (excluído em \(time))") }
    static func restoreTrashCleanupFailed(_ key: String) -> LocalizedText { .init(en: "restored; its copy stays in the trash (\(key)) until `trash purge`", ptBR: "restaurado; a cópia fica na lixeira (\(key)) até `trash purge`") }

    // MARK: - trash command

    static let trashNone = LocalizedText(en: "this profile has no trash", ptBR: "este perfil não tem lixeira")
    static let trashNoneHint = LocalizedText(en: "`trash init` creates one (a bucket named <bucket>-trash) and sets R2S_TRASH", ptBR: "`trash init` cria uma (um bucket chamado <bucket>-trash) e define R2S_TRASH")
    static func trashInitDone(_ location: String) -> LocalizedText { .init(en: "trash ready: \(location)", ptBR: "lixeira pronta: \(location)") }
    static func trashInitSave(_ profile: String, _ value: String) -> LocalizedText { .init(en: "set for this session; to keep it, add `R2S_TRASH = \(value)` to [profile \(profile)] in the config file", ptBR: "definido nesta sessão; para manter, adicione `R2S_TRASH = \(value)` em [profile \(profile)] no arquivo de configuração") }
    static func trashLocalAlready(_ location: String) -> LocalizedText { .init(en: "the local profile's trash is a folder and needs no set-up: \(location)", ptBR: "a lixeira do perfil local é uma pasta e não precisa de preparação: \(location)") }
    static func trashPurgeConfirm(_ n: Int, _ age: String) -> LocalizedText { .init(en: "Delete \(n) trashed copies older than \(age) for good?", ptBR: "Excluir definitivamente \(n) cópias da lixeira mais antigas que \(age)?") }
    static func trashPurgeNeedsYes(_ n: Int) -> LocalizedText { .init(en: "refusing to purge \(n) trashed copies without confirmation", ptBR: "recusando apagar \(n) cópias da lixeira sem confirmação") }
    static let trashPurgeNeedsYesHint = LocalizedText(en: "scripts must pass --yes to purge several copies (try --dry-run first)", ptBR: "scripts precisam de --yes para apagar várias cópias (experimente --dry-run antes)")
    static func trashPurgeFailed(_ key: String, _ message: String) -> LocalizedText { .init(en: "could not delete trashed copy '\(key)': \(message)", ptBR: "não foi possível apagar a cópia '\(key)': \(message)") }
}
