import AimSpacyModel
@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation
import Testing

/// A dep gallery in headless Chromium: every frame shows its whole doc (each word's box inside the frame,
/// the words those spaCy drew, dark pixels where they are in a screenshot), and the full-size anchor
/// shows the render unscaled.
@Suite(.serialized, .enabled(if: Browser.path != nil, "no chromium binary found (install Debian's chromium: .ci/install-chromium.sh)"))
struct GalleryBrowserTests {
    static let window = (width: 1280, height: 3200)

    /// Per visible render: its frame's inner box in page pixels, the words' text and box, whether the frame
    /// scrolls and the wrapper's transform; measured once the page has loaded, after `click` clicks "full size".
    static func probe(click: Bool) -> String {
        """
        window.addEventListener("load", function () {
          if (\(click)) { document.querySelector(".render:not([hidden]) a.open").click(); }
          setTimeout(function () {
            var frames = Array.prototype.map.call(document.querySelectorAll(".render:not([hidden])"), function (render) {
              var frame = render.querySelector(".frame"), f = frame.getBoundingClientRect();
              var box = { left: f.left + frame.clientLeft + scrollX, top: f.top + frame.clientTop + scrollY };
              box.right = box.left + frame.clientWidth;
              box.bottom = box.top + frame.clientHeight;
              var words = Array.prototype.map.call(render.querySelectorAll("tspan.displacy-word"), function (w) {
                var r = w.getBoundingClientRect();
                return { text: w.textContent, left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY };
              });
              return { frame: box, words: words, scrolls: frame.scrollWidth > frame.clientWidth || frame.scrollHeight > frame.clientHeight,
                       transform: getComputedStyle(render.querySelector(".scaled")).transform, id: render.id };
            });
            document.body.setAttribute("data-probe-gallery", encodeURIComponent(JSON.stringify({ hash: location.hash, frames: frames })));
          }, 50);
        });
        """
    }

    struct Box { var left, top, right, bottom: Double }
    struct Frame { var box: Box; var words: [(text: String, box: Box)]; var scrolls: Bool; var transform: String; var id: String }

    /// A dep gallery page with nothing above the gallery but the summary, so the frames fit one window.
    static func page(click: Bool = false) throws -> (run: Run, html: String) {
        var run = try GalleryTests.run(style: "dep")
        run.series = []
        run.finalScores = []
        run.hyperparameters = .object([])
        run.datasets = []
        run.sources = []
        let files = try ReportSite.render(runs: [run], options: ReportOptions())
        let page = try #require(files.first { $0.key.hasPrefix("runs/") }?.value)
        return (run, try BrowserInteractionTests.probed(page, probe(click: click)))
    }

