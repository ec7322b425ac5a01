/// A text's UTF-8 bytes addressed by code point, as Python indexes a `str`: entity offsets are
/// code points, and the markup is bytes.
struct CodePointText {
    let utf8: [UInt8]
    /// Byte offset of every code point and of the end; `nil` for ASCII text, where the two agree.
    private let offsets: [Int]?

    init(_ text: String) {
        utf8 = Array(text.utf8)
        if utf8.allSatisfy({ $0 < 0x80 }) {
            offsets = nil
        } else {
            var offsets: [Int] = []
            offsets.reserveCapacity(utf8.count + 1)
            for (i, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { offsets.append(i) }
            offsets.append(utf8.count)
            self.offsets = offsets
        }
    }

    /// Number of code points.
    var count: Int { offsets.map { $0.count - 1 } ?? utf8.count }

    /// The bytes of `text[start:end]`, with Python's handling of negative and out-of-range bounds.
    func bytes(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        let n = count
        func clamp(_ i: Int) -> Int { min(max(i < 0 ? i + n : i, 0), n) }
        let s = clamp(start)
        let e = clamp(end)
        guard s < e else { return [] }
        guard let offsets else { return utf8[s..<e] }
        return utf8[offsets[s]..<offsets[e]]
    }
}

/// Code points of a text escaped with `escape_html`, each `\n` written as `<br>` when `breaks` is set
/// (`render_ents` splits the text between entities on newlines and joins the escaped pieces with `<br>`).
struct EscapedBytes: MarkupField {
    let bytes: ArraySlice<UInt8>
    var breaks = false

    func write(to out: inout MarkupBuffer) {
        guard breaks else { return out.append(escapingHTML: bytes) }
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            out.append(escapingHTML: bytes[start..<newline])
            out.append("<br>")
            start = newline + 1
        }
        out.append(escapingHTML: bytes[start...])
    }
}
