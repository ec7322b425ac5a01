import AimSpacyModel

/// Python's `str.strip()` applied to a string that is already JSON-escaped (`json.dumps`,
/// `ensure_ascii=False`): whitespace is `\t \n \f \r`, `\u000b`, `\u001c`–`\u001f`, the space, or a
/// non-ASCII space kept as is. Escaping maps each character on its own, so stripping the escaped
/// forms equals escaping the stripped text.
enum JSONEscapedWhitespace {
    /// The range of `bytes` without leading and trailing escaped whitespace.
    static func strip(_ bytes: [UInt8]) -> Range<Int> {
        bytes.withUnsafeBytes { raw in
            var start = 0
            while case let n = leading(raw, at: start), n > 0 { start += n }
            var end = raw.count
            while end > start, case let n = trailing(raw, end: end, start: start), n > 0 { end -= n }
            return start..<end
        }
    }

    /// The length of the whitespace at `i`, or 0. At a character boundary a backslash always starts an escape.
    private static func leading(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        switch bytes[i] {
        case 0x20: return 1
        case 0x5C:
            guard i + 1 < bytes.count else { return 0 }
            if isShortEscape(bytes[i + 1]) { return 2 }
            return i + 6 <= bytes.count && isHexEscapedSpace(bytes, at: i) ? 6 : 0
        case 0x80...: return PythonWhitespace.length(bytes, at: i, end: bytes.count)
        default: return 0
        }
    }

    /// The length of the whitespace ending at `end`, or 0. A backslash there may itself be escaped,
    /// so an escape counts only after an odd run of backslashes.
    private static func trailing(_ bytes: UnsafeRawBufferPointer, end: Int, start: Int) -> Int {
        let last = bytes[end - 1]
        if last == 0x20 { return 1 }
        if last >= 0x80 { return PythonWhitespace.lengthBefore(bytes, end: end, start: start) }
        if end - 2 >= start, isShortEscape(last), bytes[end - 2] == 0x5C, oddBackslashes(bytes, endingAt: end - 2, start: start) {
            return 2
        }
        if end - 6 >= start, isHexEscapedSpace(bytes, at: end - 6), oddBackslashes(bytes, endingAt: end - 6, start: start) {
            return 6
        }
        return 0
    }

    /// `t`, `n`, `f`, `r`: the letters of escaped whitespace (not `b`: a backspace is no space).
    private static func isShortEscape(_ letter: UInt8) -> Bool {
        letter == UInt8(ascii: "t") || letter == UInt8(ascii: "n") || letter == UInt8(ascii: "f") || letter == UInt8(ascii: "r")
    }

    /// `\u000b` or `\u001c`–`\u001f` at `i`.
    private static func isHexEscapedSpace(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        guard bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 2] == 0x30, bytes[i + 3] == 0x30 else {
            return false
        }
        switch (bytes[i + 4], bytes[i + 5]) {
        case (0x30, UInt8(ascii: "b")), (0x31, UInt8(ascii: "c")), (0x31, UInt8(ascii: "d")), (0x31, UInt8(ascii: "e")),
            (0x31, UInt8(ascii: "f")):
            return true
        default: return false
        }
    }

    /// Whether the run of backslashes ending at `i` (inclusive) is odd, so its last one starts an escape.
    private static func oddBackslashes(_ bytes: UnsafeRawBufferPointer, endingAt i: Int, start: Int) -> Bool {
        var k = i
        while k >= start && bytes[k] == 0x5C { k -= 1 }
        return (i - k) % 2 == 1
    }
}
