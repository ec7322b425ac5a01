import AimSpacyModel

extension ImportPipeline.Report {
    /// The `--json` output: `{"repository": …, "runs": [{"path", "status", "hash", "name",
    /// "experiment", "files", "bytes", "warnings", "error"}]}`, one entry per training.
    public var json: JSONValue {
        .object([
            ("repository", .string(repository)),
            ("runs", .array(outcomes.map { outcome in
                .object([
                    ("path", .string(outcome.path)),
                    ("status", .string(outcome.status.rawValue)),
                    ("hash", outcome.hash.map(JSONValue.string) ?? .null),
                    ("name", outcome.name.map(JSONValue.string) ?? .null),
                    ("experiment", outcome.experiment.map(JSONValue.string) ?? .null),
                    ("files", .int(outcome.files)),
                    ("bytes", .int(outcome.bytes)),
                    ("warnings", .array(outcome.warnings.map(JSONValue.string))),
                    ("error", outcome.error.map(JSONValue.string) ?? .null),
                ])
            })),
        ])
    }

    /// `json` as indented text.
    public var jsonText: String { json.serialized(indent: 2) }

    /// One line per training and a closing count, for people.
    public var text: String {
        var lines: [String] = []
        for outcome in outcomes where outcome.status != .failed {
            let experiment = outcome.experiment.map { " [\($0)]" } ?? ""
            lines.append("\(outcome.status.rawValue.padding(9)) \(outcome.hash ?? "-")  \(outcome.name ?? outcome.path)\(experiment)")
        }
        let count = { (status: ImportPipeline.Outcome.Status) in self.outcomes.filter { $0.status == status }.count }
        var summary = "\(count(.imported)) imported, \(count(.unchanged)) unchanged"
        if count(.replaced) > 0 { summary += ", \(count(.replaced)) replaced" }
        if count(.attached) > 0 { summary += ", \(count(.attached)) with predictions attached" }
        if count(.failed) > 0 { summary += ", \(count(.failed)) failed" }
        lines.append(summary + " — repository \(repository)")
        return TerminalText.escaped(lines.joined(separator: "\n") + "\n")
    }

    /// The lines for stderr: every failure as `error: …` (one prefix, also when the message has its own,
    /// `file:3:7: error: …`) and every warning as `warning: name: …`; control characters escaped.
    public var diagnostics: [String] {
        var lines: [String] = []
        for outcome in outcomes {
            if let error = outcome.error { lines.append(PipelineError(error).diagnostic) }
            for warning in outcome.warnings {
                lines.append(TerminalText.escaped("warning: \(outcome.name ?? outcome.path): \(warning)"))
            }
        }
        return lines
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
