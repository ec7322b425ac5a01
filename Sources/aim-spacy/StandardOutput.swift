import Foundation

/// Buffered writes to file descriptor 1: one `write` per 256 KiB rather than per line, and large
/// pieces (a corpus's markup) written straight from their own bytes.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 18

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    mutating func write(_ bytes: [UInt8]) {
        if buffer.count + bytes.count < Self.chunk {
            buffer.append(contentsOf: bytes)
            return
        }
        flush()
        Self.writeAll(bytes)
    }

    mutating func flush() {
        Self.writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { Foundation.write(1, $0 + done, raw.count - done) } ?? -1 }
            if n <= 0 { break }
            done += n
        }
    }
}
