import AimSpacyModel
import Foundation

/// What `verify` found: entries the manifest lists but the archive lacks, entries the archive
/// holds but the manifest does not list, and entries whose bytes differ from the manifest.
public struct VerificationReport: Sendable, Equatable {
    /// An entry whose content is not what the manifest says, and how.
    public struct Change: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    public var manifest: ArchiveManifest
    public var missing: [String]
    public var extra: [String]
    public var changed: [Change]
    /// How many entries were checked and found intact.
    public var intactCount: Int

    /// True when every manifest entry is present and unchanged and nothing was added.
    public var isIntact: Bool { missing.isEmpty && extra.isEmpty && changed.isEmpty }

    /// One line per problem, e.g. `changed: experiment/x/train.log (sha256 differs)`.
    public var lines: [String] {
        missing.map { "missing: \($0)" } + extra.map { "extra: \($0)" } + changed.map { "changed: \($0.path) (\($0.reason))" }
    }
}

/// Checks every entry of an archive against its `MANIFEST.json`, streaming each entry.
public enum ArchiveVerifier {
    /// The largest manifest read into memory.
    public static let maxManifestSize: UInt64 = 256 << 20

    /// Verifies `url`. Throws for an unreadable archive or manifest and for entries `extract` and
    /// `import` would refuse (`EntryRules`); reports entries that differ from the manifest.
    public static func verify(_ url: URL, maxEntries: Int = ExtractionLimits().maxEntries) throws(ArchiveError) -> VerificationReport {
        let reader = try ZipReader(url: url, maxEntries: maxEntries)
        let report = report(reader, try readManifest(reader))
        if report.isIntact { _ = try EntryRules.check(reader.entries, archive: url.path) }
        return report
    }

    /// Compares the archive's entries with `manifest`. Without `hashing` only the central directory
    /// is compared (missing and extra entries, wrong kinds and sizes) and nothing is inflated.
    static func report(_ reader: ZipReader, _ manifest: ArchiveManifest, hashing: Bool = true) -> VerificationReport {
        var byPath: [String: ZipReader.Entry] = [:]
        var extra: [String] = []
        for entry in reader.entries where entry.path != ArchiveManifest.entryName {
            if byPath[entry.path] != nil {
                extra.append("\(entry.path) (duplicate)")
            } else {
                byPath[entry.path] = entry
            }
        }
        if reader.entries.filter({ $0.path == ArchiveManifest.entryName }).count > 1 {
            extra.append("\(ArchiveManifest.entryName) (duplicate)")
        }
        let listed = Set(manifest.entries.map(\.path))
        extra += byPath.keys.filter { !listed.contains($0) }
        var missing: [String] = []
        var changed: [VerificationReport.Change] = []
        var intact = 0
        for expected in manifest.entries {
            guard let entry = byPath[expected.path] else {
                missing.append(expected.path)
                continue
            }
            if let reason = difference(reader, entry, expected, hashing: hashing) {
                changed.append(.init(path: expected.path, reason: reason))
            } else {
                intact += 1
            }
        }
        return VerificationReport(
            manifest: manifest, missing: missing.sorted(), extra: extra.sorted(),
            changed: changed.sorted { $0.path < $1.path }, intactCount: intact
        )
    }

    /// Whether `url` is an archive this tool wrote (a zip with an aim-spacy `MANIFEST.json`), which
    /// a new archive may replace; nothing is inflated but the manifest.
    public static func isOwnArchive(_ url: URL) -> Bool {
        guard let reader = try? ZipReader(url: url, maxEntries: ExtractionLimits().maxEntries) else { return false }
        return (try? readManifest(reader)) != nil
    }

    /// Reads and parses the archive's manifest.
    static func readManifest(_ reader: ZipReader) throws(ArchiveError) -> ArchiveManifest {
        let name = reader.url.path
        guard let entry = reader.entries.first(where: { $0.path == ArchiveManifest.entryName }) else {
            throw ArchiveError(.manifest, "\(name): no \(ArchiveManifest.entryName); not an aim-spacy archive")
        }
        guard entry.kind == .file, entry.uncompressedSize <= maxManifestSize else {
            throw ArchiveError(.manifest, "\(name): \(ArchiveManifest.entryName) is not a file of at most \(maxManifestSize) bytes")
        }
        var bytes: [UInt8] = []
        try reader.read(entry) { chunk throws(ArchiveError) in bytes.append(contentsOf: chunk) }
        return try ArchiveManifest.decode(bytes, archive: name)
    }

    /// Why the entry differs from its manifest line, or nil when it matches.
    private static func difference(
        _ reader: ZipReader, _ entry: ZipReader.Entry, _ expected: ArchiveManifest.Entry, hashing: Bool
    ) -> String? {
        guard entry.kind == .file else { return "is a \(entry.kind == .symlink ? "symlink" : "folder"), expected a file" }
        guard entry.uncompressedSize == expected.size else {
            return "size \(entry.uncompressedSize), manifest says \(expected.size)"
        }
        guard hashing else { return nil }
        var hasher = SHA256()
        do {
            try reader.read(entry) { chunk throws(ArchiveError) in hasher.update(chunk) }
        } catch {
            return error.message
        }
        let digest = hasher.finalize()
        return digest == expected.sha256 ? nil : "sha256 \(digest), manifest says \(expected.sha256)"
    }
}
