import Analysis
import Indexer
import Storage
import Testing
@testable import Searcher

/// Candidates by consonant skeleton: spellings sharing no key with the query word, read from a real index's
/// `name_spellings`. The spellings are those of the UN and UK sanctions lists' name parts (../shared/eval/
/// sanctions-name-parts.tsv: the Zaghrayba group, whose first vowel is written a, e, i, u or not at all).
struct SkeletonCandidateTests {
    @Test(arguments: [
        ("#zakreba", "zkrba"), ("#zukreba", "zkrba"), ("#zkraba", "zkrba"), ("#zkrebe", "zkrbe"),
        ("##zakrba", ""), ("#hader", ""), ("#husen", ""), ("#a", ""),
    ] as [(String, String)])
    func skeletonOfAKey(_ key: String, _ expected: String) {
        #expect(NameSimilarity.skeleton(ofKey: key) == Array(expected.utf8), "\(key)")
    }

    static let documents = [
        "a.txt": "Sanctions\n\nThe list names Zaghrayba as a member.",
        "b.txt": "Sanctions\n\nA second entry spells him Zughraybah.",
        "c.txt": "Sanctions\n\nA third writes Zghraybeh without the vowel.",
        "d.txt": "Sanctions\n\nHasan and Husain were not named.",
    ]

    @Test(arguments: [
        // The first vowel parts the keys of the long name, not its skeleton; short skeletons propose nothing.
        ("Zaghrayba", ["zughraybah", "zghraybeh"], ["hasan"]),
        ("Zghraybeh", ["zaghrayba", "zughraybah"], []),
        ("Husain", [], ["hasan"]),
    ] as [(String, [String], [String])])
    func theIndexProposesSpellingsOfTheSameSkeleton(_ word: String, _ proposed: [String], _ notProposed: [String]) throws {
        let index = try SmallIndex(SkeletonCandidateTests.documents)
        let reader = try IndexReader(path: index.database)
        let keys = try #require(QueryCompiler.nameTerms(of: word)).keys
        let found = Set(try reader.nameSpellings(skeletonOf: keys))
        for spelling in proposed { #expect(found.contains(spelling), "\(word): \(found)") }
        for spelling in notProposed { #expect(!found.contains(spelling), "\(word): \(found)") }
        // They share no key: the keys alone miss them.
        let sharing = Set(try reader.nameSpellings(keys: keys))
        for spelling in proposed { #expect(!sharing.contains(spelling), "\(word): \(sharing)") }
    }

    @Test func aSkeletonCandidateIsHeldToItsOwnThreshold() throws {
        let index = try SmallIndex(SkeletonCandidateTests.documents)
        let reader = try IndexReader(path: index.database)
        let found = try #require(QueryCompiler.candidates(
            of: "Zaghrayba", spellings: { (try? reader.nameSpellings(keys: $0)) ?? [] },
            skeletons: { (try? reader.nameSpellings(skeletonOf: $0)) ?? [] }))
        let strict = max(NameSimilarity.threshold, NameSimilarity.skeletonThreshold)
        for c in found where c.spelling != "zaghrayba" {
            #expect(c.accepted == (c.similarity >= strict), "\(c)")
        }
        // Off (above 1), a skeleton candidate is not even looked up; on, Zughraybah (0.95) is one.
        #expect(found.contains { $0.spelling == "zughraybah" } == (NameSimilarity.skeletonThreshold <= 1))
    }

    @Test(arguments: [
        // On by default: a query finds the spellings whose first vowel the keys keep apart (ranked by the ranking's
        // similarity, where u for a costs less than a vowel dropped: Zughraybah 0.94, Zghraybeh 0.91 for Zaghrayba);
        // Hasan stays out.
        ("Zaghrayba", ["a.txt", "b.txt", "c.txt"]),
        ("Zughraybah", ["b.txt", "c.txt", "a.txt"]),
    ] as [(String, [String])])
    func aQueryFindsSpellingsOfTheSameSkeleton(_ query: String, _ expected: [String]) throws {
        let index = try SmallIndex(SkeletonCandidateTests.documents)
        #expect(try index.docs(query) == expected, "\(query)")
    }
}
