import Glibc
import Indexer

/// The one-line progress display of `search index` on a terminal: redrawn in place with `\r`, at most ten times a
/// second, and erased when the run ends so the summary line takes its place.
struct ProgressMeter {
    /// Seconds between redraws.
    static let interval = 0.1
    private let started: Double
    private var lastDraw = -Double.infinity
    private var drawn = false

    init(now: Double = Output.now()) {
        started = now
    }

    /// Redraws the line when the last redraw is at least `interval` old.
    mutating func update(_ progress: IndexProgress, now: Double = Output.now()) {
        guard now - lastDraw >= ProgressMeter.interval else { return }
        lastDraw = now
        let line = ProgressMeter.line(progress, elapsed: now - started, width: ProgressMeter.terminalWidth())
        Output.errorText("\r" + line + "\u{1B}[K")
        drawn = true
    }

    /// Erases the line, if one was drawn.
    func finish() {
        if drawn { Output.errorText("\r\u{1B}[K") }
    }

    /// The progress line, at most `width - 1` characters (so the cursor never wraps and `\r` returns to its start):
    /// `12/40 files · 3.1/9.8 MB · 2.4 MB/s · 0:03 left · 2019/11/baghdad.txt`.
    static func line(_ p: IndexProgress, elapsed: Double, width: Int) -> String {
        var parts = ["\(p.filesDone)/\(p.filesTotal) files", "\(megabytes(p.bytesDone))/\(megabytes(p.bytesTotal)) MB"]
        // Rates from the first instants are noise; wait half a second before promising anything.
        if elapsed >= 0.5 && p.bytesDone > 0 {
            let rate = Double(p.bytesDone) / elapsed
            parts.append(Output.fixed(rate / 1_048_576, 1) + " MB/s")
            parts.append(duration(Double(p.bytesTotal - p.bytesDone) / rate) + " left")
        }
        var line = parts.joined(separator: " · ")
        let room = width - 1 - line.count - 3
        if !p.currentFile.isEmpty && room >= 8 {
            let name = p.currentFile.count <= room ? p.currentFile : "…" + p.currentFile.suffix(room - 1)
            line += " · " + name
        }
        return line.count < width ? line : String(line.prefix(max(0, width - 1)))
    }

    /// `1536000` → `1.5`.
    static func megabytes(_ bytes: Int64) -> String {
        Output.fixed(Double(bytes) / 1_048_576, 1)
    }

    /// `75` → `1:15`, `3725` → `1:02:05`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let s = Int(seconds.rounded())
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }

    /// Columns of the terminal on stderr; $COLUMNS or 80 when it cannot be asked.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Output.environment("COLUMNS").flatMap { Int($0) } ?? 80
    }
}
