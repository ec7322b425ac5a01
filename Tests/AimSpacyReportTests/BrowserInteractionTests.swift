@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation
import Testing

/// Drives the page script in headless Chromium: events are dispatched by a probe appended to the page's
/// own inline script (its CSP hash updated), which writes what it saw into `data-probe-*` attributes.
@Suite(.serialized, .enabled(if: Browser.path != nil, "no chromium binary found (install Debian's chromium: .ci/install-chromium.sh)"))
struct BrowserInteractionTests {
    static let runProbe = """
    (function () {
      var body = document.body, svg = document.querySelector("svg.chart"), rect = svg.getBoundingClientRect();
      svg.dispatchEvent(new PointerEvent("pointermove", { clientX: rect.left + rect.width * 0.6, clientY: rect.top + rect.height / 2, bubbles: true }));
      var tip = svg.parentNode.querySelector(".tip");
      body.setAttribute("data-probe-tip", tip.hidden ? "hidden" : tip.textContent);
      var path = svg.querySelector("path.line"), before = path.getAttribute("d");
      var slider = document.querySelector("input.smoothing");
      slider.value = "0";
      slider.dispatchEvent(new Event("input"));
      body.setAttribute("data-probe-resmoothed", String(path.getAttribute("d") !== before));
      document.querySelector("button[data-xmode='epoch']").click();
      body.setAttribute("data-probe-epoch", String(getComputedStyle(svg.querySelector(".xt-epoch")).display !== "none"));
      var select = document.querySelector("select.step-select");
      select.value = "s200";
      select.dispatchEvent(new Event("change"));
      body.setAttribute("data-probe-renders", String(document.querySelectorAll(".render:not([hidden])").length));
    })();
    """

    static let indexProbe = """
    (function () {
      var body = document.body, filter = document.querySelector("input.filter");
      filter.value = "spancat";
      filter.dispatchEvent(new Event("input"));
      body.setAttribute("data-probe-filtered", String(document.querySelectorAll("tr.run:not([hidden])").length));
      filter.value = "";
      filter.dispatchEvent(new Event("input"));
      var name = document.querySelector("table.runs thead th");
      name.click();
      name.click();
      var names = Array.prototype.map.call(document.querySelectorAll("tbody.group")[0].querySelectorAll("tr.run td:first-child"), function (td) { return td.textContent.trim(); });
      body.setAttribute("data-probe-sorted", names.join("|"));
    })();
    """

    /// The page with `probe` appended to its inline script and the CSP hash recomputed.
    static func probed(_ page: [UInt8], _ probe: String) throws -> String {
        let html = String(decoding: page, as: UTF8.self)
        let open = try #require(html.range(of: "<script>")), close = try #require(html.range(of: "</script>"))
        let script = String(html[open.upperBound..<close.lowerBound])
        let probedScript = script.replacingOccurrences(of: "\n//]]>", with: "\n" + probe + "\n//]]>")
        return html.replacingOccurrences(of: ReportSHA256.base64(script), with: ReportSHA256.base64(probedScript))
            .replacingOccurrences(of: script, with: probedScript)
    }

    @Test func chartsSmoothingAxisAndGalleryRespond() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions())
        let page = try #require(files.first { $0.key.hasPrefix("runs/3f2a9c41") }?.value)
        let url = dir.url.appendingPathComponent("run.html")
        try Data(try Self.probed(page, Self.runProbe).utf8).write(to: url)
        let dom = try Browser.run(["--window-size=1280,1000", "--dump-dom", url.absoluteString], in: dir.url)
        #expect(dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }.isEmpty, "\(dom.stderr)")
        // 60 % across the loss chart is step 350; TensorBoard's debiased EMA (0.6) of tok2vec's loss there is 50.87.
        #expect(dom.stdout.contains("data-probe-tip=\"step 350 · epoch 1tok2vec: 19.92 (smoothed 50.87)ner: 151.6 (smoothed 207.3)\""))
        #expect(dom.stdout.contains("data-probe-resmoothed=\"true\""))
        #expect(dom.stdout.contains("data-probe-epoch=\"true\""))
        #expect(dom.stdout.contains("data-probe-renders=\"2\""))
    }

    @Test func indexFiltersAndSorts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions())
        let url = dir.url.appendingPathComponent("index.html")
        try Data(try Self.probed(try #require(files["index.html"]), Self.indexProbe).utf8).write(to: url)
        let dom = try Browser.run(["--dump-dom", url.absoluteString], in: dir.url)
        #expect(dom.stdout.contains("data-probe-filtered=\"1\""))
        #expect(dom.stdout.contains("data-probe-sorted=\"ner-aim-lr2|ner-aim\""))
    }
}
