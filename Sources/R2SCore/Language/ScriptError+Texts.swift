/// The interpreter's user-facing texts (English and Brazilian Portuguese), in one place: what
/// each script error says, then the lines the interpreter prints when a script stops.
extension ScriptError {
    /// The diagnostic line without the location prefix.
    public var message: LocalizedText {
        switch kind {
        case .unterminatedSingleQuote: LocalizedText(en: "unterminated single quote", ptBR: "aspas simples sem fechamento")
        case .unterminatedDoubleQuote: LocalizedText(en: "unterminated double quote", ptBR: "aspas duplas sem fechamento")
        case .unterminatedBrace: LocalizedText(en: "unterminated ${", ptBR: "${ sem fechamento")
        case .badVariableName(let text): LocalizedText(en: "bad variable name in '${\(text)}'", ptBR: "nome de variável inválido em '${\(text)}'")
        case .trailingBackslash: LocalizedText(en: "backslash at end of input", ptBR: "barra invertida no fim da entrada")
        case .elseWithoutIf: LocalizedText(en: "'else' without 'if'", ptBR: "'else' sem 'if'")
        case .endWithoutIf: LocalizedText(en: "'end' without 'if'", ptBR: "'end' sem 'if'")
        case .duplicateElse: LocalizedText(en: "second 'else' in the same 'if'", ptBR: "segundo 'else' no mesmo 'if'")
        case .missingEnd: LocalizedText(en: "'if' without matching 'end'", ptBR: "'if' sem o 'end' correspondente")
        case .wordsAfterKeyword(let word): LocalizedText(en: "unexpected words after '\(word)'", ptBR: "palavras inesperadas depois de '\(word)'")
        case .missingCondition: LocalizedText(en: "'if' needs a condition", ptBR: "'if' precisa de uma condição")
        case .nestedTooDeep(let limit): LocalizedText(en: "if blocks nested more than \(limit) deep", ptBR: "blocos if aninhados em mais de \(limit) níveis")
        case .badComparison: LocalizedText(en: "a comparison takes exactly three words: A == B or A != B", ptBR: "uma comparação tem exatamente três palavras: A == B ou A != B")
        case .builtinUsage(let word, let usage): LocalizedText(en: "\(word): usage: \(usage)", ptBR: "\(word): uso: \(usage)")
        case .invalidName(let word, let name): LocalizedText(en: "\(word): invalid variable name '\(name)'", ptBR: "\(word): nome de variável inválido '\(name)'")
        case .badExitStatus(let text): LocalizedText(en: "exit: '\(text)' is not a status between 0 and 255", ptBR: "exit: '\(text)' não é um status entre 0 e 255")
        case .badOnErrorMode(let text): LocalizedText(en: "on-error: '\(text)' is not 'stop' or 'continue'", ptBR: "on-error: '\(text)' não é 'stop' nem 'continue'")
        case .unreadableFile(let path, let reason): LocalizedText(en: "source: cannot read '\(path)': \(reason)", ptBR: "source: não foi possível ler '\(path)': \(reason)")
        case .sourceTooDeep(let limit, let path): LocalizedText(en: "scripts nested more than \(limit) deep at '\(path)'", ptBR: "scripts aninhados em mais de \(limit) níveis em '\(path)'")
        case .keywordFromVariable(let word): LocalizedText(en: "'\(word)' must be written literally, not come from a variable", ptBR: "'\(word)' precisa ser escrito literalmente, não vir de uma variável")
        }
    }

    /// The hint line, if this kind of error has one.
    public var hintText: LocalizedText? {
        switch kind {
        case .missingEnd: LocalizedText(en: "close every 'if' block with its own 'end' line", ptBR: "feche cada bloco 'if' com uma linha 'end'")
        case .badVariableName: LocalizedText(en: "a name starts with a letter or _ and has only letters, digits and _ (or is 1-9, ?, #, @)", ptBR: "um nome começa com letra ou _ e só tem letras, dígitos e _ (ou é 1-9, ?, #, @)")
        case .badComparison: LocalizedText(en: "quote values that contain spaces: if \"$A\" == \"a b\"", ptBR: "use aspas em valores com espaços: if \"$A\" == \"a b\"")
        case .sourceTooDeep: LocalizedText(en: "does a script source (or call) itself?", ptBR: "algum script faz source (ou chama) a si mesmo?")
        case .nestedTooDeep: LocalizedText(en: "move the inner blocks into a file and `source` it", ptBR: "mova os blocos internos para um arquivo e use `source`")
        default:
            nil
        }
    }

}

extension LocalizedText {
    static func scriptStopped(_ command: String, _ status: ExitStatus) -> LocalizedText {
        LocalizedText(
            en: "stopped: '\(command)' failed with exit status \(status.rawValue)",
            ptBR: "parado: '\(command)' falhou com status de saída \(status.rawValue)")
    }

    static func scriptInterruptedAt(_ command: String) -> LocalizedText {
        LocalizedText(en: "stopped: '\(command)' was interrupted", ptBR: "parado: '\(command)' foi interrompido")
    }

}
