import CAimZlib

/// Compressed streams made to cost as much as possible per byte, for the tests that bound that cost.
public enum HostileDocBins {
    /// A zlib stream of `count` zero bytes (about 1,000× smaller), deflated in 1 MiB pieces so that
    /// making it costs little memory: the shape of a DocBin bomb.
    public static func zeros(_ count: Int) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit_(&stream, 6, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = [UInt8](repeating: 0, count: 1 << 20)
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var compressed: [UInt8] = []
        var left = count
        repeat {
            let piece = min(left, input.count)
            left -= piece
            let flush = left == 0 ? Z_FINISH : Z_NO_FLUSH
            input.withUnsafeMutableBufferPointer { inp in
                stream.next_in = inp.baseAddress
                stream.avail_in = uInt(piece)
                repeat {
                    output.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        _ = deflate(&stream, flush)
                        compressed += out.prefix(out.count - Int(stream.avail_out))
                    }
                } while stream.avail_out == 0
            }
        } while left > 0
        return compressed
    }
}
