import AimSpacyModel

/// Markup built as UTF-8 bytes in one growing buffer: a corpus render is megabytes of small
/// pieces, and building a `String` per piece cost more than the geometry. A JSON-escaping buffer
/// holds the same markup as the inside of a JSON string literal (`json.dumps`, `ensure_ascii=False`),
/// written in the same pass: `displacy --jsonl` would otherwise escape every byte once more.
struct MarkupBuffer: Sendable {
    var bytes: [UInt8]
    /// Whether what is appended is written JSON-escaped.
    let escapesJSON: Bool

    init(capacity: Int = 0, escapesJSON: Bool = false) {
        bytes = []
        bytes.reserveCapacity(capacity)
        self.escapesJSON = escapesJSON
    }

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// A template's literal with its JSON-escaped form, picked by the buffer's kind.
    mutating func append(template literal: StaticString, json: StaticString) {
        let chosen = escapesJSON ? json : literal
        bytes.append(contentsOf: UnsafeBufferPointer(start: chosen.utf8Start, count: chosen.utf8CodeUnitCount))
    }

    mutating func append(_ literal: StaticString) {
        append(utf8: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A literal with nothing JSON escapes (entities, digits).
    private mutating func appendRaw(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(utf8: $0) }
    }

    /// Another buffer's markup; escaped when only this buffer escapes JSON.
    mutating func append(_ other: MarkupBuffer) {
        precondition(escapesJSON || !other.escapesJSON, "JSON-escaped markup appended to plain markup")
        if escapesJSON == other.escapesJSON {
            bytes.append(contentsOf: other.bytes)
        } else {
            other.bytes.withUnsafeBufferPointer { append(utf8: $0) }
        }
    }

    mutating func append(byte: UInt8) {
        if escapesJSON && JSONValue.needsEscape(byte) { JSONValue.appendEscape(of: byte, to: &bytes) } else { bytes.append(byte) }
    }

    private mutating func append(utf8 source: UnsafeBufferPointer<UInt8>) {
        if escapesJSON { JSONValue.appendEscaped(utf8: source, to: &bytes) } else { bytes.append(contentsOf: source) }
    }

    /// Python's `str()` of an `int`.
    mutating func append(_ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var i = 20
            repeat {
                i -= 1
                digits[i] = 0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(0x2D) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    /// Python's `str()` of the number.
    mutating func append(_ number: PyNumber) {
        switch number {
        case .int(let i): append(i)
        case .float(let d): appendFloat(d)
        }
    }

    /// `repr(float)`: exact and short for the sixteenths displaCy's geometry yields (`87.5`, `182.0`),
    /// Python's shortest round-trip form for anything else.
    private mutating func appendFloat(_ d: Double) {
        let scaled = d * 16
        guard d.isFinite, abs(d) < 1e12, scaled == scaled.rounded(.towardZero) else {
            append(PyNumber.float(d).description)
            return
        }
        if d.sign == .minus { bytes.append(0x2D) }
        let sixteenths = Int(abs(scaled))
        append(sixteenths / 16)
        bytes.append(0x2E)
        var fraction = sixteenths % 16
        if fraction == 0 {
            bytes.append(0x30)
            return
        }
        while fraction != 0 {
            fraction *= 10
            bytes.append(0x30 &+ UInt8(fraction / 16))
            fraction %= 16
        }
    }

    /// spaCy's `escape_html`: `&`, `<`, `>` and `"` become entities; every other byte is kept.
    mutating func append(escapingHTML text: String) {
        var text = text
        text.withUTF8 { append(escapingHTML: $0) }
    }

    mutating func append(escapingHTML source: ArraySlice<UInt8>) {
        source.withUnsafeBufferPointer { append(escapingHTML: $0) }
    }

    mutating func append(escapingHTML source: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for i in source.indices {
            let byte = source[i]
            guard byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || (escapesJSON && JSONValue.needsEscape(byte))
            else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<i]))
            run = i + 1
            switch byte {
            case 0x26: appendRaw("&amp;")
            case 0x3C: appendRaw("&lt;")
            case 0x3E: appendRaw("&gt;")
            case 0x22: appendRaw("&quot;")
            default: JSONValue.appendEscape(of: byte, to: &bytes)
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run...]))
    }

    /// The text as a `String`, for the places that format it further (custom templates).
    var string: String {
        precondition(!escapesJSON, "JSON-escaped markup read as text")
        return String(decoding: bytes, as: UTF8.self)
    }
}
