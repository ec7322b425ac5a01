import Foundation

/// The lines of a piece of a JSONL log, found with `memchr`: each line without its newline, its
/// number (counted from `firstLine`), and whether a newline ended it (a last line cut short has none).
struct JSONLLines {
    private let bytes: UnsafeRawBufferPointer
    private var start = 0
    private var number: Int

    init(_ bytes: UnsafeRawBufferPointer, firstLine: Int) {
        self.bytes = bytes
        number = firstLine - 1
    }

    mutating func next() -> (line: UnsafeRawBufferPointer, number: Int, terminated: Bool)? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer($0) - base } ?? bytes.count
        number += 1
        let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        start = end + 1
        return (line, number, end < bytes.count)
    }
}
