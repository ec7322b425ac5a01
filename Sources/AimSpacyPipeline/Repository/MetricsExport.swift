import AimSpacyModel
import Foundation

/// The points of a run's series as CSV (`name,context,step,epoch,value`, pandas-friendly, context
/// as `key=value;key=value`), JSON rows with the same columns, or a wide table by step.
enum MetricsExport {
    static func csv(_ series: [MetricSeries]) -> String {
        var out = "name,context,step,epoch,value\n"
        for s in series {
            let name = quote(s.name)
            let context = quote(s.contextText)
            for point in s.points {
                out += "\(name),\(context),\(point.step),\(point.epoch),\(JSONValue.pythonRepr(point.value))\n"
            }
        }
        return out
    }

    static func json(_ series: [MetricSeries]) -> String {
        let rows = series.flatMap { s in
            s.points.map { point in
                JSONValue.object([
                    ("name", .string(s.name)), ("context", .string(s.contextText)), ("step", .int(point.step)),
                    ("epoch", .int(point.epoch)), ("value", .double(point.value)),
                ])
            }
        }
        return JSONValue.array(rows).serialized(indent: 2) + "\n"
    }

    static func table(_ series: [MetricSeries]) -> String {
        let headers = series.map { $0.context.isEmpty ? $0.name : "\($0.name)[\($0.contextText)]" }
        var steps: [Int] = []
        var epochs: [Int: Int] = [:]
        for s in series {
            for point in s.points where epochs[point.step] == nil {
                steps.append(point.step)
                epochs[point.step] = point.epoch
            }
        }
        steps.sort()
        let values = series.map { s in Dictionary(s.points.map { ($0.step, $0.value) }, uniquingKeysWith: { _, last in last }) }
        var table = TextTable(["STEP", "EPOCH"] + headers)
        for step in steps {
            table.append([String(step), String(epochs[step] ?? 0)] + values.map { formatScore($0[step]) })
        }
        return table.text
    }

    /// RFC 4180 quoting when a field needs it.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
