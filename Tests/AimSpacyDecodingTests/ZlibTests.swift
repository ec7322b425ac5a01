@testable import AimSpacyDecoding
import CAimZlib
import Foundation
import Testing

/// zlib inflate: round trip, decompression-bomb limit, truncated and corrupt streams.
@Suite struct ZlibTests {
    /// Compresses with the system zlib (level 6, as `zlib.compress` does).
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(size))
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { inp in compress2(out.baseAddress, &size, inp.baseAddress, uLong(inp.count), 6) }
        }
        precondition(status == Z_OK)
        return Array(output.prefix(Int(size)))
    }

    static func inflate(_ bytes: [UInt8], limit: Int = InflateLimits.defaultMaximumSize, sizeHint: Int? = nil) throws -> [UInt8] {
        let limits = InflateLimits(maximumSize: limit)
        let buffer = try bytes.withUnsafeBytes { raw in try Zlib.inflate(raw, limits: limits, sizeHint: sizeHint) }
        return Array(buffer.bytes)
    }

    @Test(arguments: [0, 1, 1000, 70_000, 3_000_000])
    func roundTrip(_ size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let input = (0..<size).map { i in i % 7 == 0 ? UInt8.random(in: 0...255, using: &generator) : UInt8(i % 13) }
        #expect(try Self.inflate(Self.compress(input)) == input)
        #expect(try Self.inflate(Self.compress(input), sizeHint: 1) == input)
    }

    @Test func limitStopsADecompressionBomb() throws {
        let bomb = Self.compress([UInt8](repeating: 0, count: 50_000_000))
        #expect(bomb.count < 100_000)
        let error = try #require(throws: DecodingError.self) { try Self.inflate(bomb, limit: 1_000_000) }
        #expect(error.message.contains("more than the limit of 1000000 bytes"))
        #expect(try Self.inflate(bomb, limit: 50_000_000).count == 50_000_000)
    }

    @Test func truncatedStreamIsAnError() throws {
        let data = Self.compress(Array("The quick brown fox jumps over the lazy dog".utf8))
        for cut in 0..<data.count {
            #expect(throws: DecodingError.self, "cut at \(cut)") { try Self.inflate(Array(data.prefix(cut))) }
        }
    }

    @Test func corruptStreamNamesTheOffset() throws {
        var data = Self.compress(Array(repeating: UInt8(ascii: "a"), count: 100))
        data[0] = 0x1f  // gzip's magic instead of a zlib header
        let error = try #require(throws: DecodingError.self) { try Self.inflate(data) }
        #expect(error.location == .binary(offset: 0, path: ""))
        #expect(error.message.contains("invalid compressed data"))
    }
}
