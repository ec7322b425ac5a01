import AimSpacyModel

/// displaCy's span input `{"text", "spans": [...], "tokens": [...], "title", "settings"}`.
public struct SpanParse: Sendable, Equatable {
    /// One span by token indices.
    public struct Span: Sendable, Equatable {
        public var startToken: Int
        public var endToken: Int
        public var label: String
        public var kbID: String
        public var kbURL: String

        public init(startToken: Int, endToken: Int, label: String, kbID: String = "", kbURL: String = "#") {
            self.startToken = startToken
            self.endToken = endToken
            self.label = label
            self.kbID = kbID
            self.kbURL = kbURL
        }
    }

    public var tokens: [String]
    public var spans: [Span]
    public var title: String?
    public var settings: DocSettings?

    public init(tokens: [String], spans: [Span], title: String? = nil, settings: DocSettings? = nil) {
        self.tokens = tokens
        self.spans = spans
        self.title = title
        self.settings = settings
    }

    /// The manual format `{"text", "spans": [{"start_token", "end_token", "label", "kb_id"?, "kb_url"?}], "tokens"}`.
    public init(manual json: JSONValue) throws(DisplacyError) {
        guard case .object = json else { throw DisplacyError("span input: expected an object") }
        guard case .array(let tokens)? = json["tokens"] else { throw DisplacyError("span input: expected \"tokens\" array") }
        guard case .array(let spans)? = json["spans"] else { throw DisplacyError("span input: expected \"spans\" array") }
        var parsed: [Span] = []
        for (i, s) in spans.enumerated() {
            guard case .int(let start)? = s["start_token"], case .int(let end)? = s["end_token"], let label = s["label"]
            else {
                throw DisplacyError("span input: spans[\(i)]: expected integer \"start_token\", \"end_token\" and \"label\"")
            }
            parsed.append(
                Span(
                    startToken: start, endToken: end, label: PythonText.str(label),
                    kbID: s["kb_id"].map(manualKBID) ?? "", kbURL: s["kb_url"].map(PythonText.str) ?? "#"))
        }
        self.init(
            tokens: tokens.map(PythonText.str), spans: parsed, title: manualTitle(json["title"]),
            settings: try DocSettings(manual: json["settings"]))
    }
}
