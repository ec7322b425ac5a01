import AimSpacyModel
@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation
import Testing

@Suite struct ReportSiteTests {
    @Test func goldenIndexRunPageAndComparison() throws {
        let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions(title: "Fixture trainings"))
        let ner = try #require(files.keys.first { $0.hasPrefix("runs/3f2a9c41") })
        let compare = try #require(files.keys.first { $0.hasPrefix("compare/ner-") })
        try Goldens.check(try #require(files["index.html"]), named: "index.html")
        try Goldens.check(try #require(files[ner]), named: "run-ner-aim.html")
        try Goldens.check(try #require(files[compare]), named: "compare-ner.html")
        // REPORT_PREVIEW_DIR=/some/dir keeps the whole site for a look in a browser.
        if let preview = ProcessInfo.processInfo.environment["REPORT_PREVIEW_DIR"] {
            _ = try ReportFiles.write(files, to: URL(fileURLWithPath: preview, isDirectory: true))
        }
    }

    @Test func everyFileIsValidAndSelfContained() throws {
        for single in [false, true] {
            let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions(singleFile: single))
            #expect(files.count == (single ? 1 : 1 + 3 + 2))
            for (path, bytes) in files {
                #expect(ReportValidator.check(page: bytes) == [], "\(path)")
                let text = String(decoding: bytes, as: UTF8.self)
                // The only URLs are XML namespace names, which nothing fetches.
                let urls = text.components(separatedBy: "://").dropFirst().map { String($0.prefix(30)) }
                #expect(urls.allSatisfy { $0.hasPrefix("www.w3.org/") }, "\(path): \(urls)")
                #expect(text.contains("Content-Security-Policy"))
            }
        }
    }

    @Test func pagesHoldChartsScoresConfigAndGallery() throws {
        let runs = try SampleRuns.all()
        let files = try ReportSite.render(runs: runs, options: ReportOptions())
        let page = String(decoding: try #require(files.first { $0.key.hasPrefix("runs/3f2a9c41") }?.value), as: UTF8.self)
        let inspection = PageInspection(Array(page.utf8))
        // One chart per metric: loss (two components overlaid), ents_f, ents_p, ents_r, score.
        #expect(inspection.elements.filter { $0 == "svg" }.count >= 5)
        #expect(page.contains("data-label=\"tok2vec\"") && page.contains("data-label=\"ner\""))
        #expect(page.contains("log scale"))
        #expect(page.contains("ents_per_type") && page.contains("PERSON"))
        #expect(page.contains("<th class=\"num\">evaluate</th>"))
        #expect(page.contains("<summary>training"))
        #expect(page.contains("0.7300 at step 550 (epoch 2)"))
        // The gallery: five distinct renders, the last step's shown.
        #expect(page.components(separatedBy: "class=\"render\"").count - 1 == 5)
        #expect(page.contains("<option value=\"s600\" selected=\"selected\">step 600 · gold docs of viz_path</option>"))
        #expect(page.contains("<mark class=\"entity\""))
        #expect(page.contains("width:600px;height:200px"))
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        for run in runs { #expect(index.contains(run.name)) }
        #expect(index.contains("compare/selection.html"))
        #expect(index.components(separatedBy: "<svg class=\"spark\"").count - 1 == runs.count)
    }

    @Test func renderingIsDeterministic() throws {
        let runs = try SampleRuns.all()
        let a = try ReportSite.render(runs: runs, options: ReportOptions())
        let b = try ReportSite.render(runs: runs.reversed(), options: ReportOptions())
        #expect(a == b)
    }

    @Test func rewritingWritesOnlyChangedFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var runs = try SampleRuns.all()
        let first = try ReportFiles.write(try ReportSite.render(runs: runs, options: ReportOptions()), to: dir.url)
        #expect(first.written.count == 6 && first.unchanged.isEmpty)
        let again = try ReportFiles.write(try ReportSite.render(runs: runs, options: ReportOptions()), to: dir.url)
        #expect(again.written.isEmpty && again.unchanged.count == 6)
        runs[2].warnings = ["changed"]
        let third = try ReportFiles.write(try ReportSite.render(runs: runs, options: ReportOptions()), to: dir.url)
        #expect(third.written == ["runs/c0ffee5a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccd.html"])
        let check = try ReportFiles.check(directory: dir.url)
        #expect(check.files == 6 && check.problems.isEmpty)
    }

    @Test func checkFindsBrokenPages() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("<!DOCTYPE html><html><body><p>open".utf8).write(to: dir.url.appendingPathComponent("bad.html"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"https://example.com/\"></a></svg>".utf8)
            .write(to: dir.url.appendingPathComponent("chart.svg"))
        let check = try ReportFiles.check(directory: dir.url)
        #expect(check.files == 2)
        #expect(check.problems.contains { $0.hasPrefix("bad.html: xml") })
        #expect(check.problems.contains { $0.hasPrefix("chart.svg:") && $0.contains("external") })
        let one = try ReportFiles.check(directory: dir.url.appendingPathComponent("bad.html"))
        #expect(one.files == 1 && !one.problems.isEmpty)
        #expect(throws: ReportError.self) { try ReportFiles.check(directory: dir.url.appendingPathComponent("none")) }
    }

    @Test func templatesCanBeOverridden() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let custom = ReportTemplates.embedded["index"]!.replacingOccurrences(of: "<h1>Runs</h1>", with: "<h1>Our trainings</h1>")
        try Data(custom.utf8).write(to: dir.url.appendingPathComponent("index.mustache"))
        let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions(templatesDirectory: dir.url.path))
        #expect(String(decoding: files["index.html"]!, as: UTF8.self).contains("<h1>Our trainings</h1>"))
        #expect(throws: ReportError.self) {
            try ReportSite.render(runs: [], options: ReportOptions(templatesDirectory: dir.url.appendingPathComponent("missing").path))
        }
    }

    @Test func embeddedTemplatesMatchTemplatesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files.map { String($0.dropLast(9)) } == ReportTemplates.names)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(ReportTemplates.embedded[String(file.dropLast(9))] == text, "\(file)")
        }
    }

    @Test func singleFileLinksStayInTheFile() throws {
        let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions(singleFile: true))
        let page = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        let inspection = PageInspection(Array(page.utf8))
        let hrefs = inspection.attributes.filter { $0.name == "href" }.map(\.value)
        #expect(!hrefs.isEmpty && hrefs.allSatisfy { $0.hasPrefix("#") })
        let ids = Set(inspection.attributes.filter { $0.name == "id" }.map(\.value))
        for href in hrefs { #expect(ids.contains(String(href.dropFirst())), "dangling \(href)") }
        #expect(inspection.elements.filter { $0 == "main" }.count == 6)
    }

    @Test func sparseRunsStillRenderValidPages() throws {
        let bare = Run(hash: "bare", name: "bare", created: Date(timeIntervalSince1970: 0), imported: Date(timeIntervalSince1970: 0), complete: false)
        var one = bare
        one.hash = "one"
        one.series = [MetricSeries(name: "score", points: [MetricPoint(step: 0, epoch: 0, value: .nan), MetricPoint(step: 5, epoch: 0, value: 0.5)])]
        one.visualisations = [Visualisation(step: 5, style: "ent", renderIDs: ["missing"])]
        for runs in [[], [bare], [bare, one]] {
            let files = try ReportSite.render(runs: runs, options: ReportOptions(smoothing: 0))
            for (path, bytes) in files { #expect(ReportValidator.check(page: bytes) == [], "\(path)") }
        }
        let page = String(decoding: try ReportSite.render(runs: [bare], options: ReportOptions())["runs/bare.html"]!, as: UTF8.self)
        #expect(page.contains("No metrics were logged.") && page.contains("interrupted"))
    }

    @Test func brokenTemplateIsReportedByName() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("{{#runs}} unclosed".utf8).write(to: dir.url.appendingPathComponent("index.mustache"))
        #expect {
            try ReportSite.render(runs: [], options: ReportOptions(templatesDirectory: dir.url.path))
        } throws: { ($0 as? ReportError)?.message.contains("index.mustache") == true }
    }

    @Test func optionsOutOfRangeAreRejected() {
        #expect(throws: ReportError.self) { try ReportSite.render(runs: [], options: ReportOptions(smoothing: 1.5)) }
        #expect(throws: ReportError.self) { try ReportSite.render(runs: [], options: ReportOptions(maxPoints: 1)) }
    }
}
