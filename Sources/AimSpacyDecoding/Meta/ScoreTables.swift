import AimSpacyModel

/// Splits a scores object (`meta.json` `performance`, `spacy evaluate --output`) into flat scores and
/// per-label tables, as spaCy's scorer nests them.
enum ScoreTables {
    /// Flat scores are numbers or `null`; an object of objects (`ents_per_type`, `morph_per_feat`,
    /// `cats_f_per_type`) is a table of label → metric → value; an object of numbers (`cats_auc_per_type`)
    /// is a table whose rows have one metric, `value`. Text values (`cats_score_desc`) describe a score
    /// rather than being one: they stay in the JSON only.
    static func split(_ members: [(key: String, value: JSONValue)], path: String) throws(KeyPathError)
        -> (scores: [NamedScore], tables: [ScoreTable])
    {
        var scores: [NamedScore] = []
        var tables: [ScoreTable] = []
        for (key, value) in members {
            switch value {
            case .null: scores.append(NamedScore(name: key, value: nil))
            case .int, .double: scores.append(NamedScore(name: key, value: value.doubleValue))
            case .bool(let flag): scores.append(NamedScore(name: key, value: flag ? 1 : 0))
            case .string: continue
            case .object(let rows):
                tables.append(ScoreTable(name: key, rows: try table(rows, path: "\(path).\(key)")))
            default:
                throw KeyPathError(path: "\(path).\(key)", expected: "a number, null or an object of per-label scores")
            }
        }
        return (scores, tables)
    }

    private static func table(_ rows: [(key: String, value: JSONValue)], path: String) throws(KeyPathError)
        -> [ScoreRow]
    {
        var result: [ScoreRow] = []
        for (label, value) in rows {
            switch value {
            case .null, .int, .double:
                result.append(ScoreRow(label: label, metrics: [NamedScore(name: "value", value: value.doubleValue)]))
            case .object(let metrics):
                var named: [NamedScore] = []
                for (metric, number) in metrics {
                    switch number {
                    case .null, .int, .double: named.append(NamedScore(name: metric, value: number.doubleValue))
                    default: throw KeyPathError(path: "\(path).\(label).\(metric)", expected: "a number or null")
                    }
                }
                result.append(ScoreRow(label: label, metrics: named))
            default:
                throw KeyPathError(path: "\(path).\(label)", expected: "an object of metrics or a number")
            }
        }
        return result
    }
}

/// A value of the wrong type at a key path of a JSON document.
struct KeyPathError: Error {
    var path: String
    var expected: String
}

enum JSONLocation {
    /// The line:column of the last key of `path` (`performance.ents_per_type`) in the JSON text, found by
    /// searching for `"key"` after each earlier key in turn; 1:1 when not found.
    static func locate(_ path: String, in bytes: UnsafeRawBufferPointer) -> DecodingError.Location {
        var from = 0
        var found = 0
        for key in path.split(separator: ".") {
            let needle = Array("\"\(key)\"".utf8)
            var index = from
            var hit: Int?
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
                    hit = index
                    break
                }
                index += 1
            }
            guard let hit else { break }
            found = hit
            from = hit + needle.count
        }
        var line = 1
        var column = 1
        for byte in bytes[..<found] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return .text(line: line, column: column)
    }
}
