import Foundation

extension ArchiveExtractor {
    /// Extracts an aim-spacy archive only when it matches its `MANIFEST.json`: a missing, extra or
    /// changed entry extracts nothing and names the entry, as `verify` and `import` do.
    @discardableResult
    public func extractVerified(_ archive: URL, to target: URL, force: Bool = false) throws(ArchiveError) -> Summary {
        let reader = try ZipReader(url: archive, maxEntries: limits.maxEntries)
        return try extract(reader, matching: ArchiveVerifier.readManifest(reader), to: target, force: force)
    }

    /// Checks the entry list against `manifest` first (names and sizes, nothing inflated), then
    /// extracts under `EntryRules` and the limits, hashing every file as it is inflated; a mismatch is named ahead of any other refusal.
    @discardableResult
    func extract(_ reader: ZipReader, matching manifest: ArchiveManifest, to target: URL, force: Bool = false) throws(ArchiveError) -> Summary {
        let listed = ArchiveVerifier.report(reader, manifest, hashing: false)
        guard listed.isIntact else { throw Self.mismatch(listed, archive: reader.url) }
        // No digest matches the empty string: a path listed twice with two digests matches neither.
        let digests = Dictionary(manifest.entries.map { ($0.path, $0.sha256) }) { $0 == $1 ? $0 : "" }
        do {
            return try extract(reader, to: target, force: force, digests: digests)
        } catch {
            let report = ArchiveVerifier.report(reader, manifest)
            guard report.isIntact else { throw Self.mismatch(report, archive: reader.url) }
            throw error
        }
    }

    static func mismatch(_ report: VerificationReport, archive: URL) -> ArchiveError {
        ArchiveError(.corrupt, "\(archive.path): does not match its manifest: " + report.lines.prefix(3).joined(separator: "; "))
    }
}
