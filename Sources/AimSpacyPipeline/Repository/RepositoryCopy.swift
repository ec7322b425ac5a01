import AimSpacyModel
import AimSpacyRepository
import Foundation

/// `repo copy --from REPO --to REPO [--query EXPR]`: copies runs with their objects between any two
/// repositories (folder or PostgreSQL, either way), hashes kept. Each run is written as an import
/// writes it (its objects, then the run in one transaction of the receiving side); a run already
/// there is left as it is, so copying again changes nothing.
public enum RepositoryCopy {
    /// What a copy did.
    public struct Outcome: Sendable, Equatable {
        public var copied: [String] = []
        public var unchanged: [String] = []
        public var objects = 0
    }

    public static func copy(from: String, to: String, query: String?) throws(PipelineError) -> Outcome {
        let compiled = try RunCommands.compile(query)
        let source = try RunCommands.openRepository(from)
        let target = try RunCommands.openRepository(to, create: true)
        guard source.location != target.location else { throw PipelineError("repo copy: --from and --to are the same repository (\(source.location))") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var outcome = Outcome()
        try RunCommands.wrap { () throws(RepositoryError) in
            for summary in try source.runs(matching: compiled) {
                if try target.contains(hash: summary.hash) {
                    if try copyPredictions(of: summary.hash, from: source, to: target, scratch: scratch, outcome: &outcome) {
                        outcome.copied.append(summary.hash)
                    } else {
                        outcome.unchanged.append(summary.hash)
                    }
                    continue
                }
                guard let run = try source.run(hash: summary.hash) else { continue }
                let inserted = try target.whileWriting { () throws(RepositoryError) -> InsertOutcome in
                    try copyObjects(run.sources.map(\.sha256) + run.predictionObjects, from: source, to: target, scratch: scratch, outcome: &outcome)
                    return try target.insert(run, replace: false, replacing: [])
                }
                if inserted == .unchanged { outcome.unchanged.append(run.hash) } else { outcome.copied.append(run.hash) }
            }
        }
        return outcome
    }

    /// Copies the objects the target lacks.
    private static func copyObjects(
        _ wanted: [String], from source: any RunStore, to target: any RunStore, scratch: URL, outcome: inout Outcome
    ) throws(RepositoryError) {
        for sha in Set(wanted).sorted() where try !target.containsObject(sha) {
            let files = try source.objectFiles([sha], in: scratch)
            guard let file = files[sha] else { throw RepositoryError("\(source.location): object \(sha) is missing") }
            try target.storeObject(contentsOf: file, knownSHA256: sha)
            if file.path.hasPrefix(scratch.path) { try? FileManager.default.removeItem(at: file) }
            outcome.objects += 1
        }
    }

    /// For a run both sides hold: attaches the source's prediction sets for a model and gold the target's run
    /// lacks (sets it has already are left as they are); whether any was attached.
    private static func copyPredictions(
        of hash: String, from source: any RunStore, to target: any RunStore, scratch: URL, outcome: inout Outcome
    ) throws(RepositoryError) -> Bool {
        let sets = try source.predictions(ofRun: hash)
        guard !sets.isEmpty else { return false }
        let present = try target.predictions(ofRun: hash)
        let missing = sets.filter { set in !present.contains { $0.model == set.model && $0.goldSHA256 == set.goldSHA256 } }
        guard !missing.isEmpty else { return false }
        return try target.whileWriting { () throws(RepositoryError) -> Bool in
            try copyObjects(missing.flatMap { [$0.goldSHA256, $0.predictedSHA256] }, from: source, to: target, scratch: scratch, outcome: &outcome)
            return try target.attachPredictions(missing, toRun: hash, replace: false).changed
        }
    }

    /// The line `repo copy` prints.
    public static func text(_ outcome: Outcome, from: String, to: String) -> String {
        let source = RunCommands.printableLocation(from)
        let target = RunCommands.printableLocation(to)
        return "copied \(outcome.copied.count) runs (\(outcome.objects) objects), \(outcome.unchanged.count) unchanged: \(source) → \(target)\n"
    }
}
