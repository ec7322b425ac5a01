/// The exception confection 1.3.4 (or the configparser beneath it) raises for a config, so tests
/// can check that we fail where Python fails and with the same kind of error.
enum ConfigFailureKind: String, Sendable, Equatable {
    case configValidationError = "ConfigValidationError"
    case duplicateSectionError = "DuplicateSectionError"
    case duplicateOptionError = "DuplicateOptionError"
    case interpolationSyntaxError = "InterpolationSyntaxError"
    case interpolationDepthError = "InterpolationDepthError"
    case keyError = "KeyError"
    /// Python fails later or differently (a circular dict, `to_str` rejecting a value); we refuse early.
    case other = "Other"
}

/// A config failure before it is attributed to a file.
struct ConfigFailure: Error, Sendable, Equatable {
    var kind: ConfigFailureKind
    var location: DecodingError.Location
    var message: String
    /// The dotted key path the failure is about, used to find its place when `location` is `.none`.
    var path: String?

    init(_ kind: ConfigFailureKind, _ location: DecodingError.Location, _ message: String, path: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.path = path
    }

    var decodingError: DecodingError { DecodingError(location: location, message: message) }
}

/// A place in config text: 1-based line and 1-based column counted in UTF-8 bytes.
struct ConfigPosition: Sendable, Equatable {
    var line: Int
    var column: Int

    var location: DecodingError.Location { .text(line: line, column: column) }
}
