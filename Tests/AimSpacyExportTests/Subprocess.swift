import AimSpacyTestSupport
import Foundation

/// Runs a program to its end, its output in files (so neither stream can block the other).
enum Subprocess {
    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let out = folder.url.appendingPathComponent("out")
        let err = folder.url.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try Data(contentsOf: out), String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// The built `aim-spacy` executable.
    static func aimSpacy(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        try run(Fixture.productsDirectory.appendingPathComponent("aim-spacy"), arguments)
    }
}
