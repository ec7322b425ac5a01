#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One heap buffer of bytes that a decoder reads many values out of (e.g. an inflated DocBin).
/// Immutable once made; freed when the last reference goes.
public final class InflatedBuffer: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer?
    /// Number of valid bytes.
    public let count: Int

    /// Takes ownership of `pointer`, which must come from `malloc`/`realloc`.
    init(taking pointer: UnsafeMutableRawPointer?, count: Int) {
        self.pointer = pointer
        self.count = count
    }

    /// A copy of `bytes` (for callers that already hold the uncompressed payload).
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        let memory = malloc(max(bytes.count, 1))
        if let memory, let base = bytes.baseAddress, bytes.count > 0 {
            memory.copyMemory(from: base, byteCount: bytes.count)
        }
        self.init(taking: memory, count: memory == nil ? 0 : bytes.count)
    }

    deinit { free(pointer) }

    /// The bytes; valid as long as this object is alive.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }
}
