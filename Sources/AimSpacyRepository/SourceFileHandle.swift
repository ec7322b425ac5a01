import Foundation

extension FileHandle {
    /// A source file opened for reading, or the error every engine gives when a file to store cannot be read.
    package static func readingSource(_ source: URL) throws(RepositoryError) -> FileHandle {
        do {
            return try FileHandle(forReadingFrom: source)
        } catch {
            throw RepositoryError("\(source.path): cannot read: \(error.localizedDescription)")
        }
    }
}
