import AimSpacyModel
import CLibXML2

/// Reads a displaCy page that `spacy evaluate --displacy-path` wrote, with libxml2's HTML parser, and
/// keeps each doc's markup exactly as it is in the file: the bytes between `<figure …>` and `</figure>`
/// (spaCy's `TPL_FIGURE` puts the renderer's output there unchanged). The parser finds the figures and
/// their lines; each one's bytes are then taken from the file at the `<figure` tag on that line
/// (libxml2 2.9's `record_info` positions crash on malformed HTML and so are not used).
public enum DisplacyPageDecoder {
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodingError) -> DisplacyPage {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max), let base = bytes.baseAddress else {
            throw DecodingError(location: .text(line: 1, column: 1), message: "expected an HTML page")
        }
        _ = libxml2Ready
        guard let context = htmlCreateMemoryParserCtxt(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        else {
            throw DecodingError(location: .text(line: 1, column: 1), message: "expected an HTML page")
        }
        defer {
            if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
            htmlFreeParserCtxt(context)
        }
        _ = htmlCtxtUseOptions(
            context, Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue))
        _ = htmlParseDocument(context)
        guard let doc = context.pointee.myDoc, let root = xmlDocGetRootElement(doc) else {
            throw DecodingError(location: .text(line: 1, column: 1), message: "expected an HTML document")
        }
        var figureNodes: [xmlNodePtr] = []
        collect(root, named: "figure", into: &figureNodes)
        guard !figureNodes.isEmpty else {
            throw DecodingError(
                location: .text(line: 1, column: 1), message: "expected displaCy <figure> elements, found none")
        }
        var figures: [DisplacyFigure] = []
        var style: String?
        var starts: [Int] = []
        var lines = LineCursor(bytes: bytes)
        for node in figureNodes {
            starts.append(try start(of: node, after: starts.last.map { $0 + 1 } ?? 0, lines: &lines))
        }
        var positions = LineCursor(bytes: bytes)
        for (index, node) in figureNodes.enumerated() {
            let bound = index + 1 < starts.count ? starts[index + 1] : bytes.count
            let location = positions.location(of: starts[index])
            let figure = try figureMarkup(from: starts[index], before: bound, at: location, bytes: bytes)
            let figureStyle = try self.style(of: node, at: figure.location)
            if let style, style != figureStyle {
                throw DecodingError(
                    location: figure.location, message: "expected every figure in \(style) style, found \(figureStyle)")
            }
            style = figureStyle
            figures.append(DisplacyFigure(markup: figure.markup, title: title(of: node), line: figure.line))
        }
        return DisplacyPage(style: style ?? "ent", figures: figures)
    }

    /// libxml2 must be initialised once, before any thread parses (`xmlInitParser` is not reentrant).
    private static let libxml2Ready: Void = xmlInitParser()

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> DisplacyPage {
        let result: Result<DisplacyPage, DecodingError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecodingError) in try decode(buffer) }
        }
        return try result.get()
    }

    private static func collect(_ node: xmlNodePtr, named name: String, into nodes: inout [xmlNodePtr]) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, elementName(current) == name {
                nodes.append(current)
            } else {
                collect(current, named: name, into: &nodes)
            }
            child = current.pointee.next
        }
    }

    private static func elementName(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name)
    }

    /// An attribute's text, read from the node's own attribute list (no libxml2 allocation to free).
    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let propertyName = current.pointee.name, String(cString: propertyName) == name {
                return text(of: current.pointee.children)
            }
            property = current.pointee.next
        }
        return nil
    }

    /// The concatenated content of a list of text nodes.
    private static func text(of first: xmlNodePtr?) -> String {
        var result = ""
        var child = first
        while let node = child {
            if let content = node.pointee.content { result += String(cString: content) }
            child = node.pointee.next
        }
        return result
    }

    /// The byte offset of the `<figure` tag that starts `node`: the first at or after `from` on the node's
    /// line (libxml2 stores lines up to 65535; beyond, the first after `from`). `lines`, left where
    /// the previous search began, is moved on to `from`.
    private static func start(of node: xmlNodePtr, after from: Int, lines: inout LineCursor)
        throws(DecodingError) -> Int
    {
        let line = Int(xmlGetLineNo(node))
        let tag = Array("<figure".utf8)
        let bytes = lines.bytes
        lines.advance(to: from)
        var current = lines.line
        var index = from
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                current += 1
                if line < 65535, current > line { break }
            } else if current >= line || line >= 65535, bytes[index] == tag[0],
                bytes[index..<index + tag.count].elementsEqual(tag)
            {
                return index
            }
            index += 1
        }
        throw DecodingError(location: .text(line: max(line, 1), column: 1), message: "expected a <figure> tag on this line")
    }

    /// A figure's content bytes: from the end of its start tag to the last `</figure` before `end`
    /// (the next figure's start, or the end of the file); `location` is where `begin` is.
    private static func figureMarkup(
        from begin: Int, before end: Int, at location: DecodingError.Location, bytes: UnsafeRawBufferPointer
    ) throws(DecodingError) -> (markup: String, line: Int, location: DecodingError.Location) {
        guard begin < end, let open = bytes[begin..<end].firstIndex(of: UInt8(ascii: ">")) else {
            throw DecodingError(location: location, message: "expected a complete <figure> start tag")
        }
        let closing = Array("</figure".utf8)
        var close = end - closing.count
        while close > open, !bytes[close..<close + closing.count].elementsEqual(closing) { close -= 1 }
        guard close > open else {
            throw DecodingError(location: location, message: "expected </figure> closing this figure")
        }
        guard let markup = String(validating: bytes[(open + 1)..<close], as: UTF8.self) else {
            throw DecodingError(location: location, message: "expected UTF-8 text in the figure")
        }
        guard case .text(let line, _) = location else { return (markup, 1, location) }
        return (markup, line, location)
    }

    /// `ent` for `<div class="entities">`, `span` for `<div class="spans">`, `dep` for `<svg class="displacy">`.
    private static func style(of figure: xmlNodePtr, at location: DecodingError.Location) throws(DecodingError) -> String {
        var child = figure.pointee.children
        while let node = child {
            child = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = elementName(node)
            let classes = (attribute(node, "class") ?? "").split(separator: " ")
            if name == "h2" { continue }
            if name == "svg" { return "dep" }
            if name == "div", classes.contains("entities") { return "ent" }
            if name == "div", classes.contains("spans") { return "span" }
            throw DecodingError(location: location, message: "expected displaCy markup in the figure, found <\(name)>")
        }
        throw DecodingError(location: location, message: "expected displaCy markup in the figure, found none")
    }

    private static func title(of figure: xmlNodePtr) -> String? {
        var child = figure.pointee.children
        while let node = child {
            child = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            guard elementName(node) == "h2" else { return nil }
            return text(of: node.pointee.children)
        }
        return nil
    }
}

/// Lines of byte offsets asked in increasing order, counted on from the previous one, so that
/// locating every figure of a page reads it once instead of once per figure.
private struct LineCursor {
    let bytes: UnsafeRawBufferPointer
    private var offset = 0
    /// The 1-based line of the offset reached.
    private(set) var line = 1
    private var lineStart = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Counts the newlines up to `target` (no earlier than the offset reached).
    mutating func advance(to target: Int) {
        let end = min(target, bytes.count)
        while offset < end {
            if bytes[offset] == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
    }

    /// 1-based line and byte column of `target`.
    mutating func location(of target: Int) -> DecodingError.Location {
        advance(to: target)
        return .text(line: line, column: target - lineStart + 1)
    }
}
