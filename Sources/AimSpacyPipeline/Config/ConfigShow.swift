#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AimSpacyDecoding
import AimSpacyModel

/// `aim-spacy config show`: a config.cfg read as confection reads it, printed as JSON or as the
/// cfg text `Config.to_str()` writes.
public enum ConfigShow {
    /// What to print.
    public struct Options: Sendable, Equatable {
        /// Print JSON (sorted keys, one-space indent) instead of cfg text.
        public var json: Bool
        /// Substitute `${…}` variables (confection's default); `false` is `interpolate=False`.
        public var interpolate: Bool
        /// `section.key=value` overrides, read as `spacy train --section.key=value`.
        public var assignments: [String]

        public init(json: Bool = false, interpolate: Bool = true, assignments: [String] = []) {
            self.json = json
            self.interpolate = interpolate
            self.assignments = assignments
        }
    }

    /// The text to print for the config file at `path` (no trailing newline).
    public static func render(path: String, options: Options) throws(DecodingError) -> String {
        let overrides: ConfigOverrides
        do {
            overrides = try ConfigOverrides.parse(assignments: options.assignments)
        } catch {
            throw error.inFile(path)
        }
        do {
            let config = try Config.load(contentsOf: URL(fileURLWithPath: path), interpolate: options.interpolate, overrides: overrides)
            if options.json { return config.root.serialized(sortKeys: true, indent: 1) }
            return try config.text()
        } catch {
            throw error.inFile(path)
        }
    }
}
