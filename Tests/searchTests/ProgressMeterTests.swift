import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

struct ProgressMeterTests {
    static func progress(_ files: Int, _ done: Int64, _ file: String) -> IndexProgress {
        IndexProgress(filesDone: files, filesTotal: 40, bytesDone: done, bytesTotal: 10 * 1_048_576, currentFile: file)
    }

    @Test(arguments: [
        // The first instants: no rate, no promise.
        (progress(0, 0, "a.txt"), 0.0, 100, "0/40 files · 0.0/10.0 MB · a.txt"),
        (progress(3, 1_048_576, "2019/11/baghdad.txt"), 0.2, 100, "3/40 files · 1.0/10.0 MB · 2019/11/baghdad.txt"),
        // 2 MB in 1 s: 8 MB left at 2 MB/s.
        (progress(12, 2 * 1_048_576, "2019/11/baghdad.txt"), 1.0, 100, "12/40 files · 2.0/10.0 MB · 2.0 MB/s · 0:04 left · 2019/11/baghdad.txt"),
        // A narrow terminal shortens the file name from the left, keeping its end.
        (progress(12, 2 * 1_048_576, "archive/2019/november/baghdad-protests.txt"), 1.0, 74,
         "12/40 files · 2.0/10.0 MB · 2.0 MB/s · 0:04 left · …/baghdad-protests.txt"),
        // Too narrow for any name: the counts alone, cut to fit.
        (progress(12, 2 * 1_048_576, "a.txt"), 1.0, 20, "12/40 files · 2.0/1"),
        // The last report has no current file.
        (progress(40, 10 * 1_048_576, ""), 4.0, 100, "40/40 files · 10.0/10.0 MB · 2.5 MB/s · 0:00 left"),
    ])
    func formatsTheLine(progress: IndexProgress, elapsed: Double, width: Int, expected: String) {
        let line = ProgressMeter.line(progress, elapsed: elapsed, width: width)
        #expect(line == expected)
        #expect(line.count < width, "never wraps")
    }

    @Test(arguments: [(0.0, "0:00"), (75, "1:15"), (3725, "1:02:05"), (.infinity, "--:--"), (-1, "--:--")])
    func durations(seconds: Double, text: String) {
        #expect(ProgressMeter.duration(seconds) == text)
    }
}
