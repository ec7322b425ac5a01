/// The DocBin decoder `aim-spacy displacy` reads with. AimSpacyDecoding's `DocBin` has not reached
/// main yet, so this hook reports that instead of decoding; once it lands, `open` becomes
/// `DocBin(bytes:)` + `doc(at:)` (see the report of issue 3). Everything else takes a `DisplacyDocSource`.
public enum DisplacyDocBin {
    /// Opens `path` as a DocBin for `DisplacyRun.run`.
    public static func open(_ path: String) throws(PipelineError) -> DisplacyDocSource {
        throw PipelineError("\(path): error: this build has no DocBin decoder yet (AimSpacyDecoding.DocBin not merged)")
    }
}
