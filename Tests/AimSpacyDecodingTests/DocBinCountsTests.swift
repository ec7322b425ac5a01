import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The columnar counting path against what spaCy counts over the docs it loads
/// (`Fixtures/docbin/stats.json`, made by `scripts/make_docbin_fixtures.py`).
@Suite struct DocBinCountsTests {
    static let expected: [(key: String, value: JSONValue)] = {
        guard let data = try? Fixture.data("docbin/stats.json"),
            case .object(let members)? = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { return [] }
        return members
    }()

    @Test func everyFixtureIsCovered() {
        #expect(Self.expected.count >= 14)
    }

    @Test(arguments: expected.map(\.key))
    func countsMatchSpacy(_ path: String) throws {
        let want = try #require(Self.expected.first { $0.key == path }?.value)
        let data = try Fixture.data(path)
        let counts = try DocBinSupport.decode(data).counts()
        #expect(JSONValue.int(counts.docs) == want["docs"])
        #expect(JSONValue.int(counts.tokens) == want["tokens"])
        #expect(JSONValue.int(counts.sentences) == want["sentences"])
        #expect(JSONValue.int(counts.docsWithoutSentences) == want["docs_without_sentences"])
        #expect(JSONValue.int(counts.docsWithUnknownSpaces) == want["docs_with_unknown_spaces"])
        #expect(JSONValue.int(counts.docsWithUserData) == want["docs_with_user_data"])
        #expect(JSONValue.array(counts.attributes.map(JSONValue.string)) == want["attrs"])
        #expect(Self.object(counts.entities.mapValues(JSONValue.int)) == Self.sorted(want["entities"]))
        #expect(Self.object(counts.spans.mapValues { Self.object($0.mapValues(JSONValue.int)) }) == Self.sorted(want["spans"]))
        #expect(Self.object(counts.cats.mapValues { .object([("docs", .int($0.docs)), ("positive", .int($0.positive))]) })
            == Self.sorted(want["cats"]))
        #expect(counts.compressedSize == data.count)
    }

    @Test(arguments: ["corpus/dev.spacy", "corpus/train.spacy", "docbin/partial.spacy", "docbin/empty-docs.spacy"])
    func threadsDoNotChangeTheCounts(_ path: String) throws {
        let docBin = try DocBinSupport.load(path)
        let one = try docBin.counts(threads: 1)
        for threads in [2, 3, 7] { #expect(try docBin.counts(threads: threads) == one, "\(threads) threads") }
    }

    @Test(arguments: ["docbin/bad-head.spacy", "docbin/bad-iob.spacy", "docbin/bad-iob-value.spacy"])
    func threadsReportTheSameError(_ path: String) throws {
        let docBin = try DocBinSupport.load(path)
        let one = try #require(throws: DecodingError.self) { try docBin.counts(threads: 1) }
        let two = try #require(throws: DecodingError.self) { try docBin.counts(threads: 2) }
        #expect(one == two)
        #expect(one.message.contains("spaCy E"))
    }

    static func object(_ dictionary: [String: JSONValue]) -> JSONValue {
        .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    static func sorted(_ value: JSONValue?) -> JSONValue? {
        guard case .object(let members)? = value else { return value }
        return .object(members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value) ?? .null) })
    }
}
