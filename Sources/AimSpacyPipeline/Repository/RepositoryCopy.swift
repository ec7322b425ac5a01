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
                    outcome.unchanged.append(summary.hash)
                    continue
                }
                guard let run = try source.run(hash: summary.hash) else { continue }
                let inserted = try target.whileWriting { () throws(RepositoryError) -> InsertOutcome in
                    for sha in Set(run.sources.map(\.sha256)).sorted() where try !target.containsObject(sha) {
                        let files = try source.objectFiles([sha], in: scratch)
                        guard let file = files[sha] else { throw RepositoryError("\(source.location): object \(sha) is missing") }
                        try target.storeObject(contentsOf: file, knownSHA256: sha)
                        if file.path.hasPrefix(scratch.path) { try? FileManager.default.removeItem(at: file) }
                        outcome.objects += 1
                    }
                    return try target.insert(run, replace: false, replacing: [])
                }
                if inserted == .unchanged { outcome.unchanged.append(run.hash) } else { outcome.copied.append(run.hash) }
            }
        }
        return outcome
    }

    /// The line `repo copy` prints.
    public static func text(_ outcome: Outcome, from: String, to: String) -> String {
        let source = RunCommands.printableLocation(from)
        let target = RunCommands.printableLocation(to)
        return "copied \(outcome.copied.count) runs (\(outcome.objects) objects), \(outcome.unchanged.count) unchanged: \(source) → \(target)\n"
    }
}
