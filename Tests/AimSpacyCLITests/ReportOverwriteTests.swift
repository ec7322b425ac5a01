import AimSpacyTestSupport
import Foundation
import Testing

/// `report` and `import --report` write only where nothing is or where an earlier report of the
/// tool is; anything else is refused with one line (unless `--force`), and nothing inside the
/// repository folder is ever written.
@Suite struct ReportOverwriteTests {
    /// A sandbox with both fixture trainings imported.
    private func imported() throws -> (ImportSandbox, ner: URL) {
        let sandbox = try ImportSandbox()
        let ner = try sandbox.copyTraining("ner-aim")
        try sandbox.copyTraining("spancat-jsonl")
        let result = try AimSpacyBinary.run(["import", ner.deletingLastPathComponent().path, "--repo", sandbox.repo.path])
        #expect(result.status == 0, "\(result.stderr)")
        return (sandbox, ner)
    }

    /// Files a user could point `--single-file` at by mistake: the database, a training's log, a page of their own.
    static let foreignTargets = ["repo/runs.sqlite", "project/trainings/ner-aim/train.log", "notes.html"]

    @Test(arguments: foreignTargets)
    func singleFileRefusesAFileItDidNotWrite(_ target: String) throws {
        let (sandbox, _) = try imported()
        defer { sandbox.remove() }
        let url = sandbox.root.appendingPathComponent(target)
        if !FileManager.default.fileExists(atPath: url.path) { try Data("<html><body>mine</body></html>".utf8).write(to: url) }
        let before = try Data(contentsOf: url)
        let result = try AimSpacyBinary.run(["report", "--repo", sandbox.repo.path, "--single-file", url.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(url.path))
        if url.lastPathComponent == "runs.sqlite" {
            // SQLite itself may touch the database when the report opens it; it must still be the repository.
            #expect(try Data(contentsOf: url).prefix(16) == Data("SQLite format 3\u{0}".utf8))
            #expect(try AimSpacyBinary.run(["runs", "--repo", sandbox.repo.path]).stdout.contains("ner-aim"))
        } else {
            #expect(try Data(contentsOf: url) == before)
        }
    }

    @Test func forceReplacesAForeignPageAndAnEarlierReportIsReplacedAnyway() throws {
        let (sandbox, _) = try imported()
        defer { sandbox.remove() }
        let page = sandbox.root.appendingPathComponent("notes.html")
        try Data("<html><body>mine</body></html>".utf8).write(to: page)
        let forced = try AimSpacyBinary.run(["report", "--repo", sandbox.repo.path, "--single-file", page.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let retitled = try AimSpacyBinary.run(["report", "--repo", sandbox.repo.path, "--single-file", page.path, "--title", "Other"])
        #expect(retitled.status == 0, "\(retitled.stderr)")
        #expect(try String(contentsOf: page, encoding: .utf8).contains("Other"))
        #expect(try AimSpacyBinary.run(["report", "--check", page.path]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.root.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func outInsideTheRepositoryIsRefused() throws {
        let (sandbox, _) = try imported()
        defer { sandbox.remove() }
        let inside = sandbox.repo.appendingPathComponent("site")
        let result = try AimSpacyBinary.run(["report", "--repo", sandbox.repo.path, "--out", inside.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: inside.path))
    }

    /// A folder with an `index.html` of someone else's: `report --out` and `import --report` keep it,
    /// write nothing else either, and `--force` replaces it.
    @Test(arguments: ["report", "import"])
    func foreignIndexIsKept(_ command: String) throws {
        let (sandbox, ner) = try imported()
        defer { sandbox.remove() }
        let site = sandbox.root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let index = site.appendingPathComponent("index.html")
        try Data("<html><body>my index</body></html>".utf8).write(to: index)
        let arguments = command == "report"
            ? ["report", "--repo", sandbox.repo.path, "--out", site.path]
            : ["import", ner.path, "--repo", sandbox.repo.path, "--report", site.path]
        let refused = try AimSpacyBinary.run(arguments)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(index.path), "\(refused.stderr)")
        #expect(try String(contentsOf: index, encoding: .utf8) == "<html><body>my index</body></html>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path) == ["index.html"])
        let forced = try AimSpacyBinary.run(arguments + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try AimSpacyBinary.run(["report", "--check", site.path]).status == 0)
    }

    /// A report written into a training folder (a site, and a single page) is not read back as
    /// `spacy evaluate` output: the training imports again, unchanged.
    @Test func reportInsideTheTrainingFolderDoesNotBreakItsImport() throws {
        let (sandbox, ner) = try imported()
        defer { sandbox.remove() }
        let site = try AimSpacyBinary.run(["report", "--repo", sandbox.repo.path, "--out", ner.path])
        #expect(site.status == 0, "\(site.stderr)")
        let page = try AimSpacyBinary.run(
            ["report", "--repo", sandbox.repo.path, "--single-file", ner.appendingPathComponent("evaluate/report.html").path])
        #expect(page.status == 0, "\(page.stderr)")
        let nested = try AimSpacyBinary.run(
            ["report", "--repo", sandbox.repo.path, "--out", ner.deletingLastPathComponent().appendingPathComponent("report").path])
        #expect(nested.status == 0, "\(nested.stderr)")
        let again = try AimSpacyBinary.run(["import", ner.deletingLastPathComponent().path, "--repo", sandbox.repo.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 imported, 2 unchanged"), "\(again.stdout)")
    }

    /// An extracted archive (MANIFEST.json, runs/, report/ beside experiment/) imports like the archive.
    @Test func extractedArchiveImports() throws {
        let (sandbox, ner) = try imported()
        defer { sandbox.remove() }
        let zip = sandbox.root.appendingPathComponent("ner.zip")
        #expect(try AimSpacyBinary.run(["archive", ner.path, "--out", zip.path]).status == 0)
        let out = sandbox.root.appendingPathComponent("extracted")
        #expect(try AimSpacyBinary.run(["extract", zip.path, "--to", out.path]).status == 0)
        let result = try AimSpacyBinary.run(["import", out.path, "--repo", sandbox.repo.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 imported, 1 unchanged"), "\(result.stdout)")
    }

    @Test func archiveOutRefusesAFileItDidNotWrite() throws {
        let (sandbox, ner) = try imported()
        defer { sandbox.remove() }
        let database = sandbox.repo.appendingPathComponent("runs.sqlite")
        let refused = try AimSpacyBinary.run(["archive", ner.path, "--out", database.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(try AimSpacyBinary.run(["runs", "--repo", sandbox.repo.path]).stdout.contains("ner-aim"))
        let zip = sandbox.root.appendingPathComponent("ner.zip")
        for _ in 0..<2 {
            let archived = try AimSpacyBinary.run(["archive", ner.path, "--out", zip.path])
            #expect(archived.status == 0, "\(archived.stderr)")
        }
        let notes = sandbox.root.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: notes)
        #expect(try AimSpacyBinary.run(["archive", ner.path, "--out", notes.path]).status != 0)
        #expect(try String(contentsOf: notes, encoding: .utf8) == "mine")
        #expect(try AimSpacyBinary.run(["archive", ner.path, "--out", notes.path, "--force"]).status == 0)
    }
}
