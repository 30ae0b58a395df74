import R2SCore

extension TrashHidingStore {
    /// Throws when `key` lies in the trash: a file written there would be invisible to every
    /// listing and look like a trashed copy (exit 4, a safety refusal, before anything is sent).
    func refuseTrashKey(_ key: String) throws {
        guard location.isTrashKey(key) else { return }
        throw CommandError(
            LocalizedText(
                en: "'\(key)' is inside the trash (\(location)): only rm's copies go there",
                ptBR: "'\(key)' fica dentro da lixeira (\(location)): só as cópias do rm vão para lá"),
            hint: LocalizedText(
                en: "choose a destination outside \(location.prefix); `restore` brings a trashed file back",
                ptBR: "escolha um destino fora de \(location.prefix); `restore` traz de volta um arquivo da lixeira"),
            status: .refused)
    }
}
