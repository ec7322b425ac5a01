import AimSpacyModel
@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation
import Testing

/// The Errors pages in headless Chromium: the label and error-kind filters leave exactly the matching docs
/// visible, every doc shows without script, and the pages link to each other.
@Suite(.serialized, .enabled(if: Browser.path != nil, "no chromium binary found (install Debian's chromium: .ci/install-chromium.sh)"))
struct ErrorsBrowserTests {
    static let run = Run(hash: "e" + String(repeating: "0", count: 63), name: "errors", created: Date(timeIntervalSince1970: 1_795_000_000),
                         imported: Date(timeIntervalSince1970: 1_795_000_100))

    /// Five docs with spaCy's ent renders of dev docs 0–4; on page 1 (two docs a page): docs 3 and 1.
    static func report() throws -> ErrorReport {
        let lines = try String(contentsOf: Fixture.url("expected/dev.displacy.jsonl"), encoding: .utf8).split(separator: "\n")
        func ent(_ i: Int) throws -> String { try #require(try JSONValue.parse(String(lines[i]))["ent"]?.stringValue) }
        let docs: [(Int, Int, [String], [String])] = [
            (3, 4, ["PERSON", "ORG"], ["missed", "wrong_label"]),
            (1, 3, ["PERSON"], ["spurious"]),
            (0, 2, ["ORG"], ["missed"]),
            (2, 1, ["DATE"], ["wrong_boundary"]),
            (4, 0, [], []),
        ]
        return ErrorReport(
            model: "model-best", gold: "corpus/dev.spacy", predicted: "dev.pred.spacy", docCount: 5,
            docs: try docs.map { i, e, l, k in
                ErrorDoc(index: i, errors: e, labels: l, kinds: k, renders: [ErrorRender(style: "ent", title: "entities", gold: try ent(i), predicted: try ent(i))])
            })
    }

    static let probe = """
        window.addEventListener("load", function () {
          var visible = function () {
            return Array.prototype.filter.call(document.querySelectorAll("article.error-doc"), function (a) { return !a.hidden && a.offsetParent !== null; })
              .map(function (a) { return a.id.split("-doc")[1]; }).join(",");
          };
          var label = document.querySelector("select[data-filter=labels]"), kind = document.querySelector("select[data-filter=kinds]");
          var out = { all: visible() };
          label.value = "ORG"; label.dispatchEvent(new Event("change")); out.org = visible();
          label.value = "PERSON"; label.dispatchEvent(new Event("change")); out.person = visible();
          kind.value = "spurious"; kind.dispatchEvent(new Event("change")); out.personSpurious = visible();
          kind.value = "missed"; kind.dispatchEvent(new Event("change")); out.personMissed = visible();
          label.value = ""; kind.value = "wrong_label"; kind.dispatchEvent(new Event("change")); out.wrongLabel = visible();
          out.count = document.querySelector("output.err-count").textContent;
          out.pages = Array.prototype.map.call(document.querySelectorAll("nav.pager a"), function (a) { return a.getAttribute("href"); }).join(" ");
          document.body.setAttribute("data-probe-errors", encodeURIComponent(JSON.stringify(out)));
        });
        """

    @Test func filtersLeaveTheMatchingDocsAndPagesLink() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let files = try ReportSite.render(runs: [Self.run], options: ReportOptions(docsPerPage: 2), errors: [Self.run.hash: [try Self.report()]])
        let stem = "runs/\(Self.run.hash)-errors-model-best"
        #expect(Set(files.keys.filter { $0.hasPrefix(stem) }) == ["\(stem).html", "\(stem)-2.html", "\(stem)-3.html"])
        let page = try #require(files["\(stem).html"])
        // Without script every doc of the page shows.
        #expect(!String(decoding: page, as: UTF8.self).contains("<article class=\"error-doc\" hidden"))
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("runs"), withIntermediateDirectories: true)
        let url = dir.url.appendingPathComponent("\(stem).html")
        try Data(try BrowserInteractionTests.probed(page, Self.probe).utf8).write(to: url)
        let dom = try Browser.run(["--window-size=1280,1000", "--dump-dom", url.absoluteString], in: dir.url)
        #expect(dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }.isEmpty, "\(dom.stderr)")
        let marker = "data-probe-errors=\""
        let start = try #require(dom.stdout.range(of: marker), "the probe did not run")
        let json = try JSONValue.parse(try #require(String(dom.stdout[start.upperBound...].prefix { $0 != "\"" }).removingPercentEncoding))
        #expect(json["all"]?.stringValue == "3,1")
        #expect(json["org"]?.stringValue == "3")
        #expect(json["person"]?.stringValue == "3,1")
        #expect(json["personSpurious"]?.stringValue == "1")
        #expect(json["personMissed"]?.stringValue == "3")
        #expect(json["wrongLabel"]?.stringValue == "3")
        #expect(json["count"]?.stringValue == "1 of 2 docs shown")
        let name = "\(Self.run.hash)-errors-model-best"
        #expect(json["pages"]?.stringValue == "../runs/\(name)-2.html ../runs/\(name)-3.html ../runs/\(name)-2.html")
        let problems = ReportValidator.check(page: page, isSVG: false)
        #expect(problems.isEmpty, "\(problems)")
    }
}
