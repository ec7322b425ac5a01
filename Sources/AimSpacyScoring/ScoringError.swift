/// Why `score` could not score: a file that is not what spaCy would accept, or docs that cannot be paired.
/// Its description is one line naming the file and the place.
public struct ScoringError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// The place inside the file (`doc 12`, `components.ner.scorer`), or empty.
    public var place: String
    public var message: String

    public init(file: String, place: String = "", _ message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    public var description: String {
        place.isEmpty ? "\(file): error: \(message)" : "\(file): \(place): error: \(message)"
    }
}
