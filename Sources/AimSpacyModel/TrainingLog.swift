/// What one log file says about the trainings it recorded: a console table (`spacy train`'s
/// ConsoleLogger v1/v2/v3 or `spacy.AimLogger.v1`) or the JSONL of ConsoleLogger v2/v3 `output_file`.
public struct TrainingLog: Sendable, Equatable {
    public var trainings: [LoggedTraining]

    public init(trainings: [LoggedTraining]) { self.trainings = trainings }
}

/// One training's table: its columns and one row per evaluation.
public struct LoggedTraining: Sendable, Equatable {
    /// `nlp.pipe_names` from the `Pipeline: [...]` line (console) or the given/derived pipeline (JSONL).
    public var pipeline: [String]
    /// Columns in printed order (`E`, `#`, losses, scores, `SCORE`); JSONL trainings list the same kinds.
    public var columns: [LogColumn]
    public var rows: [LogRow]
    /// The closing `Saved pipeline to output directory` line was seen (console), or the JSONL's last
    /// line is whole. `false` for interrupted or aborted trainings.
    public var complete: Bool
    /// The printed `Initial learn rate` text, when present.
    public var initialLearnRate: String?
    /// `Frozen components: [...]`, when printed.
    public var frozenComponents: [String]
    /// `Saving to output directory: …` (`spacy train -o`), when printed.
    public var outputDirectory: String?
    /// `Saving results to …`: the ConsoleLogger v2/v3 `output_file` (the JSONL of this training).
    public var outputFile: String?
    /// 1-based line of the table header (console) or of the first row (JSONL).
    public var line: Int

    public init(
        pipeline: [String], columns: [LogColumn], rows: [LogRow], complete: Bool, initialLearnRate: String? = nil,
        frozenComponents: [String] = [], outputDirectory: String? = nil, outputFile: String? = nil, line: Int
    ) {
        self.pipeline = pipeline
        self.columns = columns
        self.rows = rows
        self.complete = complete
        self.initialLearnRate = initialLearnRate
        self.frozenComponents = frozenComponents
        self.outputDirectory = outputDirectory
        self.outputFile = outputFile
        self.line = line
    }
}

/// One column of the console table.
public struct LogColumn: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case epoch, step, loss, score, overall
    }

    public var kind: Kind
    /// The header exactly as printed (`LOSS TEXTC...`); JSONL columns get the header spaCy would print.
    public var header: String
    /// The full name: component for losses (`textcat_multilabel`), score key for scores (`ents_f`),
    /// `epoch`, `step`, `score` otherwise.
    public var name: String
    /// `false` when the header was cut (`...`) and nothing given resolved it; `name` is then a guess.
    public var resolved: Bool

    public init(kind: Kind, header: String, name: String, resolved: Bool = true) {
        self.kind = kind
        self.header = header
        self.name = name
        self.resolved = resolved
    }
}

/// One logged evaluation.
public struct LogRow: Sendable, Equatable {
    public var epoch: Int
    public var step: Int
    /// Loss per component, unscaled, in column order.
    public var losses: [LoggedValue]
    /// Scores by key on spaCy's 0–1 scale (`speed` unscaled), in column order.
    public var scores: [LoggedValue]
    /// The weighted overall score (0–1).
    public var score: LoggedValue
    /// 1-based line of the row in its file.
    public var line: Int

    public init(epoch: Int, step: Int, losses: [LoggedValue], scores: [LoggedValue], score: LoggedValue, line: Int) {
        self.epoch = epoch
        self.step = step
        self.losses = losses
        self.scores = scores
        self.score = score
        self.line = line
    }

    public func loss(_ component: String) -> Double? { losses.first { $0.name == component }?.value }
    public func score(_ name: String) -> Double? { scores.first { $0.name == name }?.value }
}

/// A value as logged: the number on spaCy's scale, and the text it came from.
public struct LoggedValue: Sendable, Equatable {
    public var name: String
    /// The value (scores divided by 100 except `speed`), the double nearest to the printed decimal.
    public var value: Double
    /// The text as printed (`54.55`) or as written in the JSONL (`54.5454545455`), before scaling.
    public var printed: String
    /// Digits after the decimal point in `printed`: 2 for console values.
    public var decimals: Int

    public init(name: String, value: Double, printed: String, decimals: Int) {
        self.name = name
        self.value = value
        self.printed = printed
        self.decimals = decimals
    }

}