    static func frames(_ url: String, in dir: TemporaryDirectory) throws -> (hash: String, frames: [Frame]) {
        let dom = try Browser.run(["--window-size=\(window.width),\(window.height)", "--dump-dom", url], in: dir.url)
        #expect(dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }.isEmpty, "\(dom.stderr)")
        let marker = "data-probe-gallery=\""
        let start = try #require(dom.stdout.range(of: marker), "the probe did not run")
        let encoded = dom.stdout[start.upperBound...].prefix { $0 != "\"" }
        let json = try JSONValue.parse(try #require(String(encoded).removingPercentEncoding))
        func box(_ v: JSONValue?) -> Box {
            Box(left: v?["left"]?.doubleValue ?? .nan, top: v?["top"]?.doubleValue ?? .nan,
                right: v?["right"]?.doubleValue ?? .nan, bottom: v?["bottom"]?.doubleValue ?? .nan)
        }
        let frames = (json["frames"]?.items ?? []).map { f in
            Frame(box: box(f["frame"]), words: (f["words"]?.items ?? []).map { ($0["text"]?.stringValue ?? "", box($0)) },
                  scrolls: f["scrolls"]?.flag ?? true, transform: f["transform"]?.stringValue ?? "", id: f["id"]?.stringValue ?? "")
        }
        return (json["hash"]?.stringValue ?? "", frames)
    }

    /// The words spaCy drew for dev doc `index` (its `displacy-word` tspans in `expected/dev.displacy.jsonl`).
    static func spacyWords(_ index: Int) throws -> [String] {
        let lines = try String(contentsOf: Fixture.url("expected/dev.displacy.jsonl"), encoding: .utf8).split(separator: "\n")
        let markup = try #require(try JSONValue.parse(String(lines[index]))["dep"]?.stringValue)
        return markup.components(separatedBy: "<tspan class=\"displacy-word\"").dropFirst().map { tail in
            let text = tail.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            return String(text).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test func eachFrameShowsItsWholeDoc() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, html) = try Self.page()
        let url = dir.url.appendingPathComponent("run.html")
        try Data(html.utf8).write(to: url)
        let (_, frames) = try Self.frames(url.absoluteString, in: dir)
        try #require(frames.count == GalleryTests.docs.count)

        let shot = dir.url.appendingPathComponent("gallery.png")
        _ = try Browser.run(["--screenshot=\(shot.path)", "--window-size=\(Self.window.width),\(Self.window.height)", "--hide-scrollbars", url.absoluteString], in: dir.url)
        let png = try #require(PNGImage(Array(try Data(contentsOf: shot))), "screenshot is not a PNG we can read")
        if let keep = ProcessInfo.processInfo.environment["REPORT_SCREENSHOT_DIR"] {
            try? FileManager.default.copyItem(at: shot, to: URL(fileURLWithPath: keep).appendingPathComponent("gallery.png"))
        }

        for (frame, doc) in zip(frames, GalleryTests.docs) {
            try #require(frame.box.bottom <= Double(Self.window.height), "dev doc \(doc): the frame \(frame.box) ends below the screenshot")
            let words = try Self.spacyWords(doc)
            #expect(frame.words.map(\.text) == words, "dev doc \(doc): the frame's words \(frame.words.map(\.text).prefix(8)) are not the doc's \(words.prefix(8))")
            #expect(abs(frame.box.right - frame.box.left - 600) < 0.5 && abs(frame.box.bottom - frame.box.top - 200) < 0.5, "dev doc \(doc): frame \(frame.box)")
            let outside = frame.words.filter {
                !($0.box.left >= frame.box.left - 0.5 && $0.box.right <= frame.box.right + 0.5
                    && $0.box.top >= frame.box.top - 0.5 && $0.box.bottom <= frame.box.bottom + 0.5)
            }
            #expect(outside.isEmpty, "dev doc \(doc): \(outside.count) of \(frame.words.count) words outside the frame \(frame.box), e.g. \(outside.first.map { "\($0.text) \($0.box)" } ?? "")")
            #expect(!frame.scrolls, "dev doc \(doc): the frame scrolls")
            // The render is drawn in the frame; where its type is at least a pixel tall, so are the words.
            #expect(darkPixels(png, in: frame.box) > 100, "dev doc \(doc): the frame \(frame.box) looks empty")
            let band = Box(left: frame.words.map(\.box.left).min() ?? 0, top: frame.words.map(\.box.top).min() ?? 0,
                           right: frame.words.map(\.box.right).max() ?? 0, bottom: frame.words.map(\.box.bottom).max() ?? 0)
            let lineHeight = frame.words.map { $0.box.bottom - $0.box.top }.max() ?? 0
            if lineHeight >= 1 {
                #expect(darkPixels(png, in: band) >= frame.words.count, "dev doc \(doc): no words drawn in \(band)")
            }
        }
    }

    /// One click on "full size" (an anchor to the render itself) shows the render unscaled in its frame.
    @Test func fullSizeAnchorShowsTheRenderUnscaled() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, html) = try Self.page(click: true)
        let url = dir.url.appendingPathComponent("run.html")
        try Data(html.utf8).write(to: url)
        let anchor = try #require(html.range(of: "<a class=\"open\" href=\"#").map { html[$0.upperBound...].prefix { $0 != "\"" } })
        let (hash, frames) = try Self.frames(url.absoluteString, in: dir)
        #expect(hash == "#" + anchor)
        let opened = try #require(frames.first { $0.id == String(anchor) })
        #expect(opened.transform == "none")
        let widths = opened.words.map { $0.box.right - $0.box.left }
        let fitted = try #require(frames.first { $0.id != String(anchor) })
        #expect(fitted.transform.hasPrefix("matrix("))
        // At full size a word is as wide as spaCy's 16px Arial draws it: wider than the frame's scaled words.
        #expect((widths.max() ?? 0) > 10, "\(widths)")
        #expect(opened.scrolls, "a full-size parse wider than the page scrolls in its frame")
    }

    private func darkPixels(_ png: PNGImage, in box: Box) -> Int {
        var count = 0
        let top = max(0, Int(box.top)), bottom = min(png.height, Int(box.bottom.rounded(.up)) + 1)
        let left = max(0, Int(box.left)), right = min(png.width, Int(box.right.rounded(.up)) + 1)
        guard top < bottom, left < right else { return 0 }
        for y in top..<bottom {
            for x in left..<right {
                let p = png.pixels[y * png.width + x]
                if (p >> 16) & 0xFF < 240 && (p >> 8) & 0xFF < 240 && p & 0xFF < 240 { count += 1 }
            }
        }
        return count
    }
}

private extension JSONValue {
    var items: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var flag: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}
