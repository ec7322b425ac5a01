#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file whole or not at all: the bytes go to a new temporary file in the same folder (so
/// the rename stays on one file system), which is then renamed over the target.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to url: URL) throws(ReportError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError("\(folder.path): cannot create the folder (\(error.localizedDescription))")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).aim-spacy-\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(url, errno) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Foundation.write(fd, raw.baseAddress! + done, raw.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let code = errno
                close(fd)
                unlink(temporary.path)
                throw failure(url, code)
            }
            done += n
        }
        guard close(fd) == 0, rename(temporary.path, url.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw failure(url, code)
        }
    }

    private static func failure(_ url: URL, _ code: Int32) -> ReportError {
        ReportError("\(url.path): cannot be written (\(String(cString: strerror(code))))")
    }
}
