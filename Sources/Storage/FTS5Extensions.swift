import Analysis
import CSQLite

/// What the FTS5 tokenizer callbacks need: the analyzer and, for the length of one reader call
/// (`Database.withQueryMode`), the mode of its query's terms.
final class TokenizerContext {
    /// Set again when the index's settings are read (`Database.settings`).
    var analyzer: Analyzer
    var queryMode: Analyzer.Mode = .query
    /// Recordings for the texts of the next insert, in column order: replayed instead of analysing again.
    var recordings: [TokenRecording] = []
    /// How many times `search_tally()` ran since it was last set to 0: the rows a query produced before its LIMIT.
    var tally = 0
    /// How many times `search_undated(x)` ran with a true `x` since it was last set to 0: the matches a date filter left
    /// out for having no date.
    var undated = 0
    /// The name spellings of the documents tokenized since the last `Database.saveNameSpellings`, with their keys.
    var nameSpellings: Set<NameSpelling> = []
    init(analyzer: Analyzer) { self.analyzer = analyzer }
}

/// The codec of the BLOBs the auxiliary functions return (`search_instances`, `search_offsets`): little-endian
/// Int32s, read in quadruples by their callers.
enum FTS5Blob {
    /// The Int32s of `blob`; a trailing partial value is left out.
    static func int32s(_ blob: [UInt8]) -> [Int32] {
        blob.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        }
    }
}

/// The name under which the project's analyzer is registered as an FTS5 tokenizer (`tokenize='search'`).
let tokenizerName = "search"
/// The FTS5 auxiliary function returning the byte ranges of a row's matches: `search_offsets(passages_fts)`.
let offsetsFunctionName = "search_offsets"

private struct StopTokenizing: Error { let code: Int32 }

private let tokenizerCreate: @convention(c) (
    UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32, UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 = { userData, _, _, out in
    // The tokenizer instance is the connection's context itself; the Database keeps it alive.
    out?.pointee = OpaquePointer(userData)
    return SQLITE_OK
}

private let tokenizerDelete: @convention(c) (OpaquePointer?) -> Void = { _ in }

private let tokenizerTokenize: @convention(c) (
    OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32,
    (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
) -> Int32 = { instance, callbackContext, flags, text, length, emitToken in
    guard let instance, let emitToken, length > 0, let text else { return SQLITE_OK }
    let context = Unmanaged<TokenizerContext>.fromOpaque(UnsafeRawPointer(instance)).takeUnretainedValue()
    let mode: Analyzer.Mode
    if flags & FTS5_TOKENIZE_QUERY != 0 {
        mode = flags & FTS5_TOKENIZE_PREFIX != 0 ? .prefix : context.queryMode
    } else if flags & FTS5_TOKENIZE_AUX != 0 {
        // FTS5's re-tokenizing for highlight, snippet and search_offsets reads positions and byte ranges only, which
        // the offsets mode gives as the document mode does, without stems or keys.
        mode = .offsets
    } else {
        mode = .document
    }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(length))
    // A recording made on the preparing thread for this very text (same length, in column order) replaces analysis.
    var recording: TokenRecording?
    if mode == .document && flags & FTS5_TOKENIZE_DOCUMENT != 0, !context.recordings.isEmpty {
        let next = context.recordings.removeFirst()
        if next.textLength == Int(length) { recording = next } else { context.recordings.removeAll() }
    }
    // A document's name spellings are kept with their keys for the table of them (NameSpellings.swift): a key
    // follows its spelling at the same position, and the spelling's bytes stay valid until the next word.
    let collect = mode == .document && flags & FTS5_TOKENIZE_DOCUMENT != 0
    var spelling = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    do {
        let emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) throws -> Void = { term, start, end, colocated in
            let rc = term.baseAddress.map { base in
                emitToken(callbackContext, colocated ? FTS5_TOKEN_COLOCATED : 0,
                          UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(term.count), Int32(start), Int32(end))
            } ?? SQLITE_OK
            if rc != SQLITE_OK { throw StopTokenizing(code: rc) }
            if collect {
                if !colocated {
                    spelling = term
                } else if term.count > 1, term[0] == 0x23, spelling.count > 0 {
                    context.nameSpellings.insert(NameSpelling(key: String(decoding: term, as: UTF8.self),
                                                              spelling: String(decoding: spelling, as: UTF8.self)))
                }
            }
        }
        if let recording {
            try recording.replay(emit)
        } else {
            try context.analyzer.tokenize(bytes, mode: mode, emit)
        }
    } catch let stop as StopTokenizing {
        return stop.code
    } catch {
        return SQLITE_ERROR
    }
    return SQLITE_OK
}

