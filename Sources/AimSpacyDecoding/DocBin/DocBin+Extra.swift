extension DocBin {
    /// Columns other than the ones `from_array` writes back, by attribute name: integer attributes
    /// (LENGTH, IDX, ID, flags) as decimal text; string attributes resolved through `strings`, or,
    /// for the lexeme attributes spaCy recomputes from the text on load (LOWER, SHAPE, PREFIX,
    /// SUFFIX) and whose strings DocBin does not collect, recomputed the same way. LANG, whose
    /// string (the pipeline's language code) no DocBin lists, is left out unless it resolves.
    func extraValues(row: Int, doc: Int, token: Int, text: String) throws(DecodingError) -> [String: String] {
        var result: [String: String] = [:]
        for (column, id) in columns.extra {
            let raw = value(row: row, column: column)
            let name = AttributeID.name(id)
            if AttributeID.isInteger(id) {
                result[name] = String(Int64(bitPattern: raw))
            } else if let text = strings[raw] {
                result[name] = text
            } else if let recomputed = LexemeAttributes.value(id, text: text) {
                result[name] = recomputed
            } else if id == AttributeID.lang {
                continue
            } else {
                throw tokenError(doc: doc, row: row, column: column,
                    "string ID \(raw) of token \(token) is not in `strings` nor a symbol")
            }
        }
        return result
    }
}

/// The lexeme attributes spaCy derives from a token's text (`Language.Defaults.lex_attr_getters`).
enum LexemeAttributes {
    static func value(_ id: UInt64, text: String) -> String? {
        switch id {
        case AttributeID.lower: return text.lowercased()
        case AttributeID.prefix: return text.unicodeScalars.first.map { String($0) } ?? ""
        case AttributeID.suffix:
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text.unicodeScalars.suffix(3))
            return String(scalars)
        case AttributeID.shape: return shape(text)
        default: return nil
        }
    }

    /// `spacy.lang.lex_attrs.word_shape`.
    static func shape(_ text: String) -> String {
        if text.unicodeScalars.count >= 100 { return "LONG" }
        var shape = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        var sequence = 0
        for scalar in text.unicodeScalars {
            let props = scalar.properties
            let shapeChar: Unicode.Scalar
            switch props.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                shapeChar = props.isUppercase ? "X" : "x"
            default:
                shapeChar = props.numericType == .decimal || props.numericType == .digit ? "d" : scalar
            }
            if shapeChar == last {
                sequence += 1
            } else {
                sequence = 0
                last = shapeChar
            }
            if sequence < 4 { shape.append(shapeChar) }
        }
        return String(shape)
    }
}
