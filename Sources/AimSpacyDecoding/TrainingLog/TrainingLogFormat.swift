import AimSpacyModel

/// Which kind of training log a file is, judged by its content (never by its name).
public enum TrainingLogFormat: String, Sendable, Equatable {
    /// The console table (`spacy train`'s stdout, a `script` recording, a `.log`/`.txt`/`.out` file).
    case console
    /// The JSONL of ConsoleLogger v2/v3 `output_file`.
    case jsonl

    /// The format of `bytes`, or `nil` when it is neither kind of log.
    /// A console log has the table header followed by its separator, or spaCy's `Training pipeline`
    /// divider with a `Pipeline: [` line; a JSONL log's first non-blank line is a JSON object with
    /// `epoch`, `step`, `losses` and `scores`.
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> TrainingLogFormat? {
        if isJSONL(bytes) { return .jsonl }
        var lines = VisibleLines(bytes)
        var previousWasHeader = false
        var sawDivider = false
        while let line = lines.next() {
            let text = line.bytes
            if previousWasHeader, text.starts(with: separator) { return .console }
            previousWasHeader = text.starts(with: header)
            if text.containsText(divider) { sawDivider = true }
            if sawDivider, text.containsText(pipeline) { return .console }
        }
        return nil
    }

    /// The starts of the table's header and separator; the divider and line of `spacy train`'s preamble.
    private static let header = Array("E    #".utf8)
    private static let separator = Array("---  ------".utf8)
    private static let divider = Array("= Training pipeline =".utf8)
    private static let pipeline = Array("Pipeline: [".utf8)

    /// The format of `bytes`, or `nil` when it is neither kind of log.
    public static func detect(_ bytes: [UInt8]) -> TrainingLogFormat? {
        bytes.withUnsafeBytes { detect($0) }
    }

    private static func isJSONL(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        var end = index
        while end < bytes.count, bytes[end] != 0x0A, end - index < 1 << 20 { end += 1 }
        guard let first = try? JSONValue.parse(UnsafeRawBufferPointer(rebasing: bytes[index..<end])) else {
            return false
        }
        return first["epoch"] != nil && first["step"] != nil && first["losses"] != nil && first["scores"] != nil
    }
}
