import AimSpacyModel
import CAimZlib
import Foundation

/// Reads a zip from an untrusted source: the central directory with every offset and size
/// checked against the file, and entry data inflated with bounded input and output.
///
/// ZIPFoundation writes our archives; reading is done here because its Linux inflate loop never
/// ends on a deflate stream that runs into the end of the file, and a reader of hostile archives
/// must stop at the entry's compressed size and at its declared uncompressed size.
final class ZipReader {
    /// One central directory record.
    struct Entry: Sendable, Equatable {
        enum Kind: Sendable, Equatable { case file, directory, symlink }

        var path: String
        var kind: Kind
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    let url: URL
    let entries: [Entry]
    private let handle: FileHandle
    private let fileSize: UInt64
    /// Where the central directory starts: no entry's data may reach past it.
    private let centralDirectoryOffset: UInt64

    /// Opens `url` and reads its central directory, refusing more than `maxEntries` entries.
    init(url: URL, maxEntries: Int) throws(ArchiveError) {
        self.url = url
        let name = url.path
        if let problem = RegularFile.problem(at: name) { throw ArchiveError(.io, "\(name): \(problem)") }
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ArchiveError(.io, "\(name): cannot open: \(error.localizedDescription)")
        }
        do {
            fileSize = try handle.seekToEnd()
        } catch {
            try? handle.close()
            throw ArchiveError(.io, "\(name): cannot read: \(error.localizedDescription)")
        }
        do {
            (entries, centralDirectoryOffset) = try Self.readCentralDirectory(handle, size: fileSize, name: name, maxEntries: maxEntries)
        } catch {
            try? handle.close()
            throw error
        }
    }

    deinit { try? handle.close() }

    // MARK: Central directory

