import Dispatch
import Synchronization
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
        guard range.count >= 16 else {
            var docs: [Doc] = []
            for i in range { docs.append(try source.doc(i)) }
            return docs
        }
        let slots = Mutex<[Int: Result<Doc, PipelineError>]>([:])
        let lanes = 8
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var local: [Int: Result<Doc, PipelineError>] = [:]
            var i = range.lowerBound + lane
            while i < range.upperBound {
                do throws(PipelineError) { local[i] = .success(try source.doc(i)) } catch { local[i] = .failure(error) }
                i += lanes
            }
            slots.withLock { $0.merge(local) { first, _ in first } }
        }
        let decoded = slots.withLock { $0 }
        var docs: [Doc] = []
        docs.reserveCapacity(range.count)
        for i in range {
            guard let result = decoded[i] else { throw PipelineError("error: doc \(i) was not decoded") }
            docs.append(try result.get())
        }
        return docs
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
                let lines = Mutex<[Int: Result<[UInt8], PipelineError>]>([:])
                let lanes = docs.count >= 16 ? 8 : 1
                let page = request.page
                let style = request.style
                let lang = request.lang
                let path = request.path
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    var local: [Int: Result<[UInt8], PipelineError>] = [:]
                    var k = lane
                    while k < docs.count {
                        do throws(DisplacyError) {
                            let markup = try Displacy.render([docs[k]], style: style, lang: lang, page: page, options: options)
                            var line: [UInt8] = []
                            JSONValue.writeString(markup, to: &line)
                            line.append(0x0A)
                            local[k] = .success(line)
                        } catch {
                            local[k] = .failure(PipelineError("\(path): error: doc \(start + k): \(error.message)"))
                        }
                        k += lanes
                    }
                    lines.withLock { $0.merge(local) { first, _ in first } }
                }
                let rendered = lines.withLock { $0 }
                var out: [UInt8] = []
                out.reserveCapacity(rendered.values.reduce(0) { $0 + ((try? $1.get())?.count ?? 0) })
                for k in docs.indices {
                    guard let line = rendered[k] else { throw PipelineError("\(path): error: doc \(start + k) was not rendered") }
                    out += try line.get()
                }
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
