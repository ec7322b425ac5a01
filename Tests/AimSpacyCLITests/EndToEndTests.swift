import AimSpacyBackendTestSupport
import AimSpacyModel
import AimSpacyPipeline
import AimSpacyRepository
import AimSpacyTestSupport
import Foundation
import Testing

/// The commands that join the stages, run as a user runs them on a repository of each backend:
/// `import --report`, `report`, `archive` of folders and of runs, and importing what was archived.
@Suite struct EndToEndTests {
    @Test(arguments: Backend.allCases)
    func importWithReportThenReportBySelectionAndCheck(_ backend: Backend) throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        let spancat = try sandbox.copyTraining("spancat-jsonl")
        let site = sandbox.root.appendingPathComponent("site")
        let imported = try AimSpacyBinary.run(
            ["import", ner.path, spancat.path, "--repo", sandbox.location, "--report", site.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("ner-aim") && index.contains("spancat-jsonl"))
        #expect(try AimSpacyBinary.run(["report", "--check", site.path]).status == 0)

        let selected = sandbox.root.appendingPathComponent("selected")
        let byQuery = try AimSpacyBinary.run(
            ["report", "--repo", sandbox.location, "--query", "run.experiment == \"alice-ner\"", "--out", selected.path])
        #expect(byQuery.status == 0, "\(byQuery.stderr)")
        let selectedIndex = try String(contentsOf: selected.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(selectedIndex.contains("ner-aim") && !selectedIndex.contains("spancat-jsonl"))

        let single = sandbox.root.appendingPathComponent("one.html")
        let byName = try AimSpacyBinary.run(["report", "spancat-jsonl", "--repo", sandbox.location, "--single-file", single.path])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(try AimSpacyBinary.run(["report", "--check", single.path]).status == 0)

        let badQuery = try AimSpacyBinary.run(["report", "--repo", sandbox.location, "--query", "run.nosuch > 1", "--out", selected.path])
        #expect(badQuery.status != 0)
        #expect(badQuery.stderr.split(separator: "\n").count >= 1)
        #expect(badQuery.stderr.contains("nosuch"))
    }

    @Test(arguments: Backend.allCases)
    func archivingAFolderTwiceGivesTheSameBytesWithRunsAndReport(_ backend: Backend) throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("ner-aim")
        let first = sandbox.root.appendingPathComponent("a.zip")
        let second = sandbox.root.appendingPathComponent("b.zip")
        for zip in [first, second] {
            let result = try AimSpacyBinary.run(["archive", folder.path, "--out", zip.path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        #expect(try AimSpacyBinary.run(["verify", first.path]).status == 0)

        let out = sandbox.root.appendingPathComponent("out")
        #expect(try AimSpacyBinary.run(["extract", first.path, "--to", out.path]).status == 0)
        let imported = try AimSpacyBinary.run(["import", folder.path, "--repo", sandbox.location, "--json"])
        let report = try #require(try JSONValue.parse(imported.stdout)["runs"])
        guard case .array(let runs) = report, let hash = runs.first?["hash"]?.stringValue else {
            Issue.record("no run in \(imported.stdout)")
            return
        }
        let runJSON = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("runs/\(hash).json"), encoding: .utf8))
        #expect(runJSON["hash"]?.stringValue == hash)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report/index.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("experiment/ner-aim/train.log").path))
    }

    @Test(arguments: Backend.allCases)
    func archivingARunOfTheRepositoryImportsAsTheSameRun(_ backend: Backend) throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let folder = try sandbox.copyTraining("spancat-jsonl")
        #expect(try AimSpacyBinary.run(["import", folder.path, "--repo", sandbox.location]).status == 0)
        try FileManager.default.removeItem(at: folder)
        let zip = sandbox.root.appendingPathComponent("run.zip")
        let archived = try AimSpacyBinary.run(["archive", "spancat-jsonl", "--repo", sandbox.location, "--out", zip.path])
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(try AimSpacyBinary.run(["verify", zip.path]).status == 0)
        let other = try #require(try TestRepository.make(backend, in: sandbox.root, name: "other-repo"))
        defer { other.remove() }
        #expect(try AimSpacyBinary.run(["import", zip.path, "--repo", other.repo]).status == 0)
        let original = try sandbox.store().hashes()
        let again = try AimSpacyBinary.run(["runs", "--repo", other.repo, "--json"])
        guard case .array(let runs) = try JSONValue.parse(again.stdout) else {
            Issue.record("runs --json is not an array")
            return
        }
        #expect(runs.compactMap { $0["hash"]?.stringValue } == original)

        let missing = try AimSpacyBinary.run(["archive", "no-such-run", "--repo", sandbox.location, "--out", zip.path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no-such-run"))
    }

    @Test(arguments: Backend.allCases)
    func aProjectFolderWithItsOnlyConfigUnderConfigsIsOneRun(_ backend: Backend) async throws {
        guard let sandbox = try ImportSandbox(on: backend) else { return }
        defer { sandbox.remove() }
        let project = sandbox.root.appendingPathComponent("project-ner")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("configs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixture.url("trainings/ner-aim/config.cfg"), to: project.appendingPathComponent("configs/ner.cfg"))
        try FileManager.default.copyItem(at: Fixture.url("trainings/ner-aim/train.log"), to: project.appendingPathComponent("train.log"))
        let report = try await sandbox.importing([project])
        let run = try sandbox.run(report)
        #expect(run.pipeline == ["tok2vec", "ner"])
        #expect(run.sources.contains { $0.path == "configs/ner.cfg" && $0.role == "config" })
        #expect(run.hyperparameters.value(atPath: ["training", "max_steps"]) == .int(20000))
    }
}
