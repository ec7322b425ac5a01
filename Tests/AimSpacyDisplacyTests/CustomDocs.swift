import AimSpacyModel
import AimSpacyTestSupport

/// The docs of `Fixtures/displacy/docs.jsonl` (written by scripts/make_displacy_fixtures.py next to
/// the same docs as a DocBin), with the language each was made in.
enum CustomDocs {
    struct Entry {
        var name: String
        var lang: String
        var doc: Doc
    }

    static func load() throws -> [Entry] {
        try Fixture.jsonLines("displacy/docs.jsonl").map(entry)
    }

    static func entry(_ json: JSONValue) throws -> Entry {
        func strings(_ key: String) -> [String] {
            guard case .array(let a)? = json[key] else { return [] }
            return a.map { $0.stringValue ?? "" }
        }
        guard case .array(let spacesJSON)? = json["spaces"], case .array(let headsJSON)? = json["heads"] else {
            throw DocJSON.Failure(description: "docs.jsonl: expected spaces and heads")
        }
        let words = strings("words")
        let tags = strings("tags")
        let pos = strings("pos")
        let lemmas = strings("lemmas")
        let deps = strings("deps")
        var tokens: [Token] = []
        var idx = 0
        for (i, word) in words.enumerated() {
            let space = spacesJSON[i] == .bool(true)
            guard case .int(let head) = headsJSON[i] else { throw DocJSON.Failure(description: "docs.jsonl: head") }
            tokens.append(
                Token(
                    text: word, whitespace: space, idx: idx, lemma: lemmas[i], tag: tags[i], pos: pos[i], dep: deps[i],
                    head: head))
            idx += word.unicodeScalars.count + (space ? 1 : 0)
        }
        func span(_ v: JSONValue) throws -> Span {
            guard case .array(let a) = v, a.count == 6, case .int(let s) = a[0], case .int(let e) = a[1],
                case .int(let sc) = a[2], case .int(let ec) = a[3]
            else { throw DocJSON.Failure(description: "docs.jsonl: span") }
            return Span(start: s, end: e, startChar: sc, endChar: ec, label: a[4].stringValue ?? "", kbID: a[5].stringValue ?? "")
        }
        var ents: [Span] = []
        if case .array(let e)? = json["ents"] { ents = try e.map(span) }
        var groups: [SpanGroup] = []
        if case .object(let members)? = json["spans"] {
            for (name, value) in members {
                guard case .array(let spans) = value else { continue }
                groups.append(SpanGroup(name: name, spans: try spans.map(span)))
            }
        }
        let doc = Doc(tokens: tokens, ents: ents, spanGroups: groups, title: json["title"]?.stringValue)
        return Entry(name: json["name"]?.stringValue ?? "", lang: json["lang"]?.stringValue ?? "en", doc: doc)
    }
}
