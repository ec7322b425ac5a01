/// A JSON syntax error: the byte offset (0-based) and line:column (1-based, columns in UTF-8 bytes).
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int
    public var expected: String

    public var description: String { "\(line):\(column): expected \(expected)" }
}

extension JSONValue {
    /// Parses JSON text (RFC 8259 plus Python's `NaN`, `Infinity`, `-Infinity`), keeping key order.
    /// Integers that fit in `Int` stay integers; a duplicated key keeps the last value, as Python does.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var copy = text
        let result: Result<JSONValue, JSONSyntaxError> = copy.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// Parses JSON from raw UTF-8 bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position != bytes.count { throw parser.error("end of input") }
        return value
    }
}

private struct JSONParser {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func error(_ expected: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        for i in 0..<min(position, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return JSONSyntaxError(offset: position, line: line, column: position - lineStart + 1, expected: expected)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let c = current, JSONText.isWhitespace(c) { position += 1 }
    }

    mutating func consume(_ literal: StaticString) -> Bool {
        guard JSONText.matches(literal, in: bytes, at: position) else { return false }
        position += literal.utf8CodeUnitCount
        return true
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < 512 else { throw error("nesting shallower than 512 levels") }
        guard let c = current else { throw error("a value") }
        switch c {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): if consume("true") { return .bool(true) }
        case UInt8(ascii: "f"): if consume("false") { return .bool(false) }
        case UInt8(ascii: "n"): if consume("null") { return .null }
        case UInt8(ascii: "N"): if consume("NaN") { return .double(.nan) }
        case UInt8(ascii: "I"): if consume("Infinity") { return .double(.infinity) }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: break
        }
        throw error("a value")
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        // A repeated key keeps its first place and takes the last value; past a few members the keys'
        // places are looked up in an index instead of by scanning.
        var index: [String: Int] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("a string key") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("':'") }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            if members.count >= 16 && index.isEmpty {
                for (place, member) in members.enumerated() { index[member.key] = index[member.key] ?? place }
            }
            let existing = index.isEmpty ? members.firstIndex { $0.key == key } : index[key]
            if let existing {
                members[existing].value = value
            } else {
                if !index.isEmpty { index[key] = members.count }
                members.append((key, value))
            }
            skipWhitespace()
            guard let c = current else { throw error("',' or '}'") }
            position += 1
            if c == UInt8(ascii: "}") { return .object(members) }
            guard c == UInt8(ascii: ",") else {
                position -= 1
                throw error("',' or '}'")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard let c = current else { throw error("',' or ']'") }
            position += 1
            if c == UInt8(ascii: "]") { return .array(items) }
            guard c == UInt8(ascii: ",") else {
                position -= 1
                throw error("',' or ']'")
            }
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if current == UInt8(ascii: "-") {
            position += 1
            if consume("Infinity") { return .double(-.infinity) }
        }
        var isInteger = true
        guard let first = current, first >= 0x30, first <= 0x39 else { throw error("a digit") }
        while let c = current, c >= 0x30, c <= 0x39 { position += 1 }
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let c = current, c >= 0x30, c <= 0x39 else { throw error("a digit after '.'") }
            while let c = current, c >= 0x30, c <= 0x39 { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let c = current, c >= 0x30, c <= 0x39 else { throw error("a digit in the exponent") }
            while let c = current, c >= 0x30, c <= 0x39 { position += 1 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw error("a number") }
        return .double(d)
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        var simple = true
        while let c = current, c != UInt8(ascii: "\"") {
            if c == UInt8(ascii: "\\") {
                simple = false
                position += 2
            } else if c < 0x20 {
                throw error("no control character inside a string")
            } else {
                position += 1
            }
        }
        guard position < bytes.count else { throw error("'\"' closing the string") }
        let end = position
        position += 1
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if simple { return String(decoding: raw, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var i = 0
        func flush() {
            if !utf8.isEmpty {
                scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
                utf8.removeAll(keepingCapacity: true)
            }
        }
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\") else {
                utf8.append(c)
                i += 1
                continue
            }
            guard i + 1 < raw.count else {
                position = start + i
                throw error("an escape sequence")
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): utf8.append(0x22)
            case UInt8(ascii: "\\"): utf8.append(0x5C)
            case UInt8(ascii: "/"): utf8.append(0x2F)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard let (scalar, length) = JSONText.unicodeEscape(raw, at: i) else {
                    position = start + i
                    throw error("four hex digits after \\u")
                }
                i += length
                flush()
                scalars.append(scalar)
            default:
                position = start + i - 1
                throw error("a valid escape character")
            }
        }
        flush()
        return String(scalars)
    }
}
