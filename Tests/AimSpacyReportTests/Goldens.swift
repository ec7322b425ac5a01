import Foundation
import Testing

/// Golden files under `__Goldens__/`: `RECORD_GOLDENS=1` re-records them; a missing golden records itself and fails.
enum Goldens {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Goldens__")

    static func check(_ bytes: [UInt8], named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
        guard !record, let golden = FileManager.default.contents(atPath: url.path) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            if !record { Issue.record("golden \(name) was missing and has been recorded", sourceLocation: sourceLocation) }
            return
        }
        guard Array(golden) != bytes else { return }
        let expected = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actual = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(expected.count, actual.count)).first { expected[$0] != actual[$0] } ?? min(expected.count, actual.count)
        let want = line < expected.count ? String(expected[line].prefix(200)) : "<end>"
        let got = line < actual.count ? String(actual[line].prefix(200)) : "<end>"
        Issue.record("output differs from golden \(name) at line \(line + 1): expected \(want) got \(got); RECORD_GOLDENS=1 re-records",
                     sourceLocation: sourceLocation)
    }
}
