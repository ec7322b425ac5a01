import AimSpacyDisplacy
import AimSpacyModel

/// Random access to the docs of one `.spacy` file, as the DocBin decoder provides it.
public struct DisplacyDocSource: Sendable {
    /// Number of docs in the file.
    public var count: Int
    /// Decodes doc `i` (0-based).
    public var doc: @Sendable (Int) throws(PipelineError) -> Doc

    public init(count: Int, doc: @escaping @Sendable (Int) throws(PipelineError) -> Doc) {
        self.count = count
        self.doc = doc
    }
}

/// `aim-spacy displacy`: renders docs of a DocBin the way `displacy.render` does.
public enum DisplacyRun {
    /// Parses `--options` (a JSON object).
    public static func options(_ json: String?) throws(PipelineError) -> DisplacyOptions {
        guard let json else { return DisplacyOptions() }
        let value: JSONValue
        do {
            value = try JSONValue.parse(json)
        } catch {
            throw PipelineError("error: --options: \(error.line):\(error.column): expected \(error.expected)")
        }
        do {
            return try DisplacyOptions(json: value)
        } catch {
            throw PipelineError("error: --options: \(error.message)")
        }
    }

    /// Reads `request.path` with `open` (the DocBin decoder, `DisplacyDocBin.open`) and renders it:
    /// the output's UTF-8 in pieces, to be written in order (see `renderChunks`).
    public static func run(
        _ request: DisplacyRequest, open: (String) throws(PipelineError) -> DisplacyDocSource
    ) throws(PipelineError) -> [[UInt8]] {
        _ = try options(request.optionsJSON)
        return try renderChunks(request, source: try open(request.path))
    }

    /// Decodes the docs of `range`, on every core when there are many (docs decode independently).
    static func decode(_ source: DisplacyDocSource, _ range: Range<Int>) throws(PipelineError) -> [Doc] {
        try ParallelMap.map(Array(range)) { _, i throws(PipelineError) in try source.doc(i) }
    }

    /// The output for `request`: with `jsonl`, one JSON string per doc (what `displacy.render(doc, ...)`
    /// returns for it) per line; otherwise the markup of all selected docs rendered in one call, plus a newline.
    public static func render(_ request: DisplacyRequest, source: DisplacyDocSource) throws(PipelineError) -> String {
        String(decoding: try renderChunks(request, source: source).joined(), as: UTF8.self)
    }

    /// The output in the pieces it is made in: one line per doc with `jsonl`, else one markup. Kept
    /// apart so a corpus's megabytes are not copied once more only to be written out.
    public static func renderChunks(_ request: DisplacyRequest, source: DisplacyDocSource) throws(PipelineError) -> [[UInt8]] {
        guard request.offset >= 0 else { throw PipelineError("error: --offset: expected a non-negative number") }
        if let limit = request.limit, limit < 0 { throw PipelineError("error: --limit: expected a non-negative number") }
        let options = try options(request.optionsJSON)
        let start = min(request.offset, source.count)
        let end = request.limit.map { start + min($0, source.count - start) } ?? source.count
        let docs = try Self.decode(source, start..<end)
        if request.jsonl {
            let lines = try ParallelMap.map(docs) { k, doc throws(PipelineError) -> [UInt8] in
                do throws(DisplacyError) {
                    let markup = try Displacy.renderUTF8(
                        [doc], style: request.style, lang: request.lang, page: request.page, options: options)
                    return markup.withUnsafeBufferPointer { utf8 in
                        let length = JSONValue.encodedStringLength(utf8: utf8)
                        return [UInt8](unsafeUninitializedCapacity: length + 1) { line, count in
                            count = JSONValue.writeString(utf8: utf8, into: line)
                            line[count] = 0x0A
                            count += 1
                        }
                    }
                } catch {
                    throw PipelineError("\(request.path): error: doc \(start + k): \(error.message)")
                }
            }
            return lines
        }
        do throws(DisplacyError) {
            var markup = try Displacy.renderUTF8(
                docs, style: request.style, lang: request.lang, page: request.page, options: options)
            markup.append(0x0A)
            return [markup]
        } catch {
            throw PipelineError("\(request.path): error: \(error.message)")
        }
    }
}
