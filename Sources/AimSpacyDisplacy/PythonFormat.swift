/// Python's `str.format` for the user templates displaCy accepts (`template`, `kb_url_template`):
/// `{name}`, `{}`, `{0}`, `{name!s}` and the `{{`/`}}` escapes. Extra arguments are ignored,
/// as in Python; a missing one is an error (Python's `KeyError`/`IndexError`).
struct PythonFormat: Sendable {
    private enum Piece: Sendable {
        case literal(String)
        case named(String)
        case positional(Int)
    }

    private let pieces: [Piece]
    let source: String

    init(_ template: String) throws(DisplacyError) {
        source = template
        var pieces: [Piece] = []
        var literal = String.UnicodeScalarView()
        var auto = 0
        let scalars = Array(template.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "{" {
                if i + 1 < scalars.count, scalars[i + 1] == "{" {
                    literal.append("{")
                    i += 2
                    continue
                }
                guard let close = scalars[(i + 1)...].firstIndex(of: "}") else {
                    throw DisplacyError("template \(template.debugDescription): single '{' encountered in format string")
                }
                var field = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                if field.hasSuffix("!s") { field.removeLast(2) }
                if field.contains(":") || field.contains("!") || field.contains("{") || field.contains("[")
                    || field.contains(".")
                {
                    throw DisplacyError("template \(template.debugDescription): unsupported replacement field {\(field)}")
                }
                if !literal.isEmpty {
                    pieces.append(.literal(String(literal)))
                    literal = String.UnicodeScalarView()
                }
                if field.isEmpty {
                    pieces.append(.positional(auto))
                    auto += 1
                } else if let n = Int(field), n >= 0 {
                    pieces.append(.positional(n))
                } else {
                    pieces.append(.named(field))
                }
                i = close + 1
            } else if c == "}" {
                guard i + 1 < scalars.count, scalars[i + 1] == "}" else {
                    throw DisplacyError("template \(template.debugDescription): single '}' encountered in format string")
                }
                literal.append("}")
                i += 2
            } else {
                literal.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { pieces.append(.literal(String(literal))) }
        self.pieces = pieces
    }

    /// The template filled with named and positional arguments.
    func format(_ named: [String: String] = [:], positional: [String] = []) throws(DisplacyError) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): out += s
            case .named(let name):
                guard let value = named[name] else {
                    throw DisplacyError("template \(source.debugDescription): no value for {\(name)}")
                }
                out += value
            case .positional(let n):
                guard n < positional.count else {
                    throw DisplacyError("template \(source.debugDescription): no positional value {\(n)}")
                }
                out += positional[n]
            }
        }
        return out
    }
}
