#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file's bytes and turns them into text, or says in words why it cannot.
///
/// UTF-8 (with or without a BOM) is read as is; UTF-16 with a BOM is converted; bytes that are not valid UTF-8
/// are read as Windows-1252, the usual encoding of older Western text files, and reported as such.
public enum SourceReader {
    /// The text of a file, and a warning when it had to be converted.
    public struct Text: Sendable {
        public var text: String
        public var hash: String
        public var warning: String?
    }

    /// Why a file was not indexed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(String)
        case empty
        case binary
        case tooLarge(size: Int64, limit: Int64)
        case badUTF16
        /// The file was deleted or moved after the folder was listed.
        case vanished
        /// The path no longer names a regular file (a pipe or device was put in its place).
        case notRegular

        public var description: String {
            switch self {
            case let .unreadable(reason): return "cannot read (\(reason))"
            case .empty: return "empty file"
            case .binary: return "binary file (contains NUL bytes)"
            case let .tooLarge(size, limit): return "too large (\(size / 1_048_576) MB; the limit is \(limit / 1_048_576) MB, see --max-file-size)"
            case .badUTF16: return "UTF-16 text with broken surrogate pairs"
            case .vanished: return "deleted or moved while the folder was being indexed"
            case .notRegular: return "not a regular file"
            }
        }
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
        return .success(Text(text: windows1252(body), hash: hash, warning: "not valid UTF-8; read as Windows-1252"))
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

    private static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let value = (0x80..<0xA0).contains(b) ? cp1252High[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

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
