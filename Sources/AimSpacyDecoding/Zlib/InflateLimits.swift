/// How far a zlib stream may inflate before it is refused as a decompression bomb: by an absolute
/// size and by its ratio to the compressed size. Real DocBins inflate about 9× (a corpus of one doc
/// repeated 20,000 times 146×); a stream of zeros about 1,000×.
public struct InflateLimits: Sendable, Equatable {
    /// The default absolute limit: 4× the largest benchmark corpus (100,000 docs, 481 MB inflated).
    public static let defaultMaximumSize = 2 << 30
    /// The most bytes inflated per compressed byte, once past `ratioFloor`.
    public static let maximumRatio = 100
    /// Up to this many inflated bytes the ratio is not checked, so small, very repetitive files
    /// are read whatever their ratio; a bomb this small costs little.
    public static let ratioFloor = 64 << 20

    /// The most bytes accepted, whatever the ratio (`--max-inflated-size`).
    public var maximumSize: Int

    public init(maximumSize: Int = defaultMaximumSize) {
        self.maximumSize = maximumSize
    }

    /// The most bytes a stream of `compressedSize` bytes may inflate to.
    public func cap(compressedSize: Int) -> Int {
        let (byRatio, overflow) = compressedSize.multipliedReportingOverflow(by: Self.maximumRatio)
        return min(maximumSize, max(Self.ratioFloor, overflow ? Int.max : byRatio))
    }

    /// Why `cap(compressedSize:)` was passed, for the error.
    func reason(compressedSize: Int) -> String {
        let cap = cap(compressedSize: compressedSize)
        if cap == maximumSize {
            return "inflates to more than the limit of \(maximumSize) bytes (raise it with --max-inflated-size)"
        }
        return "inflates to more than \(cap) bytes, over \(Self.maximumRatio)× its \(compressedSize) compressed bytes (real DocBins inflate about 9×); refused as a decompression bomb"
    }
}

extension InflateLimits {
    /// Reads a size as people write it: bytes, or a number with K, M, G or T (powers of 1024,
    /// optionally followed by `iB` or `B`), e.g. `512M`, `4GiB`, `1.5G`.
    public init?(size text: String) {
        let units: [(suffix: String, shift: Int)] = [("K", 10), ("M", 20), ("G", 30), ("T", 40)]
        var number = Substring(text.uppercased())
        for tail in ["IB", "B"] where number.hasSuffix(tail) && number.count > tail.count {
            number = number.dropLast(tail.count)
            break
        }
        var shift = 0
        if let unit = units.first(where: { number.hasSuffix($0.suffix) }) {
            shift = unit.shift
            number = number.dropLast()
        }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        let bytes = value * Double(1 << shift)
        guard bytes >= 1, bytes < Double(Int.max) else { return nil }
        self.init(maximumSize: Int(bytes))
    }
}
