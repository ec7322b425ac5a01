import AimSpacyModel
import AimSpacyPipeline
import AimSpacyScoring
import AimSpacyTestSupport
import Foundation
import Testing

/// The arguments of `import --predictions … --gold …` and `predictions add`, and `show`'s comparison of the scores
/// with the model's `meta.json` performance.
@Suite struct PredictionsCommandTests {
    @Test func eachGoldBelongsToThePredictionsBeforeIt() throws {
        let requests = try PredictionRequest.paired(arguments: [
            "import", "t", "--predictions", "a.spacy", "--gold", "g.spacy", "--predictions=model-last=b.spacy", "--repo", "r",
            "--predictions", "dir/x=y.spacy", "--gold=h.spacy",
        ])
        #expect(requests == [
            PredictionRequest(model: "model-best", predicted: "a.spacy", gold: "g.spacy"),
            PredictionRequest(model: "model-last", predicted: "b.spacy", gold: nil),
            PredictionRequest(model: "model-best", predicted: "dir/x=y.spacy", gold: "h.spacy"),
        ])
    }

    @Test(arguments: [
        ["--gold", "g.spacy", "--predictions", "a.spacy"],
        ["--predictions", "a.spacy", "--gold", "g.spacy", "--gold", "h.spacy"],
        ["--predictions", "model-worst=a.spacy"],
        ["--predictions", "model-best="],
    ])
    func misplacedOrUnknownArgumentsAreRefused(_ arguments: [String]) {
        #expect(throws: PipelineError.self) { try PredictionRequest.paired(arguments: arguments) }
    }

    /// Predictions scored on 5 of the 143 dev docs differ from `meta.json`'s performance on all of them: `show`
    /// says so beside each score; on the whole dev corpus they agree.
    @Test func showFlagsScoresThatDifferFromMetaJSON() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let training = try sandbox.aliceBasicTraining()
        let repo = sandbox.repo.path
        let imported = try AimSpacyBinary.run(["import", training.path, "--repo", repo, "--predictions", Fixture.url("scorer/alice-basic/dev.pred.spacy").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        // The errors per doc are what the error analysis finds in each pair.
        let json = try JSONValue.parse(try AimSpacyBinary.run(["show", "alice-basic", "--repo", repo, "--json"]).stdout)
        let gold = Fixture.url("corpus/dev.spacy").path, predicted = Fixture.url("scorer/alice-basic/dev.pred.spacy").path
        let pairs = PairedDocBins(gold: try DocBinFile.open(gold), predicted: try DocBinFile.open(predicted), goldFile: gold, predictedFile: predicted)
        let analysis = try pairs.errors(with: try ScoringPipeline.load(model: Fixture.url("scorer/alice-basic/model-best").path))
        guard case .array(let sets) = json["predictions"], case .array(let errors) = sets.first?["doc_errors"] else {
            Issue.record("no doc_errors in show --json")
            return
        }
        #expect(errors == analysis.docErrors.map(JSONValue.int))
        #expect(analysis.docErrors.contains { $0 > 0 })

        let agreeing = try AimSpacyBinary.run(["show", "alice-basic", "--repo", repo])
        #expect(agreeing.stdout.contains("(agrees with model-best/meta.json)"), "\(agreeing.stdout)")
        #expect(!agreeing.stdout.contains("differs"))

        let added = try AimSpacyBinary.run(["predictions", "add", "alice-basic", Fixture.url("predictions/bad/pred5.spacy").path,
                                            "--gold", Fixture.url("predictions/bad/gold5.spacy").path, "--repo", repo])
        #expect(added.status == 0, "\(added.stderr)")
        let shown = try AimSpacyBinary.run(["show", "alice-basic", "--repo", repo]).stdout
        let section = try #require(shown.components(separatedBy: "predictions model-best on gold5.spacy").last)
        #expect(section.contains("scores differ from model-best/meta.json"))
        let entsF = section.split(separator: "\n").first { $0.hasPrefix("ents_f ") }.map(String.init) ?? ""
        #expect(entsF.contains("differs by"), "\(entsF)")
        let tokenAcc = section.split(separator: "\n").first { $0.hasPrefix("token_acc ") }.map(String.init) ?? ""
        #expect(!tokenAcc.contains("differs"), "meta.json has no token_acc to compare: \(tokenAcc)")
    }
}
