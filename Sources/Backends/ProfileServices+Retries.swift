public import HTTP
public import R2SCore

extension ProfileServices {
    /// What the shell shows while the S3 client retries: one `retrying …` line on stderr per
    /// retry (a terminal sees progress instead of minutes of silence; a log gets the line), unless
    /// `-q`. Names the method and the url without its query, never a header or credential.
    public static func retryReporter(_ context: ShellContext) -> @Sendable (RetryNotice) -> Void {
        let console = context.console, language = context.language, quiet = context.quiet
        return { notice in
            guard !quiet else { return }
            console.writeErrorLine(retryLine(notice).resolve(language))
        }
    }

    /// `retrying GET https://…/media/a.pdf in 0.4 s (attempt 2 of 5, 31 s of 60 s): curl error 28: …`
    public static func retryLine(_ n: RetryNotice) -> LocalizedText {
        let wait = seconds(n.delay), spent = Int(seconds(n.elapsed).rounded())
        let limit = n.deadline.map { " of \(Int(seconds($0)))" } ?? ""
        let limitPT = n.deadline.map { " de \(Int(seconds($0)))" } ?? ""
        let waitText = String(Double(Int(wait * 10)) / 10)
        return LocalizedText(
            en: "retrying \(n.method) \(n.target) in \(waitText) s (attempt \(n.attempt + 1) of \(n.maxAttempts), \(spent) s\(limit) s): \(n.reason)",
            ptBR: "tentando de novo \(n.method) \(n.target) em \(waitText) s (tentativa \(n.attempt + 1) de \(n.maxAttempts), \(spent) s\(limitPT) s): \(n.reason)")
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
