@testable import AimSpacyDecoding
import AimSpacyTestSupport
import Testing

/// Decompression bombs are refused by ratio and by size while inflating, never holding more than
/// the cap: checked through the sizes `Zlib.inflate` allocates, not through the process's memory.
@Suite struct InflateLimitsTests {
    /// Inflates `bytes`, returning the error and the largest output buffer allocated on the way.
    static func refuse(_ bytes: [UInt8], _ limits: InflateLimits) -> (error: DecodingError?, peak: Int) {
        var peak = 0
        let result: Result<InflatedBuffer, DecodingError> = bytes.withUnsafeBytes { raw in
            Result { () throws(DecodingError) in
                try Zlib.inflate(raw, limits: limits, sizeHint: nil) { peak = max(peak, $0) }
            }
        }
        if case .failure(let error) = result { return (error, peak) }
        return (nil, peak)
    }

    /// A 4 MB DocBin inflating to 4 GB, scaled down: 256 MiB of zeros in about 250 KB.
    @Test func aBombIsRefusedByItsRatioBeforeItIsInflated() throws {
        let bomb = HostileDocBins.zeros(256 << 20)
        let cap = InflateLimits().cap(compressedSize: bomb.count)
        #expect(cap == InflateLimits.ratioFloor)
        let (error, peak) = Self.refuse(bomb, InflateLimits())
        let refused = try #require(error)
        #expect(refused.message.contains("over 100× its \(bomb.count) compressed bytes"))
        guard case .binary(let offset, _) = refused.location else { Issue.record("no byte offset"); return }
        #expect(offset > 0 && offset < bomb.count)
        #expect(peak <= cap + 1)
    }

    @Test func aDocBinBombNamesTheFileAndTheByte() throws {
        let bomb = HostileDocBins.zeros(256 << 20)
        let error = try #require(throws: DecodingError.self) {
            try bomb.withUnsafeBytes { raw in try DocBin(bytes: raw) }
        }
        #expect(error.inFile("bomb.spacy").description.hasPrefix("bomb.spacy: byte "))
        #expect(error.message.contains("decompression bomb"))
    }

    @Test func theAbsoluteLimitStopsInflatingAsSoonAsItIsPassed() throws {
        let stream = HostileDocBins.zeros(50_000_000)
        let (error, peak) = Self.refuse(stream, InflateLimits(maximumSize: 1_000_000))
        #expect(try #require(error).message.contains("more than the limit of 1000000 bytes"))
        #expect(peak <= 1_000_001)
        #expect(Self.refuse(stream, InflateLimits(maximumSize: 50_000_000)).error == nil)
    }

    @Test(arguments: [
        (1 << 20, 100 << 20), (100, InflateLimits.ratioFloor), (1 << 30, InflateLimits.defaultMaximumSize),
        (Int.max / 2, InflateLimits.defaultMaximumSize),
    ])
    func capIsTheRatioAboveTheFloorBelowTheSize(compressed: Int, cap: Int) {
        #expect(InflateLimits().cap(compressedSize: compressed) == cap)
    }

    @Test(arguments: [
        ("1000", 1000), ("512M", 512 << 20), ("4GiB", 4 << 30), ("4gb", 4 << 30), ("1.5G", 3 << 29), ("64k", 64 << 10),
        ("2T", 2 << 40),
    ])
    func sizesAreReadAsPeopleWriteThem(text: String, bytes: Int) {
        #expect(InflateLimits(size: text)?.maximumSize == bytes)
    }

    @Test(arguments: ["", "G", "0", "-1", "abc", "1X", "nan", "inf", "1e30"])
    func nonsenseSizesAreRefused(text: String) {
        #expect(InflateLimits(size: text) == nil)
    }
}
