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

    /// Reads `request.path` with `open` (the DocBin decoder, `DisplacyDocBin.open`) and renders it.
    public static func run(
        _ request: DisplacyRequest, open: (String) throws(PipelineError) -> DisplacyDocSource
    ) throws(PipelineError) -> String {
        _ = try options(request.optionsJSON)
        return try render(request, source: try open(request.path))
    }

    /// Decodes the docs of `range`, on every core when there are many (docs decode independently).
    static func decode(_ source: DisplacyDocSource, _ range: Range<Int>) throws(PipelineError) -> [Doc] {
        try ParallelMap.map(Array(range)) { _, i throws(PipelineError) in try source.doc(i) }
    }

    /// The output for `request`: with `jsonl`, one JSON string per doc (what `displacy.render(doc, ...)`
    /// returns for it) per line; otherwise the markup of all selected docs rendered in one call, plus a newline.
    public static func render(_ request: DisplacyRequest, source: DisplacyDocSource) throws(PipelineError) -> String {
        guard request.offset >= 0 else { throw PipelineError("error: --offset: expected a non-negative number") }
        if let limit = request.limit, limit < 0 { throw PipelineError("error: --limit: expected a non-negative number") }
        let options = try options(request.optionsJSON)
        let start = min(request.offset, source.count)
        let end = request.limit.map { start + min($0, source.count - start) } ?? source.count
        let docs = try Self.decode(source, start..<end)
        do {
            if request.jsonl {
                let page = request.page
                let style = request.style
                let lang = request.lang
                let path = request.path
                let lines = try ParallelMap.map(docs) { k, doc throws(PipelineError) -> [UInt8] in
                    do throws(DisplacyError) {
                        let markup = try Displacy.render([doc], style: style, lang: lang, page: page, options: options)
                        var line: [UInt8] = []
                        JSONValue.writeString(markup, to: &line)
                        line.append(0x0A)
                        return line
                    } catch {
                        throw PipelineError("\(path): error: doc \(start + k): \(error.message)")
                    }
                }
                var out: [UInt8] = []
                out.reserveCapacity(lines.reduce(0) { $0 + $1.count })
                for line in lines { out += line }
                return String(decoding: out, as: UTF8.self)
            }
            var markup = try Displacy.render(
                docs, style: request.style, lang: request.lang, page: request.page, options: options)
            markup.append("\n")
            return markup
        } catch let error as PipelineError {
            throw error
        } catch let error as DisplacyError {
            throw PipelineError("\(request.path): error: \(error.message)")
        } catch {
            throw PipelineError("\(request.path): error: \(error)")
        }
    }
}
