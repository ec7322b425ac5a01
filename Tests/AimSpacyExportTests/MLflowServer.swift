import AimSpacyModel
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A real `mlflow server` on a free loopback port, with a SQLite backend store and served artifacts
/// in a temporary folder, started through `scripts/mlflow_test_server.py` (which stops the whole
/// server when its standard input closes).
final class MLflowServer: @unchecked Sendable {
    let url: URL
    let folder: URL
    private let process = Process()
    private let input = Pipe()

    /// One server for the whole test process (a start takes up to a minute); it stops, and its folder
    /// is removed, when the test process ends and so closes the launcher's input.
    static let shared = Task<MLflowServer, any Error> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-mlflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = try MLflowServer(folder: folder)
        try await server.waitUntilReady()
        return server
    }

    init(folder: URL) throws {
        let python = try #require(ReferencePython.interpreter(having: "mlflow"), "no Python with mlflow: set AIM_SPACY_TEST_PYTHON")
        let port = try LoopbackSocket.freePort()
        self.folder = folder
        url = URL(string: "http://127.0.0.1:\(port)")!
        process.executableURL = python
        process.arguments = [
            ReferencePython.repositoryRoot.appendingPathComponent("scripts/mlflow_test_server.py").path,
            "--host", "127.0.0.1", "--port", String(port),
            "--backend-store-uri", "sqlite:///" + folder.appendingPathComponent("mlflow.db").path,
            "--serve-artifacts", "--artifacts-destination", folder.appendingPathComponent("artifacts").path,
            "--workers", "1",
        ]
        process.standardInput = input
        process.environment = ProcessInfo.processInfo.environment.merging(["AIM_SPACY_REMOVE_ON_EXIT": folder.path]) { $1 }
        let log = folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    /// Waits until `/health` answers (the first start creates the database: up to a few minutes on a
    /// busy machine).
    func waitUntilReady(timeout: TimeInterval = 240) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { break }
            if let (_, response) = try? await URLSession.shared.data(from: url.appendingPathComponent("health")),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        throw ReferencePython.Failed(description: "mlflow server did not start: \(log.suffix(2000))")
    }

    /// Stops the server (closing the launcher's input stops its whole process group).
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// What MLflow's own client reads back (`scripts/check_mlflow_export.py`): every active run.
    func readBack() throws -> [JSONValue] {
        let output = try ReferencePython.script("check_mlflow_export.py", [url.absoluteString], module: "mlflow")
        guard case .array(let runs) = try JSONValue.parse(String(decoding: output, as: UTF8.self))["runs"] else { return [] }
        return runs
    }
}
