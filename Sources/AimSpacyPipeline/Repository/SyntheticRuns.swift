import AimSpacyModel
import AimSpacyRepository
import Foundation

/// Synthetic runs for benchmarks and crash tests (`aim-spacy repo fill`): run `n` has four series
/// of 12 points, final scores, a config tree and one source object, all varying with `n`, and is
/// written the way an import writes (object first, then the run in one transaction).
public enum SyntheticRuns {
    /// Run number `n`; the same `n` always gives the same run.
    public static func run(_ n: Int, sourceSHA256: String) -> Run {
        let steps = Array(stride(from: 0, to: 2400, by: 200))
        func series(_ name: String, _ context: [String: String], _ f: (Int) -> Double) -> MetricSeries {
            MetricSeries(name: name, context: context, points: steps.enumerated().map { MetricPoint(step: $1, epoch: $1 / 600, value: f($0)) })
        }
        let quality = Double(n % 1000) / 1000
        let config = configText(n)
        return Run(
            hash: SHA256.hex(Array("synthetic \(n)".utf8)), experiment: ["ner", "spancat", "textcat"][n % 3],
            name: "run-\(n)", tags: n % 10 == 0 ? ["baseline"] : [],
            created: Date(timeIntervalSince1970: 1_700_000_000 + Double(n) * 60),
            imported: Date(timeIntervalSince1970: 1_800_000_000), complete: n % 17 != 0,
            hyperparameters: .object([
                ("system", .object([("seed", .int(n))])),
                ("training", .object([
                    ("dropout", .double(0.1 + Double(n % 3) / 10)),
                    ("optimizer", .object([("@optimizers", .string("Adam.v1")), ("learn_rate", .double([0.001, 0.0005, 0.002][n % 3]))])),
                ])),
            ]),
            configText: config, pipeline: ["tok2vec", "ner"], lang: "en", spacyVersion: ">=3.8.18,<3.9.0",
            series: [
                series("loss", ["component": "ner"]) { 100 / Double($0 + 1) },
                series("ents_f", [:]) { quality * Double($0) / 11 },
                series("score", [:]) { quality * Double($0) / 11 },
                series("speed", [:]) { 10000 + Double($0) },
            ],
            finalScores: [FinalScores(model: "model-best", scores: [NamedScore(name: "ents_f", value: quality), NamedScore(name: "ents_p", value: quality)])],
            sources: [SourceFile(path: "config.cfg", size: config.utf8.count, sha256: sourceSHA256, role: "config")]
        )
    }

    /// The config text stored as run `n`'s source object.
    public static func configText(_ n: Int) -> String { "[system]\nseed = \(n)\n" }

    /// Writes runs `start..<start + count` and reports the time per run.
    public static func fill(repo: String?, start: Int, count: Int) throws(PipelineError) -> String {
        let repository = try RunCommands.openRepository(repo, create: true)
        let began = Date()
        for n in start..<(start + count) {
            try RunCommands.wrap { () throws(RepositoryError) in
                try repository.whileWriting { () throws(RepositoryError) in
                    let sha = try repository.storeObject(data: Data(configText(n).utf8))
                    try repository.insert(run(n, sourceSHA256: sha), replace: false, replacing: [])
                }
            }
        }
        let seconds = Date().timeIntervalSince(began)
        let perRun = count > 0 ? seconds / Double(count) * 1000 : 0
        return "inserted \(count) runs in \(String(format: "%.2f", seconds)) s, \(String(format: "%.2f", perRun)) ms per run\n"
    }
}
