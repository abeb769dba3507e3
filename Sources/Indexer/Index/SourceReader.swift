import Glibc

/// Reads a file's bytes and turns them into text, or says in words why it cannot.
///
/// UTF-8 (with or without a BOM) is read as is; UTF-16 with a BOM is converted. Decoding is local: a byte that is
/// not part of a valid UTF-8 sequence is read as Windows-1252 (the usual encoding of older Western text) where it
/// is, and the rest of the file stays UTF-8, so one stray byte in an archive does not turn `Kāẓim` into mojibake.
public enum SourceReader {
    /// The text of a file, and a warning when it had to be converted.
    public struct Text: Sendable {
        public var text: String
        public var hash: String
        public var warning: String?
    }

    /// Why a file was not indexed: data, which the command line words (`SkipWords.swift`).
    public enum Failure: Error, Sendable, Equatable {
        /// The system refused to read it: `reason` is its error's text (`Permission denied`).
        case unreadable(String)
        case empty
        /// It holds NUL bytes.
        case binary
        /// `size` bytes, over the limit of `limit` bytes.
        case tooLarge(size: Int64, limit: Int64)
        case badUTF16
        /// The file was deleted or moved after the folder was listed.
        case vanished
        /// The path no longer names a regular file (a pipe or device was put in its place).
        case notRegular
    }

    /// Reads the file at `path`, refusing files larger than `limit` bytes so memory stays bounded.
    public static func read(path: String, limit: Int64) -> Result<Text, Failure> {
        // O_NONBLOCK: a pipe swapped in for the file after the walk must not hang the run.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return .failure(.vanished) }
            return .failure(.unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        let size = Int64(info.st_size)
        if size > limit { return .failure(.tooLarge(size: size, limit: limit)) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break } // the file shrank while we read it
            filled += n
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return decode(bytes)
    }

    /// Decodes file bytes into text (see the type's comment for the rules).
    public static func decode(_ bytes: [UInt8]) -> Result<Text, Failure> {
        if bytes.isEmpty { return .failure(.empty) }
        let hash = contentHash(bytes)
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF, hash: hash)
        }
        if bytes.contains(0) { return .failure(.binary) }
        var body = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = bytes.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) {
            return .success(Text(text: text, hash: hash, warning: nil))
        }
        let repaired = decodeLocally(body)
        return .success(Text(text: repaired.text, hash: hash, warning: repaired.warning))
    }

    /// Decodes UTF-8 in which some bytes may not be: each byte outside a valid sequence is read as Windows-1252,
    /// everything else as UTF-8. The warning says how many bytes were read so (nil when none): for a file with no
    /// valid multi-byte sequence at all, simply that it was read as Windows-1252.
    public static func decodeLocally<C: Collection>(_ bytes: C) -> (text: String, warning: String?) where C.Element == UInt8, C.Index == Int {
        var scalars = String.UnicodeScalarView()
        var replaced = 0
        var multiByte = 0
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let c = bytes[i]
            if c < 0x80 { scalars.append(Unicode.Scalar(c)); i += 1; continue }
            if let (scalar, length) = utf8Sequence(bytes, at: i) {
                scalars.append(scalar)
                multiByte += 1
                i += length
                continue
            }
            let value = (0x80..<0xA0).contains(c) ? cp1252High[Int(c) - 0x80] : UInt32(c)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            replaced += 1
            i += 1
        }
        guard replaced > 0 else { return (String(scalars), nil) }
        if multiByte == 0 { return (String(scalars), "not valid UTF-8; read as Windows-1252") }
        return (String(scalars), "not valid UTF-8 in \(replaced) byte\(replaced == 1 ? "" : "s"); read as Windows-1252 there, the rest as UTF-8")
    }

    /// The scalar of the well-formed UTF-8 sequence starting at `i` (no overlong forms, no surrogates) and its length.
    static func utf8Sequence<C: Collection>(_ b: C, at i: Int) -> (Unicode.Scalar, Int)? where C.Element == UInt8, C.Index == Int {
        let c = b[i]
        let length: Int
        var value: UInt32
        switch c {
        case 0xC2...0xDF: length = 2; value = UInt32(c & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(c & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(c & 0x07)
        default: return nil
        }
        guard i + length <= b.endIndex else { return nil }
        for k in 1..<length {
            let d = b[i + k]
            guard d & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(d & 0x3F)
        }
        if length == 3 && value < 0x800 || length == 4 && (value < 0x10000 || value > 0x10FFFF) { return nil }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool, hash: String) -> Result<Text, Failure> {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else { return .failure(.badUTF16) }
        if text.utf8.contains(0) { return .failure(.binary) }
        return .success(Text(text: text, hash: hash, warning: nil))
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]


    /// A fast 64-bit content hash (not cryptographic: it only tells whether a file changed), as 16 hex digits.
    public static func contentHash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var i = 0
            let n = raw.count
            while i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(raw[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 29
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A file read line by line in blocks, so memory follows the longest line kept, not the file: how a JSON Lines
/// archive of any size is read. A line longer than `limit` bytes is passed over (its length reported) without
/// being held.
final class LineStream {
    /// One line, without its newline, or a line that was too long to keep.
    enum Line {
        case text(number: Int, bytes: [UInt8])
        case tooLong(number: Int, size: Int)
    }

    private let fd: Int32
    private let limit: Int
    private var block = [UInt8](repeating: 0, count: 1 << 20)
    private var blockStart = 0
    private var blockEnd = 0
    private var number = 0
    private var atEnd = false
    /// Bytes read so far.
    private(set) var bytesRead: Int64 = 0

    /// Opens `path` (a regular file) for reading; the failure says why it cannot be.
    static func open(path: String, limit: Int64) -> Result<LineStream, SourceReader.Failure> {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return .failure(.vanished) }
            return .failure(.unreadable(String(cString: strerror(errno))))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { close(fd); return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { close(fd); return .failure(.notRegular) }
        if info.st_size == 0 { close(fd); return .failure(.empty) }
        return .success(LineStream(fd: fd, limit: Int(min(limit, Int64(Int32.max)))))
    }

    private init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
    }

    deinit { close(fd) }

    /// Refills the block; false at the end of the file (or on a read error, which ends the stream too).
    private func refill() -> Bool {
        guard !atEnd else { return false }
        while true {
            let n = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { atEnd = true; return false }
            blockStart = 0
            blockEnd = n
            bytesRead += Int64(n)
            return true
        }
    }

    /// The next line, or nil at the end of the file.
    func next() -> Line? {
        var line: [UInt8] = []
        var size = 0
        var any = false
        while true {
            if blockStart == blockEnd && !refill() {
                guard any else { return nil }
                number += 1
                return size > limit ? .tooLong(number: number, size: size) : .text(number: number, bytes: line)
            }
            any = true
            let newline = block[blockStart..<blockEnd].firstIndex(of: 0x0A)
            let stop = newline ?? blockEnd
            size += stop - blockStart
            if size <= limit { line.append(contentsOf: block[blockStart..<stop]) } else if !line.isEmpty { line = [] }
            blockStart = newline.map { $0 + 1 } ?? blockEnd
            if newline != nil {
                number += 1
                return size > limit ? .tooLong(number: number, size: size) : .text(number: number, bytes: line)
            }
        }
    }
}
