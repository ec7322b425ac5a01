import Foundation

/// `MANIFEST.json`: what an archive holds, so `verify` can prove nothing changed.
///
/// Written with sorted keys and entries sorted by path, so the same inputs give the same bytes.
public struct ArchiveManifest: Codable, Sendable, Equatable {
    /// One archived file: its name inside the archive, its size and its SHA-256.
    public struct Entry: Codable, Sendable, Equatable {
        public var path: String
        public var size: UInt64
        public var sha256: String

        public init(path: String, size: UInt64, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The entry name of the manifest itself.
    public static let entryName = "MANIFEST.json"
    /// The manifest layout version this code writes and reads.
    public static let currentFormat = 1

    public var format: Int
    /// Always `aim-spacy`.
    public var tool: String
    public var toolVersion: String
    /// Where each archived experiment folder lives inside the archive, e.g. `experiment/ner-aim`.
    public var experiments: [String]
    /// The hashes of the runs whose data the archive holds (under `runs/<hash>.json`).
    public var runs: [String]
    public var entries: [Entry]

    public init(toolVersion: String, experiments: [String], runs: [String], entries: [Entry]) {
        self.format = Self.currentFormat
        self.tool = "aim-spacy"
        self.toolVersion = toolVersion
        self.experiments = experiments.sorted()
        self.runs = runs.sorted()
        self.entries = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The manifest as pretty-printed JSON with sorted keys and a final newline.
    public func encoded() throws(ArchiveError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self)) + [0x0a]
        } catch {
            throw ArchiveError(.io, "cannot encode \(Self.entryName): \(error)")
        }
    }

    /// Parses a manifest, naming what is wrong when it is not one.
    public static func decode(_ bytes: [UInt8], archive: String) throws(ArchiveError) -> ArchiveManifest {
        let manifest: ArchiveManifest
        do {
            manifest = try JSONDecoder().decode(ArchiveManifest.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ArchiveError(.manifest, "\(archive): \(entryName): missing key '\(pathString(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ArchiveError(.manifest, "\(archive): \(entryName): unexpected type at '\(pathString(context.codingPath))'")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ArchiveError(.manifest, "\(archive): \(entryName): null at '\(pathString(context.codingPath))'")
        } catch {
            throw ArchiveError(.manifest, "\(archive): \(entryName): not valid JSON")
        }
        guard manifest.tool == "aim-spacy" else {
            throw ArchiveError(.manifest, "\(archive): \(entryName): written by '\(manifest.tool)', expected 'aim-spacy'")
        }
        guard manifest.format <= currentFormat else {
            throw ArchiveError(.unsupported, "\(archive): \(entryName): format \(manifest.format), this version reads up to \(currentFormat)")
        }
        return manifest
    }

    private static func pathString(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
    }
}
