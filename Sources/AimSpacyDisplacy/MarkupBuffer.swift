import AimSpacyModel

/// Markup built as UTF-8 bytes in one growing buffer: a corpus render is megabytes of small
/// pieces, and building a `String` per piece cost more than the geometry.
struct MarkupBuffer: Sendable {
    var bytes: [UInt8]

    init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: text.utf8) }
    }

    mutating func append(_ other: MarkupBuffer) { bytes.append(contentsOf: other.bytes) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

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
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(escapingHTML: $0) }
        if done == nil { append(escapingHTML: Array(text.utf8)[...]) }
    }

    mutating func append(escapingHTML source: some Collection<UInt8>) {
        for byte in source {
            switch byte {
            case 0x26: append("&amp;")
            case 0x3C: append("&lt;")
            case 0x3E: append("&gt;")
            case 0x22: append("&quot;")
            default: bytes.append(byte)
            }
        }
    }

    /// The text as a `String`, for the places that format it further (custom templates).
    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A value written into a template's field.
protocol MarkupField {
    func write(to out: inout MarkupBuffer)
}

extension String: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

extension Int: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

extension PyNumber: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

extension MarkupBuffer: MarkupField {
    func write(to out: inout MarkupBuffer) { out.append(self) }
}

/// Doc text written raw or escaped: spaCy leaves tags, labels and titles raw, the safe mode escapes them.
struct DocText: MarkupField {
    let text: String
    let escaped: Bool

    init(_ text: String, escaped: Bool) {
        self.text = text
        self.escaped = escaped
    }

    func write(to out: inout MarkupBuffer) {
        if escaped { out.append(escapingHTML: text) } else { out.append(text) }
    }
}
