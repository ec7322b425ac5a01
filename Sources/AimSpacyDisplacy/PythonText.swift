import AimSpacyModel

/// Python string behaviour that displaCy's output depends on: `is_punct`, `str.upper`, code-point
/// order, `str()` and truthiness of JSON values. (`escape_html` is `MarkupBuffer.append(escapingHTML:)`,
/// `str.isspace` is `PythonWhitespace`.)
enum PythonText {
    /// spaCy's lexical `is_punct`: every code point has a Unicode category starting with `P`
    /// (true for the empty string, as in spaCy).
    static func isPunct(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation:
                continue
            default:
                return false
            }
        }
        return true
    }

    /// Python's `str.upper()` (full case mapping, as Swift's `uppercased()`).
    static func upper(_ text: String) -> String { text.uppercased() }

    /// Python's `a < b` on strings: code point order.
    static func less(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// Python's `str(value)` for a JSON value as it would arrive from `json.loads`.
    static func str(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return PyNumber.float(d).description
        case .string(let s): return s
        case .array, .object: return value.serialized()
        }
    }

    /// Python truthiness of a JSON value.
    static func truthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case .int(let i)?: return i != 0
        case .double(let d)?: return d != 0
        case .string(let s)?: return !s.isEmpty
        case .array(let a)?: return !a.isEmpty
        case .object(let o)?: return !o.isEmpty
        }
    }
}
