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

    /// Reads `request.path` with `open` (the DocBin decoder, `DisplacyDocBin.open`), renders it and hands
    /// the output's UTF-8 to `sink` in order (see `write`).
    public static func run(
        _ request: DisplacyRequest, open: (String) throws(PipelineError) -> DisplacyDocSource,
        sink: ([UInt8]) -> Void
    ) throws(PipelineError) {
        let options = try options(request.optionsJSON)
        try write(request, options: options, source: try open(request.path), to: sink)
    }

    /// Decodes the docs of `range`, on every core when there are many (docs decode independently).
    static func decode(_ source: DisplacyDocSource, _ range: Range<Int>) throws(PipelineError) -> [Doc] {
        try ParallelMap.map(Array(range)) { _, i throws(PipelineError) in try source.doc(i) }
    }

    /// The output for `request`: with `jsonl`, one JSON string per doc (what `displacy.render(doc, ...)`
    /// returns for it) per line; otherwise the markup of all selected docs rendered in one call, plus a newline.
    public static func render(_ request: DisplacyRequest, source: DisplacyDocSource) throws(PipelineError) -> String {
        var out: [UInt8] = []
        try write(request, source: source) { out += $0 }
        return String(decoding: out, as: UTF8.self)
    }

    /// Docs per batch of the JSONL output: memory stays bounded on a large corpus, and each batch
    /// reuses the memory of the one before.
    static let batchSize = 64

    /// The output of `render`, handed to `sink` in pieces: a batch of lines at a time with `jsonl`
    /// (the lines before a failing doc are already out then), else the one markup.
    public static func write(
        _ request: DisplacyRequest, source: DisplacyDocSource, to sink: ([UInt8]) -> Void
    ) throws(PipelineError) {
        try write(request, options: try options(request.optionsJSON), source: source, to: sink)
    }

    private static func write(
        _ request: DisplacyRequest, options: DisplacyOptions, source: DisplacyDocSource, to sink: ([UInt8]) -> Void
    ) throws(PipelineError) {
        guard request.offset >= 0 else { throw PipelineError("error: --offset: expected a non-negative number") }
        if let limit = request.limit, limit < 0 { throw PipelineError("error: --limit: expected a non-negative number") }
        let start = min(request.offset, source.count)
        let end = request.limit.map { start + min($0, source.count - start) } ?? source.count
        guard request.jsonl else {
            let docs = try Self.decode(source, start..<end)
            do throws(DisplacyError) {
                var markup = try Displacy.renderUTF8(
                    docs, style: request.style, lang: request.lang, page: request.page, options: options)
                markup.append(0x0A)
                sink(markup)
                return
            } catch {
                throw PipelineError("\(request.path): error: \(error.message)")
            }
        }
        for batch in stride(from: start, to: end, by: batchSize) {
            let docs = try Self.decode(source, batch..<min(batch + batchSize, end))
            let lines = try ParallelMap.map(docs) { k, doc throws(PipelineError) -> [UInt8] in
                do throws(DisplacyError) {
                    var line = try Displacy.renderJSONString(
                        [doc], style: request.style, lang: request.lang, page: request.page, options: options)
                    line.append(0x0A)
                    return line
                } catch {
                    throw PipelineError("\(request.path): error: doc \(batch + k): \(error.message)")
                }
            }
            for line in lines { sink(line) }
        }
    }
}
