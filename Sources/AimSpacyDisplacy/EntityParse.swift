import AimSpacyModel

/// displaCy's ent input `{"text", "ents": [{"start", "end", "label", "kb_id", "kb_url"}], "title", "settings"}`.
public struct EntityParse: Sendable, Equatable {
    /// One entity by character offsets (code points).
    public struct Entity: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var label: String
        public var kbID: String
        public var kbURL: String
        /// Extra template fields of a manual entity (`params`).
        public var params: [String: String]

        public init(start: Int, end: Int, label: String, kbID: String = "", kbURL: String = "#", params: [String: String] = [:]) {
            self.start = start
            self.end = end
            self.label = label
            self.kbID = kbID
            self.kbURL = kbURL
            self.params = params
        }
    }

    public var text: String
    public var ents: [Entity]
    public var title: String?
    public var settings: DocSettings?

    public init(text: String, ents: [Entity], title: String? = nil, settings: DocSettings? = nil) {
        self.text = text
        self.ents = ents
        self.title = title
        self.settings = settings
    }

    /// The manual format; `ents` are re-sorted by `(start, end)` as `displacy.render` does.
    public init(manual json: JSONValue) throws(DisplacyError) {
        guard case .object = json else { throw DisplacyError("ent input: expected an object") }
        guard let text = json["text"] else { throw DisplacyError("ent input: expected \"text\"") }
        guard case .array(let ents)? = json["ents"] else { throw DisplacyError("ent input: expected \"ents\" array") }
        var parsed: [Entity] = []
        for (i, e) in ents.enumerated() {
            guard case .int(let start)? = e["start"], case .int(let end)? = e["end"], let label = e["label"] else {
                throw DisplacyError("ent input: ents[\(i)]: expected integer \"start\", \"end\" and \"label\"")
            }
            var params: [String: String] = [:]
            if case .object(let members)? = e["params"] {
                for (k, v) in members { params[k] = PythonText.str(v) }
            }
            parsed.append(
                Entity(
                    start: start, end: end, label: PythonText.str(label),
                    kbID: e["kb_id"].map(manualKBID) ?? "", kbURL: e["kb_url"].map(PythonText.str) ?? "#",
                    params: params))
        }
        let sorted = parsed.enumerated().sorted { a, b in
            (a.element.start, a.element.end, a.offset) < (b.element.start, b.element.end, b.offset)
        }.map(\.element)
        self.init(
            text: PythonText.str(text), ents: sorted, title: manualTitle(json["title"]),
            settings: try DocSettings(manual: json["settings"]))
    }
}

/// A manual `kb_id`: the empty string when falsy (displaCy only links truthy ids).
func manualKBID(_ json: JSONValue) -> String {
    PythonText.truthy(json) ? PythonText.str(json) : ""
}
