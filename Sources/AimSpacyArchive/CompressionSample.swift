import CAimZlib
import ZIPFoundation

/// Chooses how to store an entry from a sample of its first bytes: deflate, unless the sample
/// does not shrink by at least 5% (model weights, DocBins and other already-dense data), which is
/// stored as is. The choice depends on the content only, so archives stay deterministic.
enum CompressionSample {
    /// How many leading bytes are tried.
    static let length = 64 << 10

    static func method(for sample: UnsafeRawBufferPointer) -> CompressionMethod {
        guard let source = sample.baseAddress, sample.count >= 4096 else { return .deflate }
        var destinationLength = compressBound(uLong(sample.count))
        let destination = UnsafeMutablePointer<Bytef>.allocate(capacity: Int(destinationLength))
        defer { destination.deallocate() }
        let status = compress2(
            destination, &destinationLength, source.assumingMemoryBound(to: Bytef.self), uLong(sample.count), 1
        )
        guard status == Z_OK else { return .deflate }
        return destinationLength * 100 > uLong(sample.count) * 95 ? .none : .deflate
    }
}
