import AimSpacyDecoding
import AimSpacyModel
import Testing

/// Every doc of the bundled corpora against `Doc.to_json()` as spaCy 3.8.18 wrote it.
@Suite struct DocBinParityTests {
    @Test(arguments: ["dev", "train"])
    func corpusMatchesSpacy(_ name: String) throws {
        let docBin = try DocBinSupport.load("corpus/\(name).spacy")
        let expected = try DocBinSupport.expectedLines("expected/\(name).docs.jsonl")
        #expect(docBin.count == expected.count)
        let actual = try DocBinSupport.json(docBin)
        for (i, (got, want)) in zip(actual, expected).enumerated() {
            #expect(got == want, "doc \(i)")
            if got != want { break }
        }
    }
}
