public import UserFacing

extension LocalizedText {
    /// A range-listed read missed objects that exist (found by the HEAD confirming each planned
    /// soft-delete): they were kept, and the server's listing is not to be trusted.
    public static func syncListingMissed(_ count: Int, example: String) -> LocalizedText {
        LocalizedText(
            en: "the parallel listing missed \(count) object(s) that exist (e.g. '\(example)'); their rows were not soft-deleted. "
                + "The server skips keys after some start-after values; --list-concurrency 1 lists one page after another",
            ptBR: "a listagem paralela deixou de fora \(count) objeto(s) que existem (ex.: '\(example)'); os registros não foram "
                + "removidos. O servidor pula chaves após alguns valores de start-after; --list-concurrency 1 lista página a página")
    }
}
