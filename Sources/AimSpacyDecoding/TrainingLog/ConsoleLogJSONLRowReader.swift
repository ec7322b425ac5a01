import AimSpacyModel
import Foundation

/// The fast reading of a JSONL line as ConsoleLogger v2/v3 write it: `{"epoch": …, "step": …,
/// "losses": {…}, "scores": {…}, "score": …}` in this order, ASCII keys without escapes, numbers without
/// exponents, straight from the bytes. Any other line (another key order, an escape, a repeated key,
/// another value type, a syntax error) gives `nil` and takes the general path (`JSONValue.parse`, then
/// `ConsoleLogJSONL.row`), which reads it to the same row or to the located error.
struct ConsoleLogJSONLRowReader {
    /// The previous row's loss and score names, reused instead of allocated again for every row.
    private var lossNames: [Name] = []
    private var scoreNames: [Name] = []

    /// A key as a string and as the bytes it was read from.
    struct Name {
        var text: String
        var bytes: [UInt8]

        func isSpelled(_ key: UnsafeRawBufferPointer) -> Bool {
            bytes.count == key.count
                && (key.isEmpty || bytes.withUnsafeBytes { memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 })
        }
    }

    mutating func row(_ line: UnsafeRawBufferPointer, number: Int) -> LogRow? {
        var scanner = Scanner(bytes: line)
        guard scanner.take(UInt8(ascii: "{")), scanner.key("epoch"), let epoch = scanner.integer(),
            scanner.take(UInt8(ascii: ",")), scanner.key("step"), let step = scanner.integer(),
            scanner.take(UInt8(ascii: ",")), scanner.key("losses"),
            let losses = scanner.members(names: &lossNames, shift: { _ in 0 }),
            scanner.take(UInt8(ascii: ",")), scanner.key("scores"),
            let scores = scanner.members(names: &scoreNames, shift: { $0 == "speed" ? 0 : -2 }),
            scanner.take(UInt8(ascii: ",")), scanner.key("score"), let score = scanner.number(name: "score", shift: 0),
            scanner.take(UInt8(ascii: "}")), scanner.atEnd
        else { return nil }
        return LogRow(epoch: epoch, step: step, losses: losses, scores: scores, score: score, line: number)
    }

    /// The byte scanning shared with `ConsoleLogJSONLTranscoder`.
    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        mutating func skipWhitespace() {
            while position < bytes.count, JSONText.isWhitespace(bytes[position]) { position += 1 }
        }

        var atEnd: Bool {
            mutating get {
                skipWhitespace()
                return position == bytes.count
            }
        }

        /// The byte `byte` after optional whitespace.
        mutating func take(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// An ASCII string without escapes or control characters; its bytes.
        mutating func string() -> UnsafeRawBufferPointer? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return UnsafeRawBufferPointer(rebasing: bytes[start..<position - 1])
                }
                // ASCII only: Swift compares other keys by canonical equivalence, which bytes cannot.
                guard byte != UInt8(ascii: "\\"), byte >= 0x20, byte < 0x80 else { return nil }
                position += 1
            }
            return nil
        }

        /// The key `name` and its colon.
        mutating func key(_ name: StaticString) -> Bool {
            guard let text = string(), text.count == name.utf8CodeUnitCount,
                text.isEmpty || memcmp(text.baseAddress!, name.utf8Start, text.count) == 0
            else { return false }
            return take(UInt8(ascii: ":"))
        }

        /// The bytes of a number token, checked only for the characters numbers use.
        mutating func numberToken() -> UnsafeRawBufferPointer? {
            skipWhitespace()
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                guard byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
                else { break }
                position += 1
            }
            return position > start ? UnsafeRawBufferPointer(rebasing: bytes[start..<position]) : nil
        }

        /// An integer (`epoch`, `step`) as JSON writes it: no point, exponent or leading zero.
        mutating func integer() -> Int? {
            guard let token = numberToken(), token.count <= 18, let decimal = ShortDecimal(token), decimal.exponent >= 0,
                !token.contains(UInt8(ascii: ".")), !(decimal.negative && decimal.significand == 0)
            else { return nil }
            var value = Int(decimal.significand)
            for _ in 0..<decimal.exponent { value *= 10 }
            return decimal.negative ? -value : value
        }

        /// A logged number: its value scaled by 10^`shift`, and Python's `repr` of what was written
        /// (the text `ConsoleLogJSONL.logged` keeps). Other numbers go through `JSONValue.parse`.
        mutating func number(name: String, shift: Int) -> LoggedValue? {
            guard let token = numberToken() else { return nil }
            let isInteger = !token.contains(UInt8(ascii: "."))
            // Integers as `Int` prints them (no `-0`, within 18 digits); decimals as their `repr`.
            if token.count <= 18, let decimal = ShortDecimal(token), decimal.double != nil,
                let scaled = decimal.scaled(by: shift).double, !(isInteger && decimal.negative && decimal.significand == 0)
            {
                // ujson writes most values as their repr already (no trailing zeros, no exponent needed).
                let fraction = isInteger ? 0 : token.count - 1 - (token.firstIndex(of: UInt8(ascii: ".")) ?? 0)
                let asWritten = isInteger
                    || (token[token.count - 1] != UInt8(ascii: "0") || fraction == 1) && decimal.isPositionalInRepr
                let printed = asWritten ? String(decoding: token, as: UTF8.self) : decimal.pythonRepr
                var copy = printed
                let decimals = copy.withUTF8 { DecimalText.decimals(UnsafeRawBufferPointer($0)) }
                return LoggedValue(name: name, value: scaled, printed: printed, decimals: decimals)
            }
            guard let value = try? JSONValue.parse(token) else { return nil }
            return ConsoleLogJSONL.logged(name, value, shift: shift)
        }

        /// An object of named numbers, its names kept in `names` for the next row.
        mutating func members(names: inout [Name], shift: (String) -> Int) -> [LoggedValue]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var values: [LoggedValue] = []
            values.reserveCapacity(names.count)
            if take(UInt8(ascii: "}")) { return values }
            while true {
                guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                let index = values.count
                // A repeated key keeps its first place and the last value: the general path's rule.
                if names.prefix(index).contains(where: { $0.isSpelled(key) }) { return nil }
                if index >= names.count || !names[index].isSpelled(key) {
                    let name = Name(text: String(decoding: key, as: UTF8.self), bytes: Array(key))
                    if index < names.count { names[index] = name } else { names.append(name) }
                }
                let name = names[index].text
                guard let value = number(name: name, shift: shift(name)) else { return nil }
                values.append(value)
                if take(UInt8(ascii: "}")) { return values }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
        }
    }
}