/// `search_tally()`: counts a row (returns NULL). In a query's result columns it counts every row that matched,
/// also those its LIMIT leaves out.
private let tallyFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    sqlContext, _, _ in
    guard let data = sqlite3_user_data(sqlContext) else { return }
    Unmanaged<TokenizerContext>.fromOpaque(data).takeUnretainedValue().tally += 1
    sqlite3_result_null(sqlContext)
}

/// `search_undated(x)`: counts a row when `x` is true, and returns 0: in a date filter it rejects an undated row and
/// counts it, so that the matches left out for having no date are counted in the pass that filters them.
private let undatedFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    sqlContext, count, values in
    if let data = sqlite3_user_data(sqlContext), count == 1, let value = values?[0], sqlite3_value_int64(value) != 0 {
        Unmanaged<TokenizerContext>.fromOpaque(data).takeUnretainedValue().undated += 1
    }
    sqlite3_result_int64(sqlContext, 0)
}

/// Calls `start` with the number of phrase instances FTS5 found in the current row, then `body` with each one's
/// (phrase, column, first token position); false when FTS5 cannot count them.
@inline(__always)
private func forEachInstance(
    _ api: Fts5ExtensionApi, _ fts: OpaquePointer, _ start: (Int32) -> Void,
    _ body: (_ phrase: Int32, _ column: Int32, _ offset: Int32) -> Void
) -> Bool {
    var count: Int32 = 0
    guard api.xInstCount(fts, &count) == SQLITE_OK else { return false }
    start(count)
    for i in 0..<count {
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        guard api.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK else { continue }
        body(phrase, column, offset)
    }
    return true
}

/// The name of the FTS5 auxiliary function returning a row's phrase instances: `search_instances(documents_fts)`.
let instancesFunctionName = "search_instances"

/// `search_instances(fts)`: a BLOB of little-endian Int32 quadruples (column, phrase, first token position, tokens),
/// one per phrase instance FTS5 found in the row. Costs no tokenizing: FTS5 already holds the positions.
private let instancesFunction: @convention(c) (
    UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?
) -> Void = { api, fts, sqlContext, _, _ in
    guard let api = api?.pointee, let fts else { return }
    // Runs for every row that reaches the top of the ranking, some with hundreds of instances: no temporary arrays.
    let sizes = (0..<max(0, api.xPhraseCount(fts))).map { max(1, api.xPhraseSize(fts, $0)) }
    var values: [Int32] = []
    let found = forEachInstance(api, fts) { count in
        values.reserveCapacity(Int(count) * 4)
    } _: { phrase, column, offset in
        values.append(column.littleEndian)
        values.append(phrase.littleEndian)
        values.append(offset.littleEndian)
        values.append((phrase >= 0 && Int(phrase) < sizes.count ? sizes[Int(phrase)] : 1).littleEndian)
    }
    guard found else { sqlite3_result_error_code(sqlContext, SQLITE_ERROR); return }
    values.withUnsafeBytes { raw in
        sqlite3_result_blob(sqlContext, raw.baseAddress, Int32(raw.count), csqlite_transient())
    }
}

/// The name of the FTS5 auxiliary function counting a row's passages that hold a body match.
let passageHitsFunctionName = "search_passage_hits"

