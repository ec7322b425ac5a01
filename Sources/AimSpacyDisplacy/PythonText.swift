import AimSpacyModel

/// Python string behaviour that displaCy's output depends on: `escape_html`, `str.isspace`,
/// `str.upper` and code-point order.
enum PythonText {
    /// spaCy's `escape_html`: `&`, `<`, `>`, `"` in that order; `'` stays.
    static func escapeHTML(_ text: String) -> String {
        var needs = false
        for unit in text.utf8 where unit == 0x26 || unit == 0x3C || unit == 0x3E || unit == 0x22 {
            needs = true
            break
        }
        if !needs { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Python's `str.isspace` for one code point.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Python's `text.isspace()` (false for the empty string).
    static func isSpaceString(_ text: String) -> Bool {
        var any = false
        for scalar in text.unicodeScalars {
            if !isSpace(scalar) { return false }
            any = true
        }
        return any
    }

    /// `text.strip() == ""`.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isSpace)
    }

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
