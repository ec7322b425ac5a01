import AimSpacyDisplacy
import AimSpacyPipeline
import ArgumentParser
import Foundation

/// `aim-spacy displacy FILE.spacy --style dep|ent|span`: displaCy markup of a DocBin's docs, equal to
/// spaCy's `displacy.render` (the dep id is derived from the docs instead of random).
struct DisplacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "displacy",
        abstract: "Render docs of a .spacy file as displaCy markup (dep, ent or span), as spaCy's displacy.render does."
    )

    @Argument(help: "The .spacy file (a DocBin).")
    var file: String

    @Option(help: "dep, ent or span.")
    var style: String = "dep"

    @Option(help: "Language code written as lang/xml:lang; ar, fa, he and ur render right-to-left.")
    var lang: String = "en"

    @Option(help: "displaCy's options dict as a JSON object, e.g. '{\"compact\": true}'.")
    var options: String?

    @Option(help: "Render at most this many docs.")
    var limit: Int?

    @Option(help: "Skip this many docs first.")
    var offset: Int = 0

    @Flag(help: "Wrap the markup in a full HTML page (page=True).")
    var page = false

    @Flag(help: "Print one JSON string per doc: what displacy.render returns for that doc alone.")
    var jsonl = false

    @Option(name: .customLong("max-inflated-size"), help: ArgumentHelp(stringLiteral: InflatedSizeOption.help))
    var maxInflatedSize: String?

    @Flag(help: .hidden)
    var timing = false

    func run() throws {
        guard let style = DisplacyStyle(rawValue: style) else {
            FileHandle.standardError.write(Data("error: --style: expected dep, ent or span, got '\(style)'\n".utf8))
            throw ExitCode(2)
        }
        let request = DisplacyRequest(
            path: file, style: style, lang: lang, optionsJSON: options, limit: limit, offset: offset, page: page,
            jsonl: jsonl)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let limits = try InflatedSizeOption.limits(maxInflatedSize)
            var output = StandardOutput()
            defer { output.flush() }
            try DisplacyRun.run(request, open: { path throws(PipelineError) in try DisplacyDocBin.open(path, for: request, limits: limits) }) {
                output.write($0)
            }
            if timing {
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                FileHandle.standardError.write(Data("{\"seconds\": \(seconds)}\n".utf8))
            }
        } catch {
            printError(error)
            throw ExitCode(1)
        }
    }
}