/// `search_passage_hits(fts, passage_positions, passage count)`: how many of the row's passages hold a token of a
/// body match, from FTS5's phrase positions and the token position each passage starts at; -1 when the stored
/// positions do not fit (a caller then counts from the texts). Reads no text, and its bit set of passages is a
/// temporary allocation (on the stack for documents of ordinary length), so that `--count` on a word in most
/// documents costs about what FTS5's own count(*) does.
private let passageHitsFunction: @convention(c) (
    UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?
) -> Void = { api, fts, sqlContext, argumentCount, arguments in
    guard let api = api?.pointee, let fts, argumentCount == 2, let arguments else {
        sqlite3_result_int64(sqlContext, -1); return
    }
    let passages = Int(sqlite3_value_int64(arguments[1]))
    if passages == 0 { sqlite3_result_int64(sqlContext, 0); return }
    let bytes = Int(sqlite3_value_bytes(arguments[0]))
    guard bytes == passages * 4, let blob = sqlite3_value_blob(arguments[0]) else {
        sqlite3_result_int64(sqlContext, -1); return
    }
    @inline(__always) func start(_ i: Int) -> Int {
        Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
    }
    // Each phrase's positions are walked on their own (xPhraseFirst/xPhraseNext read FTS5's position list as it is,
    // where xInst first merges every phrase's into an instance array), so a passage is marked in a bit set rather than
    // counted when first reached: another phrase may reach it later. NEAR and column filters are applied to these
    // position lists before either API sees them.
    let words = (passages + 63) / 64
    let hits = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { marked -> Int in
        marked.initialize(repeating: 0)
        var count = 0
        for phrase in 0..<api.xPhraseCount(fts) {
            let size = max(1, Int(api.xPhraseSize(fts, phrase)))
            var iterator = Fts5PhraseIter()
            var column: Int32 = 0, offset: Int32 = 0
            guard api.xPhraseFirst(fts, phrase, &iterator, &column, &offset) == SQLITE_OK else { return -1 }
            // Column 0 is the title; positions come by column, then position.
            while column == 0 { api.xPhraseNext(fts, &iterator, &column, &offset) }
            var passage = 0
            var here = start(0) // where `passage` starts
            var next = passages > 1 ? start(1) : Int.max // where the passage after it starts, Int.max for the last
            var current = marked[0] & 1 != 0 // whether `passage` is already marked
            while column == 1 {
                let first = Int(offset), last = first + size - 1
                // The common case, a token in a passage already marked, costs two comparisons.
                if !(current && last < next && first >= here) {
                    if first < here { // not in order: walk again from the first passage
                        passage = 0
                        here = start(0)
                        next = passages > 1 ? start(1) : Int.max
                        current = marked[0] & 1 != 0
                    }
                    for position in first...last {
                        while position >= next {
                            passage += 1
                            here = next
                            next = passage + 1 < passages ? start(passage + 1) : Int.max
                            current = marked[passage >> 6] & (1 << UInt64(passage & 63)) != 0
                        }
                        if position >= here && !current {
                            marked[passage >> 6] |= 1 << UInt64(passage & 63)
                            current = true
                            count += 1
                        }
                    }
                    // Every passage marked: no other position can add one.
                    if count == passages { return count }
                }
                // The last passage marked: the rest of this phrase's positions can only fall in it.
                if current && next == Int.max { break }
                api.xPhraseNext(fts, &iterator, &column, &offset)
            }
        }
        return count
    }
    sqlite3_result_int64(sqlContext, Int64(hits))
}

/// The name of the FTS5 auxiliary function that ranks a row by how its names were matched: `search_weight(fts, w)`.
let weightFunctionName = "search_weight"

/// `search_weight(fts, weights)`: `weights` is a BLOB of Float64 pairs (group, weight), one per query phrase in
/// FTS5's phrase order; the result is, summed over the groups, the best weight of a phrase of the group found in the
/// row (a phrase of group < 0 counts for nothing). A name's spellings are one group, each weighted by its similarity
/// to the spelling typed, so a row holding the typed spelling ranks above one holding only another spelling whatever
/// bm25 says (bm25 gives a rare spelling a higher IDF than the common one typed).
private let weightFunction: @convention(c) (
    UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?
) -> Void = { api, fts, sqlContext, count, values in
    guard let api = api?.pointee, let fts, count >= 1, let value = values?[0] else { return }
    let bytes = Int(sqlite3_value_bytes(value))
    guard let blob = sqlite3_value_blob(value), bytes >= 16 else { sqlite3_result_double(sqlContext, 0); return }
    let pairs = bytes / 16
    // FTS5 drops a phrase with no tokens from its numbering; weights that do not line up rank nothing.
    guard Int(api.xPhraseCount(fts)) == pairs else { sqlite3_result_double(sqlContext, 0); return }
    let table = blob.assumingMemoryBound(to: UInt64.self)
    var groups = 0
    for p in 0..<pairs {
        let group = Double(bitPattern: UInt64(littleEndian: table[p * 2]))
        if group >= 0, group < 1_000 { groups = max(groups, Int(group) + 1) }
    }
    guard groups > 0 else { sqlite3_result_double(sqlContext, 0); return }
    // Runs for every matching row (it is a sort key): no allocation on the heap.
    withUnsafeTemporaryAllocation(of: Double.self, capacity: groups) { best in
        best.initialize(repeating: 0)
        let found = forEachInstance(api, fts) { _ in } _: { phrase, _, _ in
            guard phrase >= 0, Int(phrase) < pairs else { return }
            let group = Double(bitPattern: UInt64(littleEndian: table[Int(phrase) * 2]))
            guard group >= 0, group < 1_000 else { return }
            let weight = Double(bitPattern: UInt64(littleEndian: table[Int(phrase) * 2 + 1]))
            if weight > best[Int(group)] { best[Int(group)] = weight }
        }
        if found {
            sqlite3_result_double(sqlContext, best.reduce(0, +))
        } else {
            sqlite3_result_error_code(sqlContext, SQLITE_ERROR)
        }
    }
}

/// Collects the byte ranges of the tokens at the positions FTS5 reports as matched.
private struct OffsetCollector {
    var wanted: [Int32: Int32]      // token position → phrase that matched it
    var position: Int32 = -1
    var ranges: [Int32] = []        // column, phrase, start, end quadruples
    var column: Int32 = 0
    /// The last wanted position: tokenizing stops after it, since the rest of a long body holds no match.
    var last: Int32 = -1
}

