import AimSpacyDecoding
import AimSpacyModel
import AimSpacyScoring
import AimSpacyTestSupport
import Foundation
import Testing

/// Predicted DocBins spaCy cannot score (or would silently truncate): one located error each.
@Suite struct ScoringErrorTests {
    static func failure(_ name: String) throws -> ScoringError? {
        #expect(throws: ScoringError.self) {
            _ = try ScoringFixtures.score("quirks", predicted: "scorer/errors/\(name).pred.spacy")
        }
        do {
            _ = try ScoringFixtures.score("quirks", predicted: "scorer/errors/\(name).pred.spacy")
            return nil
        } catch let error as ScoringError {
            return error
        }
    }

    /// What spaCy's Scorer did with each case (an exception, or `null` where it scored a truncated zip).
    static func spacyOutcome(_ name: String) throws -> JSONValue? {
        try JSONValue.parse(String(decoding: try Fixture.data("scorer/errors/spacy-errors.json"), as: UTF8.self))[name]
    }

    @Test func fewerPredictedDocsNameTheFirstUnpairedDoc() throws {
        #expect(try Self.spacyOutcome("fewer-docs") == .null)
        let error = try #require(try Self.failure("fewer-docs"))
        #expect(error.place == "doc 6")
        #expect(error.description.contains("6 predicted docs for 7 gold docs"))
        #expect(error.description.contains("\"She laughed .\""))
        #expect(!error.description.contains("\n"))
    }

    @Test func differentTextsNameTheDocAndBothTexts() throws {
        #expect(try Self.spacyOutcome("text-mismatch")?.stringValue?.contains("E949") == true)
        let error = try #require(try Self.failure("text-mismatch"))
        #expect(error.file == "scorer/errors/text-mismatch.pred.spacy")
        #expect(error.place == "doc 3")
        #expect(error.description.contains("\"Oh dear ? \"") && error.description.contains("\"Oh dear ! \""))
    }

    @Test func predictionsWithoutAnnotationNameWhatIsMissing() throws {
        #expect(try Self.spacyOutcome("words-only") != .null)
        let error = try #require(try Self.failure("words-only"))
        #expect(error.description.contains("no predicted doc has TAG"))
        #expect(error.description.contains("component tagger"))
    }

    @Test func exclusiveCategoriesMissingFromOnePredictionNameTheDoc() throws {
        #expect(try Self.spacyOutcome("no-cats") != .null)
        let error = try #require(try Self.failure("no-cats"))
        #expect(error.place == "doc 0")
        #expect(error.description.contains("component textcat"))
    }

    @Test func longTextsAreCutShort() {
        let text = String(repeating: "Alice was beginning to get very tired. ", count: 10) + "\nEnd"
        let cut = PairedDocBins.cut(text)
        #expect(cut.count == 60 && cut.hasSuffix("..."))
        #expect(PairedDocBins.cut("a\nb") == "a\\nb")
    }

    @Test func unknownScorersAreRefusedWithTheirPlace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let source = Fixture.url("scorer/quirks/model-best")
        let config = try String(contentsOf: source.appendingPathComponent("config.cfg"), encoding: .utf8)
        try config.replacing("spacy.tagger_scorer.v1", with: "my.tag_scorer.v1")
            .write(to: dir.url.appendingPathComponent("config.cfg"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: source.appendingPathComponent("meta.json"), to: dir.url.appendingPathComponent("meta.json"))
        let error = #expect(throws: ScoringError.self) { try ScoringPipeline.load(model: dir.url.path) }
        #expect(error?.place == "components.tagger.scorer")
        #expect(error?.description.contains("my.tag_scorer.v1") == true)
    }

    @Test func aMissingModelFolderNamesTheConfig() {
        let error = #expect(throws: ScoringError.self) { try ScoringPipeline.load(model: "/nonexistent/model-best") }
        #expect(error?.file == "/nonexistent/model-best/config.cfg")
    }
}
