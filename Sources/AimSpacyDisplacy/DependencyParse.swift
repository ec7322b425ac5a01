import AimSpacyModel

/// displaCy's dep input, `{"words": [...], "arcs": [...], "settings": ..., "title": ...}`:
/// what `parse_deps` returns for a doc, or the manual format.
public struct DependencyParse: Sendable, Equatable {
    /// One word: its text, the tag line and an optional lemma line.
    public struct Word: Sendable, Equatable {
        public var text: String
        public var tag: String
        /// `nil` unless lemmas are shown (`add_lemma`).
        public var lemma: String?

        public init(text: String, tag: String, lemma: String? = nil) {
            self.text = text
            self.tag = tag
            self.lemma = lemma
        }
    }

    /// One arc between two word indices (`start < end`), pointing `left` or `right`.
    public struct Arc: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var label: String
        public var dir: String
        /// Members of a manual arc beyond the four above, serialized, for the de-duplication
        /// `get_levels` does on whole dicts.
        var extra: String?

        public init(start: Int, end: Int, label: String, dir: String) {
            self.start = start
            self.end = end
            self.label = label
            self.dir = dir
        }
    }

    public var words: [Word]
    public var arcs: [Arc]
    /// `settings`; `nil` when a manual dict has none (displaCy then keeps en/ltr).
    public var settings: DocSettings?
    public var title: String?

    public init(words: [Word], arcs: [Arc], settings: DocSettings? = nil, title: String? = nil) {
        self.words = words
        self.arcs = arcs
        self.settings = settings
        self.title = title
    }

    /// The manual format `{"words": [{"text", "tag", "lemma"?}], "arcs": [{"start", "end", "label", "dir"}],
    /// "settings"?: {"lang", "direction"}, "title"?}`.
    public init(manual json: JSONValue) throws(DisplacyError) {
        guard case .object = json else { throw DisplacyError("dep input: expected an object") }
        guard case .array(let words)? = json["words"] else { throw DisplacyError("dep input: expected \"words\" array") }
        guard case .array(let arcs)? = json["arcs"] else { throw DisplacyError("dep input: expected \"arcs\" array") }
        var parsedWords: [Word] = []
        for (i, w) in words.enumerated() {
            guard let text = w["text"], let tag = w["tag"] else {
                throw DisplacyError("dep input: words[\(i)]: expected \"text\" and \"tag\"")
            }
            var lemma: String?
            if let l = w["lemma"], l != .null { lemma = PythonText.str(l) }
            parsedWords.append(Word(text: PythonText.str(text), tag: PythonText.str(tag), lemma: lemma))
        }
        var parsedArcs: [Arc] = []
        for (i, a) in arcs.enumerated() {
            guard case .int(let start)? = a["start"], case .int(let end)? = a["end"], let label = a["label"],
                let dir = a["dir"]
            else {
                throw DisplacyError("dep input: arcs[\(i)]: expected integer \"start\", \"end\" and \"label\", \"dir\"")
            }
            var arc = Arc(start: start, end: end, label: PythonText.str(label), dir: PythonText.str(dir))
            let known: Set<String> = ["start", "end", "label", "dir"]
            if case .object(let members) = a, members.contains(where: { !known.contains($0.key) }) {
                arc.extra = JSONValue.object(members.sorted { PythonText.less($0.key, $1.key) }).serialized()
            }
            parsedArcs.append(arc)
        }
        self.init(
            words: parsedWords, arcs: parsedArcs, settings: try DocSettings(manual: json["settings"]),
            title: manualTitle(json["title"]))
    }
}

extension DocSettings {
    /// `p.get("settings", {})` of a manual dict; `nil` when absent.
    init?(manual json: JSONValue?) throws(DisplacyError) {
        guard let json, json != .null else { return nil }
        guard case .object = json else { throw DisplacyError("input: \"settings\" must be an object") }
        let lang = json["lang"].map(PythonText.str) ?? DocSettings.default.lang
        let direction = json["direction"].map(PythonText.str) ?? DocSettings.default.direction
        self.init(lang: lang, direction: direction)
    }
}

/// A manual dict's `title`, kept only when truthy (displaCy tests `if title`).
func manualTitle(_ json: JSONValue?) -> String? {
    guard let json, PythonText.truthy(json) else { return nil }
    return PythonText.str(json)
}
