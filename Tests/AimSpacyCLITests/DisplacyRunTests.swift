import AimSpacyDisplacy
import AimSpacyModel
import AimSpacyPipeline
import Testing

/// `DisplacyRun` with an in-memory doc source: selection by offset/limit, the JSONL framing, and
/// one-line errors for bad flags (the renders themselves are checked against spaCy in AimSpacyDisplacyTests).
@Suite struct DisplacyRunTests {
    static let docs: [Doc] = (0..<5).map { i in
        Doc(tokens: [
            Token(text: "Doc", idx: 0, pos: "NOUN", dep: "ROOT", head: 0),
            Token(text: "\(i)\"", whitespace: false, idx: 4, pos: "NUM", dep: "nummod", head: 0),
        ])
    }
    static var source: DisplacyDocSource {
        DisplacyDocSource(count: docs.count) { (i) throws(PipelineError) -> Doc in docs[i] }
    }

    @Test func jsonlHasOneRenderPerSelectedDoc() throws {
        let request = DisplacyRequest(path: "mem.spacy", style: .dep, limit: 2, offset: 3, jsonl: true)
        let output = try DisplacyRun.render(request, source: Self.source)
        let lines = output.split(separator: "\n").map { try? JSONValue.parse(String($0)).stringValue }
        #expect(lines.count == 2)
        #expect(lines[0] == (try Displacy.render([Self.docs[3]], style: .dep)))
        #expect(lines[1] == (try Displacy.render([Self.docs[4]], style: .dep)))
    }

    /// More docs than one batch: every line in doc order, and the lines of the batches before a
    /// failing doc already handed out (batches of 64: docs 0–127).
    @Test func jsonlStreamsBatchesInOrder() throws {
        let many: [Doc] = (0..<150).map { i in
            Doc(tokens: [Token(text: "w\(i)", idx: 0, pos: "NOUN", dep: "ROOT", head: 0)])
        }
        let source = DisplacyDocSource(count: many.count) { (i) throws(PipelineError) -> Doc in
            guard i != 140 else { throw PipelineError("mem.spacy: error: doc 140: broken") }
            return many[i]
        }
        var lines: [String] = []
        let request = DisplacyRequest(path: "mem.spacy", style: .ent, limit: 140, jsonl: true)
        try DisplacyRun.write(request, source: source) { chunk in
            lines += String(decoding: chunk, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(lines.count == 140)
        for (i, line) in lines.enumerated() {
            #expect(try JSONValue.parse(line).stringValue == (try Displacy.render([many[i]], style: .ent)))
        }
        var partial = 0
        let failing = DisplacyRequest(path: "mem.spacy", style: .ent, jsonl: true)
        #expect(throws: PipelineError.self) {
            try DisplacyRun.write(failing, source: source) { chunk in partial += chunk.count(where: { $0 == 0x0A }) }
        }
        #expect(partial == 128)
    }

    @Test func markupRendersSelectionInOneCall() throws {
        let request = DisplacyRequest(path: "mem.spacy", style: .ent, lang: "he", limit: 10, offset: 1, page: true)
        let output = try DisplacyRun.render(request, source: Self.source)
        #expect(output == (try Displacy.render(Array(Self.docs[1...]), style: .ent, lang: "he", page: true)) + "\n")
        #expect(output.contains("direction: rtl"))
    }

    @Test(arguments: ["{\"compact\": tru}", "[1]", "{\"distance\": \"far\"}"])
    func badOptionsAreOneLineErrors(json: String) throws {
        let request = DisplacyRequest(path: "mem.spacy", style: .dep, optionsJSON: json)
        #expect(throws: PipelineError.self) { try DisplacyRun.render(request, source: Self.source) }
        do {
            _ = try DisplacyRun.render(request, source: Self.source)
        } catch {
            #expect(!error.message.contains("\n"))
            #expect(error.message.contains("--options") || error.message.contains("mem.spacy"))
        }
    }
}
