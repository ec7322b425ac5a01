import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyTestSupport
import Testing

/// `Fixtures/displacy/cases.jsonl`: every option, right-to-left and non-ASCII docs, markup in labels,
/// empty docs, long docs, pages, minify, several docs per call and manual input, rendered by spaCy.
@Suite struct DisplacyCaseTests {
    static let cases = Result { try Fixture.jsonLines("displacy/cases.jsonl") }
    static let custom = Result { try CustomDocs.load() }
    static let dev = Result { try Fixture.jsonLines("expected/dev.docs.jsonl").map(DocJSON.doc) }
    static let names: [String] = ((try? cases.get()) ?? []).compactMap { $0["name"]?.stringValue }

    @Test func casesArePresent() throws {
        #expect(try Self.cases.get().count > 600)
        #expect(Self.names.count == (try Self.cases.get().count))
    }

    /// Renders one case from its stored input.
    static func render(_ entry: JSONValue) throws -> String {
        let style = try #require(entry["style"]?.stringValue.flatMap(DisplacyStyle.init(rawValue:)))
        let options = try DisplacyOptions(json: try #require(entry["options"]))
        let page = entry["page"] == .bool(true)
        let minify = entry["minify"] == .bool(true)
        let escaping: DisplacyEscaping = entry["escaping"]?.stringValue == "safe" ? .safe : .spacy
        if case .array(let manual)? = entry["manual"] {
            return try Displacy.render(
                manual: manual, style: style, page: page, minify: minify, options: options, escaping: escaping)
        }
        guard case .array(let refs)? = entry["docs"] else { throw DocJSON.Failure(description: "case without docs") }
        var docs: [Doc] = []
        var lang: String?
        for ref in refs {
            if case .int(let i)? = ref["custom"] {
                let e = try custom.get()[i]
                docs.append(e.doc)
                lang = lang ?? e.lang
            } else if case .int(let i)? = ref["dev"] {
                docs.append(try dev.get()[i])
                lang = lang ?? "en"
            }
        }
        return try Displacy.render(
            docs, style: style, lang: lang ?? "en", page: page, minify: minify, options: options, escaping: escaping)
    }

    /// Safe mode changes nothing where spaCy's output lets no markup through: every case whose docs
    /// and options hold none of `& < > "` in tags, labels, titles or kb ids renders the same.
    @Test func safeModeEqualsSpacyWithoutMarkup() throws {
        var compared = 0
        for entry in try Self.cases.get() where entry["escaping"] == nil {
            guard case .array(let refs)? = entry["docs"],
                refs.allSatisfy({ $0["dev"] != nil || $0 == .object([("custom", .int(0))]) || $0 == .object([("custom", .int(2))]) }),
                entry["options"]?["kb_url_template"]?.stringValue?.contains("&") != true
            else { continue }
            let style = try #require(entry["style"]?.stringValue.flatMap(DisplacyStyle.init(rawValue:)))
            var docs: [Doc] = []
            for ref in refs {
                if case .int(let i)? = ref["dev"] { docs.append(try Self.dev.get()[i]) }
                if case .int(let i)? = ref["custom"] { docs.append(try Self.custom.get()[i].doc) }
            }
            let options = try DisplacyOptions(json: try #require(entry["options"]))
            let spacy = try Displacy.render(docs, style: style, options: options)
            let safe = try Displacy.render(docs, style: style, options: options, escaping: .safe)
            let titled = docs.contains { $0.title?.contains("&") == true }
            if !titled { #expect(spacy == safe, "\(entry["name"]?.stringValue ?? "")") }
            compared += titled ? 0 : 1
        }
        #expect(compared > 300)
    }

    @Test(arguments: names)
    func matchesSpacy(name: String) throws {
        let entry = try #require(try Self.cases.get().first { $0["name"]?.stringValue == name })
        let want = try #require(entry["expected"]?.stringValue)
        let got = try Self.render(entry)
        let style = entry["style"]?.stringValue
        #expect((style == "dep" ? normalizeID(got) : got) == want)
    }
}
