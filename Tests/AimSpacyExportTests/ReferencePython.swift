import Foundation
import Testing

/// The Python interpreter with the real `tensorboard` and `mlflow` packages the export tests check
/// against: `$AIM_SPACY_TEST_PYTHON`, else the repository's `.venv` (made by `scripts/venv.sh mlflow
/// tensorboard`) when it has the package. Without one the tests are skipped, except under `CI=true`,
/// where a missing interpreter is a failure.
enum ReferencePython {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The interpreter for a test needing `module`, or `nil` when there is none.
    static func interpreter(having module: String) -> URL? {
        if let explicit = ProcessInfo.processInfo.environment["AIM_SPACY_TEST_PYTHON"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        let venv = ProcessInfo.processInfo.environment["AIM_SPACY_VENV"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.appendingPathComponent(".venv")
        let python = venv.appendingPathComponent("bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path),
              (try? run(python, ["-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('\(module)') is None)"])) != nil
        else { return nil }
        return python
    }

    /// Whether tests needing `module` run: with an interpreter, or under CI (where they then fail).
    static func enabled(_ module: String) -> Bool { isCI || interpreter(having: module) != nil }

    /// Runs a script of `scripts/` and returns its standard output; a non-zero exit throws with stderr.
    static func script(_ name: String, _ arguments: [String], module: String) throws -> Data {
        let python = try #require(interpreter(having: module), "no Python with \(module): set AIM_SPACY_TEST_PYTHON")
        return try run(python, [repositoryRoot.appendingPathComponent("scripts/\(name)").path] + arguments)
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable`; a non-zero exit throws with its stderr.
    static func run(_ executable: URL, _ arguments: [String]) throws -> Data {
        let result = try Subprocess.run(executable, arguments)
        guard result.status == 0 else {
            throw Failed(description: "\(arguments.joined(separator: " ")): exit \(result.status): \(result.stderr)")
        }
        return result.stdout
    }
}
