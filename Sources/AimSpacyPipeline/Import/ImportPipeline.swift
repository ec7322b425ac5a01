import AimSpacyArchive
import AimSpacyDecoding
import AimSpacyModel
import AimSpacyRepository
import Foundation

/// `aim-spacy import`: finds the trainings below the given paths, decodes them in parallel, and
/// writes each as one run in one transaction. A broken training is reported and skipped; the others
/// are still imported.
public enum ImportPipeline {
    /// What happened to one training.
    public struct Outcome: Sendable, Equatable {
        public enum Status: String, Sendable, Equatable {
            /// `attached`: the run was stored already; predictions were attached to it (or replaced).
            case imported, unchanged, replaced, attached, failed
        }

        public var path: String
        public var status: Status
        public var hash: String?
        public var name: String?
        public var experiment: String?
        public var files: Int
        public var bytes: Int
        public var warnings: [String]
        /// The one-line error for a failed training.
        public var error: String?
    }

    /// Everything one call did.
    public struct Report: Sendable, Equatable {
        public var repository: String
        public var outcomes: [Outcome]
        /// The `--repo` value (or AimLogger setting) the runs went to, to open it again (it may hold a password).
        var opened: String?

        public var failed: Bool { outcomes.contains { $0.status == .failed } }
        /// The hashes of the runs the call imported or found unchanged, in order.
        public var hashes: [String] { outcomes.compactMap(\.hash) }
    }

    /// Imports `options.paths` and returns what happened to each training.
    /// - Parameter progress: called with one line per training when the caller wants progress.
    public static func run(
        _ options: ImportOptions, now: Date = Date(), progress: (@Sendable (String) -> Void)? = nil
    ) async throws(PipelineError) -> Report {
        guard !options.paths.isEmpty else { throw PipelineError("import: expected at least one path") }
        var outcomes: [Outcome] = []
        var candidates: [TrainingDiscovery.Candidate] = []
        var extracted: [URL] = []
        defer { for root in extracted { try? FileManager.default.removeItem(at: root) } }
        var looseFiles: [URL] = []
        let discovery = TrainingDiscovery()
        for path in PathExpansion.expand(options.paths) {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                let encoding = path.contains("\u{FFFD}")
                    ? " (a name that is not valid UTF-8 reaches aim-spacy with U+FFFD in place of its bytes and cannot be opened: rename it)" : ""
                outcomes.append(.failure(path: path, message: "\(path): no such file or folder\(encoding)"))
                continue
            }
            if !isDirectory.boolValue, let problem = RegularFile.problem(at: url.path) {
                outcomes.append(.failure(path: path, message: "\(path): \(problem)"))
                continue
            }
            if isDirectory.boolValue {
                let (found, unreadable) = discovery.scan(url)
                for name in unreadable {
                    outcomes.append(.failure(path: name, message: "\(name): the name is not valid UTF-8 and cannot be opened: rename it to import it"))
                }
                if found.isEmpty && unreadable.isEmpty {
                    outcomes.append(.failure(path: path, message: "\(path): no training files found in the folder"))
                }
                candidates += found
            } else if ArchivePipeline.isArchive(url) {
                do {
                    let opened = try ArchivePipeline.experimentFolders(inArchive: url)
                    extracted.append(opened.root)
                    for folder in opened.folders {
                        for var candidate in discovery.candidates(inFolder: folder) {
                            candidate.origin = url.path + ":" + candidate.root.lastPathComponent
                            candidate.archivedRuns = opened.root.appendingPathComponent("runs", isDirectory: true)
                            candidates.append(candidate)
                        }
                    }
                } catch {
                    outcomes.append(.failure(path: path, message: error.message))
                }
            } else {
                looseFiles.append(url)
            }
        }
        candidates += discovery.candidates(forFiles: looseFiles)

