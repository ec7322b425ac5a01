import AimSpacyModel
import Foundation

/// Writes runs as TensorBoard event files: one folder per run with one
/// `events.out.tfevents.<time>.aim-spacy` file, the same bytes for the same runs.
public enum TensorBoardExport {
    /// What was written for one run.
    public struct Outcome: Sendable, Equatable {
        public var hash: String
        /// The run's folder, relative to the export folder.
        public var folder: String
        public var file: String
        /// The number of scalar tags and of scalar points.
        public var scalars: Int
        public var points: Int
        public var hyperparameters: Int
        public var status: ExportStatus
    }

    /// The export of every run; a run that cannot be written is reported in `failures` and the
    /// others are still written.
    public struct Report: Sendable, Equatable {
        public var outcomes: [Outcome] = []
        public var failures: [ExportError] = []
    }

    /// The event file of each run, by relative path (for tests and callers that write themselves).
    public static func files(for runs: [Run]) -> [(path: String, bytes: [UInt8])] {
        let exported = runs.map(ExportedRun.init)
        let experiment = EventFile.experiment(for: exported)
        let folders = TensorBoardFolders.folders(for: runs)
        return zip(exported, folders).map { run, folder in
            (folder + "/" + TensorBoardFolders.fileName(for: run.run), EventFile.bytes(for: run, experiment: experiment))
        }
    }

    /// Writes the event files under `directory`. A file already there with the same bytes is left
    /// alone; one this tool wrote is replaced (by rename, so a reader never sees half a file); any
    /// other file is never overwritten.
    public static func export(_ runs: [Run], to directory: URL) -> Report {
        let exported = runs.map(ExportedRun.init)
        let experiment = EventFile.experiment(for: exported)
        let folders = TensorBoardFolders.folders(for: runs)
        var report = Report()
        for (run, folder) in zip(exported, folders) {
            let name = TensorBoardFolders.fileName(for: run.run)
            let target = directory.appendingPathComponent(folder, isDirectory: true).appendingPathComponent(name)
            do throws(ExportError) {
                let status = try write(EventFile.bytes(for: run, experiment: experiment), to: target)
                report.outcomes.append(Outcome(
                    hash: run.run.hash, folder: folder, file: name, scalars: run.metrics.count,
                    points: run.pointCount, hyperparameters: run.parameters.count, status: status
                ))
            } catch {
                report.failures.append(error)
            }
        }
        return report
    }

    private static func write(_ bytes: [UInt8], to target: URL) throws(ExportError) -> ExportStatus {
        let manager = FileManager.default
        var status = ExportStatus.created
        if manager.fileExists(atPath: target.path) {
            guard let existing = try? Data(contentsOf: target) else {
                throw ExportError(place: target.path, reason: "exists and cannot be read; left alone")
            }
            let same = existing.count == bytes.count && (bytes.isEmpty || existing.withUnsafeBytes { old in
                bytes.withUnsafeBytes { new in memcmp(old.baseAddress!, new.baseAddress!, new.count) == 0 }
            })
            if same { return .unchanged }
            guard isOwnEventFile([UInt8](existing)) else {
                throw ExportError(place: target.path, reason: "exists and was not written by aim-spacy; left alone")
            }
            status = .replaced
        }
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try writeNew(bytes, to: temporary)
            if status == .replaced {
                guard rename(temporary.path, target.path) == 0 else {
                    throw ExportError(place: target.path, reason: "cannot replace: \(String(cString: strerror(errno)))")
                }
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch let error as ExportError {
            try? manager.removeItem(at: temporary)
            throw error
        } catch {
            try? manager.removeItem(at: temporary)
            throw ExportError(place: target.path, reason: "cannot write: \(error.localizedDescription)")
        }
        return status
    }

    /// Writes a new file with plain `write` calls: `Data.write` syncs every file to disk, which made
    /// an export of many runs wait on the disk rather than work (an event file is rewritable from
    /// the repository at any time, so it needs no sync of its own).
    private static func writeNew(_ bytes: [UInt8], to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportError(place: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw ExportError(place: url.path, reason: String(cString: strerror(errno))) }
            done += written
        }
    }

    /// Whether `bytes` start with the file-version record this tool writes (any wall time).
    static func isOwnEventFile(_ bytes: [UInt8]) -> Bool {
        guard let first = TFRecordWriter.firstRecord(of: bytes), first.count > 9 else { return false }
        return Array(first.dropFirst(9)) == Array(EventRecords.fileVersion(wallTime: 0, writer: EventFile.writer).dropFirst(9))
    }
}
