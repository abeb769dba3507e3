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
}
