import AimSpacyModel

/// Config overrides as `spacy train` takes them (`--paths.train ./train.spacy`,
/// `--training.max_steps=600`): dotted `section.key` paths with JSON-or-string values, applied to
/// the uninterpolated config so that `${paths.train}` references see them.
public struct ConfigOverrides: Sendable, Equatable {
    /// One `section.key` override.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var value: JSONValue

        public init(path: String, value: JSONValue) {
            self.path = path
            self.value = value
        }
    }

    /// In first-given order; a repeated path keeps its first position and its last value (a Python dict).
    public private(set) var entries: [Entry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Sets `path` to `value`.
    public mutating func set(_ path: String, _ value: JSONValue) {
        if let i = entries.firstIndex(where: { $0.path == path }) {
            entries[i].value = value
        } else {
            entries.append(Entry(path: path, value: value))
        }
    }

    /// A CLI value as spaCy's `_parse_override` reads it: srsly JSON, else the text itself.
    public static func value(_ text: String) -> JSONValue {
        PythonJSON.loads(text, dialect: .ujson) ?? .string(text)
    }

    /// Overrides from `spacy train`-style arguments (spaCy's `_parse_overrides` for the CLI):
    /// `--a.b value`, `--a.b=value` (then `-` in the name becomes `_`), `--a.b` alone meaning `true`.
    public static func parse(arguments: [String]) throws(DecodingError) -> ConfigOverrides {
        var result = ConfigOverrides()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else {
                throw DecodingError(location: .none, message: "invalid config override '\(argument)': name should start with --")
            }
            var name = argument.replacing("--", with: "")
            guard name.contains(".") else {
                throw DecodingError(
                    location: .none, message: "invalid config override '\(argument)': can't override top-level sections; expected --section.key")
            }
            let value: String
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals]).replacing("-", with: "_")
            } else if let next = rest.first, !next.hasPrefix("--") {
                value = next
                rest.removeFirst()
            } else {
                value = "true"
            }
            result.set(name, Self.value(value))
        }
        return result
    }

    /// Overrides from `section.key=value` items (`aim-spacy config show --set`), each read as
    /// spaCy reads `--section.key=value`.
    public static func parse(assignments: [String]) throws(DecodingError) -> ConfigOverrides {
        try parse(arguments: assignments.map { "--" + $0 })
    }
}
