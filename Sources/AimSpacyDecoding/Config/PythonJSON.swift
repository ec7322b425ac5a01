#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AimSpacyModel

/// The two JSON readers that decide what a config value means: Python's `json.loads` (config
/// values, confection's `try_load_json`) and srsly's ujson (`spacy train` CLI overrides).
enum JSONDialect: Sendable {
    /// `json.loads`: strict numbers (no leading zeros), `NaN`/`Infinity`, no control characters in strings.
    case python
    /// `srsly.json_loads`: leading zeros and `1.` accepted, no `NaN`/`Infinity`, control characters allowed.
    case ujson
}

/// Python's `json` module as confection uses it: `loads` returning `nil` where Python raises,
/// and `dumps` with Python's defaults (`ensure_ascii=True`, `", "`/`": "` separators, float `repr`).
enum PythonJSON {
    /// Nesting Python's recursive decoder survives before `RecursionError` (caught as a failure).
    static let maximumDepth = 990

    /// The value of `text`, or `nil` when the dialect's parser rejects it.
    static func loads(_ text: String, dialect: JSONDialect = .python) -> JSONValue? {
        var copy = text
        return copy.withUTF8 { buffer in
            var reader = PythonJSONReader(bytes: UnsafeRawBufferPointer(buffer), dialect: dialect)
            return reader.document()
        }
    }

    /// `json.dumps(value)` with Python's defaults (`ensure_ascii=True`, `", "` and `": "`).
    static func dumps(_ value: JSONValue) -> String { value.serialized(ensureASCII: true) }
}

/// A recursive-descent JSON reader over UTF-8 bytes that fails exactly where the chosen dialect fails.
private struct PythonJSONReader {
    let bytes: UnsafeRawBufferPointer
    let dialect: JSONDialect
    var position = 0

    init(bytes: UnsafeRawBufferPointer, dialect: JSONDialect) {
        self.bytes = bytes
        self.dialect = dialect
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func document() -> JSONValue? {
        skipWhitespace()
        guard let value = value(depth: 0) else { return nil }
        skipWhitespace()
        return position == bytes.count ? value : nil
    }

    mutating func skipWhitespace() {
        while let c = current, JSONText.isWhitespace(c) { position += 1 }
    }

    mutating func consume(_ literal: StaticString) -> Bool {
        guard JSONText.matches(literal, in: bytes, at: position) else { return false }
        position += literal.utf8CodeUnitCount
        return true
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth < PythonJSON.maximumDepth, let c = current else { return nil }
        let python = dialect == .python
        switch c {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return consume("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return consume("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return consume("null") ? .null : nil
        case UInt8(ascii: "N"): return python && consume("NaN") ? .double(.nan) : nil
        case UInt8(ascii: "I"): return python && consume("Infinity") ? .double(.infinity) : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return nil
        }
    }

    mutating func object(depth: Int) -> JSONValue? {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var index: [String: Int] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return nil }
            position += 1
            skipWhitespace()
            guard let value = value(depth: depth + 1) else { return nil }
            if let existing = index[key] {
                members[existing].value = value
            } else {
                index[key] = members.count
                members.append((key, value))
            }
            skipWhitespace()
            guard let c = current else { return nil }
            position += 1
            if c == UInt8(ascii: "}") { return .object(members) }
            guard c == UInt8(ascii: ",") else { return nil }
        }
    }

    mutating func array(depth: Int) -> JSONValue? {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            guard let item = value(depth: depth + 1) else { return nil }
            items.append(item)
            skipWhitespace()
            guard let c = current else { return nil }
            position += 1
            if c == UInt8(ascii: "]") { return .array(items) }
            guard c == UInt8(ascii: ",") else { return nil }
        }
    }

    func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    mutating func number() -> JSONValue? {
        let start = position
        if current == UInt8(ascii: "-") {
            position += 1
            if dialect == .python && consume("Infinity") { return .double(-.infinity) }
        }
        guard isDigit(current) else { return nil }
        if dialect == .python && current == UInt8(ascii: "0") {
            position += 1
        } else {
            while isDigit(current) { position += 1 }
        }
        var isInteger = true
        if current == UInt8(ascii: "."), dialect == .ujson || isDigit(position + 1 < bytes.count ? bytes[position + 1] : nil) {
            isInteger = false
            position += 1
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            var probe = position + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
            if probe < bytes.count, isDigit(bytes[probe]) {
                isInteger = false
                position = probe
                while isDigit(current) { position += 1 }
            } else if dialect == .ujson {
                isInteger = false
                position = probe
            }
        }
        var text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger {
            if let i = Int(text) { return .int(i) }
            if dialect == .ujson, UInt64(text) == nil { return nil }
            return Double(text).map(JSONValue.double)
        }
        while let last = text.last, last == "e" || last == "E" || last == "+" || last == "-" { text.removeLast() }
        if text.hasSuffix(".") { text += "0" }
        return Double(text).map(JSONValue.double)
    }

    mutating func string() -> String? {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ end: Int, into scalars: inout String.UnicodeScalarView) {
            if end > runStart {
                scalars.append(contentsOf: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self).unicodeScalars)
            }
        }
        while let c = current {
            if c == UInt8(ascii: "\"") {
                flush(position, into: &scalars)
                position += 1
                return String(scalars)
            }
            if c < 0x20 && dialect == .python { return nil }
            guard c == UInt8(ascii: "\\") else {
                position += 1
                continue
            }
            flush(position, into: &scalars)
            guard position + 1 < bytes.count else { return nil }
            let e = bytes[position + 1]
            position += 2
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard let (scalar, length) = JSONText.unicodeEscape(bytes, at: position) else { return nil }
                position += length
                scalars.append(scalar)
            default:
                return nil
            }
            runStart = position
        }
        return nil
    }
}
