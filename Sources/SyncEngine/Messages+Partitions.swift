public import UserFacing

extension LocalizedText {
    /// The partitioned sync (issue 17 §2) could not write or read its temporary files.
    public static func syncSpillFailed(_ m: String) -> LocalizedText { .init(en: "the sync's temporary plan file failed: \(m)", ptBR: "o arquivo temporário do plano do sync falhou: \(m)") }

    public static let syncSpillHint = LocalizedText(en: "free space in the temporary folder or point TMPDIR at a writable folder with room, then run the sync again", ptBR: "libere espaço na pasta temporária ou aponte TMPDIR para uma pasta gravável com espaço, e rode o sync de novo")
}
