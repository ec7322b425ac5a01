import AimSpacyModel
import Foundation

/// Resolves the names of a parsed query (`run.…`, `metric(…).…`) and records which parts of a
/// run summary they read.
struct QueryCompiler {
    let expression: String
    var parts: SummaryParts = []
    var extracts: Set<JSONExtract> = []

    init(expression: String) { self.expression = expression }

    private func fail(_ message: String, at column: Int) -> QueryError {
        QueryError(expression: expression, column: column, message: message)
    }

    mutating func compile(_ node: QueryNode) throws(QueryError) -> CompiledQuery {
        switch node {
        case .literal(let value, _): return .constant(value)
        case .list(let items, _): return .list(try compile(items))
        case .not(let inner): return .not(try compile(inner))
        case .negate(let inner, _): return .negate(try compile(inner))
        case .and(let operands): return .and(try compile(operands))
        case .or(let operands): return .or(try compile(operands))
        case .compare(let first, let rest):
            var compiled: [(QueryComparison, CompiledQuery)] = []
            for (op, operand) in rest { compiled.append((op, try compile(operand))) }
            return .compare(try compile(first), compiled)
        case .name(let name, let column):
            if name == "run" { throw fail("'run' needs an attribute, e.g. run.name; one of \(RunQuery.runAttributes.joined(separator: ", "))", at: column) }
            if name == "metric" { throw fail("'metric' is called with a series name, e.g. metric(\"ents_f\").last", at: column) }
            throw fail("unknown name '\(name)'; expected run.<attribute> or metric(\"name\").last", at: column)
        case .call(let callee, let arguments, let keywords, let column):
            try checkCallee(callee)
            _ = try metricSelector(arguments: arguments, keywords: keywords, column: column)
            throw fail("metric(...) needs a field: one of \(RunQuery.metricFields.map { "." + $0 }.joined(separator: ", "))", at: column)
        case .attribute, .index:
            return try compileAccess(node)
        }
    }

    private mutating func compile(_ nodes: [QueryNode]) throws(QueryError) -> [CompiledQuery] {
        var compiled: [CompiledQuery] = []
        compiled.reserveCapacity(nodes.count)
        for node in nodes { compiled.append(try compile(node)) }
        return compiled
    }

    /// Only `metric` can be called.
    private func checkCallee(_ callee: QueryNode) throws(QueryError) {
        guard case .name(let name, let column) = callee else {
            throw fail("only metric(...) can be called", at: callee.column)
        }
        guard name == "metric" else { throw fail("unknown function '\(name)'; expected metric(\"name\")", at: column) }
    }

    private func metricSelector(
        arguments: [QueryNode], keywords: [(String, QueryNode)], column: Int
    ) throws(QueryError) -> (name: String, context: [String: String]) {
        guard arguments.count == 1, case .literal(.string(let name), _) = arguments[0] else {
            throw fail("metric(...) takes one series name as a string, e.g. metric(\"ents_f\")", at: arguments.first?.column ?? column)
        }
        var context: [String: String] = [:]
        for (key, value) in keywords {
            guard case .literal(.string(let text), _) = value else {
                throw fail("context value of '\(key)' must be a string, e.g. component=\"ner\"", at: value.column)
            }
            context[key] = text
        }
        return (name, context)
    }

    /// Flattens `base.a["b"].c` into its base and segments.
    private func segments(_ node: QueryNode) throws(QueryError) -> (QueryNode, [(String, Int)]) {
        switch node {
        case .attribute(let base, let name, let column):
            let (root, path) = try segments(base)
            return (root, path + [(name, column)])
        case .index(let base, let key, let column):
            guard case .literal(.string(let name), _) = key else {
                throw fail("expected a string key in [...], e.g. [\"learn_rate\"]", at: key.column)
            }
            let (root, path) = try segments(base)
            return (root, path + [(name, column)])
        default:
            return (node, [])
        }
    }

    private mutating func compileAccess(_ node: QueryNode) throws(QueryError) -> CompiledQuery {
        let (root, path) = try segments(node)
        switch root {
        case .name("run", _):
            return try compileRun(path)
        case .call(let callee, let arguments, let keywords, let column):
            try checkCallee(callee)
            let selector = try metricSelector(arguments: arguments, keywords: keywords, column: column)
            guard let (fieldName, _) = path.first, let field = MetricField(rawValue: fieldName) else {
                throw fail("metric(...) needs a field: one of \(RunQuery.metricFields.map { "." + $0 }.joined(separator: ", "))", at: column)
            }
            if path.count > 1 { throw fail("metric(...).\(fieldName) is a number and has no attribute '\(path[1].0)'", at: path[1].1) }
            parts.insert(.series)
            let name = selector.name
            let context = selector.context
            return .field { run in
                let matching = run.series.filter { series in
                    series.name == name && context.allSatisfy { key, value in series.context.contains { $0.key == key && $0.value == value } }
                }
                let chosen = matching.first { $0.context.count == context.count } ?? matching.first
                guard let series = chosen else { return .none }
                switch field {
                case .last: return QueryValue(series.last)
                case .min: return QueryValue(series.min)
                case .max: return QueryValue(series.max)
                case .count: return .number(Double(series.count))
                }
            }
        case .name(let name, let column):
            throw fail("unknown name '\(name)'; expected run.<attribute> or metric(\"name\").last", at: column)
        default:
            throw fail("expected run.<attribute> or metric(\"name\").<field> before '.'", at: root.column)
        }
    }

