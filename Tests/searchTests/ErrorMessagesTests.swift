import Testing
import Storage
import Searcher
import Rendering

/// The words of the libraries' errors, which the CLI and the server print (`Rendering`'s `ErrorMessages.swift`).
struct ErrorMessagesTests {
    @Test func messagesNameTheProblem() {
        #expect(SearchError.syntax(message: "unclosed quote", position: 3).description == "query error at column 3: unclosed quote")
        #expect(SearchError.badDate(option: "--since", value: "x").description.contains("'x'"))
    }

    @Test(arguments: [
        (false, "i.db was built without --lowercase-names; to change that, run: search rebuild --lowercase-names --db i.db"),
        (true, "i.db was built with --lowercase-names; to change that, run: search rebuild --no-lowercase-names --db i.db"),
    ])
    func aSettingThatDiffersNamesTheFlagThatChangesIt(stored: Bool, message: String) {
        #expect(IndexError.settingDiffers(path: "i.db", setting: .lowerCaseNames, stored: stored).description == message)
    }

    /// A read-only open that meets an update's log in a folder it cannot write: the words it had as a reason string.
    @Test func anUpdateInProgressSaysToSearchAgain() {
        #expect(IndexError.updateInProgress(path: "/srv/i.db").description
            == "cannot open index /srv/i.db: its folder is not writable and an update is in progress or was interrupted (/srv/i.db-wal is not empty); search again when it is done")
    }

    /// `search check`'s sentences, as the checker wrote them before its problems became data.
    @Test(arguments: [
        (IndexProblem.newerLayout(found: 99, supported: 5), "the layout is version 99, newer than this program's 5: upgrade search to check it"),
        (.olderLayout(found: 0, supported: 5), "the layout is version 0, older than this program's 5: run search rebuild to upgrade it"),
        (.damagedFile(messages: ["a", "b", "c", "d", "e"]), "the database file is damaged: a; b; c (and 2 more)"),
        (.damagedFile(messages: ["page 3 is never used"]), "the database file is damaged: page 3 is never used"),
        (.unreadableFile(reason: "disk full"), "the database file is damaged and cannot be read (disk full)"),
        (.fullTextNotCheckable, "the full-text index could not be checked: this user cannot write the index (run search check as its owner)"),
        (.fullTextMismatch(path: "i.db", reason: "the file is damaged"),
         "the full-text index does not match the stored passages (the file is damaged); run: search rebuild --db i.db"),
        (.notCompared(reason: "the index is busy"), "documents and passages could not be compared (the index is busy)"),
        (.textsMissing(path: "i.db", count: 1, examples: ["a.txt"]), "1 document has no indexed text (a.txt); run: search rebuild --db i.db"),
        (.textsMissing(path: "i.db", count: 4, examples: ["a", "b", "c"]), "4 documents have no indexed text (a; b; c; ...); run: search rebuild --db i.db"),
        (.passagesMisplaced(path: "i.db", count: 1, examples: ["b.txt"]), "1 document's passages do not fit their text (b.txt); run: search rebuild --db i.db"),
        (.passagesMisplaced(path: "i.db", count: 2, examples: ["a", "b"]), "2 documents' passages do not fit their text (a; b); run: search rebuild --db i.db"),
        (.orphanTexts(path: "i.db", count: 1), "1 indexed text belongs to no document; run: search rebuild --db i.db"),
        (.orphanTexts(path: "i.db", count: 2), "2 indexed texts belong to no document; run: search rebuild --db i.db"),
        (.orphanDates(path: "i.db", count: 1), "1 passage date belongs to no passage; run: search rebuild --db i.db"),
        (.orphanDates(path: "i.db", count: 3), "3 passage dates belong to no passage; run: search rebuild --db i.db"),
    ])
    func checkProblemsAreWordedAsBefore(problem: IndexProblem, sentence: String) {
        #expect(problem.description == sentence)
    }
}
