import Foundation
import Testing
import TestSupport
@testable import Analysis
@testable import Storage
@testable import Indexer

struct IndexSettingsTests {
    /// A lower-case article: its names are keyed only by an index built with `--lowercase-names`.
    static let article = "reports said qasem soleimani met militia leaders in baghdad on tuesday.\n"

    /// The documents an other spelling of the name finds, as relative paths.
    func found(_ db: String, _ query: String = "Qassem Suleimani") throws -> [String] {
        // FTS5 reads a bare-word expression with the project's tokenizer in query mode: every reading of each name.
        let reader = try IndexReader(path: db)
        return try reader.matches(expression: query, limit: 100).hits.map { try reader.document($0.id)?.relativePath ?? "" }.sorted()
    }

    @Test(arguments: [(nil, false), (IndexSettings(lowerCaseNames: true), true), (IndexSettings(), false)] as [(IndexSettings?, Bool)])
    func aNewIndexKeepsTheSettingsItIsBuiltWith(_ settings: IndexSettings?, _ keyed: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("docs/a.txt", Self.article)
        let db = folder.path + "/index.db"
        var options = IndexOptions()
        options.settings = settings
        _ = try IndexWriter(path: db, options: options).index([folder.path + "/docs"])
        #expect(try IndexSettings.read(Database(path: db, access: .readOnly)) == IndexSettings(lowerCaseNames: keyed))
        #expect(try found(db) == (keyed ? ["a.txt"] : []))
        // The spelling as written is found either way.
        #expect(try found(db, "qasem soleimani") == ["a.txt"])

        // A later run without settings follows the index: a new lower-case article is keyed as the first was.
        try folder.write("docs/b.txt", Self.article)
        _ = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect(try found(db) == (keyed ? ["a.txt", "b.txt"] : []))
        #expect(try IndexChecker.check(path: db).healthy)
    }

    @Test func aWriterAskingForOtherSettingsIsRefusedAndRebuildChangesThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("docs/a.txt", Self.article)
        let db = folder.path + "/index.db"
        _ = try IndexWriter(path: db).index([folder.path + "/docs"])
        var options = IndexOptions()
        options.settings = IndexSettings(lowerCaseNames: true)
        #expect(throws: IndexError.settingDiffers(path: db, setting: .lowerCaseNames, stored: false)) {
            try IndexWriter(path: db, options: options)
        }

        _ = try IndexRebuilder.rebuild(path: db, settings: IndexSettings(lowerCaseNames: true))
        #expect(try found(db) == ["a.txt"])
        #expect(try IndexChecker.check(path: db).healthy)
        _ = try IndexWriter(path: db, options: options).index([folder.path + "/docs"])

        // A plain rebuild keeps them; one asking for the defaults drops the lower-case keys again.
        _ = try IndexRebuilder.rebuild(path: db)
        #expect(try found(db) == ["a.txt"])
        _ = try IndexRebuilder.rebuild(path: db, settings: IndexSettings())
        #expect(try found(db).isEmpty)
        #expect(try IndexChecker.check(path: db).healthy)
    }

    @Test(arguments: [
        ("Qasem Soleimani", false, true), ("qasem soleimani", false, false), ("qasem soleimani", true, true),
        ("the protests", true, false),
    ] as [(String, Bool, Bool)])
    func documentsKeyLowerCaseNamesOnlyWhenAsked(_ text: String, _ lowerCaseNames: Bool, _ keyed: Bool) {
        let terms = Analyzer(lowerCaseNames: lowerCaseNames).tokens(text, mode: .document).map(\.term)
        #expect(terms.contains { $0.hasPrefix("#") } == keyed, "\(terms)")
    }
}
