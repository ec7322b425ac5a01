import AimSpacyModel
import Foundation

/// A compiled `runs --query` expression, in the spirit of Aim's AimQL:
/// `run.experiment == "ner" and run.hparams.training.optimizer.learn_rate < 0.001`,
/// `"alice" in run.name`, `run.final.ents_f >= 0.7`, `metric("loss", component="ner").last < 100`.
/// Names are checked when the query is compiled, so an unknown one is reported with its column
/// even when the repository is empty.
public struct RunQuery: Sendable {
    /// The expression as given.
    public let expression: String
    /// The parts of `RunSummary` the query reads.
    public let parts: SummaryParts
    /// The config/evaluation paths the query reads, extracted by SQLite.
    package let extracts: [JSONExtract]
    private let root: CompiledQuery

    /// The attributes of `run` a query can read.
    public static let runAttributes = [
        "complete", "created", "creation_time", "datasets", "description", "evaluation", "experiment", "final", "final_last", "hash", "hparams",
        "imported", "labels", "lang", "name", "pipeline", "spacy_version", "steps", "tags",
    ]
    /// The fields of `metric(...)`.
    public static let metricFields = ["count", "last", "max", "min"]

    /// Parses and checks `expression`.
    public init(_ expression: String) throws(QueryError) {
        self.expression = expression
        var compiler = QueryCompiler(expression: expression)
        root = try compiler.compile(try QueryParser.parse(expression))
        parts = compiler.parts
        extracts = compiler.extracts.sorted { ($0.column, $0.path.joined(separator: "\u{0}")) < ($1.column, $1.path.joined(separator: "\u{0}")) }
    }

    /// Whether the run is selected (the expression's value is truthy, as in Python's `if`).
    public func matches(_ run: RunSummary) -> Bool { evaluate(run).isTruthy }

    /// The expression's value for a run.
    public func evaluate(_ run: RunSummary) -> QueryValue { root.evaluate(run) }
}

/// A field of a saved series summary that `metric(...)` exposes.
enum MetricField: String {
    case last, min, max, count
}

/// A query with its names resolved.
indirect enum CompiledQuery: Sendable {
    case constant(QueryValue)
    case field(@Sendable (RunSummary) -> QueryValue)
    case list([CompiledQuery])
    case not(CompiledQuery)
    case negate(CompiledQuery)
    case and([CompiledQuery])
    case or([CompiledQuery])
    case compare(CompiledQuery, [(QueryComparison, CompiledQuery)])

    func evaluate(_ run: RunSummary) -> QueryValue {
        switch self {
        case .constant(let value): return value
        case .field(let read): return read(run)
        case .list(let items): return .list(items.map { $0.evaluate(run) })
        case .not(let inner): return .bool(!inner.evaluate(run).isTruthy)
        case .negate(let inner):
            if case .number(let n) = inner.evaluate(run) { return .number(-n) }
            return .none
        case .and(let operands):
            var value = QueryValue.none
            for operand in operands {
                value = operand.evaluate(run)
                if !value.isTruthy { return value }
            }
            return value
        case .or(let operands):
            var value = QueryValue.none
            for operand in operands {
                value = operand.evaluate(run)
                if value.isTruthy { return value }
            }
            return value
        case .compare(let first, let rest):
            var left = first.evaluate(run)
            for (op, node) in rest {
                let right = node.evaluate(run)
                if !CompiledQuery.compare(op, left, right) { return .bool(false) }
                left = right
            }
            return .bool(true)
        }
    }

    static func compare(_ op: QueryComparison, _ a: QueryValue, _ b: QueryValue) -> Bool {
        switch op {
        case .equal, .isSame: return QueryValue.equal(a, b)
        case .notEqual, .isNotSame: return !QueryValue.equal(a, b)
        case .less: return QueryValue.order(a, b).map { $0 < 0 } ?? false
        case .lessOrEqual: return QueryValue.order(a, b).map { $0 <= 0 } ?? false
        case .greater: return QueryValue.order(a, b).map { $0 > 0 } ?? false
        case .greaterOrEqual: return QueryValue.order(a, b).map { $0 >= 0 } ?? false
        case .isIn: return QueryValue.contains(b, a)
        case .notIn: return !QueryValue.contains(b, a)
        }
    }
}
