/// How a report is rendered: its title, chart smoothing and resolution, template overrides and layout.
public struct ReportOptions: Sendable, Equatable {
    /// Shown in every page's header and `<title>`.
    public var title: String
    /// EMA weight of the smoothed chart lines, 0 (raw) to 0.99, debiased as TensorBoard does.
    public var smoothing: Double
    /// At most this many points per drawn line; longer series are reduced keeping their shape and extremes.
    public var maxPoints: Int
    /// A folder whose `*.mustache` files replace the embedded templates of the same name.
    public var templatesDirectory: String?
    /// Render the whole report as one HTML file (`index.html` only) instead of a folder of pages.
    public var singleFile: Bool
    /// Show corpora and sources with the absolute local paths the repository keeps, instead of
    /// relative to the training folder (`SharedPath`).
    public var absolutePaths: Bool
    /// At most this many docs on one Errors page (`--docs-per-page`); more docs go on further pages.
    public var docsPerPage: Int

    public init(
        title: String = "aim-spacy report", smoothing: Double = 0.6, maxPoints: Int = 1000,
        templatesDirectory: String? = nil, singleFile: Bool = false, absolutePaths: Bool = false, docsPerPage: Int = 50
    ) {
        self.docsPerPage = docsPerPage
        self.absolutePaths = absolutePaths
        self.title = title
        self.smoothing = smoothing
        self.maxPoints = maxPoints
        self.templatesDirectory = templatesDirectory
        self.singleFile = singleFile
    }

    /// Checks the ranges the CLI documents.
    public func validated() throws(ReportError) -> ReportOptions {
        guard smoothing.isFinite, smoothing >= 0, smoothing <= 0.99 else {
            throw ReportError("--smoothing: expected a number from 0 to 0.99, got \(smoothing)")
        }
        guard maxPoints >= 3 else { throw ReportError("--max-points: expected at least 3, got \(maxPoints)") }
        guard docsPerPage >= 1 else { throw ReportError("--docs-per-page: expected at least 1, got \(docsPerPage)") }
        return self
    }
}
