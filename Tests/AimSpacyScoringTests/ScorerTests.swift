import AimSpacyDecoding
import AimSpacyModel
@testable import AimSpacyScoring
import AimSpacyTestSupport
import Foundation
import Testing

/// The scores against what spaCy's `Scorer(nlp).score` returned for the same pairs.
@Suite struct ScorerTests {
    @Test func everyFixtureSetIsFound() {
        #expect(ScoringFixtures.sets.count >= 8, "\(ScoringFixtures.sets)")
    }

    @Test(arguments: ScoringFixtures.sets)
    func scoresEqualSpacys(set: String) throws {
        let scores = try ScoringFixtures.score(set)
        let expected = try ScoringFixtures.expected(set)
        let diffs = differences(expected, scores.json)
        #expect(diffs.isEmpty, "\(diffs.prefix(10))")
    }

    /// spaCy's own `get_alignments` output for retokenised docs, whitespace and case differences and empty words.
    @Test func alignmentEqualsSpacys() throws {
        let cases = try Fixture.jsonLines("scorer/alignments.jsonl")
        #expect(cases.count > 40)
        for entry in cases {
            guard case .array(let p) = entry["predicted"], case .array(let g) = entry["gold"], case .array(let lists) = entry["x2y"]
            else { Issue.record("malformed \(entry)"); continue }
            let alignment = try #require(Alignment.align(p.compactMap(\.stringValue), g.compactMap(\.stringValue)))
            let expected: [[Int]] = lists.map { list in
                guard case .array(let items) = list else { return [] }
                return items.compactMap { if case .int(let i) = $0 { i } else { nil } }
            }
            let actual = (0..<alignment.count).map { i in alignment.indices(i..<(i + 1)).map { Int($0) } }
            #expect(actual == expected, "\(p) / \(g)")
        }
    }

    @Test func textsThatDifferBeyondWhitespaceAndCaseDoNotAlign() {
        #expect(Alignment.align(["Oh", "dear", "?"], ["Oh", "dear", "!"]) == nil)
        #expect(Alignment.align(["a"], ["a", "b"]) == nil)
    }

    /// The counts behind spaCy's figures: `PRFScore` with its `1e-100` guards, so 0/0 is 0.
    @Test func emptyCountsScoreZero() {
        let empty = PRFScore()
        #expect(empty.precision == 0 && empty.recall == 0 && empty.fscore == 0)
        let all = PRFScore(tp: 3)
        #expect(all.precision == 1 && all.recall == 1 && all.fscore == 1)
    }

    /// Keys spaCy gives for a pipeline, in its order: the tokenizer's, then each component's (`dict.update` keeps a
    /// repeated key where it first appeared).
    @Test(arguments: ScoringFixtures.sets)
    func keysComeInPipelineOrder(set: String) throws {
        let scores = try ScoringFixtures.score(set)
        guard case .object(let expected) = try ScoringFixtures.expected(set) else { Issue.record("not an object"); return }
        #expect(scores.entries.map(\.key) == expected.map(\.key))
    }
}
