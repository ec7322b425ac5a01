import AimSpacyDecoding
import AimSpacyModel
import Testing

/// `counts()` and the docs read span groups with one walk: a byte flipped anywhere in a fixture
/// that makes counting fail in `span_groups` makes decoding the docs fail with the same error.
@Suite struct DocBinSpanGroupErrorTests {
    @Test(arguments: ["docbin/overlapping-spans.spacy", "docbin/old-span-groups.spacy"])
    func countingAndDocsRejectTheSameGroups(_ path: String) throws {
        let payload = try DocBinRobustnessTests.payload(path)
        var compared = 0
        for at in payload.indices {
            for pattern: UInt8 in [0xff, 0x80, 0x01] {
                var bad = payload
                bad[at] ^= pattern
                guard let docBin = try? DocBinKeyPathTests.docBin(bad) else { continue }
                let counting: DecodingError
                do {
                    _ = try docBin.counts()
                    continue
                } catch {
                    counting = error
                }
                guard case .binary(_, let keyPath) = counting.location, keyPath.hasPrefix("span_groups[") else { continue }
                let decoding = docBin.docs.lazy.compactMap { result -> DecodingError? in
                    if case .failure(let error) = result { error } else { nil }
                }.first
                #expect(decoding == counting, "\(path) byte \(at) ^ \(pattern)")
                compared += 1
            }
        }
        #expect(compared > 0)
    }
}