private let offsetsTokenCallback: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32 = {
    context, flags, _, _, start, end in
    let collector = context!.assumingMemoryBound(to: OffsetCollector.self)
    if flags & FTS5_TOKEN_COLOCATED == 0 { collector.pointee.position += 1 }
    else { return SQLITE_OK } // a colocated key covers the same bytes as the token before it
    if let phrase = collector.pointee.wanted[collector.pointee.position] {
        collector.pointee.ranges.append(contentsOf: [collector.pointee.column, phrase, start, end])
    }
    // Any code but SQLITE_OK stops the tokenizer; the caller ignores it.
    return collector.pointee.position >= collector.pointee.last ? SQLITE_DONE : SQLITE_OK
}

/// `search_offsets(fts)`: a BLOB of little-endian Int32 quadruples (column, phrase, start byte, end byte), one per
/// matched token, in column then text order; `phrase` is the index of the query phrase the token belongs to. Unlike FTS5's highlight(), it gives ranges without touching the text.
private let offsetsFunction: @convention(c) (
    UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?
) -> Void = { api, fts, sqlContext, _, _ in
    guard let api = api?.pointee, let fts else { return }
    var wantedByColumn: [Int32: [Int32: Int32]] = [:]
    let found = forEachInstance(api, fts) { _ in } _: { phrase, column, offset in
        let size = max(1, api.xPhraseSize(fts, phrase))
        for p in offset..<(offset + size) { wantedByColumn[column, default: [:]][p] = phrase }
    }
    guard found else { sqlite3_result_error_code(sqlContext, SQLITE_ERROR); return }
    var collector = OffsetCollector(wanted: [:])
    for column in wantedByColumn.keys.sorted() {
        var text: UnsafePointer<CChar>?
        var length: Int32 = 0
        guard api.xColumnText(fts, column, &text, &length) == SQLITE_OK, let text else { continue }
        collector.wanted = wantedByColumn[column]!
        collector.last = collector.wanted.keys.max() ?? -1
        collector.position = -1
        collector.column = column
        _ = withUnsafeMutablePointer(to: &collector) { pointer in
            api.xTokenize(fts, text, length, pointer, offsetsTokenCallback)
        }
    }
    collector.ranges.withUnsafeBytes { raw in
        sqlite3_result_blob(sqlContext, raw.baseAddress, Int32(raw.count), csqlite_transient())
    }
}

extension Database {
    /// Registers the analyzer as the FTS5 tokenizer `search` and the `search_offsets` function on this connection.
    /// Every connection needs this before it touches the FTS table ("no such tokenizer" otherwise).
    func registerFTS5Extensions() throws(IndexError) {
        let statement = try prepare("SELECT fts5(?1)", context: "loading FTS5")
        var api: UnsafeMutablePointer<fts5_api>?
        let pointerType: StaticString = "fts5_api_ptr"
        withUnsafeMutablePointer(to: &api) { pointer in
            _ = sqlite3_bind_pointer(statement.handle, 1, pointer,
                                     UnsafeRawPointer(pointerType.utf8Start).assumingMemoryBound(to: CChar.self), nil)
            _ = sqlite3_step(statement.handle)
        }
        statement.reset()
        guard let api, api.pointee.iVersion >= 2 else {
            throw .storage(path: path, code: SQLITE_ERROR, context: "loading FTS5 (this SQLite has no FTS5)")
        }
        var tokenizer = fts5_tokenizer(xCreate: tokenizerCreate, xDelete: tokenizerDelete, xTokenize: tokenizerTokenize)
        let userData = Unmanaged.passUnretained(tokenizerContext).toOpaque()
        var rc = api.pointee.xCreateTokenizer(api, tokenizerName, userData, &tokenizer, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "registering the tokenizer") }
        rc = api.pointee.xCreateFunction(api, offsetsFunctionName, nil, offsetsFunction, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "registering search_offsets") }
        rc = api.pointee.xCreateFunction(api, instancesFunctionName, nil, instancesFunction, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "registering search_instances") }
        rc = api.pointee.xCreateFunction(api, passageHitsFunctionName, nil, passageHitsFunction, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "registering search_passage_hits") }
        rc = api.pointee.xCreateFunction(api, weightFunctionName, nil, weightFunction, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "registering search_weight") }
        // Not SQLITE_DETERMINISTIC: it must run once per row, never be factored out.
        rc = sqlite3_create_function_v2(handle, "search_tally", 0, SQLITE_UTF8, userData, tallyFunction, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "registering search_tally") }
        rc = sqlite3_create_function_v2(handle, "search_undated", 1, SQLITE_UTF8, userData, undatedFunction, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "registering search_undated") }
    }
}
