/// Stored pipelines decoded once per distinct text: listing many runs meets the same few pipelines again and again.
package struct PipelineCache {
    private var known: [String: [String]] = [:]

    package init() {}

    package mutating func pipeline(_ text: String) throws(RepositoryError) -> [String] {
        if let pipeline = known[text] { return pipeline }
        let pipeline = try RunCoding.strings(from: text, "pipeline")
        known[text] = pipeline
        return pipeline
    }
}
