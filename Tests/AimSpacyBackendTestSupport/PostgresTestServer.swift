import Foundation
import Synchronization

/// The PostgreSQL server the tests use: `$AIM_SPACY_TEST_POSTGRES_URL` (set by `.ci/run`), else one
/// started for this test process by `scripts/postgres-test-server.sh` and stopped when it exits.
public struct PostgresTestServer: Sendable {
    /// The URL of a role that may create databases, with its password.
    public let baseURL: String

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    private static let shared: Result<PostgresTestServer, Unavailable> = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["AIM_SPACY_TEST_POSTGRES_URL"], !url.isEmpty { return .success(PostgresTestServer(baseURL: url)) }
        do {
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-pg-\(UUID().uuidString).env")
            let result = try Shell.run([PackageRoot.url.appendingPathComponent("scripts/postgres-test-server.sh").path, "start"],
                                       environment: ["AIM_SPACY_TEST_POSTGRES_STATE": state.path])
            guard result.status == 0, let url = result.stdout.split(separator: "\n").last.map(String.init) else {
                return .failure(Unavailable(description: "scripts/postgres-test-server.sh start failed: \(result.stderr)"))
            }
            startedState.withLock { $0 = state.path }
            atexit {
                guard let state = PostgresTestServer.startedState.withLock({ $0 }) else { return }
                _ = try? Shell.run([PackageRoot.url.appendingPathComponent("scripts/postgres-test-server.sh").path, "stop"],
                                   environment: ["AIM_SPACY_TEST_POSTGRES_STATE": state])
            }
            return .success(PostgresTestServer(baseURL: url))
        } catch {
            return .failure(Unavailable(description: "cannot start a PostgreSQL server: \(error)"))
        }
    }()

    private static let startedState = Mutex<String?>(nil)

    /// The server, or `nil` when there is none outside CI; under `CI=true` a missing server throws.
    public static func available() throws -> PostgresTestServer? {
        switch shared {
        case .success(let server): return server
        case .failure(let reason):
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw reason }
            return nil
        }
    }

    /// The base URL with another database.
    public func url(database: String) -> String {
        var components = baseURL
        let query = components.range(of: "?").map { String(components[$0.lowerBound...]) } ?? ""
        if let q = components.range(of: "?") { components = String(components[..<q.lowerBound]) }
        let slash = components.range(of: "/", options: .backwards)!
        return String(components[..<slash.upperBound]) + database + query
    }

    /// Runs SQL through `psql` as the test role.
    public func psql(_ sql: String) throws {
        let result = try Shell.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", baseURL, "-c", sql])
        if result.status != 0 { throw Unavailable(description: "psql \(sql): \(result.stderr)") }
    }
}
