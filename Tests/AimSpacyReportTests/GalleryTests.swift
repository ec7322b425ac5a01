import AimSpacyModel
@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation
import Testing

/// The run page's displaCy gallery: each render wrapped, untouched, in a box that scales it into its
/// `image_size` frame, and captioned as the gold docs of `viz_path` it is.
struct GalleryTests {
    /// Dev docs whose markup spaCy rendered (`expected/dev.displacy.jsonl`).
    static let docs = [0, 1, 2, 3, 5]

    /// A run whose gallery shows the `style` renders of `docs` at steps 200 and 400, as the AimLogger logs them.
    static func run(style: String, width: Int = 600, height: Int = 200) throws -> Run {
        var run = try SampleRuns.nerAim()
        let renders = try SampleRuns.displacy(style, indices: docs)
        run.settings.imageWidth = width
        run.settings.imageHeight = height
        run.renders = renders
        run.visualisations = [200, 400].map { Visualisation(step: $0, style: style, renderIDs: renders.map(\.id)) }
        return run
    }

    static func page(_ run: Run) throws -> String {
        let files = try ReportSite.render(runs: [run], options: ReportOptions())
        return String(decoding: try #require(files.first { $0.key.hasPrefix("runs/") }?.value), as: UTF8.self)
    }

    /// What follows the wrapper's opening tags of render `n`: the markup, then the wrapper's closing tags.
    static func wrapped(_ page: String, render n: Int) throws -> (outer: String, inner: String?, rest: Substring) {
        let start = try #require(page.range(of: "-r\(n)\" data-steps="))
        let fitOpen = try #require(page.range(of: "<div class=\"fit\" style=\"", range: start.upperBound..<page.endIndex))
        let fitEnd = try #require(page.range(of: "\">", range: fitOpen.upperBound..<page.endIndex))
        let outer = String(page[fitOpen.upperBound..<fitEnd.lowerBound])
        let scaledOpen = "<div class=\"scaled\" style=\""
        guard page[fitEnd.upperBound...].hasPrefix(scaledOpen) else { return (outer, nil, page[fitEnd.upperBound...]) }
        let innerStart = page.index(fitEnd.upperBound, offsetBy: scaledOpen.count)
        let innerEnd = try #require(page.range(of: "\">", range: innerStart..<page.endIndex))
        return (outer, String(page[innerStart..<innerEnd.lowerBound]), page[innerEnd.upperBound...])
    }

    @Test(arguments: ["dep", "ent", "span"])
    func markupInsideTheWrapperIsDisplacysOutput(style: String) throws {
        let run = try Self.run(style: style)
        let page = try Self.page(run)
        let pageID = try #require(page.components(separatedBy: "<main class=\"page\" id=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) })
        for (n, render) in run.renders.enumerated() {
            let shown = MarkupSanitizer.sanitize(render.markup, idPrefix: "\(pageID)-d\(n)-")
            let (_, inner, rest) = try Self.wrapped(page, render: n)
            let closing = (inner == nil ? "" : "</div>") + "</div></div></div>\n"
            #expect(rest.hasPrefix(shown + closing), "render \(n) (\(style)) is not displaCy's markup as the page shows it")
            #expect((inner == nil) == (style != "dep"))
        }
    }

    /// The page's sanitising keeps spaCy's markup byte for byte, but for the page-unique ids of dep renders.
    @Test(arguments: ["dep", "ent", "span"])
    func shownMarkupIsSpacysMarkup(style: String) throws {
        for (n, render) in try SampleRuns.displacy(style, indices: Self.docs).enumerated() {
            let shown = MarkupSanitizer.sanitize(render.markup, idPrefix: "p-d\(n)-")
            let expected = render.markup.replacingOccurrences(of: " id=\"", with: " id=\"p-d\(n)-")
                .replacingOccurrences(of: " xlink:href=\"#", with: " xlink:href=\"#p-d\(n)-")
            #expect(shown == expected, "doc \(Self.docs[n]) (\(style)): first difference at \(shown.commonPrefix(with: expected).count)")
        }
    }

    /// A dep render is scaled exactly to fit: the whole SVG inside the frame, touching it on one side.
    @Test(arguments: [(600, 200), (300, 400), (2000, 600)])
    func depRendersFitTheirFrame(frame: (Int, Int)) throws {
        for render in try SampleRuns.displacy("dep", indices: Self.docs) {
            let size = try #require(RenderFit.svgSize(Array(render.markup.utf8)))
            let fit = RenderFit(markup: render.markup, width: frame.0, height: frame.1)
            #expect(fit.layoutWidth == size.width && fit.layoutHeight == size.height)
            #expect(fit.scale <= 1)
            #expect(size.width * fit.scale <= Double(frame.0) && size.height * fit.scale <= Double(frame.1))
            let slack = min(Double(frame.0) - size.width * fit.scale, Double(frame.1) - size.height * fit.scale)
            #expect(fit.scale == 1 || slack < 1, "scale \(fit.scale) leaves \(slack)px on both sides")
        }
    }

    @Test func captionsSayTheStepRendersAreGoldDocsOfVizPath() throws {
        let page = try Self.page(try Self.run(style: "dep"))
        #expect(page.contains("The renders of a logged step are the gold docs of viz_path <code>corpus/dev.spacy</code>"))
        #expect(page.contains("<option value=\"s200\">step 200 · gold docs of viz_path</option>"))
        for (n, doc) in Self.docs.enumerated() {
            #expect(page.contains("-r\(n)\" data-steps=\"s200 s400\"><p class=\"caption\">gold doc \(n) of viz_path corpus/dev.spacy · shown at "),
                    "render of dev doc \(doc)")
        }
        #expect(!page.contains("The renders of the final model"))
        let sample = try Self.page(try SampleRuns.nerAim())
        #expect(sample.contains("<option value=\"final\">final model · predictions</option>"))
        #expect(sample.contains("as the final model predicts it"))
    }
}
