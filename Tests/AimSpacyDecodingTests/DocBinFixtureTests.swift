import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation
import Testing

/// The DocBins of `Fixtures/docbin/` (made by `scripts/make_docbin_fixtures.py` with spaCy 3.8.18)
/// against what spaCy made of them: `to_json()` and the token attributes `to_json` leaves out.
@Suite struct DocBinFixtureTests {
    static let names = [
        "only-orth", "unicode", "empty-docs", "no-docs", "overlapping-spans", "partial", "unknown-spaces",
        "user-data", "custom-attrs", "nonprojective", "old-span-groups", "no-flags",
    ]

    @Test(arguments: names)
    func toJSONMatchesSpacy(_ name: String) throws {
        let docBin = try DocBinSupport.load("docbin/\(name).spacy")
        let expected = try DocBinSupport.expectedLines("docbin/\(name).docs.jsonl")
        let actual = try DocBinSupport.json(docBin)
        #expect(actual.count == expected.count)
        for (i, (got, want)) in zip(actual, expected).enumerated() {
            #expect(got == want, "doc \(i): \(got.serialized())")
        }
    }

    /// Beyond equal as JSON: the text is what `json.dumps(doc.to_json(), ensure_ascii=False)` wrote.
    @Test(arguments: names + ["../corpus/dev", "../corpus/train"])
    func serializationIsByteIdentical(_ name: String) throws {
        let docBin = try DocBinSupport.load("docbin/\(name).spacy")
        let expectedPath = name.hasPrefix("../") ? "expected/\(name.dropFirst(10)).docs.jsonl" : "docbin/\(name).docs.jsonl"
        let expected = String(decoding: try Fixture.data(expectedPath), as: UTF8.self)
        let actual = try DocBinSupport.json(docBin).map { $0.serialized() + "\n" }.joined()
        #expect(actual == expected)
    }

    @Test(arguments: names)
    func tokensMatchSpacy(_ name: String) throws {
        let docBin = try DocBinSupport.load("docbin/\(name).spacy")
        let expected = try DocBinSupport.expectedLines("docbin/\(name).tokens.jsonl")
        #expect(docBin.count == expected.count)
        let storesNorm = docBin.attrs.contains(AttributeID.norm)
        for (i, want) in expected.enumerated() where i < docBin.count {
            let doc = try docBin.doc(at: i)
            #expect(doc.hasUnknownSpaces == (want["has_unknown_spaces"] == .bool(true)), "doc \(i)")
            #expect(doc.title == want["title"]?.stringValue, "doc \(i)")
            if case .array(let ents)? = want["ents"] {
                #expect(doc.ents.map(entJSON) == ents, "doc \(i) ents")
            }
            guard case .object(let groups)? = want["spans"] else {
                Issue.record("no spans in expected doc \(i)")
                continue
            }
            #expect(doc.spanGroups.map(\.name) == groups.map(\.key), "doc \(i) span group names")
            for (name, spans) in groups {
                #expect(doc.spanGroup(named: name).map { .array($0.spans.map(spanJSON)) } == spans, "doc \(i) group \(name)")
            }
            guard case .array(let tokens)? = want["tokens"] else { continue }
            #expect(doc.tokens.count == tokens.count)
            for (token, t) in zip(doc.tokens, tokens) {
                var fields: [(key: String, value: JSONValue)] = [
                    ("text", .string(token.text)), ("whitespace", .bool(token.whitespace)), ("idx", .int(token.idx)),
                    ("norm", .string(storesNorm ? token.norm : t["norm"]?.stringValue ?? "")),
                    ("lemma", .string(token.lemma)), ("tag", .string(token.tag)), ("pos", .string(token.pos)),
                    ("morph", .string(token.morph)), ("dep", .string(token.dep)), ("head", .int(token.head)),
                    ("ent_iob", .string(["", "I", "O", "B"][Int(token.entIOB.rawValue)])),
                    ("ent_type", .string(token.entType)), ("ent_kb_id", .string(token.entKBID)),
                    ("ent_id", .string(token.entID)), ("sent_start", .int(Int(token.sentStart))),
                ]
                if !token.extra.isEmpty {
                    fields.append(("extra", .object(token.extra.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
                }
                #expect(sorted(.object(fields)) == sorted(t), "doc \(i) token \(token.text)")
            }
        }
    }

    private func entJSON(_ span: Span) -> JSONValue {
        .object([
            ("start", .int(span.start)), ("end", .int(span.end)), ("label", .string(span.label)),
            ("kb_id", .string(span.kbID)), ("id", .string(span.id)),
        ])
    }

    private func spanJSON(_ span: Span) -> JSONValue {
        .object([
            ("start", .int(span.start)), ("end", .int(span.end)), ("start_char", .int(span.startChar)),
            ("end_char", .int(span.endChar)), ("label", .string(span.label)), ("kb_id", .string(span.kbID)),
            ("id", .string(span.id)),
        ])
    }

    /// Objects with keys sorted, recursively (key order is not what these tests check).
    private func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)) })
        case .array(let items): .array(items.map(sorted))
        default: value
        }
    }

    @Test func symbolTableMatchesSpacy() throws {
        let names = String(decoding: try Fixture.data("docbin/symbols.txt"), as: UTF8.self).split(separator: "\n")
        #expect(names.count == 456)
        for (i, name) in names.enumerated() {
            #expect(StringStore.id(of: String(name)) == UInt64(i + 1), "\(name)")
        }
    }

    @Test func stringIDsMatchSpacy() throws {
        for line in try DocBinSupport.expectedLines("docbin/string-ids.jsonl") {
            let string = try #require(line["string"]?.stringValue)
            #expect(String(MurmurHash.hashString(string)) == line["hash"]?.stringValue, "\(string)")
            #expect(String(StringStore.id(of: string)) == line["id"]?.stringValue, "\(string)")
        }
    }
}
