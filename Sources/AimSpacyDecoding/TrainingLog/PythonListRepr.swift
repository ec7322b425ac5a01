/// Python's `repr` of a list of strings (`['tok2vec', "it's"]`), as wasabi prints `Pipeline: [...]`.
enum PythonListRepr {
    /// The strings of the list starting at `bytes[start]` (`[`), and the index after its `]`; `nil` when
    /// the list is not closed in `bytes`; throws at a byte that cannot occur in such a list.
    static func parse(_ bytes: [UInt8], from start: Int) throws(ReprError) -> (items: [String], end: Int)? {
        var index = start
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw ReprError(index: index, expected: "'['") }
        index += 1
        var items: [String] = []
        while true {
            skipSpaces(bytes, &index)
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") { return (items, index + 1) }
            if !items.isEmpty {
                guard byte == UInt8(ascii: ",") else { throw ReprError(index: index, expected: "',' or ']'") }
                index += 1
                skipSpaces(bytes, &index)
                guard index < bytes.count else { return nil }
            }
            guard let item = try string(bytes, &index) else { return nil }
            items.append(item)
        }
    }

    private static func skipSpaces(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    /// A quoted string with Python's escapes; `nil` when the input ends inside it.
    private static func string(_ bytes: [UInt8], _ index: inout Int) throws(ReprError) -> String? {
        let quote = bytes[index]
        guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw ReprError(index: index, expected: "a quoted component name")
        }
        index += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                index += 1
                flush()
                return String(scalars)
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                flush()
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let length = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                    guard index + length <= bytes.count else { return nil }
                    let hex = String(decoding: bytes[index..<index + length], as: UTF8.self)
                    guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw ReprError(index: index, expected: "\(length) hex digits")
                    }
                    scalars.append(scalar)
                    index += length
                default: scalars.append(Unicode.Scalar(escape))
                }
                continue
            }
            raw.append(byte)
            index += 1
        }
        return nil
    }
}

/// A byte in a list repr that cannot be there.
struct ReprError: Error {
    var index: Int
    var expected: String
}
