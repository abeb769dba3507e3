#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal: results on stdout, messages on stderr, and what kind of terminal they go to.
///
/// Plain libc calls rather than Foundation's FileHandle: loading full Foundation costs about 5 ms per process,
/// which is most of a query's time.
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

    /// Prints `search: message` on stderr.
    static func error(_ message: String) {
        errorLine("search: " + message)
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
