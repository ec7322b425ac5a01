import AimSpacyDecoding

/// Cut and byte-flipped variants of a valid input, for robustness tests: every decoder must answer
/// each with a value or a located `DecodingError`, never a crash.
enum Mutations {
    /// Prefixes at every offset for small inputs, else at `samples` evenly spread offsets.
    static func truncations(_ bytes: [UInt8], samples: Int = 400) -> [[UInt8]] {
        let step = max(1, bytes.count / samples)
        return stride(from: 0, to: bytes.count, by: step).map { Array(bytes[..<$0]) }
    }

    /// Single-byte replacements (inverted bits, newline, space, quote, digit, NUL, a UTF-8 lead byte)
    /// at spread positions.
    static func flips(_ bytes: [UInt8], samples: Int = 100) -> [[UInt8]] {
        guard !bytes.isEmpty else { return [] }
        let step = max(1, bytes.count / samples)
        var result: [[UInt8]] = []
        for position in stride(from: 0, to: bytes.count, by: step) {
            for replacement: UInt8 in [~bytes[position], 0x0A, 0x20, 0x22, 0x39, 0x00, 0xE2] {
                var copy = bytes
                copy[position] = replacement
                result.append(copy)
            }
        }
        return result
    }

    /// Whether an error names a place: a text position with line and column ≥ 1.
    static func isLocated(_ error: DecodingError) -> Bool {
        if case .text(let line, let column) = error.location { return line >= 1 && column >= 1 }
        return false
    }
}
