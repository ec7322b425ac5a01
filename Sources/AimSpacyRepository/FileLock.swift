#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on a file (`flock`): exclusive while a repository is created or migrated, so
/// that processes opening one repo at once never run the same migration twice; shared by writers
/// and exclusive for `check`, so a check never takes a run's objects, stored before its transaction
/// commits, for orphans.
struct FileLock {
    private let descriptor: Int32

    init(path: String, shared: Bool = false) throws(RepositoryError) {
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw RepositoryError("\(path): cannot open lock file (errno \(errno))") }
        while flock(fd, shared ? LOCK_SH : LOCK_EX) != 0 {
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
