/// One token of a query, with the 1-based column where it starts.
struct QueryToken: Equatable {
    enum Kind: Equatable {
        case name(String)
        case string(String)
        case number(Double)
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int
}

/// Splits a query into tokens: names, keywords, string literals ('…' or "…" with backslash
/// escapes), numbers (`12`, `0.001`, `1e-3`) and operators.
enum QueryLexer {
    static func tokens(_ expression: String) throws(QueryError) -> [QueryToken] {
        let characters = Array(expression)
        var tokens: [QueryToken] = []
        var index = 0
        func fail(_ message: String, at position: Int) -> QueryError {
            QueryError(expression: expression, column: position + 1, message: message)
        }
        while index < characters.count {
            let c = characters[index]
            let start = index
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                index += 1
            } else if c.isLetter || c == "_" {
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    index += 1
                }
                tokens.append(QueryToken(kind: .name(String(characters[start..<index])), column: start + 1))
            } else if c.isNumber || (c == "." && index + 1 < characters.count && characters[index + 1].isNumber) {
                while index < characters.count, characters[index].isNumber || characters[index] == "." || characters[index] == "_" {
                    index += 1
                }
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    var next = index + 1
                    if next < characters.count, characters[next] == "+" || characters[next] == "-" { next += 1 }
                    if next < characters.count, characters[next].isNumber {
                        index = next
                        while index < characters.count, characters[index].isNumber { index += 1 }
                    }
                }
                let text = String(characters[start..<index]).replacingUnderscores()
                guard let value = Double(text) else { throw fail("'\(text)' is not a number", at: start) }
                tokens.append(QueryToken(kind: .number(value), column: start + 1))
            } else if c == "\"" || c == "'" {
                index += 1
                var value = ""
                var closed = false
                while index < characters.count {
                    let d = characters[index]
                    if d == c {
                        closed = true
                        index += 1
                        break
                    }
                    if d == "\\", index + 1 < characters.count {
                        let escaped = characters[index + 1]
                        switch escaped {
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        default: value.append(escaped)
                        }
                        index += 2
                        continue
                    }
                    value.append(d)
                    index += 1
                }
                guard closed else { throw fail("unterminated string; expected a closing \(c)", at: start) }
                tokens.append(QueryToken(kind: .string(value), column: start + 1))
            } else {
                let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append(QueryToken(kind: .symbol(two), column: start + 1))
                    index += 2
                } else if "<>()[],.=-+".contains(c) {
                    tokens.append(QueryToken(kind: .symbol(String(c)), column: start + 1))
                    index += 1
                } else {
                    throw fail("unexpected character '\(c)'", at: start)
                }
            }
        }
        tokens.append(QueryToken(kind: .end, column: characters.count + 1))
        return tokens
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
