import R2SCore

/// `trash init`'s texts about where the setting was recorded.
extension LocalizedText {
    static func trashInitSaved(_ profile: String, _ value: String, _ path: String) -> LocalizedText { .init(en: "R2S_TRASH = \(value) recorded in [profile \(profile)] of \(path)", ptBR: "R2S_TRASH = \(value) gravado em [profile \(profile)] de \(path)") }
    static func trashInitSaveEnv(_ value: String) -> LocalizedText { .init(en: "set for this session; this profile comes from the environment, so add R2S_TRASH=\(value) to it (or to .env) to keep it", ptBR: "definido nesta sessão; este perfil vem do ambiente: adicione R2S_TRASH=\(value) a ele (ou ao .env) para manter") }
    static func trashInitShadowed(_ origin: String) -> LocalizedText { .init(en: "R2S_TRASH also comes from \(origin), which overrides the config file in later sessions", ptBR: "R2S_TRASH também vem de \(origin), que prevalece sobre o arquivo de configuração nas próximas sessões") }
}
