import CAimZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// zlib (RFC 1950) decompression through the system zlib, as Python's `zlib.decompress` does it.
public enum Zlib {
    /// Inflates a complete zlib stream into one buffer, growing it as needed.
    /// - Parameters:
    ///   - input: the compressed bytes (zlib header required, as with `wbits=15`).
    ///   - limits: how far the stream may inflate; past that it throws, having never held more
    ///     than the cap plus one byte.
    ///   - sizeHint: expected inflated size, to allocate the right buffer at once.
    /// Bytes after the end of the stream are ignored, as `zlib.decompress` ignores them.
    public static func inflate(
        _ input: UnsafeRawBufferPointer, limits: InflateLimits = InflateLimits(), sizeHint: Int? = nil
    ) throws(DecodingError) -> InflatedBuffer {
        try inflate(input, limits: limits, sizeHint: sizeHint, allocating: { _ in })
    }

    /// `inflate`, telling `allocating` every output capacity it allocates (for tests of peak memory).
    static func inflate(
        _ input: UnsafeRawBufferPointer, limits: InflateLimits, sizeHint: Int?, allocating: (Int) -> Void
    ) throws(DecodingError) -> InflatedBuffer {
        let limit = limits.cap(compressedSize: input.count)
        func refused(_ stream: z_stream) -> DecodingError {
            DecodingError(
                location: .binary(offset: Int(stream.total_in), path: ""),
                message: "zlib: \(limits.reason(compressedSize: input.count))")
        }
        var stream = z_stream()
        guard aimz_inflateInit2(&stream, 15) == Z_OK else {
            throw DecodingError(location: .binary(offset: 0, path: ""), message: "zlib: cannot initialise inflate")
        }
        defer { inflateEnd(&stream) }

        let guess = sizeHint ?? input.count.multipliedReportingOverflow(by: 10).partialValue
        var capacity = min(max(guess, 1 << 16), limit &+ 1)
        allocating(capacity)
        guard var output = malloc(capacity) else { throw allocationError(capacity) }
        var produced = 0
        var consumed = 0

        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        while true {
            if stream.avail_in == 0 && consumed < input.count {
                let chunk = min(input.count - consumed, Int(UInt32.max))
                stream.avail_in = uInt(chunk)
                consumed += chunk
            }
            if produced == capacity {
                if capacity > limit {
                    free(output)
                    throw refused(stream)
                }
                let grown = min(capacity > (1 << 30) ? capacity + capacity / 2 : capacity * 2, limit &+ 1)
                allocating(grown)
                guard let bigger = realloc(output, grown) else {
                    free(output)
                    throw allocationError(grown)
                }
                output = bigger
                capacity = grown
            }
            let room = min(capacity - produced, Int(UInt32.max))
            stream.next_out = (output + produced).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(room)
            let status = CAimZlib.inflate(&stream, Z_NO_FLUSH)
            produced += room - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                if produced > limit {
                    free(output)
                    throw refused(stream)
                }
                let shrunk = produced < capacity ? (realloc(output, max(produced, 1)) ?? output) : output
                return InflatedBuffer(taking: shrunk, count: produced)
            case Z_OK, Z_BUF_ERROR:
                if stream.avail_out != 0 && stream.avail_in == 0 && consumed >= input.count {
                    free(output)
                    throw DecodingError(
                        location: .binary(offset: input.count, path: ""),
                        message: "zlib: truncated stream: input ended before the end of the compressed data")
                }
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                free(output)
                // A bad 2-byte header is reported at its start: the file is not a zlib stream at all.
                let at = stream.total_in <= 2 && produced == 0 ? 0 : Int(stream.total_in)
                throw DecodingError(
                    location: .binary(offset: at, path: ""),
                    message: "zlib: invalid compressed data (\(reason)); expected a zlib stream as DocBin writes")
            }
        }
    }

    private static func allocationError(_ size: Int) -> DecodingError {
        DecodingError(location: .binary(offset: 0, path: ""), message: "zlib: cannot allocate \(size) bytes")
    }
}
