/// What a script does when a command fails.
public enum OnErrorPolicy: String, Sendable {
    /// Stop at the first failing command (scripts' default).
    case stop
    /// Record the status in `$?` and go on (the interactive shell's default).
    case `continue`
}

/// The variables, arguments and error policy one script (or the interactive session) sees.
///
/// `source` runs a file in the current scope (its `set`s and `on-error` stay); `runChild` (an
/// `.r2s` plugin) gets a fresh scope, so plugins cannot see or clobber the caller's variables.
final class Scope {
    var variables: [String: String] = [:]
    var arguments: [String]
    /// `$0`.
    var scriptName: String
    var onError: OnErrorPolicy

    init(arguments: [String], scriptName: String, onError: OnErrorPolicy) {
        self.arguments = arguments
        self.scriptName = scriptName
        self.onError = onError
    }
}

/// Naming rules shared by the parser, `set`/`unset` and completion.
enum VariableNames {
    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isValid(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), Byte.isIdentifierStart(first) else { return false }
        while let b = bytes.next() {
            guard Byte.isIdentifierPart(b) else { return false }
        }
        return true
    }

    /// True for the names a profile holds (`R2_*`, `SUPABASE_*`, `R2S_*`, `DATABASE_URL`):
    /// setting one in a script overrides that setting of the active profile for the session.
    static func isProfileSetting(_ name: String) -> Bool {
        name.hasPrefix("R2_") || name.hasPrefix("SUPABASE_") || name.hasPrefix("R2S_") || name == "DATABASE_URL"
    }
}

extension Interpreter {
    /// The value of a reference: script variable, then profile setting, then environment;
    /// anything unknown is empty.
    func value(of reference: VariableRef) -> String {
        switch reference {
        case .named(let name):
            if let v = scope.variables[name] { return v }
            if VariableNames.isProfileSetting(name), let v = context.session.profile.values[name] { return v }
            return context.session.environment[name] ?? ""
        case .positional(let n):
            return n <= scope.arguments.count ? scope.arguments[n - 1] : ""
        case .count:
            return String(scope.arguments.count)
        case .status:
            return String(lastStatus.rawValue)
        case .scriptName:
            return scope.scriptName
        case .all:
            return scope.arguments.joined(separator: " ")
        }
    }

    /// Expands one word to its text.
    func expand(_ word: Word) -> String {
        if let literal = word.literal { return literal }
        var out = ""
        for part in word.parts {
            switch part {
            case .literal(let s): out += s
            case .variable(let r): out += value(of: r)
            }
        }
        return out
    }

    /// Expands a command's words to its argument vector (`$@` alone → one word per argument).
    func expand(_ words: [Word]) -> [String] {
        var argv: [String] = []
        argv.reserveCapacity(words.count)
        for word in words {
            if word.isAllArguments {
                argv.append(contentsOf: scope.arguments)
            } else {
                argv.append(expand(word))
            }
        }
        return argv
    }

    /// Sets a variable; a profile setting name also overrides the active profile's value.
    func setVariable(_ name: String, _ value: String) {
        scope.variables[name] = value
        // Whatever name it came through (`set $N …`), a secret stays one for the session.
        context.session.secrets.remember(name: name, value: value)
        if VariableNames.isProfileSetting(name) {
            var profile = context.session.profile
            profile.values[name] = value
            profile.origins[name] = "script"
            context.session.profile = profile
            // Clients and caches were built from the old settings.
            context.session.invalidate()
        }
    }

    /// Removes a variable; for a profile setting also removes it from the active profile.
    func unsetVariable(_ name: String) {
        scope.variables[name] = nil
        if VariableNames.isProfileSetting(name), context.session.profile.values[name] != nil {
            var profile = context.session.profile
            profile.values[name] = nil
            profile.origins[name] = nil
            context.session.profile = profile
            context.session.invalidate()
        }
    }
}
