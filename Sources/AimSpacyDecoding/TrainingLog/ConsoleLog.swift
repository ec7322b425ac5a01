import AimSpacyModel

/// The table `spacy train` prints on the console (ConsoleLogger v1/v2/v3, `spacy.AimLogger.v1`), with
/// the lines around it, read from a log file or a terminal recording.
public enum ConsoleLog {
    /// Decodes every training in `bytes`.
    /// - Parameters:
    ///   - pipeline: `nlp.pipeline` names from the config, used when the log has no `Pipeline:` line.
    ///   - scoreWeights: the config's `training.score_weights` keys with non-null weights, in order; they
    ///     resolve cut score headers (`CATS_MACRO...`).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, pipeline: [String]? = nil, scoreWeights: [String]? = nil
    ) throws(DecodingError) -> TrainingLog {
        var parser = ConsoleLogParser(bytes: bytes, pipeline: pipeline, scoreWeights: scoreWeights)
        return try parser.run()
    }

    /// Decodes every training in `bytes`.
    public static func parse(
        _ bytes: [UInt8], pipeline: [String]? = nil, scoreWeights: [String]? = nil
    ) throws(DecodingError) -> TrainingLog {
        let result: Result<TrainingLog, DecodingError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecodingError) in try parse(buffer, pipeline: pipeline, scoreWeights: scoreWeights) }
        }
        return try result.get()
    }
}

/// One pass over the visible lines; a small state machine of the training being read.
private struct ConsoleLogParser {
    struct Pending {
        var pipeline: [String]?
        var frozen: [String] = []
        var learnRate: String?
        var outputDirectory: String?
        var outputFile: String?
        var columns: [LogColumn]?
        var rows: [LogRow] = []
        var line: Int
    }

    var lines: VisibleLines
    let pipeline: [String]?
    let scoreWeights: [String]?
    var trainings: [LoggedTraining] = []
    var current: Pending?
    /// `Saving to output directory: …`, printed before the training's `Pipeline:` line.
    var outputDirectory: String?
    var lookahead: VisibleLines.Line?

    static let pipelineLabel = Array("Pipeline: [".utf8)
    static let outputDirectoryLabel = Array("Saving to output directory:".utf8)
    static let resultsLabel = Array("Saving results to".utf8)
    static let frozenLabel = Array("Frozen components: [".utf8)
    static let learnRateLabel = Array("Initial learn rate: ".utf8)
    static let savedLabel = Array("Saved pipeline to output directory".utf8)
    static let headerStart = Array("E    #".utf8)
    static let listStart = Array(": [".utf8)

    init(bytes: UnsafeRawBufferPointer, pipeline: [String]?, scoreWeights: [String]?) {
        self.lines = VisibleLines(bytes)
        self.pipeline = pipeline
        self.scoreWeights = scoreWeights
    }

    mutating func nextLine() -> VisibleLines.Line? {
        if let line = lookahead {
            lookahead = nil
            return line
        }
        return lines.next()
    }

    mutating func run() throws(DecodingError) -> TrainingLog {
        while let line = nextLine() {
            let bytes = line.bytes
            if let start = infoValueStart(bytes, label: Self.pipelineLabel) {
                finish(complete: false)
                let names = try list(startingIn: line, at: start - 1)
                current = Pending(pipeline: names, line: line.number)
                current?.outputDirectory = outputDirectory
                outputDirectory = nil
            } else if let start = infoValueStart(bytes, label: Self.outputDirectoryLabel) {
                finish(complete: false)
                outputDirectory = wrappedValue(line, from: start)
            } else if let start = infoValueStart(bytes, label: Self.resultsLabel) {
                let file = wrappedValue(line, from: start)
                current?.outputFile = file
            } else if let start = infoValueStart(bytes, label: Self.frozenLabel) {
                let names = try list(startingIn: line, at: start - 1)
                if current == nil { current = Pending(line: line.number) }
                current?.frozen = names
            } else if let start = infoValueStart(bytes, label: Self.learnRateLabel) {
                current?.learnRate = String(decoding: bytes[start...], as: UTF8.self)
            } else if isHeader(bytes) {
                if current == nil || current?.columns != nil {
                    finish(complete: false)
                    current = Pending(line: line.number)
                }
                try header(line)
            } else if bytes.containsText(Self.savedLabel) {
                finish(complete: true)
            } else if current?.columns != nil, let first = rowStart(bytes) {
                try row(line, from: first)
            }
        }
        finish(complete: false)
        return TrainingLog(trainings: trainings)
    }

