#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AimSpacyModel

/// A Thinc/confection config (`config.cfg`) read as confection 1.3.4's `Config().from_str` reads
/// it: the nested sections as a `JSONValue` tree in Python's dict order.
public struct Config: Sendable, Equatable {
    /// The sections: objects for sections and inline dicts, JSON values for leaves.
    public var root: JSONValue
    /// Whether `${…}` variables were substituted (`from_str(text, interpolate=True)`).
    public var isInterpolated: Bool

    public init(root: JSONValue, isInterpolated: Bool) {
        self.root = root
        self.isInterpolated = isInterpolated
    }

    /// Parses config text.
    /// - Parameters:
    ///   - interpolate: substitute variables (`Config().from_str(text)`); `false` keeps them as
    ///     raw strings (`interpolate=False`, what `spacy.util.load_config` does).
    ///   - overrides: applied before interpolation, as `spacy train` applies `--section.key value`.
    ///   - newlines: `.universal` for files (Python's text mode), `.lineFeed` for `from_str` on a string.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, interpolate: Bool = true, overrides: ConfigOverrides = ConfigOverrides(),
        newlines: ConfigNewlines = .lineFeed
    ) throws(DecodingError) -> Config {
        do {
            return try parseFailing(bytes, interpolate: interpolate, overrides: overrides, newlines: newlines)
        } catch {
            throw error.decodingError
        }
    }

    /// Parses config text given as a string.
    public static func parse(
        _ text: String, interpolate: Bool = true, overrides: ConfigOverrides = ConfigOverrides(),
        newlines: ConfigNewlines = .lineFeed
    ) throws(DecodingError) -> Config {
        var copy = text
        let result: Result<Config, DecodingError> = copy.withUTF8 { buffer in
            Result { () throws(DecodingError) in
                try parse(UnsafeRawBufferPointer(buffer), interpolate: interpolate, overrides: overrides, newlines: newlines)
            }
        }
        return try result.get()
    }

    /// Reads and parses a config file (universal newlines, as `Config().from_disk` reads it);
    /// errors name the file.
    public static func load(
        contentsOf url: URL, interpolate: Bool = true, overrides: ConfigOverrides = ConfigOverrides()
    ) throws(DecodingError) -> Config {
        if let problem = RegularFile.problem(at: url.path) {
            throw DecodingError(file: url.path, location: .none, message: problem)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DecodingError(file: url.path, location: .none, message: "cannot read the file (\(error))")
        }
        let result: Result<Config, DecodingError> = data.withUnsafeBytes { raw in
            Result { () throws(DecodingError) in
                try parse(raw, interpolate: interpolate, overrides: overrides, newlines: .universal)
            }
        }
        do {
            return try result.get()
        } catch {
            throw error.inFile(url.path)
        }
    }

    /// The parse with confection's exception kind, for tests that compare with Python.
    static func parseFailing(
        _ bytes: UnsafeRawBufferPointer, interpolate: Bool, overrides: ConfigOverrides, newlines: ConfigNewlines
    ) throws(ConfigFailure) -> Config {
        let text = try ConfigTextReader.read(bytes, newlines: newlines)
        let raw = try ConfigBuilder(text: text, interpolate: interpolate && overrides.isEmpty, overrides: overrides).build()
        guard interpolate && !overrides.isEmpty else { return Config(root: raw, isInterpolated: interpolate) }
        // confection re-interpolates after overrides through `Config.interpolate()`: to_str, then from_str.
        do {
            return try Config(root: raw, isInterpolated: false).interpolatedFailing()
        } catch {
            var failure = error
            if let path = failure.path { failure.location = ConfigBuilder(text: text, interpolate: false, overrides: overrides).location(ofPath: path) }
            throw failure
        }
    }

    /// The config as `Config.to_str()` writes it (cfg text, no trailing newline).
    public func text() throws(DecodingError) -> String {
        do {
            return try ConfigSerializer.string(root)
        } catch {
            throw error.decodingError
        }
    }

    /// `Config.interpolate()`: written out and read back with variables substituted.
    public func interpolated() throws(DecodingError) -> Config {
        do {
            return try interpolatedFailing()
        } catch {
            throw error.decodingError
        }
    }

    func interpolatedFailing() throws(ConfigFailure) -> Config {
        var written = try ConfigSerializer.string(root)
        let result: Result<Config, ConfigFailure> = written.withUTF8 { buffer in
            Result { () throws(ConfigFailure) in
                let text = try ConfigTextReader.read(UnsafeRawBufferPointer(buffer), newlines: .lineFeed)
                do throws(ConfigFailure) {
                    let root = try ConfigBuilder(text: text, interpolate: true, overrides: ConfigOverrides()).build()
                    return Config(root: root, isInterpolated: true)
                } catch {
                    var failure = error
                    if failure.path == nil { failure.path = Self.path(in: text, at: error.location) }
                    failure.location = .none
                    throw failure
                }
            }
        }
        return try result.get()
    }

    /// The `section.key` at a place in generated text, so errors can point at the original file.
    private static func path(in text: ConfigText, at location: DecodingError.Location) -> String? {
        guard case .text(let line, _) = location else { return nil }
        for section in text.sections {
            if section.position.line == line { return section.name }
            for option in section.options where option.pieces.contains(where: { $0.position.line == line }) {
                return section.name + "." + option.key
            }
        }
        return nil
    }
}
