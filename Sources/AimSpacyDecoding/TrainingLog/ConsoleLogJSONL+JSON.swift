import AimSpacyModel
import Foundation

extension ConsoleLogJSONL {
    /// The one training of a JSONL log with its rows left out, and the rows as `log parse --json` writes
    /// them (`LogRow.appendJSON`), in pieces to be joined with `, `; `nil` for a log without rows. The same
    /// training, rows and errors as `parse`, without building a row for most lines.
    public static func jsonRows(_ bytes: UnsafeRawBufferPointer, pipeline: [String]? = nil) throws(DecodingError)
        -> (training: LoggedTraining, rows: [[UInt8]])?
    {
        var rows: [[UInt8]] = []
        var first: LogRow?
        var complete = true
        for part in try eachPiece(bytes, { piece, firstLine throws(DecodingError) in try Self.jsonRows(in: piece, firstLine: firstLine) }) {
            if first == nil { first = part.first }
            if !part.json.isEmpty { rows.append(part.json) }
            complete = part.complete
        }
        guard let first else { return nil }
        let names = pipeline ?? first.losses.map(\.name)
        return (LoggedTraining(pipeline: names, columns: columns(for: first), rows: [], complete: complete, line: first.line), rows)
    }

    /// The `--json` rows of whole lines, the first numbered `firstLine`, and the first row; `complete` as
    /// in `rows(in:firstLine:)`, whose general path takes every line the transcoder leaves.
    static func jsonRows(in bytes: UnsafeRawBufferPointer, firstLine: Int) throws(DecodingError)
        -> (json: [UInt8], first: LogRow?, complete: Bool)
    {
        var json: [UInt8] = []
        json.reserveCapacity(bytes.count + bytes.count / 4)
        var first: LogRow?
        var lines = JSONLLines(bytes, firstLine: firstLine)
        var reader = ConsoleLogJSONLRowReader()
        var transcoder = ConsoleLogJSONLTranscoder()
        while let (line, lineNumber, terminated) = lines.next() {
            if first != nil {
                let mark = json.count
                json += ", ".utf8
                if transcoder.append(line, to: &json) { continue }
                json.removeLast(json.count - mark)
            }
            let row: LogRow
            if let read = reader.row(line, number: lineNumber) {
                row = read
            } else {
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
                    continue
                }
                let value: JSONValue
                do {
                    value = try JSONValue.parse(line)
                } catch {
                    if !terminated { return (json, first, false) }
                    throw DecodingError(error, line: lineNumber)
                }
                row = try self.row(value, line: lineNumber)
            }
            if first == nil { first = row } else { json += ", ".utf8 }
            row.appendJSON(to: &json)
        }
        return (json, first, true)
    }
}
