import AimSpacyArchive
import AimSpacyModel
import AimSpacyReport
import AimSpacyRepository
import Foundation

/// The archive commands' logic: `archive`, `verify`, `extract`, and opening an archive for `import`.
///
/// Seams for the other stages: `archive` takes the runs' data (`runsJSON`: run hash → JSON bytes) and
/// the rendered report (`report`: path inside the report folder → bytes) from its caller, and
/// `experimentFolders(inArchive:)` hands `import` the extracted folders of an archive.
public enum ArchivePipeline {
    /// The version recorded in `MANIFEST.json`.
    public static let toolVersion = "0.1.0"

    /// What `archive` wrote, and what it left out of the folders.
    public struct ArchiveOutcome: Sendable, Equatable {
        public var manifest: ArchiveManifest
        public var notes: [String]
        public var entryCount: Int { manifest.entries.count }
    }

    /// What `verify` found: one line per problem (`missing: …`, `extra: …`, `changed: … (why)`).
    public struct VerifyOutcome: Sendable, Equatable {
        public var problems: [String]
        public var intactCount: Int
        public var isIntact: Bool { problems.isEmpty }
    }

    /// What `extract` wrote.
    public struct ExtractOutcome: Sendable, Equatable {
        /// Files written, relative to the target folder, sorted.
        public var files: [String]
        public var bytes: UInt64
    }

