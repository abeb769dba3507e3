import Indexer

// The walker's reasons are data in Indexer; these are the words `search index` counts them under, naming the flags
// that change them. (They live here, not in the Rendering target, because that target does not link Indexer.)

extension WalkSkip {
    /// How `search index`'s summary line names the entries skipped for this reason.
    var words: String {
        switch self {
        case .ignored: return "ignored by .gitignore/.ignore/.searchignore"
        case .excluded: return "left out by --glob/--type"
        case .linkOutside: return "symbolic links out of the folder (see --follow)"
        case .duplicate: return "already found through another link"
        case .notText: return "without an extension and not text"
        }
    }
}
