import AimSpacyModel
import AimSpacyRepository
import Foundation
import Testing

/// Fills a repository with synthetic runs for `scripts/bench-repo.sh`; runs only when
/// `AIM_SPACY_BENCH_REPO` names the directory (a benchmark, not a timed test).
@Suite struct BenchmarkTests {
    static let directory = ProcessInfo.processInfo.environment["AIM_SPACY_BENCH_REPO"]

    @Test(.enabled(if: directory != nil))
    func insertSyntheticRuns() throws {
        let count = Int(ProcessInfo.processInfo.environment["AIM_SPACY_BENCH_RUNS"] ?? "") ?? 10_000
        let repository = try RunRepository(directory: URL(fileURLWithPath: try #require(BenchmarkTests.directory)))
        let runs = (0..<count).map(BenchmarkTests.synthetic)
        let start = Date()
        for run in runs { try repository.insert(run) }
        let seconds = Date().timeIntervalSince(start)
        print("bench-repo: inserted \(count) runs in \(String(format: "%.2f", seconds)) s, \(String(format: "%.2f", seconds / Double(count) * 1000)) ms per run")
        #expect(try repository.runCount() >= count)
    }

    /// A run with four series of 12 points, final scores, tags and a config tree that vary with `n`.
    static func synthetic(_ n: Int) -> Run {
        let steps = Array(stride(from: 0, to: 2400, by: 200))
        func series(_ name: String, _ context: [String: String], _ f: (Int) -> Double) -> MetricSeries {
            MetricSeries(name: name, context: context, points: steps.enumerated().map { MetricPoint(step: $1, epoch: $1 / 600, value: f($0)) })
        }
        let quality = Double(n % 1000) / 1000
        return Run(
            hash: SHA256.hex(of: Array("synthetic \(n)".utf8)), experiment: ["ner", "spancat", "textcat"][n % 3],
            name: "run-\(n)", tags: n % 10 == 0 ? ["baseline"] : [], created: Date(timeIntervalSince1970: 1_700_000_000 + Double(n) * 60),
            imported: Date(timeIntervalSince1970: 1_800_000_000), complete: n % 17 != 0,
            hyperparameters: .object([
                ("system", .object([("seed", .int(n))])),
                ("training", .object([
                    ("dropout", .double(0.1 + Double(n % 3) / 10)),
                    ("optimizer", .object([("@optimizers", .string("Adam.v1")), ("learn_rate", .double([0.001, 0.0005, 0.002][n % 3]))])),
                ])),
            ]),
            configText: "[system]\nseed = \(n)\n", pipeline: ["tok2vec", "ner"], lang: "en", spacyVersion: ">=3.8.18,<3.9.0",
            series: [
                series("loss", ["component": "ner"]) { 100 / Double($0 + 1) },
                series("ents_f", [:]) { quality * Double($0) / 11 },
                series("score", [:]) { quality * Double($0) / 11 },
                series("speed", [:]) { 10000 + Double($0) },
            ],
            finalScores: [FinalScores(model: "model-best", scores: [NamedScore(name: "ents_f", value: quality), NamedScore(name: "ents_p", value: quality)])]
        )
    }
}