    /// The `archive` command: experiment folders and runs of the repository from `arguments`, the
    /// runs' data and (unless `includeReport` is false) their rendered report, all into `out`.
    public static func archiveCommand(
        arguments: [String], repo: String? = nil, out: URL, includeModels: Bool, includeReport: Bool, force: Bool = false
    ) throws(PipelineError) -> ArchiveOutcome {
        let (folders, references) = try split(arguments: arguments)
        let copies = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-objects-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copies) }
        let stored = try storedRuns(references, repo: repo, copies: copies)
        let contents = try runsAndReport(folders: folders, stored: stored.map(\.run), includeReport: includeReport)
        var outcome = try archive(
            paths: folders, storedRuns: stored, out: out, includeModels: includeModels,
            runsJSON: contents.runsJSON, report: includeReport ? contents.report : [:], force: force
        )
        if includeModels && !stored.isEmpty {
            outcome.notes.append("runs archived from the repository have no model weights: the repository keeps none")
        }
        outcome.notes += contents.notes
        return outcome
    }

    /// A run of the repository with the stored copies of its files.
    public struct StoredRun: Sendable {
        public var run: Run
        /// Path relative to the training folder → the object store's copy.
        public var files: [(path: String, url: URL)]
    }

    /// Reads the runs named by `references` (hash, unique prefix or name) and locates their files.
    /// Objects a repository keeps elsewhere than in files (PostgreSQL) are copied into `copies`.
    static func storedRuns(_ references: [String], repo: String?, copies: URL) throws(PipelineError) -> [StoredRun] {
        guard !references.isEmpty else { return [] }
        let repository = try RunCommands.openRepository(repo)
        return try RunCommands.wrap { () throws(RepositoryError) in
            let runs = try repository.runs(hashes: try repository.resolveAll(references))
            let wanted = runs.flatMap { $0.sources.filter { !$0.path.hasPrefix("/") }.map(\.sha256) + $0.predictionObjects }
            let located = try repository.objectFiles(Array(Set(wanted)).sorted(), in: copies)
            return runs.map { run in
                var files: [(path: String, url: URL)] = []
                for source in run.sources where !source.path.hasPrefix("/") && !files.contains(where: { $0.path == source.path }) {
                    if let url = located[source.sha256] { files.append((source.path, url)) }
                }
                for sha in Set(run.predictionObjects).sorted() {
                    if let url = located[sha] { files.append((ArchivedPredictions.path(sha), url)) }
                }
                return StoredRun(run: run, files: files)
            }
        }
    }

    /// What the other stages add to an archive: each run's data as JSON by run hash, and the
    /// rendered report's files by path.
    public struct RunsAndReport: Sendable, Equatable {
        public var runsJSON: [String: [UInt8]] = [:]
        public var report: [String: [UInt8]] = [:]
        public var notes: [String] = []

        public init(runsJSON: [String: [UInt8]] = [:], report: [String: [UInt8]] = [:], notes: [String] = []) {
            self.runsJSON = runsJSON
            self.report = report
            self.notes = notes
        }
    }

    /// The runs the folders hold, as `import` builds them (same hashes), each serialised with every
    /// point and render, and their report unless `includeReport` is false. The import time is pinned
    /// to the training's own time so that archiving twice gives the same bytes.
    static func runsAndReport(folders: [URL], stored: [Run] = [], includeReport: Bool) throws(PipelineError) -> RunsAndReport {
        var contents = RunsAndReport()
        var runs: [Run] = stored.map { run in
            var pinned = run
            pinned.imported = pinned.created
            return pinned
        }
        let discovery = TrainingDiscovery()
        for folder in folders {
            for candidate in discovery.candidates(inFolder: folder) {
                switch ImportPipeline.assemble(candidate, options: ImportOptions(paths: [folder.path]), now: Date(timeIntervalSince1970: 0)) {
                case .success(let assembled):
                    var run = assembled.run
                    run.imported = run.created
                    runs.append(run)
                case .failure(let failure):
                    throw PipelineError(failure.message)
                }
            }
        }
        for run in runs {
            contents.runsJSON[run.hash] = run.withSharedPaths().jsonValue(points: true, markup: true).serializedUTF8(sortKeys: true, indent: 1)
        }
        if includeReport && !runs.isEmpty {
            contents.report = try ReportPipeline.files(runs: runs, options: ReportOptions())
        }
        return contents
    }

    /// Archives experiment folders with the runs' data and the rendered report into `out`. An existing
    /// `out` is replaced only when it is an earlier archive of this tool, or with `force`.
    public static func archive(
        paths: [URL], storedRuns: [StoredRun] = [], out: URL, includeModels: Bool, runsJSON: [String: [UInt8]],
        report: [String: [UInt8]], force: Bool = false
    ) throws(PipelineError) -> ArchiveOutcome {
        guard !paths.isEmpty || !storedRuns.isEmpty else { throw PipelineError("archive: no experiment folder or run given") }
        if !force, FileManager.default.fileExists(atPath: out.path), !ArchiveVerifier.isOwnArchive(out) {
            throw PipelineError("\(out.path): exists and is not an archive aim-spacy wrote; refusing to overwrite it (--force replaces it)")
        }
        do {
            var archive = ExperimentArchive()
            for path in paths {
                try archive.addFolder(path, includeModels: includeModels)
            }
            for stored in storedRuns {
                try archive.addStoredRun(name: stored.run.name, files: stored.files)
            }
            archive.addRuns(runsJSON)
            archive.addReport(report)
            let manifest = try archive.write(to: out, toolVersion: toolVersion)
            return ArchiveOutcome(manifest: manifest, notes: archive.notes)
        } catch {
            throw PipelineError(error.message)
        }
    }

    /// Splits the `archive` command's arguments into experiment folders and runs of the repository
    /// (anything that is not a path on disk).
    public static func split(arguments: [String]) throws(PipelineError) -> (folders: [URL], runs: [String]) {
        var folders: [URL] = []
        var runs: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw PipelineError("\(argument): not a folder; expected an experiment folder or a run (hash, prefix or name)")
                }
                folders.append(URL(fileURLWithPath: argument).standardizedFileURL)
            } else {
                runs.append(argument)
            }
        }
        return (folders, runs)
    }

    /// Checks every entry of `url` against its manifest.
    public static func verify(_ url: URL) throws(PipelineError) -> VerifyOutcome {
        do {
            let report = try ArchiveVerifier.verify(url)
            return VerifyOutcome(problems: report.lines, intactCount: report.intactCount)
        } catch {
            throw PipelineError(error.message)
        }
    }

    /// Extracts `url` into `directory`, refusing unsafe or oversized archives. `maxBytes` and
    /// `maxEntries` override the default limits (8 GiB inflated, 100,000 entries).
    public static func extract(
        _ url: URL, to directory: URL, force: Bool, maxBytes: UInt64? = nil, maxEntries: Int? = nil
    ) throws(PipelineError) -> ExtractOutcome {
        var limits = ExtractionLimits()
        if let maxBytes { limits.maxTotalBytes = maxBytes }
        if let maxEntries { limits.maxEntries = maxEntries }
        do {
            let summary = try ArchiveExtractor(limits: limits).extractVerified(url, to: directory, force: force)
            return ExtractOutcome(files: summary.files, bytes: summary.bytes)
        } catch {
            throw PipelineError(error.message)
        }
    }

    /// For `import FILE.zip`: verifies the archive and extracts it into a temporary folder. Import
    /// each of `folders` as if it were the original folder; remove `root` afterwards.
    public static func experimentFolders(inArchive url: URL) throws(PipelineError) -> ArchivedExperiments {
        do {
            return try ArchivedExperiments.extract(url)
        } catch {
            throw PipelineError(error.message)
        }
    }

    /// When the run `hash` trained, as its archive recorded it in `runs/<hash>.json`; `nil` when the
    /// archive holds no readable data for that run. Extracted files carry the archive's fixed
    /// timestamp, so their modification times cannot tell.
    static func archivedCreated(hash: String, runs: URL) -> Date? {
        guard hash.allSatisfy(\.isHexDigit),
            let data = try? Data(contentsOf: runs.appendingPathComponent("\(hash).json")),
            let json = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
            json["hash"]?.stringValue == hash, let created = json["created"]?.stringValue
        else { return nil }
        return Run.date(fromTimestamp: created)
    }

    /// Whether `url` is a zip file (by its first bytes), so `import` can tell archives from folders.
    public static func isArchive(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return head == Data([0x50, 0x4b, 0x03, 0x04]) || head == Data([0x50, 0x4b, 0x05, 0x06])
    }
}
