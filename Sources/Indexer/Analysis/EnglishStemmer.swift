/// The Snowball English (Porter2) stemmer.
///
/// PLACEHOLDER: returns the word unchanged until the real algorithm lands (see issue 3).
public enum EnglishStemmer {
    /// Stems a lower-case ASCII word held in `buffer[0..<count]` in place and returns the new length.
    /// `"running"` → `"run"`, `"generously"` → `"generous"`.
    @inlinable
    public static func stem(_ buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        count
    }

    /// Stems a lower-case word. `"running"` → `"run"`.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        let count = bytes.count
        let newCount = bytes.withUnsafeMutableBufferPointer { stem($0.baseAddress!, count: count) }
        return String(decoding: bytes[0..<newCount], as: UTF8.self)
    }
}