        let decoded = await decode(candidates, options: options, now: now)
        var repository: (any RunStore)?
        var openedWith: String?
        let environment = ProcessInfo.processInfo.environment
        let currentDirectory = FileManager.default.currentDirectoryPath
        func openRepository(_ location: String) throws(PipelineError) -> any RunStore {
            if let repository { return repository }
            let opened = try RunCommands.openRepository(location, create: true)
            repository = opened
            openedWith = location
            return opened
        }
        for (candidate, result) in decoded {
            switch result {
            case .failure(let failure):
                let message = failure.message.replacingOccurrences(of: candidate.root.path, with: candidate.displayPath)
                outcomes.append(.failure(path: candidate.displayPath, message: message))
            case .success(let assembled):
                let choice = RepositoryLocation.choose(
                    explicit: options.repo, configured: assembled.run.settings.repo,
                    configuredFromArchive: candidate.origin != nil || candidate.archivedRuns != nil,
                    environment: environment, currentDirectory: currentDirectory)
                let repo = try openRepository(choice.location)
                var outcome = try store(assembled, from: candidate, in: repo, options: options)
                if let warning = choice.warning { outcome.warnings.insert(warning, at: 0) }
                outcomes.append(outcome)
            }
            if let progress, let last = outcomes.last { progress(last.progressLine(done: outcomes.count)) }
        }
        let location = repository?.location ?? RunCommands.printableLocation(options.repo)
        return Report(repository: location, outcomes: outcomes, opened: openedWith ?? options.repo)
    }

    /// Decodes and assembles every candidate, on all cores.
    static func decode(
        _ candidates: [TrainingDiscovery.Candidate], options: ImportOptions, now: Date
    ) async -> [(TrainingDiscovery.Candidate, Result<AssembledRun, DecodeFailure>)] {
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var results = [Result<AssembledRun, DecodeFailure>?](repeating: nil, count: candidates.count)
        await withTaskGroup(of: (Int, Result<AssembledRun, DecodeFailure>).self) { group in
            var next = 0
            func submit() {
                let index = next
                let candidate = candidates[index]
                next += 1
                group.addTask { (index, assemble(candidate, options: options, now: now)) }
            }
            while next < min(width, candidates.count) { submit() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < candidates.count { submit() }
            }
        }
        return zip(candidates, results).map { ($0, $1 ?? .failure(DecodeFailure(message: "not decoded"))) }
    }

    /// A run ready to be written, with the files the repository keeps for it.
    struct AssembledRun: Sendable {
        var run: Run
        var files: [TrainingFiles.Located]
        var bytes: Int
        /// The gold and predicted DocBins of `run.predictions`, stored beside the files.
        var predictionObjects: [RunAssembly.PredictionObject] = []
    }

    /// A training that could not be decoded: one line naming the file and the place.
    struct DecodeFailure: Error, Sendable {
        var message: String
    }

    static func assemble(_ candidate: TrainingDiscovery.Candidate, options: ImportOptions, now: Date) -> Result<AssembledRun, DecodeFailure> {
        do {
            let files = try TrainingFiles.read(candidate)
            guard !files.sources.isEmpty else {
                return .failure(DecodeFailure(message: "\(candidate.root.path): no training files found (no log, config.cfg or meta.json)"))
            }
            let assembly = RunAssembly(files: files, options: options, now: now)
            var (run, extra) = try assembly.assemble()
            var objects: [RunAssembly.PredictionObject] = []
            if !options.predictions.isEmpty {
                (run.predictions, objects) = try assembly.predictions(options.predictions)
            }
            if let archived = candidate.archivedRuns, let created = ArchivePipeline.archivedCreated(hash: run.hash, runs: archived) {
                run.created = created
            }
            if let archived = candidate.archivedRuns, run.predictions.isEmpty {
                (run.predictions, objects) = try ArchivedPredictions.read(hash: run.hash, runs: archived, assembly: assembly)
            }
            var seen = Set<URL>()
            let all = (files.sources + extra).filter { seen.insert($0.url.standardizedFileURL).inserted }
            return .success(AssembledRun(run: run, files: all, bytes: all.reduce(0) { $0 + $1.source.size }, predictionObjects: objects))
        } catch let error as DecodingError {
            return .failure(DecodeFailure(message: error.description))
        } catch let error as PipelineError {
            return .failure(DecodeFailure(message: error.message))
        } catch {
            return .failure(DecodeFailure(message: "\(candidate.root.path): \(error)"))
        }
    }

    /// Stores the run's files, then writes the run in one transaction; throws when the repository
    /// was lost (its server went away).
    static func store(
        _ assembled: AssembledRun, from candidate: TrainingDiscovery.Candidate, in repository: any RunStore,
        options: ImportOptions
    ) throws(PipelineError) -> Outcome {
        let run = assembled.run
        var outcome = Outcome(
            path: candidate.displayPath, status: .imported, hash: run.hash, name: run.name, experiment: run.experiment,
            files: assembled.files.count, bytes: assembled.bytes, warnings: run.warnings, error: nil
        )
        do {
            let status = try repository.whileWriting { () throws(RepositoryError) -> Outcome.Status in
                var run = run
                let concerned = options.replace || !run.predictions.isEmpty
                if concerned, try repository.contains(hash: run.hash) {
                    let earlier = try repository.predictions(ofRun: run.hash)
                    if options.replace {
                        // The run is made again from its files; predictions attached to it stay.
                        run.predictions = PredictionMerge.carried(earlier, into: run.predictions)
                    } else {
                        // A refusal comes before any object is stored: nothing is left behind.
                        _ = try PredictionMerge.plan(
                            stored: earlier.enumerated().map { ($0, $1) }, adding: run.predictions, replace: false, run: run.hash)
                    }
                }
                for file in assembled.files {
                    try repository.storeObject(contentsOf: file.url, knownSHA256: file.source.sha256)
                }
                for object in assembled.predictionObjects {
                    try repository.storeObject(contentsOf: object.url, knownSHA256: object.sha256)
                }
                let replacing = options.replace ? try repository.hashes(named: run.name, experiment: run.experiment) : []
                switch try repository.insert(run, replace: options.replace, replacing: replacing) {
                case .inserted: return .imported
                case .replaced: return .replaced
                case .unchanged:
                    guard !run.predictions.isEmpty else { return .unchanged }
                    return try repository.attachPredictions(run.predictions, toRun: run.hash, replace: false).changed ? .attached : .unchanged
                }
            }
            outcome.status = status
        } catch {
            // Every later run would fail the same way: one line for the whole import.
            if error.repositoryLost { throw PipelineError(error.message) }
            outcome.status = .failed
            outcome.error = "\(candidate.displayPath): \(error)"
        }
        return outcome
    }
}

extension ImportPipeline.Outcome {
    static func failure(path: String, message: String) -> Self {
        Self(path: path, status: .failed, hash: nil, name: nil, experiment: nil, files: 0, bytes: 0, warnings: [], error: message)
    }

    /// One human line: `imported ner-aim (a1b2c3…, 8 files, 1.2 MB)`.
    func progressLine(done: Int) -> String {
        let counter = "[\(done)] "
        if let error { return TerminalText.escaped(counter + "failed: " + error) }
        let size = ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
        return TerminalText.escaped(counter + "\(status.rawValue) \(name ?? path) (\(hash ?? "-"), \(files) files, \(size))")
    }
}
