import Indexer

// The walker's and the readers' reasons are data in Indexer; these are the words `search index` prints them in, naming
// the flags that change them. (They live here, not in the Rendering target, because that target does not link Indexer.)

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

extension SkipReason {
    /// Why `search index` left a file or an archive's line out, as its message says after the path.
    var words: String {
        switch self {
        case let .file(failure): return failure.words
        case let .articleTooLarge(size, limit): return "article " + SourceReader.Failure.tooLarge(size: size, limit: limit).words + "; line skipped"
        case let .missingTextField(field): return "no text field '\(field)' (choose another with --jsonl-text); line skipped"
        case let .other(words): return words
        }
    }
}

extension SourceReader.Failure {
    /// Why a file could not be read as text, in the words of `search index`'s message.
    var words: String {
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
