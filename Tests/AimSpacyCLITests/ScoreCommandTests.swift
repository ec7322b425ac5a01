import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// `aim-spacy score` as a user runs it: JSON equal to spaCy's Scorer, a table, and one error line for bad pairs.
@Suite struct ScoreCommandTests {
    static func arguments(_ set: String, predicted: String? = nil) -> [String] {
        let dir = Fixture.url("scorer/\(set)").path
        return ["score", dir + "/dev.gold.spacy", predicted ?? dir + "/dev.pred.spacy", "--model", dir + "/model-best"]
    }

    @Test(arguments: ["alice-basic", "alice-morph-retokenized"])
    func jsonHasSpacysKeysAndValues(set: String) throws {
        let result = try AimSpacyBinary.runRaw(Self.arguments(set) + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        guard case .object(let got) = try JSONValue.parse(String(decoding: result.stdout, as: UTF8.self)),
            case .object(let expected) = try JSONValue.parse(String(decoding: try Fixture.data("scorer/\(set)/scores.json"), as: UTF8.self))
        else { Issue.record("not JSON objects"); return }
        #expect(got.map(\.key) == expected.map(\.key))
        for (key, value) in expected where value.doubleValue != nil {
            let ours = got.first { $0.key == key }?.value.doubleValue
            #expect(ours.map { abs($0 - value.doubleValue!) <= 1e-9 } == true, "\(key)")
        }
    }

    @Test func tableShowsFlatScoresAndPerLabelTables() throws {
        let result = try AimSpacyBinary.run(Self.arguments("alice-basic"))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("score            value\ntoken_acc        1\n"))
        #expect(result.stdout.contains("\nents_per_type"))
        #expect(result.stdout.contains("cats_score_desc  macro F\n"))
    }

    @Test func mismatchedTextsGiveOneLineAndFailure() throws {
        let result = try AimSpacyBinary.run(Self.arguments("quirks", predicted: Fixture.url("scorer/errors/text-mismatch.pred.spacy").path) + ["--json"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasSuffix("\n") && result.stderr.dropLast().split(separator: "\n").count == 1)
        #expect(result.stderr.contains("text-mismatch.pred.spacy: doc 3: error: "))
    }
}
