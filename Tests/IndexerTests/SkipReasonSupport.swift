@testable import Indexer

extension SkipReason {
    /// The words of a reason the library words itself (`.other`); nil for the reasons that are data, which the
    /// command line words (`Sources/search/Rendering/SkipWords.swift`, tested in searchTests).
    var words: String? {
        if case .other(let words) = self { return words }
        return nil
    }
}
