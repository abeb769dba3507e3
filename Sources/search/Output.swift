import Glibc

/// Writing to the terminal: results on stdout, messages on stderr, and what kind of terminal they go to.
///
/// Plain libc calls rather than Foundation's FileHandle: loading full Foundation would be most of a query's time.
enum Output {
    /// Writes `text` to stdout as is.
    static func write(_ text: String) {
        var copy = text
        copy.withUTF8 { writeAll(STDOUT_FILENO, $0) }
    }

    /// Writes bytes to stdout.
    static func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeAll(STDOUT_FILENO, $0) }
    }

    /// Prints `search: message` on stderr, its control characters escaped (messages name files and quote queries).
    static func error(_ message: String) {
        errorLine("search: " + escaped(message))
    }

    /// `text` safe for a terminal: control characters, escape sequences included (`ESC ] 52 ;` sets the
    /// clipboard), become visible `\xNN` / `\u{NN}` escapes; a tab becomes a space. Newlines become spaces unless
    /// `keepNewlines`, so that a title or a path holding one stays on its line.
    static func escaped(_ text: String, keepNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isControl(scalar) { out.append(scalar); continue }
            switch scalar {
            case "\n" where keepNewlines: out.append(scalar)
            case "\n", "\t", "\r": out.append(" ")
            default:
                let hex = String(scalar.value, radix: 16)
                let code = scalar.value < 0x100 ? "\\x" + (hex.count == 1 ? "0" + hex : hex) : "\\u{" + hex + "}"
                out.append(contentsOf: code.unicodeScalars)
            }
        }
        return String(out)
    }

    /// C0 and C1 controls, DEL, and the bidirectional overrides that can make a line read backwards.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// The current folder (physical, as `getcwd` gives it).
    static let currentFolder: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        return getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "/"
    }()

    /// `path` (absolute) as a shell in the current folder can use it: relative when it is under the current
    /// folder, absolute otherwise. `archive.jsonl#id` keeps its `#id`.
    static func shellPath(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let folder = currentFolder
        if folder == "/" { return String(path.dropFirst()) }
        if path.hasPrefix(folder + "/") { return String(path.dropFirst(folder.utf8.count + 1)) }
        return path
    }

    /// Prints a line on stderr.
    static func errorLine(_ line: String) {
        var copy = line + "\n"
        copy.withUTF8 { writeAll(STDERR_FILENO, $0) }
    }

    /// Writes `text` to stderr without a newline (for progress lines redrawn with `\r`).
    static func errorText(_ text: String) {
        var copy = text
        copy.withUTF8 { writeAll(STDERR_FILENO, $0) }
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        guard var p = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return // a closed pipe (`search x | head`) is not an error worth reporting
            }
            p += n
            left -= n
        }
    }

    /// The width to draw to: $COLUMNS, else the terminal's, else 80.
    static var terminalColumns: Int {
        if let text = environment("COLUMNS"), let n = Int(text), n > 0 { return n }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The value of an environment variable, or nil when unset or empty.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// True when NO_COLOR is set to anything non-empty (https://no-color.org).
    static var noColor: Bool { environment("NO_COLOR") != nil }

    /// Whether to colour stdout: `always`, `never`, or (auto) on a terminal unless NO_COLOR is set or TERM is
    /// `dumb` (Emacs' shell, some CI logs), as ripgrep decides.
    static func useColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return stdoutIsTerminal && !noColor && environment("TERM") != "dumb"
        }
    }

    /// `x` with exactly `decimals` digits after the point: `fixed(3.14159, 2)` → `"3.14"`.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let negative = x < 0
        let scaled = Int64((abs(x) * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return (negative && scaled != 0 ? "-" : "") + String(whole) + (decimals > 0 ? "." + fraction : "")
    }

    /// Seconds on a monotonic clock, for durations.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
