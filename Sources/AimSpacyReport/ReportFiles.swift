import Foundation

/// Writes and re-checks a rendered report on disk.
public enum ReportFiles {
    /// What a write did.
    public struct WriteSummary: Sendable, Equatable {
        public var written: [String]
        public var unchanged: [String]
    }

    /// Writes `files` under `directory`, skipping those whose bytes are already there.
    public static func write(_ files: [String: [UInt8]], to directory: URL) throws(ReportError) -> WriteSummary {
        var summary = WriteSummary(written: [], unchanged: [])
        let manager = FileManager.default
        for path in files.keys.sorted() {
            guard let bytes = files[path] else { continue }
            let url = directory.appendingPathComponent(path)
            if let existing = manager.contents(atPath: url.path), existing.elementsEqual(bytes) {
                summary.unchanged.append(path)
                continue
            }
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw ReportError("\(url.path): cannot be written (\(error.localizedDescription))")
            }
            summary.written.append(path)
        }
        return summary
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
