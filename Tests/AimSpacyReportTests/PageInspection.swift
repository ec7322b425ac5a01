import CLibXML2

/// What a page holds once parsed by libxml2's HTML parser (as a browser reads it): its elements, the
/// text of its scripts and every attribute, to prove that nothing from data became active markup.
struct PageInspection {
    var elements: [String] = []
    var scripts: [String] = []
    var attributes: [(element: String, name: String, value: String)] = []
    var xmlWellFormed = false

    init(_ bytes: [UInt8]) {
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), "page.html", "UTF-8", options)
            }
        }
        if let doc {
            walk(xmlDocGetRootElement(doc))
            xmlFreeDoc(doc)
        }
        let xml = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "page.xhtml", "UTF-8",
                              Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            }
        }
        if let xml {
            xmlWellFormed = true
            xmlFreeDoc(xml)
        }
    }

    private mutating func walk(_ node: xmlNodePtr?) {
        guard let node else { return }
        if node.pointee.type == XML_ELEMENT_NODE {
            let name = String(cString: node.pointee.name)
            elements.append(name)
            var attribute = node.pointee.properties
            while let a = attribute {
                var value = ""
                if let text = a.pointee.children?.pointee.content { value = String(cString: text) }
                attributes.append((name, String(cString: a.pointee.name), value))
                attribute = a.pointee.next
            }
            if name == "script" {
                var text = ""
                var child = node.pointee.children
                while let c = child {
                    if let content = c.pointee.content { text += String(cString: content) }
                    child = c.pointee.next
                }
                scripts.append(text)
            }
        }
        var child = node.pointee.children
        while let c = child {
            walk(c)
            child = c.pointee.next
        }
    }
}
