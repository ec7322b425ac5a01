import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Parses markup with libxml2, collecting its errors instead of printing them.
enum LibXML {
    /// One error libxml2 reported.
    struct Problem: Sendable, Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var code: Int
        var message: String
        var description: String { "\(line):\(column): \(message)" }
    }

    private final class Collector {
        var problems: [Problem] = []
        var ignoredCodes: Set<Int32> = []
    }

    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses a well-formed XML document (the report's pages are polyglot XHTML); the caller frees the doc.
    static func parseXML(_ bytes: [UInt8]) -> (doc: xmlDocPtr?, problems: [Problem]) {
        parse(bytes, ignoring: []) { buffer, count in
            xmlReadMemory(buffer, count, "page.xhtml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
        }
    }

    /// Parses HTML as a browser of libxml2's generation would; HTML5 elements it does not know (svg, mark…)
    /// are not errors.
    static func parseHTML(_ bytes: [UInt8]) -> (doc: htmlDocPtr?, problems: [Problem]) {
        parse(bytes, ignoring: [Int32(XML_HTML_UNKNOWN_TAG.rawValue)]) { buffer, count in
            htmlReadMemory(buffer, count, "page.html", "UTF-8", Int32(HTML_PARSE_NONET.rawValue))
        }
    }

    private static func parse(
        _ bytes: [UInt8], ignoring: Set<Int32>, _ read: (UnsafePointer<CChar>, Int32) -> xmlDocPtr?
    ) -> (doc: xmlDocPtr?, problems: [Problem]) {
        _ = initialised
        let collector = Collector()
        collector.ignoredCodes = ignoring
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSetStructuredErrorFunc(box.toOpaque()) { user, error in
            guard let user, let error else { return }
            let collector = Unmanaged<Collector>.fromOpaque(user).takeUnretainedValue()
            let e = error.pointee
            guard !collector.ignoredCodes.contains(e.code), e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = e.message.map { String(cString: $0) } ?? "error \(e.code)"
            collector.problems.append(
                Problem(line: Int(e.line), column: Int(e.int2), code: Int(e.code),
                        message: String(message.reversed().drop { $0 == "\n" || $0 == " " }.reversed()))
            )
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { read($0, Int32(buffer.count)) }
            } ?? read("", 0)
        }
        return (doc, collector.problems)
    }

    /// The element and text children of a node.
    static func children(_ node: xmlNodePtr?) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node?.pointee.children
        while let c = child {
            out.append(c)
            child = c.pointee.next
        }
        return out
    }

    /// The node's local name: libxml2's HTML parser drops a written prefix (`<svg:script>` is `script`).
    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func attributes(_ node: xmlNodePtr) -> [(name: String, value: String)] {
        var out: [(String, String)] = []
        var attribute = node.pointee.properties
        while let a = attribute {
            var name = a.pointee.name.map { String(cString: $0) } ?? ""
            if let prefix = a.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, a.pointee.children, 1) {
                value = String(cString: raw)
                free(raw)
            }
            out.append((name, value))
            attribute = a.pointee.next
        }
        return out
    }

    static func content(_ node: xmlNodePtr) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    /// The first element with this name, depth first.
    static func find(_ name: String, in node: xmlNodePtr?) -> xmlNodePtr? {
        guard let node else { return nil }
        if node.pointee.type == XML_ELEMENT_NODE, LibXML.name(node) == name { return node }
        for child in children(node) {
            if let found = find(name, in: child) { return found }
        }
        return nil
    }
}
