import AimSpacyModel

/// How lines end: `Config.from_str` splits at `\n` only; `from_disk` opens the file in Python's
/// text mode, where `\r\n` and a lone `\r` also end a line.
public enum ConfigNewlines: Sendable {
    case lineFeed
    case universal
}

/// Python's `ConfigParser._read` (strict, `#`/`;` full-line comments, no inline comments, empty
/// lines kept in values) over UTF-8 bytes.
struct ConfigTextReader {
    let bytes: UnsafeRawBufferPointer
    let newlines: ConfigNewlines

    private var text = ConfigText()
    private enum Target { case none, section(Int), defaults }
    private var current = Target.none
    private var optionName: String?
    private var indentLevel = 0
    private var seenOptions = Set<String>()
    private var firstSyntaxError: ConfigFailure?

    init(bytes: UnsafeRawBufferPointer, newlines: ConfigNewlines) {
        self.bytes = bytes
        self.newlines = newlines
    }

    static func read(_ bytes: UnsafeRawBufferPointer, newlines: ConfigNewlines) throws(ConfigFailure) -> ConfigText {
        try validateUTF8(bytes, newlines: newlines)
        var reader = ConfigTextReader(bytes: bytes, newlines: newlines)
        var text = try reader.run()
        text.size = bytes.count
        return text
    }

