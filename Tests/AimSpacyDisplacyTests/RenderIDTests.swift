import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The dep id replaces spaCy's random uuid: reproducible, 32 hex digits, different for different input.
@Suite struct RenderIDTests {
    static func id(of markup: String) throws -> String {
        let start = try #require(markup.range(of: "id=\""))
        let rest = markup[start.upperBound...]
        let end = try #require(rest.firstIndex(of: "\""))
        return String(rest[..<end])
    }

    @Test func sameDocsGiveSameMarkup() throws {
        let docs = try Fixture.jsonLines("expected/dev.docs.jsonl").prefix(3).map(DocJSON.doc)
        let a = try Displacy.render(Array(docs), style: .dep)
        let b = try Displacy.render(Array(docs), style: .dep)
        #expect(a == b)
        let id = try Self.id(of: a)
        #expect(id.count == 34 && id.hasSuffix("-0"))
        #expect(id.prefix(32).allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func differentDocsGiveDifferentIDs() throws {
        let docs = try Fixture.jsonLines("expected/dev.docs.jsonl").prefix(2).map(DocJSON.doc)
        let a = try Self.id(of: try Displacy.render([docs[0]], style: .dep))
        let b = try Self.id(of: try Displacy.render([docs[1]], style: .dep))
        #expect(a != b)
    }

    @Test(arguments: [
        #"{"words": [{"text": "a"}], "arcs": []}"#,
        #"{"words": [{"text": "a", "tag": "X"}], "arcs": [{"start": 1, "end": 0, "label": "x", "dir": "left"}]}"#,
        #"{"words": [{"text": "a", "tag": "X"}], "arcs": [{"start": -1, "end": 0, "label": "x", "dir": "left"}]}"#,
        #"{"words": "a", "arcs": []}"#,
        #"[]"#,
    ])
    func badManualDepInputIsAnError(json: String) throws {
        let value = try JSONValue.parse(json)
        #expect(throws: DisplacyError.self) { try Displacy.render(manual: [value], style: .dep) }
    }

    @Test func badOptionsAreErrors() throws {
        let doc = try DocJSON.doc(try Fixture.jsonLines("expected/dev.docs.jsonl")[0])
        for (style, json) in [
            (DisplacyStyle.dep, #"{"distance": "far"}"#), (.ent, #"{"template": "{nope}"}"#),
            (.ent, #"{"kb_url_template": "{"}"#), (.span, #"{"template": {"span": "{text}"}}"#),
            (.ent, #"{"colors": ["red"]}"#),
        ] {
            let options = try DisplacyOptions(json: try JSONValue.parse(json))
            #expect(throws: DisplacyError.self) { try Displacy.render([doc], style: style, options: options) }
        }
    }
}
