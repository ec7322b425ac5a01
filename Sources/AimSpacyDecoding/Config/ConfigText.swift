/// A config file as Python's `configparser` reads it (before confection looks at the values):
/// sections in file order, each with its options' raw, joined, stripped values.
struct ConfigText: Sendable {
    /// One `key = value` entry with the places of its parts.
    struct Option: Sendable {
        var key: String
        var value: String
        var keyPosition: ConfigPosition
        /// Where each `\n`-separated line of `value` starts in the file, with its byte length.
        var pieces: [(position: ConfigPosition, length: Int)]

        /// The file position of byte `offset` of `value`.
        func position(ofValueOffset offset: Int) -> ConfigPosition {
            var remaining = offset
            for piece in pieces {
                if remaining <= piece.length { return ConfigPosition(line: piece.position.line, column: piece.position.column + remaining) }
                remaining -= piece.length + 1
            }
            return pieces.last?.position ?? keyPosition
        }
    }

    /// One `[name]` section.
    struct Section: Sendable {
        var name: String
        var position: ConfigPosition
        var options: [Option] = []
        var index: [String: Int] = [:]

        func option(_ key: String) -> Option? { index[key].map { options[$0] } }
    }

    /// The size in bytes of the text read, which bounds what the config may expand to.
    var size = 0
    var sections: [Section] = []
    var sectionIndex: [String: Int] = [:]
    /// configparser's `[DEFAULT]` section (confection rejects any value in it).
    var defaults = Section(name: "DEFAULT", position: ConfigPosition(line: 0, column: 0))

    func section(_ name: String) -> Section? { sectionIndex[name].map { sections[$0] } }

    /// Whether `name` is something configparser's `name in parser` accepts.
    func hasSectionOrDefault(_ name: String) -> Bool { name == "DEFAULT" || sectionIndex[name] != nil }
}