    /// Ends the training being read, if any.
    mutating func finish(complete: Bool) {
        guard let pending = current else { return }
        current = nil
        let columns = pending.columns ?? []
        let names = pending.pipeline ?? pipeline ?? columns.filter { $0.kind == .loss }.map(\.name)
        trainings.append(
            LoggedTraining(
                pipeline: names, columns: columns, rows: pending.rows, complete: complete,
                initialLearnRate: pending.learnRate, frozenComponents: pending.frozen,
                outputDirectory: pending.outputDirectory, outputFile: pending.outputFile, line: pending.line))
    }

    /// Where the value after `label` starts when the line is a wasabi info line: the label at the start,
    /// after an icon (`ℹ `, `[i] ` when stdout is not UTF-8) or with none (`WASABI_NO_PRETTY`).
    func infoValueStart(_ bytes: [UInt8], label pattern: [UInt8]) -> Int? {
        guard
            let at = (0...min(5, bytes.count)).first(where: {
                $0 + pattern.count <= bytes.count && bytes[$0..<$0 + pattern.count].elementsEqual(pattern)
            })
        else { return nil }
        let range = at..<at + pattern.count
        let prefix = bytes[..<range.lowerBound]
        guard prefix.isEmpty || (prefix.last == UInt8(ascii: " ") && !prefix.dropLast().contains(UInt8(ascii: " ")))
        else { return nil }
        return range.upperBound
    }

    /// The text after a label, or the next line when wasabi wrapped a long path onto it.
    mutating func wrappedValue(_ line: VisibleLines.Line, from start: Int) -> String {
        var value = line.bytes[start...].drop { $0 == UInt8(ascii: " ") }
        if value.isEmpty, let next = nextLine() {
            if rowStart(next.bytes) != nil || isHeader(next.bytes) || next.bytes.containsText(Self.listStart) {
                lookahead = next
            } else {
                value = next.bytes[...]
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// A Python list that wasabi may have wrapped over several lines (textwrap at 80 columns, escape
    /// codes counted).
    mutating func list(startingIn line: VisibleLines.Line, at start: Int) throws(DecodingError) -> [String] {
        var text = Array(line.bytes[start...])
        var lastLine = line
        var joined = 0
        while true {
            do {
                if let parsed = try PythonListRepr.parse(text, from: 0) { return parsed.items }
            } catch {
                throw DecodingError(
                    location: .text(line: lastLine.number, column: lastLine.column(at: start)),
                    message: "expected \(error.expected) in the list of component names")
            }
            guard joined < 64, let more = nextLine() else {
                throw DecodingError(
                    location: .text(line: lastLine.number, column: lastLine.column(at: lastLine.bytes.count)),
                    message: "expected ']' closing the list of component names")
            }
            // wasabi wraps with textwrap (break_on_hyphens and break_long_words off): a break replaced one space.
            text.append(UInt8(ascii: " "))
            text.append(contentsOf: more.bytes)
            lastLine = more
            joined += 1
        }
    }

    func isHeader(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Self.headerStart)
    }

    /// Reads the header and the separator under it, then resolves the column names.
    mutating func header(_ line: VisibleLines.Line) throws(DecodingError) {
        guard let separator = nextLine() else {
            throw DecodingError(
                location: .text(line: line.number + 1, column: 1), message: "expected the table's separator line")
        }
        var widths: [Int] = []
        var index = 0
        let bytes = separator.bytes
        while index < bytes.count {
            var width = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                width += 1
                index += 1
            }
            guard width > 0 else {
                throw DecodingError(
                    location: .text(line: separator.number, column: separator.column(at: index)),
                    message: "expected '-' in the table's separator line")
            }
            widths.append(width)
            if index < bytes.count {
                guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: " "), bytes[index + 1] == UInt8(ascii: " ")
                else {
                    throw DecodingError(
                        location: .text(line: separator.number, column: separator.column(at: index)),
                        message: "expected two spaces between the separator's dashes")
                }
                index += 2
            }
        }
        guard widths.count >= 3 else {
            throw DecodingError(
                location: .text(line: separator.number, column: 1),
                message: "expected at least the E, # and SCORE columns in the separator line")
        }
        let scalars = Array(String(decoding: line.bytes, as: UTF8.self).unicodeScalars)
        var headers: [String] = []
        var position = 0
        for width in widths {
            guard position < scalars.count else {
                throw DecodingError(
                    location: .text(line: line.number, column: line.column(at: line.bytes.count)),
                    message: "expected \(widths.count) column names in the table header, found \(headers.count)")
            }
            let cell = scalars[position..<min(position + width, scalars.count)]
            var text = String(String.UnicodeScalarView(cell))
            while text.last == " " { text.removeLast() }
            guard !text.isEmpty else {
                throw DecodingError(
                    location: .text(line: line.number, column: position + 1),
                    message: "expected a column name of at most \(width) characters")
            }
            headers.append(text)
            position += width + 2
        }
        if position - 2 < scalars.count, scalars[(position - 2)...].contains(where: { $0 != " " }) {
            throw DecodingError(
                location: .text(line: line.number, column: position - 1),
                message: "expected the header to end with the separator's last column")
        }
        guard headers[0] == "E", headers[1] == "#", headers[headers.count - 1] == "SCORE" else {
            throw DecodingError(
                location: .text(line: line.number, column: 1),
                message: "expected the columns to start with E, # and end with SCORE")
        }
        let known = current?.pipeline ?? pipeline
        let frozen = current?.frozen ?? []
        let columns = ConsoleColumns.resolve(
            headers: headers, pipeline: known, frozen: frozen, scoreWeights: scoreWeights)
        current?.columns = columns
    }