    private mutating func run() throws(ConfigFailure) -> ConfigText {
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, !(newlines == .universal && bytes[end] == 0x0D) { end += 1 }
            try line(start..<end, number: lineNumber)
            if end < bytes.count, bytes[end] == 0x0D, end + 1 < bytes.count, bytes[end + 1] == 0x0A { end += 1 }
            start = end + 1
        }
        join()
        if let firstSyntaxError { throw firstSyntaxError }
        return text
    }

    private var hasTarget: Bool {
        if case .none = current { return false }
        return true
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private mutating func line(_ range: Range<Int>, number: Int) throws(ConfigFailure) {
        let content = PythonWhitespace.strip(bytes, range)
        let position = ConfigPosition(line: number, column: content.lowerBound - range.lowerBound + 1)
        if content.isEmpty {
            if let optionName, !optionName.isEmpty { appendPiece("", at: ConfigPosition(line: number, column: 1), length: 0) }
            return
        }
        let first = bytes[content.lowerBound]
        if first == UInt8(ascii: "#") || first == UInt8(ascii: ";") { return }
        var indent = 0
        for i in range.lowerBound..<content.lowerBound where bytes[i] & 0xC0 != 0x80 { indent += 1 }
        if hasTarget, let optionName, !optionName.isEmpty, indent > indentLevel {
            appendPiece(string(content), at: position, length: content.count)
            return
        }
        indentLevel = indent
        if let header = sectionHeader(content) {
            try openSection(string(header), at: position)
            return
        }
        if !hasTarget {
            throw ConfigFailure(
                .configValidationError, position.location,
                "expected a section header such as [paths] before the first value (file contains no section headers)")
        }
        try option(content, at: position)
    }

    /// configparser's `\[(?P<header>.+)\]` matched at the start: up to the last `]`.
    private func sectionHeader(_ content: Range<Int>) -> Range<Int>? {
        guard bytes[content.lowerBound] == UInt8(ascii: "[") else { return nil }
        var close = content.upperBound - 1
        while close >= content.lowerBound + 2 {
            if bytes[close] == UInt8(ascii: "]") { return content.lowerBound + 1..<close }
            close -= 1
        }
        return nil
    }

    private mutating func openSection(_ name: String, at position: ConfigPosition) throws(ConfigFailure) {
        if let existing = text.sectionIndex[name] {
            let first = text.sections[existing].position
            throw ConfigFailure(
                .duplicateSectionError, position.location,
                "duplicate section [\(name)] (already defined at line \(first.line)); expected each section once")
        }
        if name == "DEFAULT" {
            if text.defaults.position.line == 0 { text.defaults.position = position }
            current = .defaults
        } else {
            text.sectionIndex[name] = text.sections.count
            text.sections.append(ConfigText.Section(name: name, position: position))
            current = .section(text.sections.count - 1)
        }
        optionName = nil
    }

    private mutating func option(_ content: Range<Int>, at position: ConfigPosition) throws(ConfigFailure) {
        var delimiter = content.lowerBound
        while delimiter < content.upperBound, bytes[delimiter] != UInt8(ascii: "="), bytes[delimiter] != UInt8(ascii: ":") {
            delimiter += 1
        }
        guard delimiter < content.upperBound else {
            recordSyntaxError(position, "expected 'key = value', a [section] header or a comment, found '\(string(content))'")
            return
        }
        let keyRange = PythonWhitespace.strip(bytes, content.lowerBound..<delimiter)
        let valueRange = PythonWhitespace.strip(bytes, delimiter + 1..<content.upperBound)
        let key = string(keyRange)
        if key.isEmpty {
            recordSyntaxError(position, "expected a key before '\(string(delimiter..<delimiter + 1))'")
        }
        let sectionName: String
        switch current {
        case .section(let i): sectionName = text.sections[i].name
        default: sectionName = "DEFAULT"
        }
        let (inserted, _) = seenOptions.insert(sectionName + "\u{0}" + key)
        if !inserted {
            throw ConfigFailure(
                .duplicateOptionError, position.location,
                "duplicate key '\(key)' in section [\(sectionName)]; expected each key once per section")
        }
        let valuePosition = ConfigPosition(line: position.line, column: position.column + valueRange.lowerBound - content.lowerBound)
        let pending = ConfigText.Option(
            key: key, value: string(valueRange), keyPosition: position,
            pieces: [(valuePosition, valueRange.count)])
        withTarget { section in
            section.index[key] = section.options.count
            section.options.append(pending)
        }
        optionName = key
    }

    private mutating func recordSyntaxError(_ position: ConfigPosition, _ message: String) {
        if firstSyntaxError == nil { firstSyntaxError = ConfigFailure(.configValidationError, position.location, message) }
    }

    private mutating func withTarget(_ body: (inout ConfigText.Section) -> Void) {
        switch current {
        case .none: break
        case .section(let i): body(&text.sections[i])
        case .defaults: body(&text.defaults)
        }
    }

    /// Appends a continuation (or blank) line to the current option; values are joined later.
    private mutating func appendPiece(_ piece: String, at position: ConfigPosition, length: Int) {
        guard let key = optionName else { return }
        withTarget { section in
            guard let i = section.index[key] else { return }
            section.options[i].value += "\n" + piece
            section.options[i].pieces.append((position, length))
        }
    }

    /// `'\n'.join(lines).rstrip()`, as `_join_multiline_values` does.
    private mutating func join() {
        func finish(_ section: inout ConfigText.Section) {
            for i in section.options.indices {
                section.options[i].value = PythonWhitespace.rstrip(section.options[i].value)
            }
        }
        for i in text.sections.indices { finish(&text.sections[i]) }
        finish(&text.defaults)
    }

    /// Python decodes the file as UTF-8 first; invalid bytes fail there.
    private static func validateUTF8(_ bytes: UnsafeRawBufferPointer, newlines: ConfigNewlines) throws(ConfigFailure) {
        var i = 0
        var line = 1
        var lineStart = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A || (newlines == .universal && b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) {
                    line += 1
                    lineStart = i + 1
                }
                i += 1
                continue
            }
            var need = 0
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: need = -1
            }
            var ok = need > 0
            if ok {
                for k in 1...need {
                    guard i + k < bytes.count else { ok = false; break }
                    let c = bytes[i + k]
                    let lo: UInt8 = k == 1 ? lower : 0x80
                    let hi: UInt8 = k == 1 ? upper : 0xBF
                    if c < lo || c > hi { ok = false; break }
                }
            }
            guard ok else {
                throw ConfigFailure(
                    .configValidationError, .text(line: line, column: i - lineStart + 1),
                    "expected UTF-8 text, found byte 0x\(String(b, radix: 16, uppercase: true))")
            }
            i += need + 1
        }
    }
}
