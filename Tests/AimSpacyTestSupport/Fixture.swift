import AimSpacyModel
import Foundation

/// Locates the bundled copy of `Fixtures/` (a `.copy` resource of this support target, shared by
/// every test target).
public enum Fixture {
    public static let root: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// The URL of a fixture file, e.g. `url("corpus/dev.spacy")`.
    public static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The bytes of a fixture file.
    public static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    /// Every line of a JSONL fixture, parsed.
    public static func jsonLines(_ path: String) throws -> [JSONValue] {
        let text = try String(contentsOf: url(path), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }

    /// The build's products folder, where the `aim-spacy` executable is.
    public static var productsDirectory: URL { Bundle.module.bundleURL.deletingLastPathComponent() }
}