    private mutating func compileRun(_ path: [(String, Int)]) throws(QueryError) -> CompiledQuery {
        guard let (attribute, column) = path.first else { throw fail("'run' needs an attribute", at: 1) }
        let rest = path.dropFirst().map(\.0)
        func scalar(_ read: @escaping @Sendable (RunSummary) -> QueryValue) throws(QueryError) -> CompiledQuery {
            if path.count > 1 { throw fail("run.\(attribute) has no attribute '\(path[1].0)'", at: path[1].1) }
            return .field(read)
        }
        switch attribute {
        case "hash": return try scalar { .string($0.hash) }
        case "name": return try scalar { .string($0.name) }
        case "experiment": return try scalar { $0.experiment.map(QueryValue.string) ?? .none }
        case "description": return try scalar { .string($0.description) }
        case "tags": return try scalar { .list($0.tags.map(QueryValue.string)) }
        case "pipeline": return try scalar { .list($0.pipeline.map(QueryValue.string)) }
        case "created": return try scalar { .string(Run.timestamp($0.created)) }
        case "imported": return try scalar { .string(Run.timestamp($0.imported)) }
        case "creation_time": return try scalar { .number($0.created.timeIntervalSince1970) }
        case "complete": return try scalar { .bool($0.complete) }
        case "steps": return try scalar { .number(Double($0.steps)) }
        case "lang": return try scalar { .string($0.lang) }
        case "spacy_version": return try scalar { .string($0.spacyVersion) }
        case "hparams":
            return tree(.config, path: rest, whole: .hyperparameters) { $0.hyperparameters }
        case "evaluation":
            return tree(.evaluation, path: rest, whole: .evaluation) { $0.evaluation }
        case "final", "final_last":
            guard rest.count == 1 else {
                let at = path.count > 2 ? path[2].1 : column
                throw fail("run.\(attribute) needs one score name, e.g. run.\(attribute).ents_f", at: at)
            }
            parts.insert(.finalScores)
            let model = attribute == "final" ? "model-best" : "model-last"
            let score = rest[0]
            return .field { run in
                QueryValue(run.finalScores.first { $0.model == model }?.score(score))
            }
        case "datasets":
            let fields = ["docs", "tokens", "sentences", "path"]
            guard rest.count == 2, fields.contains(rest[1]) else {
                let at = path.count > 3 ? path[3].1 : (path.last?.1 ?? column)
                throw fail("run.datasets needs a corpus role and a field, e.g. run.datasets.train.docs; fields: \(fields.joined(separator: ", "))", at: at)
            }
            parts.insert(.datasets)
            let role = rest[0]
            let field = rest[1]
            return .field { run in
                guard let dataset = run.datasets.first(where: { $0.role == role }) else { return .none }
                switch field {
                case "docs": return .number(Double(dataset.docs))
                case "tokens": return .number(Double(dataset.tokens))
                case "sentences": return .number(Double(dataset.sentences))
                default: return .string(dataset.path)
                }
            }
        case "labels":
            guard rest.count <= 1 else { throw fail("run.labels.\(rest[0]) is a list and has no attribute '\(rest[1])'", at: path[2].1) }
            parts.insert(.labels)
            if let component = rest.first {
                return .field { run in
                    guard let labels = run.labels.first(where: { $0.component == component }) else { return .none }
                    return .list(labels.labels.map(QueryValue.string))
                }
            }
            return .field { .list($0.labels.map { .string($0.component) }) }
        default:
            throw fail("unknown attribute '\(attribute)' of run; expected one of \(RunQuery.runAttributes.joined(separator: ", "))", at: column)
        }
    }

    /// A path into the config or evaluation tree: extracted by SQLite when it can be, otherwise
    /// read from the whole tree.
    private mutating func tree(
        _ tree: JSONExtract.Tree, path: [String], whole: SummaryParts,
        _ read: @escaping @Sendable (RunSummary) -> JSONValue?
    ) -> CompiledQuery {
        let extract = JSONExtract(tree: tree, path: path)
        if path.isEmpty || extract.sqlPath == nil {
            parts.insert(whole)
        } else {
            extracts.insert(extract)
        }
        return .field { run in
            if let value = run.extracted[extract] { return QueryValue(value) }
            return QueryValue(read(run)?.value(atPath: path))
        }
    }
}
