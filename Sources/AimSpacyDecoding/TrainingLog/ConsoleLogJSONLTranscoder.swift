import AimSpacyModel
import Foundation

/// A JSONL line written straight as its `log parse --json` row (`LogRow.appendJSON`), without building
/// the row: the line `ConsoleLogJSONLRowReader` reads, with numbers as ujson writes them (their repr).
/// Any other line is left to the general path, which writes the same bytes through a `LogRow`.
struct ConsoleLogJSONLTranscoder {
    typealias Scanner = ConsoleLogJSONLRowReader.Scanner

    /// The keys of the object being read, to leave a repeated key to the general path.
    private var keys: [UnsafeRawBufferPointer] = []

    /// Appends the row of `line` and returns true, or leaves `out` as it was and returns false.
    mutating func append(_ line: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        let start = out.count
        var scanner = Scanner(bytes: line)
        guard scanner.take(UInt8(ascii: "{")), scanner.key("epoch"), let epoch = scanner.integer(),
            scanner.take(UInt8(ascii: ",")), scanner.key("step"), let step = scanner.integer(),
            scanner.take(UInt8(ascii: ",")), scanner.key("losses")
        else { return false }
        out += #"{"epoch": "#.utf8
        out += String(epoch).utf8
        out += #", "step": "#.utf8
        out += String(step).utf8
        out += #", "losses": "#.utf8
        guard members(&scanner, scores: false, to: &out), scanner.take(UInt8(ascii: ",")), scanner.key("scores") else {
            out.removeLast(out.count - start)
            return false
        }
        out += #", "scores": "#.utf8
        guard members(&scanner, scores: true, to: &out), scanner.take(UInt8(ascii: ",")), scanner.key("score") else {
            out.removeLast(out.count - start)
            return false
        }
        out += #", "score": "#.utf8
        guard Self.number(&scanner, shift: 0, to: &out), scanner.take(UInt8(ascii: "}")), scanner.atEnd else {
            out.removeLast(out.count - start)
            return false
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// An object of named numbers; scores but `speed` on the 0–1 scale.
    private mutating func members(_ scanner: inout Scanner, scores: Bool, to out: inout [UInt8]) -> Bool {
        guard scanner.take(UInt8(ascii: "{")) else { return false }
        if scanner.take(UInt8(ascii: "}")) {
            out += "{}".utf8
            return true
        }
        keys.removeAll(keepingCapacity: true)
        out.append(UInt8(ascii: "{"))
        while true {
            // ASCII without escapes or control characters: written as read.
            guard let key = scanner.string(), scanner.take(UInt8(ascii: ":")) else { return false }
            if keys.contains(where: { $0.elementsEqual(key) }) { return false }
            if !keys.isEmpty { out += ", ".utf8 }
            keys.append(key)
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: key)
            out += "\": ".utf8
            let shift = scores && !key.elementsEqual("speed".utf8) ? -2 : 0
            guard Self.number(&scanner, shift: shift, to: &out) else { return false }
            if scanner.take(UInt8(ascii: "}")) {
                out.append(UInt8(ascii: "}"))
                return true
            }
            guard scanner.take(UInt8(ascii: ",")) else { return false }
        }
    }

    /// A number as `LoggedValue.appendValueRepr` writes the value `ConsoleLogJSONLRowReader` reads:
    /// the token itself when it is the value's repr, else the repr of its (scaled) decimal.
    private static func number(_ scanner: inout Scanner, shift: Int, to out: inout [UInt8]) -> Bool {
        guard let token = scanner.numberToken() else { return false }
        guard token.count <= 18, let decimal = ShortDecimal(token), let value = decimal.double else {
            return shift == 0 && longDecimal(token, to: &out)
        }
        let isInteger = !token.contains(UInt8(ascii: "."))
        let scaled = decimal.scaled(by: shift)
        guard let scaledValue = scaled.double, !(isInteger && decimal.negative && decimal.significand == 0) else {
            return false
        }
        let fraction = isInteger ? 0 : token.count - 1 - (token.firstIndex(of: UInt8(ascii: ".")) ?? 0)
        let endsInZero = token[token.count - 1] == UInt8(ascii: "0")
        // A token that is not its repr is printed as the repr by the row reader: left to the general path.
        guard isInteger || (!endsInZero || fraction == 1) && decimal.isPositionalInRepr else { return false }
        if value.bitPattern == scaledValue.bitPattern {
            if fraction > 0, !endsInZero || fraction == 1, decimal.isPositionalInRepr {
                out.append(contentsOf: token)
            } else {
                decimal.appendPythonRepr(to: &out)
            }
        } else {
            scaled.appendPythonRepr(to: &out)
        }
        return true
    }

    /// An unscaled decimal with more digits than `ShortDecimal` holds (ujson's `speed`, 353404.4343053101):
    /// the general path reads it as a double and writes that double's repr.
    private static func longDecimal(_ token: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        guard token.count < 40 else { return false }
        let digits = token.first == UInt8(ascii: "-") ? UnsafeRawBufferPointer(rebasing: token.dropFirst()) : token
        guard let dot = digits.firstIndex(of: UInt8(ascii: ".")), dot > 0, dot < digits.count - 1,
            digits[0] != UInt8(ascii: "0") || dot == 1,
            digits.indices.allSatisfy({ $0 == dot || digits[$0] &- UInt8(ascii: "0") < 10 }),
            let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite
        else { return false }
        out += JSONValue.pythonRepr(value).utf8
        return true
    }
}
