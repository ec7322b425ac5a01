import Foundation

/// Locates the bundled copy of `Fixtures/` (a `.copy` resource of this test target).
enum Fixture {
    static let root: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// The URL of a fixture file, e.g. `url("corpus/dev.spacy")`.
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The bytes of a fixture file.
    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }
}
