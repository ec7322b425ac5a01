import Foundation

/// The experiment folders inside an archive, extracted for an import.
///
/// Each folder was archived under `experiment/<folder name>/` with its relative layout intact, so
/// importing the extracted folder gives the same run hashes as importing the original.
public struct ArchivedExperiments: Sendable, Equatable {
    /// The temporary folder everything was extracted into; the caller removes it when done.
    public var root: URL
    /// The extracted experiment folders, in the manifest's order.
    public var folders: [URL]
    public var manifest: ArchiveManifest

    /// Verifies `archive` (any missing, extra or changed entry refuses it) and extracts it into a
    /// fresh temporary folder.
    public static func extract(_ archive: URL, limits: ExtractionLimits = ExtractionLimits()) throws(ArchiveError) -> ArchivedExperiments {
        let report = try ArchiveVerifier.verify(archive, maxEntries: limits.maxEntries)
        guard report.isIntact else {
            throw ArchiveError(.corrupt, "\(archive.path): does not match its manifest: " + report.lines.prefix(3).joined(separator: "; "))
        }
        for prefix in report.manifest.experiments where !EntryPath.isSafe(prefix) {
            throw ArchiveError(.manifest, "\(archive.path): \(ArchiveManifest.entryName): unsafe experiment folder '\(prefix)'")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-archive-\(UUID().uuidString)")
        do {
            try ArchiveExtractor(limits: limits).extract(archive, to: root)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
        let folders = report.manifest.experiments.map { root.appendingPathComponent($0, isDirectory: true) }
        return ArchivedExperiments(root: root, folders: folders, manifest: report.manifest)
    }
}
