import AimSpacyDecoding
import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The same spaCy-made cases as `DisplacyCaseTests`, with every doc decoded from the DocBins
/// (`Fixtures/displacy/docs.spacy`, `Fixtures/corpus/dev.spacy`) by AimSpacyDecoding's `DocBin`.
@Suite struct DocBinCaseTests {
    static func decode(_ path: String) throws -> [Doc] {
        let data = try Fixture.data(path)
        let docBin = try data.withUnsafeBytes { (bytes) throws(DecodingError) -> DocBin in try DocBin(bytes: bytes) }
        return try (0..<docBin.count).map { (i) throws(DecodingError) -> Doc in try docBin.doc(at: i) }
    }

    static let custom = Result { try decode("displacy/docs.spacy") }
    static let dev = Result { try decode("corpus/dev.spacy") }

    @Test func docBinsHoldEveryDoc() throws {
        #expect(try Self.custom.get().count == (try CustomDocs.load().count))
        #expect(try Self.dev.get().count == 143)
    }

    @Test(arguments: DisplacyCaseTests.names)
    func matchesSpacy(name: String) throws {
        let entry = try #require(try DisplacyCaseTests.cases.get().first { $0["name"]?.stringValue == name })
        guard case .array(let refs)? = entry["docs"] else { return }
        let want = try #require(entry["expected"]?.stringValue)
        let style = try #require(entry["style"]?.stringValue.flatMap(DisplacyStyle.init(rawValue:)))
        let options = try DisplacyOptions(json: try #require(entry["options"]))
        let escaping: DisplacyEscaping = entry["escaping"]?.stringValue == "safe" ? .safe : .spacy
        var docs: [Doc] = []
        var lang: String?
        let langs = try CustomDocs.load().map(\.lang)
        for ref in refs {
            if case .int(let i)? = ref["custom"] {
                docs.append(try Self.custom.get()[i])
                lang = lang ?? langs[i]
            } else if case .int(let i)? = ref["dev"] {
                docs.append(try Self.dev.get()[i])
                lang = lang ?? "en"
            }
        }
        let got = try Displacy.render(
            docs, style: style, lang: lang ?? "en", page: entry["page"] == .bool(true),
            minify: entry["minify"] == .bool(true), options: options, escaping: escaping)
        #expect((style == .dep ? normalizeID(got) : got) == want)
        if entry["minify"] != .bool(true) {
            let literal = try Displacy.renderJSONString(
                docs, style: style, lang: lang ?? "en", page: entry["page"] == .bool(true), options: options,
                escaping: escaping)
            #expect(try JSONValue.parse(String(decoding: literal, as: UTF8.self)).stringValue == got, "JSON string")
        }
    }

    @Test(arguments: 0..<20)
    func devFixture(index: Int) throws {
        let expected = try DevDisplacyTests.expected.get()[index]
        let doc = try Self.dev.get()[index]
        for variant in DevDisplacyTests.variants {
            let options = try DisplacyOptions(json: try JSONValue.parse(variant.options))
            let markup = try Displacy.render([doc], style: variant.style, options: options)
            #expect(normalizeID(markup) == expected[variant.key]?.stringValue, "doc \(index) \(variant.key)")
        }
    }
}
