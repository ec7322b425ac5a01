/// Python's `str.isspace()` over UTF-8 bytes: what `str.strip()` and the regex `\s` remove, which decides
/// configparser's indentation and trimming and the ends of displaCy's markup.
package enum PythonWhitespace {
    /// The byte length of the whitespace character starting at `i`, or 0.
    package static func length(_ bytes: UnsafeRawBufferPointer, at i: Int, end: Int) -> Int {
        guard i < end else { return 0 }
        let b = bytes[i]
        if b < 0x80 {
            return (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20) ? 1 : 0
        }
        guard i + 1 < end else { return 0 }
        let b1 = bytes[i + 1]
        if b == 0xC2 { return b1 == 0x85 || b1 == 0xA0 ? 2 : 0 }
        guard i + 2 < end else { return 0 }
        return isThreeByteSpace(b, b1, bytes[i + 2]) ? 3 : 0
    }

    /// The byte length of the whitespace character ending just before `end`, or 0.
    package static func lengthBefore(_ bytes: UnsafeRawBufferPointer, end: Int, start: Int) -> Int {
        guard end > start else { return 0 }
        let b = bytes[end - 1]
        if b < 0x80 {
            return (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20) ? 1 : 0
        }
        if end - 2 >= start, bytes[end - 2] == 0xC2, b == 0x85 || b == 0xA0 { return 2 }
        if end - 3 >= start, isThreeByteSpace(bytes[end - 3], bytes[end - 2], b) { return 3 }
        return 0
    }

    private static func isThreeByteSpace(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        switch (b0, b1) {
        case (0xE1, 0x9A): return b2 == 0x80  // U+1680
        case (0xE2, 0x80): return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF  // U+2000–200A, 2028, 2029, 202F
        case (0xE2, 0x81): return b2 == 0x9F  // U+205F
        case (0xE3, 0x80): return b2 == 0x80  // U+3000
        default: return false
        }
    }

    /// `range` without leading and trailing whitespace (Python's `strip()`).
    package static func strip(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while case let n = length(bytes, at: lower, end: upper), n > 0 { lower += n }
        while case let n = lengthBefore(bytes, end: upper, start: lower), n > 0 { upper -= n }
        return lower..<upper
    }

    /// `text.strip() == ""`: the text is empty or all whitespace.
    package static func isBlank(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            return strip(raw, 0..<raw.count).isEmpty
        }
    }

    /// Python's `str.strip()` on a string.
    package static func strip(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            let r = strip(raw, 0..<raw.count)
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[r]), as: UTF8.self)
        }
    }

    /// Python's `str.rstrip()` on a string.
    package static func rstrip(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            var upper = raw.count
            while case let n = lengthBefore(raw, end: upper, start: 0), n > 0 { upper -= n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<upper]), as: UTF8.self)
        }
    }
}