    private static func readCentralDirectory(
        _ handle: FileHandle, size: UInt64, name: String, maxEntries: Int
    ) throws(ArchiveError) -> ([Entry], UInt64) {
        func corrupt(_ why: String) -> ArchiveError { ArchiveError(.corrupt, "\(name): not a valid zip archive (\(why))") }
        guard size >= 22 else { throw corrupt("\(size) bytes, too short for a zip; truncated?") }
        let tailLength = min(size, 22 + 65_535)
        let tail = try read(handle, at: size - tailLength, count: Int(tailLength), name: name)
        var eocd: Int?
        var position = tail.count - 22
        while position >= 0 {
            if le32(tail, position) == 0x0605_4b50, position + 22 + Int(le16(tail, position + 20)) == tail.count {
                eocd = position
                break
            }
            position -= 1
        }
        guard let eocd else { throw corrupt("no end of central directory record; truncated?") }
        let eocdOffset = size - tailLength + UInt64(eocd)
        guard le16(tail, eocd + 4) == 0, le16(tail, eocd + 6) == 0 else {
            throw ArchiveError(.unsupported, "\(name): multi-disk archives are not supported")
        }
        var count = UInt64(le16(tail, eocd + 10))
        var cdSize = UInt64(le32(tail, eocd + 12))
        var cdOffset = UInt64(le32(tail, eocd + 16))
        var cdEnd = eocdOffset
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            guard eocd >= 20, le32(tail, eocd - 20) == 0x0706_4b50 else { throw corrupt("zip64 locator missing") }
            let zip64Offset = le64(tail, eocd - 12)
            guard eocdOffset >= 76, zip64Offset <= eocdOffset - 76 else { throw corrupt("zip64 record out of bounds") }
            let record = try read(handle, at: zip64Offset, count: 56, name: name)
            guard le32(record, 0) == 0x0606_4b50 else { throw corrupt("bad zip64 end of central directory signature") }
            count = le64(record, 32)
            cdSize = le64(record, 40)
            cdOffset = le64(record, 48)
            cdEnd = zip64Offset
        }
        guard count <= UInt64(maxEntries) else {
            throw ArchiveError(.limitExceeded, "\(name): \(count) entries, more than the limit of \(maxEntries)")
        }
        guard cdOffset <= cdEnd, cdSize <= cdEnd - cdOffset else {
            throw corrupt("central directory out of bounds; truncated?")
        }
        let directory = try read(handle, at: cdOffset, count: Int(cdSize), name: name)
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        var offset = 0
        for index in 0..<Int(count) {
            guard offset + 46 <= directory.count, le32(directory, offset) == 0x0201_4b50 else {
                throw corrupt("central directory record \(index) at byte \(cdOffset + UInt64(offset)) is broken")
            }
            let madeBy = le16(directory, offset + 4)
            let flags = le16(directory, offset + 8)
            let method = le16(directory, offset + 10)
            let crc = le32(directory, offset + 16)
            var compressed = UInt64(le32(directory, offset + 20))
            var uncompressed = UInt64(le32(directory, offset + 24))
            let nameLength = Int(le16(directory, offset + 28))
            let extraLength = Int(le16(directory, offset + 30))
            let commentLength = Int(le16(directory, offset + 32))
            let external = le32(directory, offset + 38)
            var localOffset = UInt64(le32(directory, offset + 42))
            let nameStart = offset + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directory.count else { throw corrupt("central directory record \(index) runs past its end") }
            guard let path = String(validating: directory[nameStart..<extraStart], as: UTF8.self) else {
                throw ArchiveError(.unsafePath, "\(name): entry \(index) has a name that is not UTF-8")
            }
            // Zip64 extended information: the fields saturated in the record, in this order.
            var extra = extraStart
            while extra + 4 <= extraStart + extraLength {
                let id = le16(directory, extra)
                let length = Int(le16(directory, extra + 2))
                let body = extra + 4
                guard body + length <= extraStart + extraLength else { throw corrupt("entry '\(path)': extra field runs past its end") }
                if id == 0x0001 {
                    var field = body
                    func next64() throws(ArchiveError) -> UInt64 {
                        guard field + 8 <= body + length else { throw corrupt("entry '\(path)': short zip64 field") }
                        defer { field += 8 }
                        return le64(directory, field)
                    }
                    if uncompressed == 0xFFFF_FFFF { uncompressed = try next64() }
                    if compressed == 0xFFFF_FFFF { compressed = try next64() }
                    if localOffset == 0xFFFF_FFFF { localOffset = try next64() }
                }
                extra = body + length
            }
            let mode = (madeBy >> 8) == 3 ? UInt16(truncatingIfNeeded: external >> 16) : 0
            let kind: Entry.Kind
            if mode & 0xF000 == 0xA000 {
                kind = .symlink
            } else if path.hasSuffix("/") || mode & 0xF000 == 0x4000 || external & 0x10 != 0 {
                kind = .directory
            } else {
                kind = .file
            }
            entries.append(Entry(
                path: path, kind: kind, method: method, flags: flags, crc32: crc,
                compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: localOffset
            ))
            offset = next
        }
        return (entries, cdOffset)
    }

    // MARK: Entry data

    /// Refuses entries this reader cannot inflate: encrypted, or neither stored nor deflated.
    func checkSupported(_ entry: Entry) throws(ArchiveError) {
        let name = "\(url.path): entry '\(entry.path)'"
        guard entry.flags & 0x1 == 0 else { throw ArchiveError(.unsupported, "\(name): encrypted entries are not supported") }
        guard entry.method == 0 || entry.method == 8 else {
            throw ArchiveError(.unsupported, "\(name): compression method \(entry.method) is not supported (only stored and deflate)")
        }
    }

    /// The bytes an entry occupies, from its local header to the end of its data, checked to lie
    /// before the central directory.
    func extent(of entry: Entry) throws(ArchiveError) -> (header: UInt64, data: UInt64, end: UInt64) {
        func corrupt(_ why: String) -> ArchiveError { ArchiveError(.corrupt, "\(url.path): entry '\(entry.path)': \(why)") }
        guard entry.localHeaderOffset <= centralDirectoryOffset, centralDirectoryOffset - entry.localHeaderOffset >= 30 else {
            throw corrupt("local header out of bounds")
        }
        let header = try Self.read(handle, at: entry.localHeaderOffset, count: 30, name: url.path)
        guard Self.le32(header, 0) == 0x0403_4b50 else { throw corrupt("bad local header signature") }
        let dataOffset = entry.localHeaderOffset + 30 + UInt64(Self.le16(header, 26)) + UInt64(Self.le16(header, 28))
        guard dataOffset <= centralDirectoryOffset, entry.compressedSize <= centralDirectoryOffset - dataOffset else {
            throw corrupt("data runs past the central directory (\(entry.compressedSize) compressed bytes declared); truncated?")
        }
        return (entry.localHeaderOffset, dataOffset, dataOffset + entry.compressedSize)
    }

    /// Streams an entry's inflated bytes to `consume` in chunks, checking that it inflates to
    /// exactly its declared size (never more: the reading stops there) and matches its CRC-32.
    /// A `dataOffset` already found by `extent(of:)` saves reading the local header again.
    func read(
        _ entry: Entry, dataOffset: UInt64? = nil, chunkSize: Int = 1 << 20,
        consume: (UnsafeRawBufferPointer) throws(ArchiveError) -> Void
    ) throws(ArchiveError) {
        let name = "\(url.path): entry '\(entry.path)'"
        func corrupt(_ why: String) -> ArchiveError { ArchiveError(.corrupt, "\(name): \(why)") }
        try checkSupported(entry)
        let dataOffset = if let dataOffset { dataOffset } else { try extent(of: entry).data }
        let chunk = max(chunkSize, 4096)
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { input.deallocate() }
        var crc = UInt32(0)
        var produced: UInt64 = 0
        var consumed: UInt64 = 0

        func emit(_ bytes: UnsafeRawBufferPointer) throws(ArchiveError) {
            guard bytes.count > 0 else { return }
            produced += UInt64(bytes.count)
            guard produced <= entry.uncompressedSize else {
                throw ArchiveError(.limitExceeded, "\(name): inflates to more than the \(entry.uncompressedSize) bytes its header declares")
            }
            if let base = bytes.baseAddress {
                crc = UInt32(truncatingIfNeeded: crc32(UInt(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
            }
            try consume(bytes)
        }
        func fill() throws(ArchiveError) -> Int {
            let count = Int(min(UInt64(chunk), entry.compressedSize - consumed))
            guard count > 0 else { return 0 }
            try handle.seekOrThrow(dataOffset + consumed, name: url.path)
            let got = try Self.readInto(handle, input, count: count, name: url.path)
            guard got == count else { throw corrupt("truncated data") }
            consumed += UInt64(count)
            return count
        }

        if entry.method == 0 {
            guard entry.compressedSize == entry.uncompressedSize else {
                throw corrupt("stored entry with different compressed and uncompressed sizes")
            }
            while consumed < entry.compressedSize {
                let count = try fill()
                try emit(UnsafeRawBufferPointer(rebasing: input[0..<count]))
            }
        } else {
            try inflate(entry, name: name, input: input, fill: fill, emit: emit)
        }
        guard produced == entry.uncompressedSize else {
            throw corrupt("inflates to \(produced) bytes, its header declares \(entry.uncompressedSize)")
        }
        guard crc == entry.crc32 else { throw corrupt("CRC-32 mismatch") }
    }

    private func inflate(
        _ entry: Entry, name: String, input: UnsafeMutableRawBufferPointer,
        fill: () throws(ArchiveError) -> Int, emit: (UnsafeRawBufferPointer) throws(ArchiveError) -> Void
    ) throws(ArchiveError) {
        let outputSize = input.count
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: outputSize, alignment: 16)
        defer { output.deallocate() }
        var stream = z_stream()
        guard aimz_inflateInit2(&stream, -15) == Z_OK else { throw ArchiveError(.io, "\(name): cannot start inflating") }
        defer { inflateEnd(&stream) }
        var finished = false
        while !finished {
            if stream.avail_in == 0 {
                let count = try fill()
                guard count > 0 else { throw ArchiveError(.corrupt, "\(name): deflate data ends early; truncated?") }
                stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(count)
            }
            let availableBefore = stream.avail_in
            stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(outputSize)
            let status = CAimZlib.inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END: finished = true
            case Z_OK, Z_BUF_ERROR: break
            default: throw ArchiveError(.corrupt, "\(name): invalid deflate data")
            }
            let produced = outputSize - Int(stream.avail_out)
            if produced == 0 && stream.avail_in == availableBefore && stream.avail_in > 0 && !finished {
                throw ArchiveError(.corrupt, "\(name): invalid deflate data (no progress)")
            }
            try emit(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
        }
    }

    // MARK: Bytes

    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int, name: String) throws(ArchiveError) -> [UInt8] {
        try handle.seekOrThrow(offset, name: name)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 8)
        defer { buffer.deallocate() }
        let got = try readInto(handle, buffer, count: count, name: name)
        let bytes = Array(buffer[0..<got])
        guard got == count else { throw ArchiveError(.corrupt, "\(name): not a valid zip archive (ends at byte \(offset + UInt64(got)); truncated?)") }
        return bytes
    }

    /// Reads up to `count` bytes into `buffer`, looping over short reads; returns how many were read.
    private static func readInto(_ handle: FileHandle, _ buffer: UnsafeMutableRawBufferPointer, count: Int, name: String) throws(ArchiveError) -> Int {
        var total = 0
        while total < count {
            guard let base = buffer.baseAddress else { return total }
            let got = Foundation.read(handle.fileDescriptor, base + total, count - total)
            if got < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io, "\(name): read failed (errno \(errno))")
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    private static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(le16(bytes, at)) | UInt32(le16(bytes, at + 2)) << 16
    }

    private static func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        UInt64(le32(bytes, at)) | UInt64(le32(bytes, at + 4)) << 32
    }
}

extension FileHandle {
    fileprivate func seekOrThrow(_ offset: UInt64, name: String) throws(ArchiveError) {
        do {
            try seek(toOffset: offset)
        } catch {
            throw ArchiveError(.io, "\(name): cannot seek to byte \(offset)")
        }
    }
}
