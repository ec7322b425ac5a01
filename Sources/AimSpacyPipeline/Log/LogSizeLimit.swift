import AimSpacyDecoding
import Foundation

/// Training logs too large to read (`TrainingLogDecoder.largestLog`): recognised from their head
/// alone and refused with the limit named, so a large log is never taken for no log at all.
enum LogSizeLimit {
    /// The refusal for the file at `url` of `size` bytes when it is over the limit and its head is a
    /// training log; `nil` otherwise.
    static func refusal(_ url: URL, size: Int) -> PipelineError? {
        guard size > TrainingLogDecoder.largestLog, let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: TrainingLogDecoder.sniffedHead),
            let format = head.withUnsafeBytes({ TrainingLogFormat.detect($0) })
        else { return nil }
        let kind = format == .jsonl ? "ConsoleLogger JSONL" : "console"
        return PipelineError(
            "\(url.path): error: a \(kind) training log of \(size >> 20) MiB, larger than the \(TrainingLogDecoder.largestLog >> 20) MiB this version reads")
    }
}
