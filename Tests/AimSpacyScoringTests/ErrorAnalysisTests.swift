import AimSpacyModel
import AimSpacyScoring
import AimSpacyTestSupport
import Foundation
import Testing

/// Error classification: hand-checked on the quirk docs, and consistent with spaCy's per-label scores everywhere.
@Suite struct ErrorAnalysisTests {
    static func analysis(_ set: String) throws -> ErrorAnalysis {
        let pipeline = try ScoringPipeline.load(model: Fixture.url("scorer/\(set)/model-best").path)
        let pairs = PairedDocBins(
            gold: try ScoringFixtures.docBin("scorer/\(set)/dev.gold.spacy"), predicted: try ScoringFixtures.docBin("scorer/\(set)/dev.pred.spacy"),
            goldFile: "gold", predictedFile: "pred")
        return try pairs.errors(with: pipeline)
    }

    /// quirks: "Alice" right; "the Queen" for "Queen" and "Queen" for "Queen Alice" (boundaries); "London" GPE as LOC;
    /// "world!" spurious; "Wonderland" lies on gold tokens with a missing IOB and the doc without entities is skipped.
    @Test func entityOutcomesOfTheQuirkDocs() throws {
        let ents = try #require(try Self.analysis("quirks").spans.first { $0.attr == "ents" })
        let summary = ents.outcomes.map { "\($0.doc) \($0.kind.rawValue) \($0.gold?.label ?? "-")>\($0.predicted?.label ?? "-") \($0.text)" }
        #expect(summary == [
            "0 correct PERSON>PERSON Alice", "0 wrong_boundary PERSON>PERSON the Queen", "0 wrong_label GPE>LOC London",
            "2 wrong_boundary PERSON>PERSON Queen", "4 spurious ->ORG world!",
        ])
        #expect(ents.confusion.map { "\($0.gold ?? "-")>\($0.predicted ?? "-") \($0.count)" } == ["GPE>LOC 1", "PERSON>PERSON 3", "->ORG 1"])
        #expect(ents.counts["PERSON"] == [.correct: 1, .wrongBoundary: 2])
        #expect(ents.frequentErrors()["PERSON"]?.map(\.text) == ["Queen", "the Queen"])
    }

    /// Duplicate spans count once, as in spaCy's sets; a missed gold span is one no prediction overlaps.
    @Test func spanGroupOutcomesOfTheQuirkDocs() throws {
        let group = try #require(try Self.analysis("quirks").spans.first { $0.attr == "spans_custom" })
        let doc0 = group.outcomes.filter { $0.doc == 0 }.map { "\($0.kind.rawValue) \($0.text)" }
        #expect(doc0 == ["correct Alice", "wrong_label Queen", "correct the Queen", "wrong_boundary in London"])
        #expect(group.goldCounts["PERSON"] == 4)
    }

    @Test func confusedTagsOfTheQuirkDocs() throws {
        let tags = try #require(try Self.analysis("quirks").tokens.first { $0.attr == "tag" })
        #expect(tags.mostConfused().map { "\($0.pair.gold)>\($0.pair.predicted) \($0.count)" } == ["JJ>NN 1", "NN>NNP 1", "NNP>NN 1"])
    }

    /// Correct spans per label are spaCy's true positives: precision = correct / predicted, recall = correct / gold.
    @Test(arguments: ScoringFixtures.sets)
    func correctSpansAreSpacysTruePositives(set: String) throws {
        let expected = try ScoringFixtures.expected(set)
        for errors in try Self.analysis(set).spans {
            guard case .object(let perType) = expected["\(errors.attr)_per_type"] else { continue }
            for (label, prf) in perType {
                let correct = errors.outcomes.count { $0.kind == .correct && $0.predicted?.label == label }
                let predicted = errors.outcomes.count { $0.predicted?.label == label }
                let gold = errors.goldCounts[label] ?? 0
                let p = Double(correct) / (Double(predicted) + 1e-100), r = Double(correct) / (Double(gold) + 1e-100)
                #expect(abs(p - (prf["p"]?.doubleValue ?? -1)) <= 1e-9, "\(set) \(errors.attr) \(label) p")
                #expect(abs(r - (prf["r"]?.doubleValue ?? -1)) <= 1e-9, "\(set) \(errors.attr) \(label) r")
            }
        }
    }

    /// With identical tokenisation and complete gold parses, correct arcs over gold arcs is spaCy's recall per label.
    @Test func parserLabelCountsMatchSpacysRecall() throws {
        let analysis = try Self.analysis("alice-basic")
        let deps = try #require(analysis.dependencies)
        guard case .object(let perType) = try ScoringFixtures.expected("alice-basic")["dep_las_per_type"] else { Issue.record("no dep_las_per_type"); return }
        for (label, prf) in perType {
            guard let counts = deps.perLabel[label] else { continue }
            #expect(abs(counts.las - (prf["r"]?.doubleValue ?? -1)) <= 1e-9, "\(label)")
            #expect(counts.correct + counts.headErrors + counts.labelErrors == counts.arcs)
        }
        #expect(analysis.docErrors.count == 143)
        #expect(analysis.docErrors.contains { $0 > 0 })
    }

    @Test func exclusiveCategoriesConfusionCoversEveryScoredDoc() throws {
        let cats = try #require(try Self.analysis("alice-basic").categories)
        #expect(!cats.multiLabel && cats.threshold == 0)
        #expect(cats.cells.values.reduce(0, +) == 143)
    }
}
