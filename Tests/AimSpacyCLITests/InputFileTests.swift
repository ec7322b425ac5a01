import AimSpacyTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Inputs that are not what they seem: FIFOs and devices given as files, folder names that are not
/// UTF-8, a broken `evaluate/metrics.json`, tampered and contradictory archives. Each is said in one
/// line; nothing hangs and nothing is dropped without a word.
@Suite struct InputFileTests {
    /// Runs the binary under coreutils `timeout`, so a command that would block on a FIFO fails the test.
    private func runBounded(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["20", AimSpacyBinary.url.path] + arguments
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = out
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    static let commands: [[String]] = [
        ["import", "FILE", "--repo", "REPO"], ["config", "show", "FILE"], ["log", "parse", "FILE"],
        ["docbin", "stats", "FILE"], ["verify", "FILE"], ["extract", "FILE", "--to", "REPO"],
    ]

    @Test(arguments: commands)
    func fifoIsNotARegularFile(_ command: [String]) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let fifo = temp.url.appendingPathComponent("fifo.cfg")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let arguments = command.map { $0 == "FILE" ? fifo.path : $0 == "REPO" ? temp.url.appendingPathComponent("r").path : $0 }
        let result = try runBounded(arguments)
        #expect(result.status != 0 && result.status != 124, "timed out or succeeded: \(result.status)")
        #expect(result.stderr.contains("not a regular file (a FIFO)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func deviceIsNotARegularFile() throws {
        let result = try runBounded(["log", "parse", "/dev/zero"])
        #expect(result.status != 0 && result.status != 124)
        #expect(result.stderr.contains("not a regular file (a character device)"), "\(result.stderr)")
    }

    /// A training folder whose name is not UTF-8, below a folder and given directly: said by name, exit 1,
    /// the other training of the call still imported.
    @Test func folderNameThatIsNotUTF8IsReported() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let trainings = try sandbox.copyTraining("ner-aim").deletingLastPathComponent()
        try sandbox.copyTraining("spancat-jsonl")
        let source = trainings.appendingPathComponent("ner-aim").path
        let bytes = Array(trainings.path.utf8) + Array("/ner".utf8) + [0xff, 0xfe]
        let renamed = rename(source, bytes.map { CChar(bitPattern: $0) } + [0])
        #expect(renamed == 0)
        let below = try AimSpacyBinary.run(["import", trainings.path, "--repo", sandbox.repo.path])
        #expect(below.status != 0)
        #expect(below.stderr.contains("ner\\xff\\xfe: the name is not valid UTF-8"), "\(below.stderr)")
        #expect(below.stdout.contains("1 imported"), "\(below.stdout)")

        let direct = try importRaw(path: bytes, repo: sandbox.repo.path)
        #expect(direct.status != 0)
        #expect(direct.stderr.contains("not valid UTF-8"), "\(direct.stderr)")
    }

    /// `aim-spacy import PATH --repo REPO` with PATH as raw bytes (Process passes only Strings): sh's
    /// printf turns octal escapes back into the bytes.
    private func importRaw(path: [UInt8], repo: String) throws -> (status: Int32, stderr: String) {
        let octal = path.map { "\\" + String($0, radix: 8) }.joined()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" import \"$(printf '\(octal)')\" --repo \"$1\"", AimSpacyBinary.url.path, repo]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test func brokenEvaluateMetricsIsAWarning() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        try Data("{\"ents_f\": 0.5,".utf8).write(to: ner.appendingPathComponent("evaluate/metrics.json"))
        let result = try AimSpacyBinary.run(["import", ner.path, "--repo", sandbox.repo.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: ner-aim: evaluate/metrics.json:"), "\(result.stderr)")
    }

    /// A failing `verify` prints the differences and one error line, and `extract` of a tampered
    /// archive extracts nothing, naming the entry.
    @Test func tamperedArchiveFailsVerifyAndExtractCleanly() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        let zip = sandbox.root.appendingPathComponent("ner.zip")
        #expect(try AimSpacyBinary.run(["archive", ner.path, "--out", zip.path]).status == 0)
        var bytes = try Data(contentsOf: zip)
        // One byte inside the data of train.log, found after its local header (30 bytes, name, extra field).
        let name = try #require(bytes.range(of: Data("experiment/ner-aim/train.log".utf8)))
        let extra = Int(bytes[name.lowerBound - 2]) | Int(bytes[name.lowerBound - 1]) << 8
        bytes[name.upperBound + extra + 40] ^= 0x5a
        try bytes.write(to: zip)
        let verify = try AimSpacyBinary.run(["verify", zip.path])
        #expect(verify.status != 0)
        #expect(!verify.stderr.contains("ExitCode"), "\(verify.stderr)")
        #expect(verify.stderr.split(separator: "\n").count == 1, "\(verify.stderr)")
        let target = sandbox.root.appendingPathComponent("out")
        let extract = try AimSpacyBinary.run(["extract", zip.path, "--to", target.path])
        #expect(extract.status != 0)
        #expect(extract.stderr.contains("does not match its manifest"), "\(extract.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
