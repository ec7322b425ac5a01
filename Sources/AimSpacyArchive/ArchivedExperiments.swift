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
    /// fresh temporary folder, in one pass over an archive opened once: each file is hashed as it is
    /// inflated and checked against the manifest before anything is moved into place.
    public static func extract(_ archive: URL, limits: ExtractionLimits = ExtractionLimits()) throws(ArchiveError) -> ArchivedExperiments {
        let reader = try ZipReader(url: archive, maxEntries: limits.maxEntries)
        let manifest = try ArchiveVerifier.readManifest(reader)
        for prefix in manifest.experiments where !EntryPath.isSafe(prefix) {
            throw ArchiveError(.manifest, "\(archive.path): \(ArchiveManifest.entryName): unsafe experiment folder '\(prefix)'")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aim-spacy-archive-\(UUID().uuidString)")
        do throws(ArchiveError) {
            try ArchiveExtractor(limits: limits).extract(reader, matching: manifest, to: root)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
        let folders = manifest.experiments.map { root.appendingPathComponent($0, isDirectory: true) }
        return ArchivedExperiments(root: root, folders: folders, manifest: manifest)
    }
}
