import CLibXML2

/// Re-validates rendered pages with libxml2: each must be well-formed XML (the pages are polyglot
/// XHTML, so every SVG inside is checked too), parse as HTML without errors, and link nothing external.
public enum ReportValidator {
    /// Problems of one page or SVG, as `line:column: message`; empty when valid.
    public static func check(page bytes: [UInt8], isSVG: Bool = false) -> [String] {
        var problems: [String] = []
        let xml = LibXML.parseXML(bytes)
        problems += xml.problems.map { "xml \($0)" }
        if let doc = xml.doc {
            if xml.problems.isEmpty { externalReferences(xmlDocGetRootElement(doc), into: &problems) }
            xmlFreeDoc(doc)
        } else if xml.problems.isEmpty {
            problems.append("xml: not a document")
        }
        if !isSVG {
            let html = LibXML.parseHTML(bytes)
            problems += html.problems.map { "html \($0)" }
            if let doc = html.doc { xmlFreeDoc(doc) }
        }
        return problems
    }

    private static func externalReferences(_ node: xmlNodePtr?, into problems: inout [String]) {
        guard let node else { return }
        if node.pointee.type == XML_ELEMENT_NODE {
            for (name, value) in LibXML.attributes(node) where MarkupSanitizer.linkAttributes.contains(name.lowercased()) {
                let v = value.lowercased().filter { !$0.isWhitespace }
                if v.hasPrefix("http:") || v.hasPrefix("https:") || v.hasPrefix("//") || v.hasPrefix("javascript:") || v.hasPrefix("data:") {
                    problems.append("\(node.pointee.line): external or active reference \(name)=\"\(value)\"")
                }
            }
        }
        for child in LibXML.children(node) { externalReferences(child, into: &problems) }
    }
}
