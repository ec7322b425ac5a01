/// The lines of a console recording as a terminal finally shows them: split at `\n`, a trailing `\r`
/// dropped (terminal recordings end lines with CRLF), only the text after the last `\r` kept (tqdm
/// redraws its bar with `\r` and clears it with `\r` + spaces + `\r` before the next row), and ANSI
/// escape sequences (wasabi's colours, cursor moves) removed.
struct VisibleLines {
    /// One visible line: its bytes and where they are in the physical line.
    struct Line {
        var number: Int
        var bytes: [UInt8]
        /// The 0-based byte offset in the physical line of the first visible byte.
        var offset = 0
        /// The 1-based byte column of each visible byte, kept only when escape sequences were
        /// removed (otherwise the columns run on from `offset`).
        var columns: [Int]?
        /// Whether a `\n` ended the line (the last line of a file cut mid-write has none).
        var terminated = true

        /// The 1-based column of visible byte `index` (or just past the end).
        func column(at index: Int) -> Int {
            if let columns {
                if index < columns.count { return columns[index] }
                return (columns.last ?? 0) + 1
            }
            return bytes.isEmpty ? 1 : offset + min(index, bytes.count) + 1
        }
    }

    private let data: UnsafeRawBufferPointer
    private var position = 0
    private var lineNumber = 0

    init(_ data: UnsafeRawBufferPointer) { self.data = data }

    /// The next line, or `nil` at the end of the input.
    mutating func next() -> Line? {
        guard position < data.count else { return nil }
        let start = position
        var end = start
        while end < data.count, data[end] != UInt8(ascii: "\n") { end += 1 }
        position = end + 1
        lineNumber += 1
        var last = end
        while last > start, data[last - 1] == UInt8(ascii: "\r") { last -= 1 }
        var first = start
        var scan = last
        while scan > start {
            if data[scan - 1] == UInt8(ascii: "\r") {
                first = scan
                break
            }
            scan -= 1
        }
        var line = Line(number: lineNumber, bytes: [], offset: first - start)
            .filled(from: data, start: start, range: first..<last)
        line.terminated = end < data.count
        return line
    }
}

extension VisibleLines.Line {
    /// Copies `range` of `data` without escape sequences; columns count from `start`, the line's first byte.
    fileprivate func filled(from data: UnsafeRawBufferPointer, start: Int, range: Range<Int>) -> Self {
        var line = self
        guard data[range].contains(0x1B) else {
            line.bytes = Array(data[range])
            return line
        }
        var columns: [Int] = []
        line.bytes.reserveCapacity(range.count)
        columns.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = data[index]
            if byte == 0x1B {
                index = VisibleLines.endOfEscape(data, from: index, limit: range.upperBound)
                continue
            }
            line.bytes.append(byte)
            columns.append(index - start + 1)
            index += 1
        }
        line.columns = columns
        return line
    }
}

extension VisibleLines {
    /// The index after the escape sequence starting at `index` (ESC): CSI `ESC [ params final`,
    /// OSC `ESC ] … BEL|ESC \`, or a two-byte `ESC x`.
    static func endOfEscape(_ data: UnsafeRawBufferPointer, from index: Int, limit: Int) -> Int {
        var next = index + 1
        guard next < limit else { return limit }
        switch data[next] {
        case UInt8(ascii: "["):
            next += 1
            while next < limit, !(0x40...0x7E).contains(data[next]) { next += 1 }
            return min(next + 1, limit)
        case UInt8(ascii: "]"):
            next += 1
            while next < limit {
                if data[next] == 0x07 { return next + 1 }
                if data[next] == 0x1B, next + 1 < limit, data[next + 1] == UInt8(ascii: "\\") { return next + 2 }
                next += 1
            }
            return limit
        default:
            return next + 1
        }
    }
}

extension [UInt8] {
    /// Whether the bytes contain `pattern` anywhere.
    func containsText(_ pattern: [UInt8]) -> Bool { range(ofText: pattern) != nil }

    /// The first occurrence of `pattern`.
    func range(ofText pattern: [UInt8]) -> Range<Int>? {
        guard !pattern.isEmpty, pattern.count <= count else { return nil }
        var start = 0
        while start + pattern.count <= count {
            if self[start] == pattern[0], self[start..<start + pattern.count].elementsEqual(pattern) {
                return start..<start + pattern.count
            }
            start += 1
        }
        return nil
    }
}
