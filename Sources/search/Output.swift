import Foundation

/// Writing to the terminal: errors on stderr, and whether stdout or stderr is a terminal.
enum Output {
    /// Prints `search: message` on stderr.
    static func error(_ message: String) {
        errorLine("search: " + message)
    }

    /// Prints a line on stderr.
    static func errorLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// True when NO_COLOR is set to anything non-empty (https://no-color.org).
    static var noColor: Bool { !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty }
}

