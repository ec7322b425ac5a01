import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// A shared report or archive does not tell who made it and where: local paths of corpora and
/// sources appear relative to the training folder (a file outside it by its name), absolute only
/// with `report --absolute-paths`.
@Suite struct SharedPathTests {
    @Test func reportAndArchiveCarryNoLocalPaths() throws {
        let sandbox = try ImportSandbox()
        defer { sandbox.remove() }
        let ner = try sandbox.copyTraining("ner-aim")
        let imported = try AimSpacyBinary.run(["import", ner.path, "--repo", sandbox.repo.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        // The repository keeps where the corpora were read from (outside the training folder).
        let shown = try AimSpacyBinary.run(["show", "--repo", sandbox.repo.path, "ner-aim"])
        #expect(shown.stdout.contains(sandbox.root.appendingPathComponent("project/corpus/train.spacy").path))

        let site = sandbox.root.appendingPathComponent("site")
        #expect(try AimSpacyBinary.run(["report", "--repo", sandbox.repo.path, "--out", site.path]).status == 0)
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        for page in pages {
            let text = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            #expect(!text.contains(sandbox.root.path), "\(page) shows a local path")
        }
        let runPage = try #require(pages.first { $0.hasPrefix("runs/") })
        #expect(try String(contentsOf: site.appendingPathComponent(runPage), encoding: .utf8).contains("train.spacy"))

        let absolute = sandbox.root.appendingPathComponent("absolute")
        #expect(try AimSpacyBinary.run(["report", "--repo", sandbox.repo.path, "--out", absolute.path, "--absolute-paths"]).status == 0)
        let withPaths = try String(contentsOf: absolute.appendingPathComponent(runPage), encoding: .utf8)
        #expect(withPaths.contains(sandbox.root.appendingPathComponent("project/corpus/train.spacy").path))

        for source in [ner.path, "ner-aim"] {
            let zip = sandbox.root.appendingPathComponent("archive-\(source.count).zip")
            let archived = try AimSpacyBinary.run(["archive", source, "--repo", sandbox.repo.path, "--out", zip.path])
            #expect(archived.status == 0, "\(archived.stderr)")
            let out = sandbox.root.appendingPathComponent("extracted-\(source.count)")
            #expect(try AimSpacyBinary.run(["extract", zip.path, "--to", out.path]).status == 0)
            for name in try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path) {
                let json = try String(contentsOf: out.appendingPathComponent("runs/\(name)"), encoding: .utf8)
                #expect(!json.contains(sandbox.root.path), "runs/\(name) of \(source) holds a local path")
            }
        }
    }
}
