/// One `--predictions [MODEL=]PRED.spacy [--gold GOLD.spacy]` of `import`, or the arguments of
/// `predictions add`: which saved pipeline's config and labels score which predicted DocBin, against
/// which gold DocBin (`nil`: the run's `paths.dev` corpus).
public struct PredictionRequest: Sendable, Equatable {
    /// `model-best` or `model-last`.
    public var model: String
    public var predicted: String
    public var gold: String?

    /// The model folders a training saves, whose config and meta the import keeps.
    public static let models = ["model-best", "model-last"]

    public init(model: String = "model-best", predicted: String, gold: String? = nil) {
        self.model = model
        self.predicted = predicted
        self.gold = gold
    }

    /// Reads `[MODEL=]PRED.spacy`: a leading `NAME=` is a model when NAME holds no `/` (a path may
    /// hold `=`; write `./a=b.spacy` for a file whose name does).
    public init(argument: String, gold: String? = nil) throws(PipelineError) {
        var model = "model-best"
        var predicted = argument
        if let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("/") {
            model = String(argument[..<equals])
            predicted = String(argument[argument.index(after: equals)...])
            guard Self.models.contains(model) else {
                throw PipelineError("--predictions \(argument): the model is \(Self.models.joined(separator: " or ")), not '\(model)'")
            }
        }
        guard !predicted.isEmpty else { throw PipelineError("--predictions \(argument): no predicted .spacy file named") }
        self.init(model: model, predicted: predicted, gold: gold)
    }

    /// Pairs `import`'s `--predictions` and `--gold` options by their order in `arguments` (the
    /// command line after the subcommand): each `--gold` belongs to the `--predictions` before it.
    public static func paired(arguments: [String]) throws(PipelineError) -> [PredictionRequest] {
        var requests: [PredictionRequest] = []
        var goldGiven: [Bool] = []
        var index = 0
        func value(_ name: String) throws(PipelineError) -> String? {
            let argument = arguments[index]
            if argument == name {
                guard index + 1 < arguments.count else { throw PipelineError("\(name) needs a value") }
                index += 1
                return arguments[index]
            }
            if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            return nil
        }
        while index < arguments.count {
            if arguments[index] == "--" { break }
            if let predicted = try value("--predictions") {
                requests.append(try PredictionRequest(argument: predicted))
                goldGiven.append(false)
            } else if let gold = try value("--gold") {
                guard let last = requests.indices.last else {
                    throw PipelineError("--gold \(gold) comes before any --predictions; give it after the predictions it scores")
                }
                guard !goldGiven[last] else {
                    throw PipelineError("--gold \(gold): --predictions \(requests[last].predicted) already has a gold DocBin")
                }
                requests[last].gold = gold
                goldGiven[last] = true
            }
            index += 1
        }
        return requests
    }
}
