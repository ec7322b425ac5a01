import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Testing

/// Spans outside their doc (past the end, negative, reversed), made by
/// `scripts/make_span_offset_fixtures.py`, which records where spaCy 3.8.18 raises E035: the docs
/// and the counts refuse them alike, naming the doc, the group, the span and the byte.
@Suite struct DocBinSpanOffsetTests {
    static let names = ["bad-span-end", "bad-span-negative", "bad-span-reversed", "bad-span-old-format"]

    struct Expected {
        let doc: Int
        let group: String
        let span: Int
        let offset: Int
        let spacy: String

        init(_ name: String) throws {
            let json = try JSONValue.parse(String(decoding: try Fixture.data("docbin/\(name).error.json"), as: UTF8.self))
            func int(_ key: String) throws -> Int {
                guard case .int(let value)? = json[key] else { throw DecodingError(location: .none, message: "no \(key)") }
                return value
            }
            doc = try int("doc")
            span = try int("span")
            offset = try int("offset")
            group = try #require(json["group"]?.stringValue)
            spacy = try #require(json["spacy"]?.stringValue)
        }

        var location: DecodingError.Location { .binary(offset: offset, path: "span_groups[\(doc)].\(group).spans[\(span)]") }
    }

    @Test(arguments: names)
    func theDocIsRefusedAsSpacyRefusesIt(_ name: String) throws {
        let expected = try Expected(name)
        let docBin = try DocBinSupport.load("docbin/\(name).spacy")
        for index in 0..<expected.doc { _ = try docBin.doc(at: index) }
        let error = try #require(throws: DecodingError.self) { try docBin.doc(at: expected.doc) }
        #expect(error.location == expected.location)
        #expect(error.message == "span \(expected.span) of group '\(expected.group)' in doc \(expected.doc) lies outside the doc: \(expected.spacy)")
    }

    @Test(arguments: names)
    func countingRefusesTheSameSpan(_ name: String) throws {
        let expected = try Expected(name)
        let docBin = try DocBinSupport.load("docbin/\(name).spacy")
        let error = try #require(throws: DecodingError.self) { try docBin.counts() }
        #expect(error.location == expected.location)
        #expect(error.message.hasSuffix(expected.spacy))
    }
}
