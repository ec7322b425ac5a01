import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// Cut every valid fixture at many offsets and flip bytes, in the file and in the inflated payload:
/// decoding must always end in a value or a thrown `DecodingError`, never a trap.
@Suite struct DocBinRobustnessTests {
    static let files = [
        "corpus/dev.spacy", "docbin/only-orth.spacy", "docbin/unicode.spacy", "docbin/empty-docs.spacy",
        "docbin/no-docs.spacy", "docbin/overlapping-spans.spacy", "docbin/partial.spacy",
        "docbin/unknown-spaces.spacy", "docbin/user-data.spacy", "docbin/custom-attrs.spacy",
        "docbin/nonprojective.spacy", "docbin/old-span-groups.spacy", "docbin/no-flags.spacy",
    ]

    /// Decodes everything a payload holds, as `docbin dump` would.
    static func decodeAll(payload bytes: [UInt8]) throws(DecodingError) {
        let buffer = bytes.withUnsafeBytes { InflatedBuffer(copying: $0) }
        let docBin = try DocBin(payload: buffer)
        _ = try docBin.counts()
        for result in docBin.docs { _ = try result.get().toJSON() }
    }

    static func payload(_ path: String) throws -> [UInt8] {
        let data = try Fixture.data(path)
        let buffer = try data.withUnsafeBytes { try Zlib.inflate($0) }
        return Array(buffer.bytes)
    }

    /// Offsets to cut at: all of them for small inputs, an even spread of `limit` otherwise.
    static func offsets(_ count: Int, limit: Int = 1500) -> [Int] {
        count <= limit ? Array(0..<count) : (0..<limit).map { $0 * count / limit }
    }

    @Test(arguments: files)
    func truncatedPayloadThrows(_ path: String) throws {
        let payload = try Self.payload(path)
        for cut in Self.offsets(payload.count) {
            #expect(throws: DecodingError.self, "\(path) cut at \(cut)") { try Self.decodeAll(payload: Array(payload.prefix(cut))) }
        }
    }

    @Test(arguments: files)
    func truncatedFileThrows(_ path: String) throws {
        let data = try Fixture.data(path)
        for cut in Self.offsets(data.count, limit: 300) {
            #expect(throws: DecodingError.self, "\(path) cut at \(cut)") { try DocBinSupport.decode(data.prefix(cut)) }
        }
    }

    @Test(arguments: files)
    func flippedBytesNeverTrap(_ path: String) throws {
        let payload = try Self.payload(path)
        var generator = SplitMix64(seed: UInt64(path.utf8.count))
        // Each flip decodes the whole file again: keep the big corpus to a sample.
        let limit = payload.count > 100_000 ? 60 : 1500
        for at in Self.offsets(payload.count, limit: limit) {
            for pattern: UInt8 in [0xff, 0x80, 0x01] {
                var bad = payload
                bad[at] ^= pattern
                do { try Self.decodeAll(payload: bad) } catch { _ = error.description }
            }
            var bad = payload
            bad[at] = UInt8.random(in: 0...255, using: &generator)
            do { try Self.decodeAll(payload: bad) } catch { _ = error.description }
        }
        let data = try Fixture.data(path)
        for at in Self.offsets(data.count, limit: limit / 6) {
            var bad = data
            bad[at] ^= 0x5a
            do { _ = try DocBinSupport.json(try DocBinSupport.decode(bad)) } catch let error as DecodingError { _ = error }
        }
    }
}

/// A small deterministic generator, so failures reproduce.
