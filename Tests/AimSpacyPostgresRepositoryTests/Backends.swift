import AimSpacyPipeline
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Synchronization
import Testing

/// The two engines a repository can live in; the suites here run each test against both.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }
}

/// An empty repository of one backend for one test: a folder, or a database of its own on the test
/// server. `nil` when PostgreSQL is not available outside CI (under `CI=true` that is a failure).
struct TestRepository {
    let backend: Backend
    /// The `--repo` value.
    let repo: String
    /// A scratch folder for the test's other files.
    let scratch: URL
    private let database: String?

    static func make(_ backend: Backend) throws -> TestRepository? {
        let scratch = try TemporaryDirectory().url
        switch backend {
        case .sqlite:
            return TestRepository(backend: backend, repo: scratch.appendingPathComponent("repo").path, scratch: scratch, database: nil)
        case .postgres:
            guard let server = try PostgresTestServer.available() else { return nil }
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try server.psql("CREATE DATABASE \(name)")
            return TestRepository(backend: backend, repo: server.url(database: name), scratch: scratch, database: name)
        }
    }

    func open(create: Bool = true) throws -> any RunStore {
        try RunCommands.openRepository(repo, create: create)
    }

    func remove() {
        try? FileManager.default.removeItem(at: scratch)
        if let database, let server = try? PostgresTestServer.available() {
            try? server.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
    }
}

/// The PostgreSQL server the tests use: `$AIM_SPACY_TEST_POSTGRES_URL` (set by `.ci/run`), else one
/// started for this test process by `scripts/postgres-test-server.sh` and stopped when it exits.
struct PostgresTestServer: Sendable {
    /// The URL of a role that may create databases, with its password.
    let baseURL: String

    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    private static let shared: Result<PostgresTestServer, Unavailable> = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["AIM_SPACY_TEST_POSTGRES_URL"], !url.isEmpty { return .success(PostgresTestServer(baseURL: url)) }
        do {
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-pg-\(UUID().uuidString).env")
            let result = try Shell.run([Repository.root.appendingPathComponent("scripts/postgres-test-server.sh").path, "start"],
                                       environment: ["AIM_SPACY_TEST_POSTGRES_STATE": state.path])
            guard result.status == 0, let url = result.stdout.split(separator: "\n").last.map(String.init) else {
                return .failure(Unavailable(description: "scripts/postgres-test-server.sh start failed: \(result.stderr)"))
            }
            startedState.withLock { $0 = state.path }
            atexit {
                guard let state = PostgresTestServer.startedState.withLock({ $0 }) else { return }
                _ = try? Shell.run([Repository.root.appendingPathComponent("scripts/postgres-test-server.sh").path, "stop"],
                                   environment: ["AIM_SPACY_TEST_POSTGRES_STATE": state])
            }
            return .success(PostgresTestServer(baseURL: url))
        } catch {
            return .failure(Unavailable(description: "cannot start a PostgreSQL server: \(error)"))
        }
    }()

    private static let startedState = Mutex<String?>(nil)

    /// The server, or `nil` when there is none outside CI; under `CI=true` a missing server throws.
    static func available() throws -> PostgresTestServer? {
        switch shared {
        case .success(let server): return server
        case .failure(let reason):
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw reason }
            return nil
        }
    }

    /// The base URL with another database.
    func url(database: String) -> String {
        var components = baseURL
        let query = components.range(of: "?").map { String(components[$0.lowerBound...]) } ?? ""
        if let q = components.range(of: "?") { components = String(components[..<q.lowerBound]) }
        let slash = components.range(of: "/", options: .backwards)!
        return String(components[..<slash.upperBound]) + database + query
    }

    /// Runs SQL through `psql` as the test role.
    func psql(_ sql: String) throws {
        let result = try Shell.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", baseURL, "-c", sql])
        if result.status != 0 { throw Unavailable(description: "psql \(sql): \(result.stderr)") }
    }
}

/// The repository's own folder (for its scripts), from this file's place in it.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Runs a program, its output in files (so a chatty one cannot block).
enum Shell {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let outURL = dir.url.appendingPathComponent("out")
        let errURL = dir.url.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
    }
}
