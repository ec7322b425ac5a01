import AimSpacyModel

/// The `options` dict of `displacy.render`, as JSON, with the lookups the renderers make.
/// Values keep their JSON type so numbers print as Python would (`50` vs `50.0`).
public struct DisplacyOptions: Sendable, Equatable {
    /// The members in the order given.
    public var values: [(key: String, value: JSONValue)]

    public static func == (a: DisplacyOptions, b: DisplacyOptions) -> Bool {
        JSONValue.object(a.values) == JSONValue.object(b.values)
    }

    public init(_ values: [(key: String, value: JSONValue)] = []) { self.values = values }

    /// Options from a JSON object (anything else is an error).
    public init(json: JSONValue) throws(DisplacyError) {
        guard case .object(let members) = json else {
            throw DisplacyError("options: expected a JSON object")
        }
        values = members
    }

    /// `options.get(key)`; a key given twice keeps the last value, as a Python dict does.
    public subscript(key: String) -> JSONValue? {
        values.last { $0.key == key }?.value
    }

    /// `bool(options.get(key, default))`.
    func flag(_ key: String, default value: Bool) -> Bool {
        guard let v = self[key] else { return value }
        return PythonText.truthy(v)
    }

    /// `options.get(key, default)` for a number.
    func number(_ key: String, default value: PyNumber) throws(DisplacyError) -> PyNumber {
        guard let v = self[key] else { return value }
        guard let n = PyNumber(v) else {
            throw DisplacyError("options.\(key): expected a number, got \(v.serialized())")
        }
        return n
    }

    /// `str(options.get(key, default))`.
    /// `options["spans_key"]`: the span group the span style renders (default `sc`).
    public var spansKey: String { text("spans_key", default: "sc") }

    func text(_ key: String, default value: String) -> String {
        guard let v = self[key] else { return value }
        return PythonText.str(v)
    }

    /// `options.get("colors", {})` merged over displaCy's defaults, keys upper-cased.
    func colors() throws(DisplacyError) -> [String: String] {
        var colors: [String: String] = [:]
        for (label, color) in defaultLabelColors { colors[label] = color }
        if let user = self["colors"] {
            switch user {
            case .object(let members):
                for (label, color) in members { colors[PythonText.upper(label)] = PythonText.str(color) }
            case .null:
                throw DisplacyError("options.colors: expected an object of label → colour")
            default:
                throw DisplacyError("options.colors: expected an object of label → colour")
            }
        }
        return colors
    }

    /// `options.get("kb_url_template")` when truthy.
    func kbURLTemplate() throws(DisplacyError) -> PythonFormat? {
        guard let v = self["kb_url_template"], PythonText.truthy(v) else { return nil }
        guard case .string(let s) = v else {
            throw DisplacyError("options.kb_url_template: expected a string")
        }
        return try PythonFormat(s)
    }
}

/// displaCy's `DEFAULT_LABEL_COLORS`.
let defaultLabelColors: [(String, String)] = [
    ("ORG", "#7aecec"), ("PRODUCT", "#bfeeb7"), ("GPE", "#feca74"), ("LOC", "#ff9561"),
    ("PERSON", "#aa9cfc"), ("NORP", "#c887fb"), ("FAC", "#9cc9cc"), ("EVENT", "#ffeb80"),
    ("LAW", "#ff8197"), ("LANGUAGE", "#ff8197"), ("WORK_OF_ART", "#f0d0ff"), ("DATE", "#bfe1d9"),
    ("TIME", "#bfe1d9"), ("MONEY", "#e4e7d2"), ("QUANTITY", "#e4e7d2"), ("ORDINAL", "#e4e7d2"),
    ("CARDINAL", "#e4e7d2"), ("PERCENT", "#e4e7d2"),
]

/// displaCy's `DEFAULT_ENTITY_COLOR`.
let defaultEntityColor = "#ddd"
