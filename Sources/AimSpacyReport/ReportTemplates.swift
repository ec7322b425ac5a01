import Foundation
import Mustache

/// The report's Mustache templates: those of `Templates/`, embedded in the binary, each replaceable by a
/// file of the same name in `--templates DIR`.
public struct ReportTemplates: Sendable {
    /// Template names, as files `<name>.mustache`.
    public static let names = ["compare", "errors", "index", "page", "run", "script", "style"]

    /// The embedded template texts by name (byte-identical to `Templates/*.mustache`).
    public static let embedded: [String: String] = [
        "compare": String(decoding: PackageResources.compare_mustache, as: UTF8.self),
        "errors": String(decoding: PackageResources.errors_mustache, as: UTF8.self),
        "index": String(decoding: PackageResources.index_mustache, as: UTF8.self),
        "page": String(decoding: PackageResources.page_mustache, as: UTF8.self),
        "run": String(decoding: PackageResources.run_mustache, as: UTF8.self),
        "script": String(decoding: PackageResources.script_mustache, as: UTF8.self),
        "style": String(decoding: PackageResources.style_mustache, as: UTF8.self),
    ]

    let library: MustacheLibrary

    /// The embedded templates, with those found in `directory` (if any) taking their place.
    public init(overridesIn directory: String? = nil) throws(ReportError) {
        var texts = Self.embedded
        if let directory {
            let url = URL(fileURLWithPath: directory, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ReportError("\(directory): expected a directory of *.mustache templates")
            }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".mustache") {
                let name = String(file.dropLast(".mustache".count))
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(file).path) else {
                    throw ReportError("\(directory)/\(file): cannot be read")
                }
                texts[name] = String(decoding: data, as: UTF8.self)
            }
        }
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in texts {
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                throw ReportError("template \(name).mustache: \(error)")
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    func render(_ name: String, _ context: [String: Any]) throws(ReportError) -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw ReportError("template \(name).mustache is missing")
        }
        return text
    }
}
