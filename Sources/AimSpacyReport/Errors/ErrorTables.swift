import AimSpacyModel

/// Entities or one span group: counts per label and kind, the gold × predicted confusion and the most frequent
/// error texts.
public struct SpanErrorTable: Sendable, Equatable {
    /// `ents` or `spans_{key}`, as in the score names.
    public var attr: String
    public var rows: [Row]
    /// `gold` nil: a spurious prediction; `predicted` nil: a missed gold span.
    public var confusion: [Cell]
    public var frequent: [FrequentError]

    public struct Row: Sendable, Equatable {
        public var label: String
        /// Distinct gold spans of the label.
        public var gold: Int
        public var counts: [SpanErrorKind: Int]

        public init(label: String, gold: Int, counts: [SpanErrorKind: Int]) {
            self.label = label
            self.gold = gold
            self.counts = counts
        }
    }

    public struct FrequentError: Sendable, Equatable {
        public var label: String
        public var kind: SpanErrorKind
        public var text: String
        public var count: Int

        public init(label: String, kind: SpanErrorKind, text: String, count: Int) {
            self.label = label
            self.kind = kind
            self.text = text
            self.count = count
        }
    }

    public init(attr: String, rows: [Row], confusion: [Cell], frequent: [FrequentError]) {
        self.attr = attr
        self.rows = rows
        self.confusion = confusion
        self.frequent = frequent
    }
}

/// One confusion matrix cell; `nil` is the missed row (gold nil) or the spurious column (predicted nil) as the
/// table using it says.
public struct Cell: Sendable, Equatable {
    public var gold: String?
    public var predicted: String?
    public var count: Int

    public init(gold: String?, predicted: String?, count: Int) {
        self.gold = gold
        self.predicted = predicted
        self.count = count
    }
}

/// textcat: exclusive classes as a gold × predicted matrix; multilabel per label at the threshold.
public struct CategoryErrorTable: Sendable, Equatable {
    public var multiLabel: Bool
    public var threshold: Double
    public var labels: [String]
    /// Exclusive: gold class × predicted class (nil: none). Multilabel: per label, on/off counts.
    public var cells: [Cell]
    /// Per label P/R/F (`cats_f_per_type` of the stored scores).
    public var perLabel: [(label: String, p: Double?, r: Double?, f: Double?)]

    public init(multiLabel: Bool, threshold: Double, labels: [String], cells: [Cell], perLabel: [(label: String, p: Double?, r: Double?, f: Double?)]) {
        self.multiLabel = multiLabel
        self.threshold = threshold
        self.labels = labels
        self.cells = cells
        self.perLabel = perLabel
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.multiLabel == b.multiLabel && a.threshold == b.threshold && a.labels == b.labels && a.cells == b.cells
            && a.perLabel.map(\.label) == b.perLabel.map(\.label) && a.perLabel.map(\.f) == b.perLabel.map(\.f)
            && a.perLabel.map(\.p) == b.perLabel.map(\.p) && a.perLabel.map(\.r) == b.perLabel.map(\.r)
    }
}

/// Parser: LAS per gold dependency label, head vs label errors, and the most confused label pairs.
public struct DependencyErrorTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var label: String
        public var arcs: Int
        public var correct: Int
        public var headErrors: Int
        public var labelErrors: Int

        public init(label: String, arcs: Int, correct: Int, headErrors: Int, labelErrors: Int) {
            self.label = label
            self.arcs = arcs
            self.correct = correct
            self.headErrors = headErrors
            self.labelErrors = labelErrors
        }
    }

    public var rows: [Row]
    public var confused: [Cell]

    public init(rows: [Row], confused: [Cell]) {
        self.rows = rows
        self.confused = confused
    }
}

/// Tagger, morphologizer, lemmatizer: the most confused (gold, predicted) values of one attribute.
public struct ValueConfusionTable: Sendable, Equatable {
    public var attr: String
    public var pairs: [Cell]

    public init(attr: String, pairs: [Cell]) {
        self.attr = attr
        self.pairs = pairs
    }
}
