public import UserFacing

extension LocalizedText {
    /// Parallel listing (issue 17 §1): the server broke S3's byte order, so ranges were not used.
    public static func syncListingOutOfOrder(prefix: String) -> LocalizedText {
        let name = prefix.isEmpty ? "the bucket" : "'\(prefix)'"
        let nome = prefix.isEmpty ? "o bucket" : "'\(prefix)'"
        return LocalizedText(
            en: "the server listed \(name) out of byte order; listed it again one page after another (complete, but slower)",
            ptBR: "o servidor listou \(nome) fora da ordem de bytes; listado de novo página a página (completo, porém mais lento)")
    }
}
