import Foundation

/// Writes and re-checks a rendered report on disk.
public enum ReportFiles {
    /// What a write did.
    public struct WriteSummary: Sendable, Equatable {
        public var written: [String]
        public var unchanged: [String]
    }

    /// Writes `files` under `directory`, skipping those whose bytes are already there. A file is only
    /// replaced when it is an earlier report page (`ReportOwnership`) or with `force`; every file is
    /// checked before the first is written, and each is written atomically (a temporary file in the
    /// same folder, then a rename), so a refusal or a crash leaves nothing half-written.
    public static func write(_ files: [String: [UInt8]], to directory: URL, force: Bool = false) throws(ReportError) -> WriteSummary {
        var summary = WriteSummary(written: [], unchanged: [])
        var pending: [(path: String, url: URL, bytes: [UInt8])] = []
        for path in files.keys.sorted() {
            guard let bytes = files[path] else { continue }
            let url = directory.appendingPathComponent(path)
            switch ReportOwnership.existing(at: url, replacing: bytes) {
            case .missing, .ours:
                pending.append((path, url, bytes))
            case .same:
                summary.unchanged.append(path)
            case .foreign(let what):
                guard force else {
                    throw ReportError("\(url.path): \(what), not a report aim-spacy wrote; refusing to overwrite it (--force replaces it)")
                }
                pending.append((path, url, bytes))
            }
        }
        for file in pending {
            try AtomicFile.write(file.bytes, to: file.url)
            summary.written.append(file.path)
        }
        return summary
    }

    /// Whether the file at `url` is a page of an aim-spacy report (it carries the generator marker),
    /// so that reading a training folder can leave a report written into it alone.
    public static func isReportPage(_ url: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: ReportOwnership.searchedBytes) else { return false }
        return ReportOwnership.isPage(Array(head))
    }

    /// Validates every `.html` and `.svg` file under `directory` (or the one file it names, such as a
    /// `--single-file` report); problems as `path: line:column: message`.
    public static func check(directory: URL) throws(ReportError) -> (files: Int, problems: [String]) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw ReportError("\(directory.path): expected a report directory or HTML file")
        }
        if !isDirectory.boolValue {
            guard let data = manager.contents(atPath: directory.path) else { throw ReportError("\(directory.path): cannot be read") }
            let problems = ReportValidator.check(page: Array(data), isSVG: directory.pathExtension == "svg")
            return (1, problems.map { "\(directory.path): \($0)" })
        }
        let paths = ((manager.subpaths(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") || $0.hasSuffix(".svg") }
            .sorted()
        var problems: [String] = []
        for path in paths {
            guard let data = manager.contents(atPath: directory.appendingPathComponent(path).path) else {
                problems.append("\(path): cannot be read")
                continue
            }
            problems += ReportValidator.check(page: Array(data), isSVG: path.hasSuffix(".svg")).map { "\(path): \($0)" }
        }
        return (paths.count, problems)
    }
}
