import UserFacing

extension S3Configuration {
    /// Builds the configuration from settings by the names a web app's `.env` uses (the
    /// benchmarks and tests read the environment this way), through the one R2/S3 parser,
    /// `S3Settings`: `R2_ENDPOINT`, else `R2_ACCOUNT_ID` [+ `R2_JURISDICTION`]; `R2_BUCKET` (or
    /// `R2_BUCKET_NAME`), `R2_REGION` (default `auto`), `R2_ACCESS_KEY_ID`,
    /// `R2_SECRET_ACCESS_KEY`, `R2S_RETRY_DEADLINE`. Path-style for every endpoint.
    ///
    /// Blank values count as unset. Errors are the profile's `ConfigError`s (profile `env`):
    /// they name the setting, never a secret value.
    public init(settings: [String: String]) throws {
        // The profile loader's names and aliases (`SettingName`), so `R2_BUCKET_NAME` means here
        // what it means in a profile.
        let known = SettingName.normalize(settings.filter { !$0.value.trimmingCharacters().isEmpty })
        let parsed = try S3Settings(SettingValues(profileName: "env", values: known.mapValues(\.value)))
        self = try parsed.configuration(retryDeadline: settings["R2S_RETRY_DEADLINE"])
    }

    /// From settings `S3Settings` already parsed and validated (the endpoint among them); only
    /// `R2S_RETRY_DEADLINE` is read here.
    init(
        endpoint: S3Endpoint, bucket: String, region: String, accessKeyID: String, secretAccessKey: String,
        retryDeadline: String?
    ) throws(S3Error) {
        self.init(
            endpoint: endpoint, bucket: bucket, region: region, accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            pathStyle: true)
        try applyRetryDeadline(retryDeadline.map { $0.trimmingCharacters() }.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `R2S_RETRY_DEADLINE`, when set.
    private mutating func applyRetryDeadline(_ text: String?) throws(S3Error) {
        guard let text else { return }
        guard let seconds = Self.deadlineSeconds(text) else {
            throw S3Error(.invalidSetting(
                name: "R2S_RETRY_DEADLINE", reason: "expected 1 to 3600 seconds, e.g. 60, 90s or 2m (got \(text))"))
        }
        http.retryDeadlineSeconds = seconds
    }

    /// `60`, `90s`, `2m` → seconds, within 1 s … 1 h; nil otherwise.
    static func deadlineSeconds(_ text: String) -> Int? {
        let unit = text.last.map { $0 == "m" ? 60 : $0 == "s" ? 1 : 0 } ?? 0
        let digits = unit == 0 ? Substring(text) : text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits) else { return nil }
        let seconds = n * max(unit, 1)
        return (1...3600).contains(seconds) ? seconds : nil
    }
}

extension String {
    /// Drops leading/trailing ASCII whitespace (settings files often carry stray spaces/CRs).
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
