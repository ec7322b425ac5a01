import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// `aim-spacy export --to tensorboard` as a user runs it: what `--json` prints, a second export
/// changing nothing, and usage errors as one line with a non-zero exit.
@Suite struct TensorBoardCommandTests {
    @Test func exportTwice() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repo = directory.url.appendingPathComponent("repo").path
        let out = directory.url.appendingPathComponent("tb").path
        #expect(try Subprocess.aimSpacy(["import", Fixture.url("trainings").path, "--repo", repo]).status == 0)
        let hashes = try Subprocess.aimSpacy(["runs", "--repo", repo, "--json"])
        guard case .array(let listed) = try JSONValue.parse(String(decoding: hashes.stdout, as: UTF8.self)) else {
            Issue.record("runs --json printed no array")
            return
        }
        for expected in ["created", "unchanged"] {
            let result = try Subprocess.aimSpacy(["export", "--repo", repo, "--to", "tensorboard", out, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let printed = try JSONValue.parse(String(decoding: result.stdout, as: UTF8.self))
            #expect(printed["target"] == .string("tensorboard"))
            guard case .array(let runs) = printed["runs"] ?? .null else { Issue.record("no runs"); continue }
            #expect(Set(runs.compactMap { $0["hash"]?.stringValue }) == Set(listed.compactMap { $0["hash"]?.stringValue }))
            for run in runs {
                #expect(run["status"] == .string(expected))
                let file = out + "/" + (run["folder"]?.stringValue ?? "") + "/" + (run["file"]?.stringValue ?? "")
                #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            }
        }
    }

    @Test(arguments: [
        ["--to", "tensorboard"], ["--to", "wandb", "x"], ["--to", "tensorboard", "a", "b"], [],
        ["--to", "mlflow", "not a url"], ["--to", "tensorboard", "x", "--replace"],
    ])
    func usageErrors(arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repo = directory.url.appendingPathComponent("repo").path
        #expect(try Subprocess.aimSpacy(["import", Fixture.url("trainings/spancat-jsonl").path, "--repo", repo]).status == 0)
        let result = try Subprocess.aimSpacy(["export", "--repo", repo] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("x").path))
    }
}
