@testable import AimSpacyReport
import AimSpacyTestSupport
import Foundation
import Testing

/// Opens the report in headless Chromium from `file://`: no console errors (a CSP refusal included),
/// the script ran, charts and the displaCy gallery are in the rendered DOM, screenshots are not blank.
/// CI installs Debian's `chromium` (`.ci/install-chromium.sh`); without it these tests are skipped.
@Suite(.serialized, .enabled(if: Browser.path != nil, "no chromium binary found (install Debian's chromium: .ci/install-chromium.sh)"))
struct BrowserTests {
    @Test(arguments: ["index", "run", "compare"])
    func pageRendersWithoutErrors(page: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions())
        _ = try ReportFiles.write(files, to: dir.url)
        let path: String
        switch page {
        case "run": path = try #require(files.keys.first { $0.hasPrefix("runs/3f2a9c41") })
        case "compare": path = try #require(files.keys.first { $0.hasPrefix("compare/ner-") })
        default: path = "index.html"
        }
        let url = dir.url.appendingPathComponent(path)
        try checkRendered(page: page, url: url, in: dir)
    }

    /// The single-file report opened at a run page's anchor shows that page and hides the others.
    @Test func singleFileShowsTheLinkedPage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let files = try ReportSite.render(runs: SampleRuns.all(), options: ReportOptions(singleFile: true))
        _ = try ReportFiles.write(files, to: dir.url)
        let anchor = try #require(String(decoding: files["index.html"]!, as: UTF8.self)
            .components(separatedBy: "<main class=\"page\" id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            .first { $0.hasPrefix("p-runs-3f2a9c41") })
        let url = URL(string: dir.url.appendingPathComponent("index.html").absoluteString + "#" + anchor)!
        let dom = try Browser.run(["--dump-dom", url.absoluteString], in: dir.url)
        #expect(dom.stdout.contains("data-script=\"ready\""))
        #expect(dom.stdout.contains("<main class=\"page\" id=\"\(anchor)\">"))
        #expect(dom.stdout.contains("<main class=\"page\" id=\"p-index\" hidden=\"\">"))
    }

    private func checkRendered(page: String, url: URL, in dir: TemporaryDirectory) throws {
        let dom = try Browser.run(["--dump-dom", url.absoluteString], in: dir.url)
        // Our script logs nothing: any console line is an error (uncaught exception, CSP refusal…).
        let console = dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(console.isEmpty, "\(console)")
        #expect(!dom.stderr.contains("Uncaught"), "\(dom.stderr)")
        #expect(!dom.stderr.contains("Refused to"), "\(dom.stderr)")
        #expect(!dom.stderr.contains("Content Security Policy"), "\(dom.stderr)")
        #expect(dom.stdout.contains("data-script=\"ready\""), "the inline script did not run")
        switch page {
        case "index":
            #expect(dom.stdout.contains("<table class=\"runs sortable\""))
        case "run":
            #expect(dom.stdout.contains("<svg class=\"chart\""))
            #expect(dom.stdout.contains("<path class=\"line\""))
            #expect(dom.stdout.contains("class=\"gallery\""))
            #expect(dom.stdout.contains("<mark class=\"entity\""))
        default:
            #expect(dom.stdout.contains("<svg class=\"chart\""))
            #expect(dom.stdout.contains("td class=\"num best\""))
        }

        let shot = dir.url.appendingPathComponent("\(page).png")
        _ = try Browser.run(["--screenshot=\(shot.path)", "--window-size=1280,1400", "--hide-scrollbars", url.absoluteString], in: dir.url)
        let png = try #require(PNGImage(Array(try Data(contentsOf: shot))), "screenshot is not a PNG we can read")
        #expect(png.width == 1280)
        #expect(png.distinctColours > 50, "screenshot looks blank: \(png.distinctColours) colours")
        if let keep = ProcessInfo.processInfo.environment["REPORT_SCREENSHOT_DIR"] {
            try? FileManager.default.copyItem(at: shot, to: URL(fileURLWithPath: keep).appendingPathComponent("\(page).png"))
        }
    }
}

enum Browser {
    static let path: String? = {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func run(_ arguments: [String], in directory: URL) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/chromium")
        let profile = directory.appendingPathComponent("profile-\(UUID().uuidString)")
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
        ] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // A browser that hangs must not hang the test run.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        defer { watchdog.cancel() }
        // Read both pipes while it runs, so a chatty browser never blocks on a full pipe.
        let errData = Locked<Data>(Data())
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.done { Thread.sleep(forTimeInterval: 0.01) }
        return (String(decoding: stdout, as: UTF8.self), String(decoding: errData.value, as: UTF8.self))
    }
}

final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    private var finished = false
    init(_ value: T) { stored = value }
    func set(_ value: T) {
        lock.lock()
        stored = value
        finished = true
        lock.unlock()
    }
    var value: T {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    var done: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }
}
