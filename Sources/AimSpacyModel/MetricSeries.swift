/// One logged metric over a training: a name (`loss`, `ents_f`, `score`, `speed`) and a context
/// (`component=ner` for losses), with one point per logged row.
public struct MetricSeries: Sendable, Equatable {
    public var name: String
    /// Context pairs sorted by key, e.g. `[("component", "ner")]`.
    public var context: [ContextPair]
    public var points: [MetricPoint]

    public init(name: String, context: [String: String] = [:], points: [MetricPoint] = []) {
        self.name = name
        self.context = context.sorted { $0.key < $1.key }.map { ContextPair(key: $0.key, value: $0.value) }
        self.points = points
    }

    /// The context as a dictionary.
    public var contextDictionary: [String: String] {
        Dictionary(context.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The context as `key=value;key=value` (the CSV form), empty for none.
    public var contextText: String {
        context.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    public var last: Double? { points.last?.value }
    public var max: Double? { points.map(\.value).max() }
    public var min: Double? { points.map(\.value).min() }
}

/// One key and value of a series context.
public struct ContextPair: Sendable, Equatable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One logged value with the step and epoch of its row.
public struct MetricPoint: Sendable, Equatable {
    public var step: Int
    public var epoch: Int
    public var value: Double

    public init(step: Int, epoch: Int, value: Double) {
        self.step = step
        self.epoch = epoch
        self.value = value
    }
}
