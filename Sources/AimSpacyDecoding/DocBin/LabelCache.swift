#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers the distinct strs met while counting (category labels, span-group names) by their raw
/// bytes, so that a label seen in every doc is decoded into a `String` once, not once per doc.
struct LabelCache {
    private(set) var labels: [String] = []
    /// The bytes of each label's first occurrence (in the payload, which outlives the cache).
    private var keys: [UnsafeRawBufferPointer] = []
    private var byText: [String: Int] = [:]
    /// Beyond this many labels, lookups decode the text and hash it instead of comparing bytes.
    private static let linearLimit = 32

    /// The number of the label spelled by `bytes`; `at` is the str's offset for an error.
    mutating func index(of bytes: UnsafeRawBufferPointer, reader: MsgPackReader, at: Int) throws(DecodingError) -> Int {
        for (i, key) in keys.enumerated() where key.count == bytes.count {
            guard let a = key.baseAddress, let b = bytes.baseAddress else { return i }
            if memcmp(a, b, bytes.count) == 0 { return i }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw reader.error("invalid UTF-8 in msgpack str", at: at)
        }
        if let known = byText[text] { return known }
        labels.append(text)
        byText[text] = labels.count - 1
        if keys.count < Self.linearLimit { keys.append(bytes) }
        return labels.count - 1
    }
}
