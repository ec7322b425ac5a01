import AimSpacyDecoding
import AimSpacyModel
import AimSpacyTestSupport
import Foundation

/// Helpers shared by the DocBin tests.
enum DocBinSupport {
    /// Decodes a fixture `.spacy` file.
    static func load(_ path: String) throws -> DocBin {
        try decode(try Fixture.data(path))
    }

    static func decode(_ data: Data) throws -> DocBin {
        try data.withUnsafeBytes { raw in try DocBin(bytes: raw) }
    }

    /// The lines of a JSON Lines fixture, parsed.
    static func expectedLines(_ path: String) throws -> [JSONValue] {
        let text = String(decoding: try Fixture.data(path), as: UTF8.self)
        return try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }

    /// Every doc as `to_json()`, in order.
    static func json(_ docBin: DocBin) throws -> [JSONValue] {
        var out: [JSONValue] = []
        for result in docBin.docs { out.append(try result.get().toJSON()) }
        return out
    }
}
