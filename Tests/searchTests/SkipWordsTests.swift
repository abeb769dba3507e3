import Testing
import Indexer
@testable import search

/// `search index`'s words for the files and lines it left out (`Rendering/SkipWords.swift`): the sentences the
/// readers wrote before their reasons became data, naming the flags that change them.
struct SkipWordsTests {
    @Test(arguments: [
        (SkipReason.file(.tooLarge(size: 3_000_000, limit: 1_048_576)), "too large (2 MB; the limit is 1 MB, see --max-file-size)"),
        (.articleTooLarge(size: 1_400_010, limit: 1_048_576), "article too large (1 MB; the limit is 1 MB, see --max-file-size); line skipped"),
        (.missingTextField("body"), "no text field 'body' (choose another with --jsonl-text); line skipped"),
        (.file(.unreadable("Permission denied")), "cannot read (Permission denied)"),
        (.file(.empty), "empty file"),
        (.file(.binary), "binary file (contains NUL bytes)"),
        (.file(.badUTF16), "UTF-16 text with broken surrogate pairs"),
        (.file(.vanished), "deleted or moved while the folder was being indexed"),
        (.file(.notRegular), "not a regular file"),
        (.other("not a JSON object; line skipped"), "not a JSON object; line skipped"),
    ])
    func reasonsAreWordedAsBefore(reason: SkipReason, words: String) {
        #expect(reason.words == words)
    }

    @Test(arguments: [
        (WalkSkip.ignored, "ignored by .gitignore/.ignore/.searchignore"), (.excluded, "left out by --glob/--type"),
        (.linkOutside, "symbolic links out of the folder (see --follow)"), (.duplicate, "already found through another link"),
        (.notText, "without an extension and not text"),
    ])
    func walkSkipsAreWordedAsBefore(skip: WalkSkip, words: String) {
        #expect(skip.words == words)
    }
}
