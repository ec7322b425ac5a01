import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// Marks on spaCy's own renders of the dev docs (`expected/dev.displacy.jsonl`): none leave the render as spaCy
/// wrote it, byte for byte; a mark wraps exactly the entity it names and adds a visible text marker.
struct DisplacyMarksTests {
    static func renders(_ style: String) throws -> [String] {
        try String(contentsOf: Fixture.url("expected/dev.displacy.jsonl"), encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONValue.parse(String($0))[style]?.stringValue)
        }
    }

    @Test func noMarksLeaveSpaCysMarkup() throws {
        for markup in try Self.renders("ent") {
            #expect(DisplacyMarks.markEntities(markup, []) == markup)
            #expect(DisplacyMarks.markEntities(markup, [.init(ordinal: 10_000, kind: "missed", text: "missed X")]) == markup)
        }
        for markup in try Self.renders("span") {
            #expect(DisplacyMarks.markSpanTokens(markup, []) == markup)
        }
    }

    @Test func aMarkWrapsItsEntityAndSaysWhat() throws {
        let markup = try #require(try Self.renders("ent").first { $0.components(separatedBy: "<mark class=\"entity\"").count > 2 })
        let marked = DisplacyMarks.markEntities(markup, [.init(ordinal: 1, kind: "missed", text: "missed PERSON")])
        let wrapper = "<span class=\"aim-err aim-err-missed\" data-error=\"missed\">"
        let marker = "<b class=\"aim-err-tag\" data-error=\"missed\">missed PERSON</b></span>"
        #expect(marked.components(separatedBy: wrapper).count == 2)
        #expect(marked.components(separatedBy: marker).count == 2)
        // The wrapper holds the second entity's <mark> and nothing else of spaCy's.
        let inside = marked.components(separatedBy: wrapper)[1].components(separatedBy: marker)[0]
        #expect(inside.hasPrefix("<mark class=\"entity\"") && inside.hasSuffix("</mark>"))
        #expect(inside.components(separatedBy: "<mark").count == 2)
        #expect(marked.replacingOccurrences(of: wrapper, with: "").replacingOccurrences(of: marker, with: "") == markup)
    }

    @Test func aSpanMarkSitsBeforeItsToken() throws {
        let markup = try #require(try Self.renders("span").first { $0.contains("position: relative; height: ") })
        let marked = DisplacyMarks.markSpanTokens(markup, [.init(ordinal: 0, kind: "spurious", text: "spurious NP")])
        let marker = "<b class=\"aim-err-tag\" data-error=\"spurious\">spurious NP</b>"
        #expect(marked.contains(marker + "<span style=\"font-weight: bold; display: inline-block; position: relative; height: "))
        #expect(marked.replacingOccurrences(of: marker, with: "") == markup)
    }
}
