public import R2SCore

/// Where a profile's trash lives (issue 20): deleted objects are copied there before `rm`
/// deletes them, so `restore` can bring them back.
///
/// - S3/R2: `R2S_TRASH = BUCKET[/PREFIX]`, a separate bucket of the same account by default. The
///   main bucket is allowed only with a prefix and `R2S_TRASH_IN_BUCKET=yes`: the original web app
///   keeps syncing the main bucket and would catalogue whatever lies there.
/// - The local profile: the folder `<R2S_LOCAL_DIR>/trash`, on by default; `R2S_TRASH` may name
///   another absolute folder.
/// - `R2S_TRASH = none` turns the trash off on any profile.
public enum TrashLocation: Sendable, Hashable, CustomStringConvertible {
    /// A folder of the local profile (outside the bucket folder).
    case folder(path: String)
    /// A bucket and a key prefix (`""` or ending in `/`); `inMainBucket` when it is `R2_BUCKET`.
    case bucket(name: String, prefix: String, inMainBucket: Bool)

    /// `s3://media-trash/`, `s3://media/.trash/`, `local:/path/trash`.
    public var description: String {
        switch self {
        case .folder(let path): "local:" + path
        case .bucket(let name, let prefix, _): "s3://" + name + "/" + prefix
        }
    }

    /// The key prefix trashed copies are written under (`""` for a bucket or folder of its own).
    public var prefix: String {
        switch self {
        case .folder: ""
        case .bucket(_, let prefix, _): prefix
        }
    }

    /// True when `key` of the **main bucket** belongs to the trash and must be invisible to every
    /// listing, sync, check, filter and event consumer. Only a trash inside the main bucket has
    /// such keys; a separate bucket or folder never shows up in the main bucket's listing.
    public func isTrashKey(_ key: String) -> Bool {
        guard case .bucket(_, let prefix, true) = self, !prefix.isEmpty else { return false }
        return key.utf8.starts(with: prefix.utf8)
    }
}

extension TrashLocation {
    /// The trash of `profile`, or `nil` when it has none (S3 without `R2S_TRASH`, or `none`).
    /// `localDirectory` is the local profile's folder (`R2S_LOCAL_DIR` or its default);
    /// `described` is the profile as the stores' parsers read it (its endpoint and bucket).
    /// Throws a `ConfigError` for a value that cannot be used, saying how to fix it.
    public static func of(
        _ profile: Profile, described settings: ProfileDescription, localDirectory: String
    ) throws -> TrashLocation? {
        let raw = profile["R2S_TRASH"]?.trimmingCharacters(in: " \t")
        if let raw, ["none", "off", "no"].contains(raw.lowercased()) { return nil }
        guard settings.endpoint != nil else {
            guard let raw, !raw.isEmpty else { return .folder(path: localDirectory + "/trash") }
            guard raw.hasPrefix("/") else {
                throw invalid(
                    LocalizedText(
                        en: "R2S_TRASH on the local profile must be an absolute folder (got '\(raw)')",
                        ptBR: "R2S_TRASH no perfil local deve ser uma pasta absoluta (recebido '\(raw)')"),
                    hint: LocalizedText(
                        en: "unset it to use \(localDirectory)/trash, or set R2S_TRASH=none to turn the trash off",
                        ptBR: "remova-o para usar \(localDirectory)/trash, ou defina R2S_TRASH=none para desligar a lixeira"))
            }
            return .folder(path: raw)
        }
        guard let raw, !raw.isEmpty else { return nil }
        let slash = raw.firstIndex(of: "/")
        let name = String(raw[..<(slash ?? raw.endIndex)])
        var prefix = slash.map { String(raw[raw.index(after: $0)...]) } ?? ""
        while prefix.hasPrefix("/") { prefix.removeFirst() }
        if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
        guard isBucketName(name) else {
            throw invalid(
                LocalizedText(
                    en: "R2S_TRASH must be BUCKET[/PREFIX] with a valid bucket name (got '\(raw)')",
                    ptBR: "R2S_TRASH deve ser BUCKET[/PREFIXO] com um nome de bucket válido (recebido '\(raw)')"),
                hint: LocalizedText(
                    en: "bucket names are 3–63 characters of a–z, 0–9, '.' and '-'; e.g. R2S_TRASH=media-trash",
                    ptBR: "nomes de bucket têm 3–63 caracteres a–z, 0–9, '.' e '-'; ex.: R2S_TRASH=media-trash"))
        }
        let inMain = name == settings.bucket
        if inMain {
            let allowed = (profile["R2S_TRASH_IN_BUCKET"] ?? "").lowercased() == "yes"
            guard allowed, !prefix.isEmpty else {
                throw invalid(
                    LocalizedText(
                        en: "R2S_TRASH points into the main bucket '\(name)'",
                        ptBR: "R2S_TRASH aponta para dentro do bucket principal '\(name)'"),
                    hint: LocalizedText(
                        en: "use a bucket of its own (trash init), or give a prefix (R2S_TRASH=\(name)/.trash) and "
                            + "set R2S_TRASH_IN_BUCKET=yes — the original app's sync would then catalogue the trash",
                        ptBR: "use um bucket próprio (trash init), ou dê um prefixo (R2S_TRASH=\(name)/.trash) e "
                            + "defina R2S_TRASH_IN_BUCKET=yes — a sincronização do app original catalogaria a lixeira"))
            }
        }
        return .bucket(name: name, prefix: prefix, inMainBucket: inMain)
    }

    /// S3 bucket naming: 3–63 of `a-z 0-9 . -`, starting and ending with a letter or digit.
    public static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard alnum(bytes[0]), alnum(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 0x2E || $0 == 0x2D }
    }

    private static func invalid(_ message: LocalizedText, hint: LocalizedText) -> ConfigError {
        ConfigError(.invalidValue, message, hint: hint)
    }
}

extension ShellContext {
    /// True when `key` of the active profile's main bucket is part of its trash (a trash inside
    /// the main bucket, `R2S_TRASH_IN_BUCKET=yes`): such keys are never listed, synced, checked,
    /// catalogued or acted on by event consumers. Settings that cannot be read hide nothing.
    public func isTrashKey(_ key: String) -> Bool { trashKeyRule()(key) }

    /// `isTrashKey` with the settings read once: the test for many keys (`watch` applies it to
    /// every event; parsing the profile per key was most of its cost).
    public func trashKeyRule() -> @Sendable (String) -> Bool {
        guard let described = try? profileDescription(),
            let location = try? TrashLocation.of(profile, described: described, localDirectory: ""),
            location.isTrashKey(location.prefix)
        else {
            return { _ in false }
        }
        return { location.isTrashKey($0) }
    }
}
