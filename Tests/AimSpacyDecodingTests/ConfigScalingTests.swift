import AimSpacyTestSupport
import Testing

@testable import AimSpacyDecoding

/// Section names cost work linear in the text: deep nesting and long dotted headers, measured in
/// the builder's steps (never in time), at a size and at 4× that depth.
@Suite struct ConfigScalingTests {
    /// The builder's steps for `text` and the text's size; the build may fail.
    static func steps(_ text: String) throws -> (steps: Int, size: Int) {
        var copy = text
        return try copy.withUTF8 { buffer in
            let parsed = try ConfigTextReader.read(UnsafeRawBufferPointer(buffer), newlines: .lineFeed)
            let builder = ConfigBuilder(text: parsed, interpolate: true, overrides: ConfigOverrides())
            _ = try? builder.build()
            return (builder.work.steps, buffer.count)
        }
    }

    /// Work per byte of text grows by at most a quarter when the input grows 4× (or 16×).
    static func expectLinear(_ small: String, _ large: String) throws {
        let a = try steps(small)
        let b = try steps(large)
        let perByteSmall = Double(a.steps) / Double(a.size)
        let perByteLarge = Double(b.steps) / Double(b.size)
        #expect(b.size >= 3 * a.size)
        #expect(perByteLarge <= 1.25 * perByteSmall, "steps \(a.steps) for \(a.size) bytes, \(b.steps) for \(b.size) bytes")
    }

    @Test func deeplyNestedSectionsTakeLinearWork() throws {
        try Self.expectLinear(HostileConfigs.nestedSections(depth: 100), HostileConfigs.nestedSections(depth: 400))
    }

    @Test func aLongDottedHeaderTakesLinearWork() throws {
        try Self.expectLinear(HostileConfigs.longHeader(parts: 200), HostileConfigs.longHeader(parts: 800))
    }

    /// 40,000 parts in 80 KB, far deeper than confection can read: refused where the header is,
    /// after work linear in the text.
    @Test func aHeaderDeeperThanConfectionReadsIsRefused() throws {
        let text = HostileConfigs.longHeader(parts: 40_000)
        let error = try #require(throws: DecodingError.self) { try Config.parse(text) }
        #expect(error.location == .text(line: 4, column: 1))
        #expect(error.message.contains("nested 40000 levels deep; expected at most \(ConfigBuilder.maximumDepth)"))
        try Self.expectLinear(HostileConfigs.longHeader(parts: 10_000), text)
    }

    @Test func sectionsNestedDeeperThanConfectionReadsAreRefused() throws {
        let depth = ConfigBuilder.maximumDepth
        #expect(throws: Never.self) { try Config.parse(HostileConfigs.nestedSections(depth: depth)) }
        let error = try #require(throws: DecodingError.self) { try Config.parse(HostileConfigs.nestedSections(depth: depth + 1)) }
        #expect(error.location == .text(line: 2 * depth + 1, column: 1))
    }
}
