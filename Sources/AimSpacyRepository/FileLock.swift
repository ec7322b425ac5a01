#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock on a file (`flock`), held while a repository is created or migrated so
/// that processes opening one repo at once never run the same migration twice.
struct FileLock {
    private let descriptor: Int32

    init(path: String) throws(RepositoryError) {
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw RepositoryError("\(path): cannot open lock file (errno \(errno))") }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            close(fd)
            throw RepositoryError("\(path): cannot lock (errno \(errno))")
        }
        descriptor = fd
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
