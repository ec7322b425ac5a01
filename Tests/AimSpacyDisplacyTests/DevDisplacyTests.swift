import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyTestSupport
import Testing

/// `Fixtures/expected/dev.displacy.jsonl`: spaCy's renders of the first 20 dev docs in six variants.
@Suite struct DevDisplacyTests {
    static let variants: [(key: String, style: DisplacyStyle, options: String)] = [
        ("dep", .dep, "{}"),
        ("dep_compact_lemma", .dep, #"{"compact": true, "add_lemma": true}"#),
        ("dep_collapse", .dep, #"{"collapse_punct": true, "fine_grained": true}"#),
        ("ent", .ent, "{}"),
        ("ent_filtered", .ent, ##"{"ents": ["PERSON"], "colors": {"PERSON": "#ff0000"}}"##),
        ("span", .span, #"{"spans_key": "sc"}"#),
    ]

    static let docs = Result { try Fixture.jsonLines("expected/dev.docs.jsonl") }
    static let expected = Result { try Fixture.jsonLines("expected/dev.displacy.jsonl") }

    @Test func fixtureHasTwentyDocs() throws {
        #expect(try Self.expected.get().count == 20)
    }

    @Test(arguments: 0..<20)
    func matchesSpacy(index: Int) throws {
        let expected = try Self.expected.get()[index]
        let doc = try DocJSON.doc(try Self.docs.get()[index])
        for variant in Self.variants {
            let options = try DisplacyOptions(json: try JSONValue.parse(variant.options))
            let markup = try Displacy.render([doc], style: variant.style, options: options)
            let want = try #require(expected[variant.key]?.stringValue)
            #expect(normalizeID(markup) == want, "doc \(index) \(variant.key)")
        }
    }
}