    /// The start of a row: the line's first two cells are integers (`E`, `#`).
    func rowStart(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let first = index
        var cells = 0
        while cells < 2 {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            guard index > start, index == bytes.count || bytes[index] == UInt8(ascii: " ") else { return nil }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            cells += 1
        }
        return first
    }

    /// One data row: cells split at spaces, one per column, each a number. Anything else that starts
    /// with two integers inside a table is an error, except an unterminated last line.
    mutating func row(_ line: VisibleLines.Line, from start: Int) throws(DecodingError) {
        guard let columns = current?.columns else { return }
        let bytes = line.bytes
        var cells: [Range<Int>] = []
        var index = start
        while index < bytes.count {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            let cellStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
            if index > cellStart { cells.append(cellStart..<index) }
        }
        // A row cut short by the end of the file (a training killed mid-write) is left out: fewer cells,
        // or a last cell without the two decimals `{:.2f}` always prints.
        if !line.terminated, cells.count < columns.count || !hasTwoDecimals(line.bytes[cells[cells.count - 1]]) {
            return
        }
        guard cells.count == columns.count else {
            let at = cells.count > columns.count ? cells[columns.count].lowerBound : bytes.count
            throw DecodingError(
                location: .text(line: line.number, column: line.column(at: at)),
                message: "expected \(columns.count) cells in a table row, found \(cells.count)")
        }
        var epoch = 0
        var step = 0
        var losses: [LoggedValue] = []
        var scores: [LoggedValue] = []
        var overall: LoggedValue?
        for (column, cell) in zip(columns, cells) {
            let result: Result<Void, DecodingError> = bytes[cell].withUnsafeBytes { text in
                switch column.kind {
                case .epoch, .step:
                    guard let value = DecimalText.integer(text) else {
                        return .failure(cellError(line, cell, "an integer in column \(column.header)"))
                    }
                    if column.kind == .epoch { epoch = value } else { step = value }
                case .loss, .score, .overall:
                    let shift = column.kind == .score && column.name != "speed" ? -2 : 0
                    guard hasTwoDecimals(bytes[cell]), let value = DecimalText.value(text, shift: shift) else {
                        return .failure(cellError(line, cell, "a number with two decimals in column \(column.header)"))
                    }
                    let logged = LoggedValue(
                        name: column.name, value: value, printed: DecimalText.ascii(text),
                        decimals: DecimalText.decimals(text))
                    switch column.kind {
                    case .loss: losses.append(logged)
                    case .score: scores.append(logged)
                    default: overall = logged
                    }
                }
                return .success(())
            }
            try result.get()
        }
        guard let overall else { return }
        current?.rows.append(
            LogRow(epoch: epoch, step: step, losses: losses, scores: scores, score: overall, line: line.number))
    }

    /// `{:.2f}` output: two digits after the point, or Python's `nan`, `inf`, `-inf`.
    func hasTwoDecimals(_ cell: ArraySlice<UInt8>) -> Bool {
        if cell.elementsEqual("nan".utf8) || cell.elementsEqual("inf".utf8) || cell.elementsEqual("-inf".utf8) {
            return true
        }
        guard let dot = cell.firstIndex(of: UInt8(ascii: ".")) else { return false }
        return cell.endIndex - dot == 3
    }

    func cellError(_ line: VisibleLines.Line, _ cell: Range<Int>, _ expected: String) -> DecodingError {
        let found = String(decoding: line.bytes[cell].prefix(24), as: UTF8.self)
        return DecodingError(
            location: .text(line: line.number, column: line.column(at: cell.lowerBound)),
            message: "expected \(expected), found '\(found)'")
    }
}
