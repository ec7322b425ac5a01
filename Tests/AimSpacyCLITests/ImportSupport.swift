import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Synchronization

/// A temporary folder with copies of the fixture trainings and a repository, per test.
struct ImportSandbox {
    let root: URL
    /// The SQLite repository's folder (`root/repo`), for the tests that run on SQLite alone.
    let repo: URL
    /// The repository of the backend the test runs on: `repo` for SQLite, else a PostgreSQL
    /// database of its own.
    let testRepository: TestRepository

    /// A sandbox whose repository is the SQLite folder `repo`.
    init() throws {
        guard let sandbox = try ImportSandbox(on: .sqlite) else { throw PipelineError("no SQLite repository") }
        self = sandbox
    }

    /// `nil` when PostgreSQL is not available outside CI.
    init?(on backend: Backend) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-import-\(UUID().uuidString)")
        repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        guard let repository = try TestRepository.make(backend, in: root) else {
            try? FileManager.default.removeItem(at: root)
            return nil
        }
        testRepository = repository
    }

    func remove() {
        testRepository.remove()
        try? FileManager.default.removeItem(at: root)
    }

    /// The `--repo` value of `testRepository`.
    var location: String { testRepository.repo }

    /// The repository of the test's backend, opened.
    func store() throws -> any RunStore { try testRepository.open() }

    /// Copies `Fixtures/trainings/<name>` (and the corpus folder beside it, once) under `folder`.
    @discardableResult
    func copyTraining(_ name: String, as copy: String? = nil, into folder: String = "project") throws -> URL {
        let project = root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: project.appendingPathComponent("trainings"), withIntermediateDirectories: true)
        let corpus = project.appendingPathComponent("corpus")
        if !FileManager.default.fileExists(atPath: corpus.path) {
            try FileManager.default.copyItem(at: Fixture.url("corpus"), to: corpus)
        }
        let target = project.appendingPathComponent("trainings").appendingPathComponent(copy ?? name)
        try FileManager.default.copyItem(at: Fixture.url("trainings/\(name)"), to: target)
        return target
    }

    func repository() throws -> RunRepository { try RunRepository(directory: repo) }

    /// The first run a report names, read back from the repository.
    func run(_ report: ImportPipeline.Report) throws -> Run {
        guard let hash = report.hashes.first, let run = try store().run(hash: hash) else {
            throw PipelineError("no run imported: \(report.diagnostics)")
        }
        return run
    }

    func importing(_ paths: [URL], _ configure: (inout ImportOptions) -> Void = { _ in }) async throws -> ImportPipeline.Report {
        var options = ImportOptions(paths: paths.map(\.path), repo: location)
        configure(&options)
        return try await ImportPipeline.run(options)
    }
}

/// Runs the built `aim-spacy` binary.
enum AimSpacyBinary {
    static var url: URL { Fixture.productsDirectory.appendingPathComponent("aim-spacy") }

    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try runRaw(arguments, in: directory, environment: environment)
        return (result.status, String(decoding: result.stdout, as: UTF8.self), result.stderr)
    }

    /// The same, with stdout as bytes (for JSON parsing). Both streams go to files, so a child that
    /// writes much to one while the other is not read yet cannot block.
    /// `directory` is the child's current folder, `environment` its whole environment (default: ours).
    static func runRaw(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out")
        let errURL = dir.appendingPathComponent("err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus, try Data(contentsOf: outURL), String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// Items collected from several threads.
final class Collected<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])

    func append(_ item: Item) { items.withLock { $0.append(item) } }

    var all: [Item] { items.withLock { $0 } }
}

/// The rows of a console table read the plain way (split on blanks), to check the series by.
enum PrintedTable {
    struct Row {
        var epoch: Int
        var step: Int
        var values: [Double]
    }

    static func rows(_ text: String) -> (header: [String], rows: [Row]) {
        let plain = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        var header: [String] = []
        var rows: [Row] = []
        for line in plain.split(separator: "\n") {
            if line.hasPrefix("E    #") {
                header = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                continue
            }
            let fields = line.split(separator: " ")
            guard !header.isEmpty, fields.count == header.count, let epoch = Int(fields[0]), let step = Int(fields[1])
            else { continue }
            rows.append(Row(epoch: epoch, step: step, values: fields.dropFirst(2).compactMap { Double($0) }))
        }
        return (header, rows)
    }
}
