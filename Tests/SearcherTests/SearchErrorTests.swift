import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

struct SearchErrorTests {
    @Test func messagesNameTheProblem() {
        #expect(SearchError.syntax(message: "unclosed quote", position: 3).description == "query error at column 3: unclosed quote")
        #expect(SearchError.badDate(option: "--since", value: "x").description.contains("'x'"))
    }
}
