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

/// The streaming API: docs one at a time, and the caller's own errors kept apart from decoding errors.
@Suite struct DocBinStreamingTests {
    struct Stop: Error, Equatable {}

    @Test func forEachDocVisitsEveryDocInOrder() throws {
        let docBin = try DocBinSupport.load("corpus/dev.spacy")
        let expected = try DocBinSupport.expectedLines("expected/dev.docs.jsonl")
        var seen = 0
        try docBin.forEachDoc { (index: Int, doc: Doc) throws(Stop) in
            #expect(index == seen)
            #expect(doc.toJSON() == expected[index])
            seen += 1
        }
        #expect(seen == docBin.count)
    }

    @Test func bodyErrorsAreTheCallers() throws {
        let docBin = try DocBinSupport.load("corpus/dev.spacy")
        var seen = 0
        do {
            try docBin.forEachDoc { (_: Int, _: Doc) throws(Stop) in
                seen += 1
                if seen == 3 { throw Stop() }
            }
            Issue.record("no error")
        } catch {
            guard case .body(let stop) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(stop == Stop())
        }
        #expect(seen == 3)
    }

    @Test func decodingErrorsStopTheWalkAtTheBadDoc() throws {
        let docBin = try DocBinSupport.load("docbin/bad-head.spacy")
        var seen = 0
        do {
            try docBin.forEachDoc { (_: Int, _: Doc) throws(Stop) in seen += 1 }
            Issue.record("no error")
        } catch {
            guard case .decoding(let decoding) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(decoding.message.contains("E190"))
        }
        #expect(seen == 1)
    }
}
