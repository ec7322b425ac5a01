import AimSpacyModel
@testable import AimSpacyReport
import Foundation
import Testing

/// Runs whose every data-derived string holds markup render with none of it active.
@Suite struct ReportEscapingTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "</svg><script>alert(3)</script>",
        "'><svg onload=alert(4)>",
        "]]></script><script>alert(5)</script>",
    ]

    static func hostileRun(_ n: Int, experiment: String) throws -> Run {
        let p = payloads[n % payloads.count]
        var run = try SampleRuns.nerAim()
        run.hash = "hostile\(n)" + p
        run.experiment = experiment
        run.name = "run \(p)"
        run.tags = [p, "ok"]
        run.description = p
        run.pipeline = ["tok2vec", p]
        run.lang = p
        run.spacyVersion = p
        run.settings.experimentType = p
        run.hyperparameters = .object([
            ("training", .object([("seed", .string(p)), (p, .int(n)), ("nested", .object([(p, .array([.string(p)]))]))])),
        ])
        run.series.append(MetricSeries(name: p, context: ["component": p], points: [MetricPoint(step: 0, epoch: 0, value: 1)]))
        run.finalScores = [FinalScores(
            model: p, scores: [NamedScore(name: p, value: 0.5), NamedScore(name: "ents_f", value: 0.7)],
            perLabel: [ScoreTable(name: p, rows: [ScoreRow(label: p, metrics: [NamedScore(name: p, value: 0.4)])])]
        )]
        run.datasets = [DatasetStatistics(role: p, path: p, docs: 1, tokens: 2, sentences: 1,
                                          entityLabels: [LabelCount(label: p, count: 3)], spanLabels: [LabelCount(label: p, count: 1)])]
        // Markup as an unsafe renderer would write it for a doc whose text holds the payload.
        let markup = "<div class=\"entities\" style=\"line-height: 2.5\">\(p) <mark class=\"entity\" onmouseover=\"alert(6)\" "
            + "style=\"background: url(https://evil.example/x.png)\">Alice<span>\(p)</span></mark><iframe src=\"https://evil.example/\"></iframe>"
            + "<a href=\"javascript:alert(7)\">x</a></br></div>"
        let dep = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"displacy\" width=\"400\" height=\"200\" onload=\"alert(8)\">"
            + "<text class=\"displacy-token\" y=\"100\"><tspan class=\"displacy-word\" x=\"50\">\(p)</tspan></text>"
            + "<g class=\"displacy-arrow\"><path class=\"displacy-arc\" id=\"arrow-x-0\" d=\"M70,2 C70,1 200,1 200,2\"/>"
            + "<text dy=\"1.25em\"><textPath xlink:href=\"#arrow-x-0\" startOffset=\"50%\" side=\"left\">\(p)</textPath></text></g></svg>"
        run.renders = [Render(id: "r\(n)", style: "ent", markup: markup), Render(id: "d\(n)", style: "dep", markup: dep)]
        run.visualisations = [Visualisation(step: 0, style: p, renderIDs: ["r\(n)", "d\(n)"])]
        run.sources = [SourceFile(path: p, size: 1, sha256: p, role: p)]
        run.warnings = [p]
        run.evaluation = .object([(p, .string(p))])
        return run
    }

    static let allowedElements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "nav", "a", "span", "main", "h1", "h2", "h3", "h4",
        "p", "div", "label", "input", "table", "thead", "tbody", "tr", "th", "td", "code", "dl", "dt", "dd", "section",
        "button", "figure", "figcaption", "svg", "g", "line", "text", "path", "circle", "ul", "li", "details", "summary",
        "pre", "select", "option", "mark", "footer", "script", "br", "output", "tspan", "textpath",
    ]

    @Test(arguments: [false, true])
    func nothingFromDataBecomesActive(singleFile: Bool) throws {
        let runs = try (0..<Self.payloads.count).map { try Self.hostileRun($0, experiment: Self.payloads[$0 % 2]) }
        let files = try ReportSite.render(runs: runs, options: ReportOptions(title: Self.payloads[0], singleFile: singleFile))
        #expect(files.keys.allSatisfy { !$0.contains("<") && !$0.contains("\"") && !$0.contains("'") })
        for (path, bytes) in files {
            #expect(ReportValidator.check(page: bytes) == [], "\(path)")
            let page = PageInspection(bytes)
            #expect(page.xmlWellFormed, "\(path)")
            #expect(page.scripts.count == 1, "\(path): \(page.scripts.count) scripts")
            #expect(page.scripts.allSatisfy { $0.contains("data-script") && !$0.contains("alert(") }, "\(path)")
            let handlers = page.attributes.filter { $0.name.lowercased().hasPrefix("on") }
            #expect(handlers.isEmpty, "\(path): \(handlers.map(\.name))")
            let unexpected = Set(page.elements).subtracting(Self.allowedElements)
            #expect(unexpected.isEmpty, "\(path): \(unexpected)")
            let links = page.attributes.filter { ["href", "src"].contains($0.name) }.map(\.value)
            #expect(links.allSatisfy { !$0.contains(":") }, "\(path): \(links)")
            let styles = page.attributes.filter { $0.name == "style" }.map(\.value)
            #expect(styles.allSatisfy { !$0.contains("url(") }, "\(path)")
            // The payloads are still there, as text.
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
        }
    }

    @Test func sanitizerKeepsDisplacyMarkupAndDropsActiveParts() throws {
        let ent = try SampleRuns.displacy("ent", indices: [3])[0].markup
        let clean = MarkupSanitizer.sanitize(ent)
        #expect(clean.contains("<mark class=\"entity\" style=\"background: #aa9cfc;"))
        #expect(clean.contains("PERSON</span>"))
        #expect(clean.contains("&quot;But I don't want to go among mad people"))
        let dep = try SampleRuns.displacy("dep", indices: [16])[0].markup
        let svg = MarkupSanitizer.sanitize(dep, idPrefix: "p-")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""))
        #expect(svg.contains("<textPath xlink:href=\"#p-arrow-"))
        #expect(svg.contains("id=\"p-arrow-"))
        #expect(ReportValidator.check(page: Array(svg.utf8), isSVG: true) == [])
        let hostile = MarkupSanitizer.sanitize("<svg onload=\"alert(1)\"><script>alert(2)</script><a xlink:href=\"javascript:alert(3)\"><text>t</text></a></svg>")
        #expect(!hostile.contains("alert"))
        #expect(hostile.contains("<text>t</text>"))
    }
}
