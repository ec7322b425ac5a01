#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files named by the user are checked with `stat` before they are opened: opening a FIFO blocks
/// until something writes to it and a device may never end, so both are refused by name.
public enum RegularFile {
    /// Why `path` cannot be read as a file, or `nil` for a regular file (or a symlink to one):
    /// `cannot read the file (no such file or folder)`, `not a regular file (a FIFO)`, `is a folder, expected a file`.
    public static func problem(at path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return "cannot read the file (\(errno == ENOENT ? "no such file or folder" : String(cString: strerror(errno))))"
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, expected a file"
        case S_IFIFO: return "not a regular file (a FIFO)"
        case S_IFCHR: return "not a regular file (a character device)"
        case S_IFBLK: return "not a regular file (a block device)"
        case S_IFSOCK: return "not a regular file (a socket)"
        default: return "not a regular file"
        }
    }
}
