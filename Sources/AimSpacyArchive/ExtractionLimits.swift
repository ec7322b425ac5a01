/// Limits that keep a hostile archive (a zip bomb) from filling the disk.
public struct ExtractionLimits: Sendable, Equatable {
    /// The most bytes all entries may inflate to together (declared and actual).
    public var maxTotalBytes: UInt64
    /// The most entries an archive may have.
    public var maxEntries: Int
    /// The highest uncompressed/compressed ratio allowed for an entry larger than `ratioThreshold`.
    public var maxRatio: UInt64
    /// Entries up to this size are not ratio-checked (small, highly repetitive files are harmless).
    public var ratioThreshold: UInt64

    public init(
        maxTotalBytes: UInt64 = 8 << 30, maxEntries: Int = 100_000, maxRatio: UInt64 = 250, ratioThreshold: UInt64 = 16 << 20
    ) {
        self.maxTotalBytes = maxTotalBytes
        self.maxEntries = maxEntries
        self.maxRatio = maxRatio
        self.ratioThreshold = ratioThreshold
    }
}
