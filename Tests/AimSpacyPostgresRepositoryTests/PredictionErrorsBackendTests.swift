import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyReport
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// The Errors pages read a prediction set's DocBins and model files from either kind of object store, and give
/// the same report from both.
struct PredictionErrorsBackendTests {
    /// `alice-basic`'s DocBins and model-best config/meta stored in `store`, and a run naming them.
    static func run(in store: any RunStore) throws -> Run {
        func stored(_ path: String, role: String) throws -> SourceFile {
            let data = try Fixture.data("scorer/alice-basic/\(path)")
            return SourceFile(path: "/t/\(path)", size: data.count, sha256: try store.storeObject(data: data), role: role)
        }
        let gold = try stored("dev.gold.spacy", role: "corpus-dev"), predicted = try stored("dev.pred.spacy", role: "predictions")
        let sources = [try stored("model-best/config.cfg", role: "config-best"), try stored("model-best/meta.json", role: "meta-best"), gold, predicted]
        let scores = try JSONValue.parse(String(decoding: try Fixture.data("scorer/alice-basic/scores.json"), as: UTF8.self))
        return Run(
            hash: String(repeating: "a", count: 64), name: "alice-basic", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 0),
            lang: "en",
            predictions: [PredictionSet(model: "model-best", gold: "corpus/dev.spacy", goldSHA256: gold.sha256, predicted: "dev.pred.spacy",
                                        predictedSHA256: predicted.sha256, docs: 143, scores: scores, docErrors: [])],
            sources: sources)
    }

    @Test func sameReportFromBothBackends() throws {
        var reports: [Backend: ErrorReport] = [:]
        for backend in Backend.allCases {
            guard let repository = try TestRepository.make(backend) else { continue }
            defer { repository.remove() }
            let store = try repository.open()
            let run = try Self.run(in: store)
            let report = try #require(PredictionErrors.reports(for: [run], store: store)[run.hash]?.first)
            #expect(report.unavailable == nil, "\(backend): \(report.unavailable ?? "")")
            // spaCy: 83 of the 97 gold PERSON entities predicted exactly.
            #expect(report.spans.first?.rows.first { $0.label == "PERSON" }?.counts[.correct] == 83, "\(backend)")
            reports[backend] = report
        }
        if let sqlite = reports[.sqlite], let postgres = reports[.postgres] {
            #expect(sqlite == postgres)
        }
    }
}
