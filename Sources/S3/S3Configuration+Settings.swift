import UserFacing

extension S3Configuration {
    /// Builds the configuration from profile settings (`Profile.values`), by the names a web
    /// app's `.env` uses:
    /// - `R2_ENDPOINT` (explicit URL, path-style; wins), else `R2_ACCOUNT_ID` [+ `R2_JURISDICTION`
    ///   eu|fedramp|us; unset, empty or `default` for none] →
    ///   `https://<account>[.<jurisdiction>].r2.cloudflarestorage.com`
    /// - `R2_BUCKET` (or `R2_BUCKET_NAME`), `R2_REGION` (default `auto`),
    ///   `R2_ACCESS_KEY_ID`, `R2_SECRET_ACCESS_KEY`
    ///
    /// Empty values count as unset. Errors name the setting, never its value when secret.
    public init(settings: [String: String]) throws(S3Error) {
        func value(_ name: String) -> String? {
            guard let v = settings[name]?.trimmingCharacters(), !v.isEmpty else { return nil }
            return v
        }
        let endpoint: S3Endpoint
        if let explicit = value("R2_ENDPOINT") {
            guard let parsed = S3Endpoint(explicit) else {
                throw S3Error(.invalidSetting(name: "R2_ENDPOINT", reason: "not an http(s) URL: \(explicit)"))
            }
            endpoint = parsed
        } else if let account = value("R2_ACCOUNT_ID") {
            guard account.utf8.allSatisfy({ Self.isAccountCharacter($0) }) else {
                throw S3Error(.invalidSetting(name: "R2_ACCOUNT_ID", reason: "must be letters and digits only"))
            }
            var host = account.lowercased()
            switch R2Jurisdiction.meaning(of: value("R2_JURISDICTION")) {
            case .none: break
            case .label(let label): host += "." + label
            case .invalid(let got):
                throw S3Error(.invalidSetting(name: "R2_JURISDICTION", reason: "must be eu, fedramp or us (got \(got))"))
            }
            guard let parsed = S3Endpoint("https://\(host).r2.cloudflarestorage.com") else {
                throw S3Error(.invalidSetting(name: "R2_ACCOUNT_ID", reason: "does not form a valid host name"))
            }
            endpoint = parsed
        } else {
            throw S3Error(.missingSetting("R2_ENDPOINT or R2_ACCOUNT_ID"))
        }
        guard let bucket = value("R2_BUCKET") ?? value("R2_BUCKET_NAME") else {
            throw S3Error(.missingSetting("R2_BUCKET"))
        }
        guard let accessKey = value("R2_ACCESS_KEY_ID") else { throw S3Error(.missingSetting("R2_ACCESS_KEY_ID")) }
        guard let secret = value("R2_SECRET_ACCESS_KEY") else { throw S3Error(.missingSetting("R2_SECRET_ACCESS_KEY")) }
        // Path-style for every endpoint: one TLS host name, and bucket names need no DNS label rules.
        self.init(
            endpoint: endpoint, bucket: bucket, region: value("R2_REGION") ?? "auto", accessKeyID: accessKey,
            secretAccessKey: secret, pathStyle: true)
        try applyRetryDeadline(value("R2S_RETRY_DEADLINE"))
    }

    /// From settings a caller already parsed and validated (the shell's profile: the endpoint
    /// derived from `R2_ACCOUNT_ID`/`R2_JURISDICTION` once, there); only the endpoint's form and
    /// `R2S_RETRY_DEADLINE` are read here.
    public init(
        endpoint: String, bucket: String, region: String, accessKeyID: String, secretAccessKey: String,
        retryDeadline: String?
    ) throws(S3Error) {
        guard let parsed = S3Endpoint(endpoint) else {
            throw S3Error(.invalidSetting(name: "R2_ENDPOINT", reason: "not an http(s) URL: \(endpoint)"))
        }
        self.init(
            endpoint: parsed, bucket: bucket, region: region, accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
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

    private static func isAccountCharacter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
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
