import FlyingFox
import Foundation
import Analysis
import Storage
import Searcher
import Synchronization
import Rendering

/// Answers every request: the page and its script and style, and the read-only JSON API.
///
/// Routes: `/` (the page; `/?q=…` and `/?doc=…&q=…` are the shareable links the page reads), `/app.js`, `/app.css`,
/// `/api/search`, `/api/show`, `/api/timeline`, `/api/names`. Only GET and HEAD: there is no endpoint that writes.
final class ServeHandler: HTTPHandler, Sendable {
    /// The longest request target (path and query) served; longer ones get 414.
    static let maxTargetBytes = 8_192
    /// The most results one `/api/search` answers with.
    static let maxLimit = 100
    /// The furthest a page of results may start.
    static let maxOffset = 10_000
    /// The longest query, in characters.
    static let maxQueryCharacters = 1_000

    private let pool: SearcherPool
    private let checkHost: Bool
    private let hosts = Mutex<[String]>([])

    init(pool: SearcherPool, checkHost: Bool) {
        self.pool = pool
        self.checkHost = checkHost
    }

    /// Accepts `Host` headers naming this server on loopback once the port is known. A page elsewhere on the web
    /// that rebinds its own name to 127.0.0.1 sends its name as Host, and gets 400 instead of the index.
    func allowHosts(_ host: String, port: UInt16) {
        let named = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        hosts.withLock { $0 = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)", named.lowercased()] }
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            let response = try await answer(request)
            return request.method == .HEAD ? Self.headOnly(response) : response
        } catch let failure as HTTPFailure {
            return Self.error(failure)
        } catch let error as SearchError {
            switch error {
            case .noDocument: return Self.error(HTTPFailure(404, error.description))
            default: return Self.error(HTTPFailure(400, error.description))
            }
        } catch let error as IndexError {
            return Self.error(Self.failure(for: error))
        } catch {
            Self.log("unexpected error: \(error)")
            return Self.error(HTTPFailure(500, "the server could not answer this request"))
        }
    }

    private func answer(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            throw HTTPFailure(405, "only GET and HEAD: this server does not change the index", allow: true)
        }
        if checkHost {
            let allowed = hosts.withLock { $0 }
            guard let host = request.headers[.host], allowed.contains(host.lowercased()) else {
                throw HTTPFailure(400, "unexpected Host header (open the address search serve printed)")
            }
        }
        let target = request.target.rawValue
        guard target.utf8.count <= Self.maxTargetBytes else {
            throw HTTPFailure(414, "the request is longer than \(Self.maxTargetBytes) bytes")
        }
        guard request.headers[.contentLength].map({ $0 == "0" }) ?? true, request.headers[.transferEncoding] == nil else {
            throw HTTPFailure(400, "a request to this server carries no body")
        }
        let parameters = try Parameters(query: request.target.query(percentEncoded: true))
        switch request.target.path(percentEncoded: true) {
        case "/", "/index.html":
            try parameters.allow(["q", "doc", "since", "until", "exact", "sort", "offset"])
            return Self.response(200, type: "text/html; charset=utf-8", body: Data(Page.html.utf8))
        case "/app.js":
            try parameters.allow([])
            return Self.response(200, type: "text/javascript; charset=utf-8", body: Data(Page.script.utf8))
        case "/app.css":
            try parameters.allow([])
            return Self.response(200, type: "text/css; charset=utf-8", body: Data(Page.style.utf8))
        case "/api/search": return try await search(parameters)
        case "/api/show": return try await show(parameters)
        case "/api/timeline": return try await timeline(parameters)
        case "/api/names": return try await names(parameters)
        default:
            throw HTTPFailure(404, "no such page")
        }
    }

    /// `/api/search`: `search QUERY --format json`, byte for byte (JSONWriter is the CLI's own).
    private func search(_ parameters: Parameters) async throws -> HTTPResponse {
        try parameters.allow(["q", "since", "until", "mentions_since", "mentions_until", "limit", "offset", "passages",
                              "snippet_words", "sort", "exact", "offsets"])
        var request = try Self.request(parameters)
        request.limit = try parameters.integer("limit", default: 10, in: 0...Self.maxLimit)
        request.offset = try parameters.integer("offset", default: 0, in: 0...Self.maxOffset)
        request.passagesPerDocument = try parameters.integer("passages", default: 1, in: 1...20)
        request.snippetWords = try parameters.integer("snippet_words", default: 40, in: 1...500)
        let sort = parameters["sort"] ?? "relevance"
        guard let order = ResultOrder(rawValue: sort) else {
            throw HTTPFailure(400, "sort: '\(sort)' is not relevance or date")
        }
        request.sort = order
        let offsets = try parameters.offsets()
        let finished = request
        let response = try await pool.run { searcher in try searcher.search(finished) }
        var writer = JSONWriter()
        writer.write(offsets.convert(response))
        return Self.json(Data(writer.bytes + [0x0A]))
    }

    /// `/api/show`: `search show DOC --query Q --format json`, byte for byte. DOC is looked up in the index only:
    /// the document's text comes from the index, never from a file the request names.
    private func show(_ parameters: Parameters) async throws -> HTTPResponse {
        try parameters.allow(["doc", "q", "exact", "matching", "offsets"])
        guard let doc = parameters["doc"], !doc.isEmpty else { throw HTTPFailure(400, "doc: missing (a document's path as results show it)") }
        guard doc.utf8.count <= 4_096, !doc.utf8.contains(0) else { throw HTTPFailure(404, SearchError.noDocument(doc).description) }
        let query = parameters["q"].flatMap { $0.isEmpty ? nil : $0 }
        if let query { try Self.checkLength(query) }
        let exact = try parameters.flag("exact")
        let matching = try parameters.flag("matching")
        guard !matching || query != nil else { throw HTTPFailure(400, "--matching needs --query") }
        let offsets = try parameters.offsets()
        var view = try await pool.run { searcher in try searcher.show(doc, query: query, exact: exact) }
        if matching { view.passages.removeAll { $0.highlights.isEmpty } }
        let encoder = JSONOutput.encoder()
        return Self.json(try encoder.encode(offsets.convert(view)) + [0x0A])
    }

    /// `/api/names`: `search names NAME --format json`, byte for byte: the spellings of one name the index holds, with
    /// their similarity and document counts.
    private func names(_ parameters: Parameters) async throws -> HTTPResponse {
        try parameters.allow(["name"])
        guard let name = parameters["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPFailure(400, "name: missing (one word)")
        }
        try Self.checkLength(name)
        struct Answer: Encodable {
            var name: String
            var threshold: Double
            var spellings: [NameSpellingMatch]
        }
        let spellings = try await pool.run { searcher in try searcher.nameSpellings(of: name) }
        let encoder = JSONOutput.encoder()
        return Self.json(try encoder.encode(Answer(name: name, threshold: NameSimilarity.threshold, spellings: spellings)) + [0x0A])
    }

    /// Matching documents per month of their date, for the page's timeline:
    /// `{"documents":5,"imprecise":1,"months":[{"documents":3,"month":"2019-12"},…],"query":…,"undated":1}`.
    private func timeline(_ parameters: Parameters) async throws -> HTTPResponse {
        try parameters.allow(["q", "since", "until", "mentions_since", "mentions_until", "exact"])
        var request = try Self.request(parameters)
        request.limit = 1_000_000
        let finished = request
        let timeline = try await pool.run { searcher in
            let documents = try searcher.documents(finished)
            var months: [String: Int] = [:]
            var undated = 0, imprecise = 0
            for document in documents {
                guard let date = document.date else { undated += 1; continue }
                // A year-only date ("2020", from a copyright line) has no month to stand in.
                if date.utf8.count >= 7 { months[String(date.prefix(7)), default: 0] += 1 } else { imprecise += 1 }
            }
            return Timeline(query: finished.query, documents: documents.count, undated: undated, imprecise: imprecise,
                            months: months.sorted { $0.key < $1.key }.map { Timeline.Month(month: $0.key, documents: $0.value) })
        }
        let encoder = JSONOutput.encoder()
        return Self.json(try encoder.encode(timeline) + [0x0A])
    }

    /// The query and filters shared by search and timeline, checked as `search QUERY` checks them.
    private static func request(_ parameters: Parameters) throws -> SearchRequest {
        guard let query = parameters["q"], !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPFailure(400, "q: missing (the query)")
        }
        try checkLength(query)
        var request = SearchRequest(query: query)
        func date(_ name: String, option: String) throws -> PartialDate? {
            guard let value = parameters[name], !value.isEmpty else { return nil }
            guard let date = PartialDate(iso: value) else { throw SearchError.badDate(option: option, value: value) }
            return date
        }
        request.since = try date("since", option: "--since")
        request.until = try date("until", option: "--until")
        request.mentionsSince = try date("mentions_since", option: "--mentions-since")
        request.mentionsUntil = try date("mentions_until", option: "--mentions-until")
        request.exact = try parameters.flag("exact")
        return request
    }

    private static func checkLength(_ query: String) throws {
        guard query.count <= maxQueryCharacters else {
            throw HTTPFailure(400, "q: longer than \(maxQueryCharacters) characters")
        }
    }

    /// What the user is told about an index that cannot be read. Storage failures carry SQLite's code: that goes
    /// to the server's log, not to the page.
    private static func failure(for error: IndexError) -> HTTPFailure {
        switch error {
        case .busy: return HTTPFailure(503, error.description)
        case .storage:
            log(error.description)
            return HTTPFailure(500, "the index could not be read; the server's log says why")
        default: return HTTPFailure(500, error.description)
        }
    }

    private static func log(_ line: String) {
        FileHandle.standardError.write(Data("search serve: \(line)\n".utf8))
    }

    // MARK: Responses

    /// Headers on every response: the page runs only its own script and style, loads nothing from elsewhere,
    /// and nothing is read as another type than the one sent.
    static let securityHeaders: [(HTTPHeader, String)] = [
        (HTTPHeader("Content-Security-Policy"),
         "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        (HTTPHeader("X-Content-Type-Options"), "nosniff"),
        (HTTPHeader("Referrer-Policy"), "no-referrer"),
        (HTTPHeader("Cache-Control"), "no-store"),
    ]

    private static func response(_ status: Int, type: String, body: Data, allow: Bool = false) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = type
        for (name, value) in securityHeaders { headers[name] = value }
        if allow { headers[HTTPHeader("Allow")] = "GET, HEAD" }
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)), headers: headers, body: body)
    }

    private static func json(_ body: Data) -> HTTPResponse {
        response(200, type: "application/json; charset=utf-8", body: body)
    }

    /// An error as `{"error":"one line"}`: the message the CLI prints after `search: `, encoded as every other
    /// answer is (`JSONOutput`: a path's slashes as written).
    private static func error(_ failure: HTTPFailure) -> HTTPResponse {
        let body = (try? JSONOutput.line(["error": failure.message])) ?? [0x0A]
        return response(failure.status, type: "application/json; charset=utf-8", body: Data(body), allow: failure.allow)
    }

    private static func headOnly(_ response: HTTPResponse) -> HTTPResponse {
        var headers = response.headers
        if case let .httpBody(body) = response.payload, let count = body.count { headers[.contentLength] = String(count) }
        return HTTPResponse(statusCode: response.statusCode, headers: headers, body: Data())
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 414: "URI Too Long"
        case 503: "Service Unavailable"
        default: "Internal Server Error"
        }
    }
}

/// Matching documents per month, as `/api/timeline` answers.
struct Timeline: Codable, Sendable {
    /// One month's count.
    struct Month: Codable, Sendable {
        var month: String
        var documents: Int
    }
    var query: String
    var documents: Int
    var undated: Int
    /// Documents dated only by their year.
    var imprecise: Int
    var months: [Month]
}

/// A request answered with an error status and a one-line message.
struct HTTPFailure: Error {
    var status: Int
    var message: String
    var allow = false
    init(_ status: Int, _ message: String, allow: Bool = false) {
        self.status = status
        self.message = message
        self.allow = allow
    }
}

/// A request's query string, decoded strictly: `+` is a space, `%XX` a byte, the bytes UTF-8, each name once.
struct Parameters {
    private var values: [(name: String, value: String)] = []

    init(query: String) throws {
        guard !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Parameters.decode(parts[0])
            let value = try Parameters.decode(parts.count > 1 ? parts[1] : "")
            guard !values.contains(where: { $0.name == name }) else {
                throw HTTPFailure(400, "\(Parameters.shown(name)): given more than once")
            }
            values.append((name, value))
        }
    }

    subscript(_ name: String) -> String? { values.first { $0.name == name }?.value }

    /// Refuses any parameter but `names`, as the CLI refuses an unknown option.
    func allow(_ names: [String]) throws {
        if let unknown = values.first(where: { !names.contains($0.name) }) {
            throw HTTPFailure(400, "unknown parameter '\(Parameters.shown(unknown.name))'")
        }
    }

    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = self[name], !text.isEmpty else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw HTTPFailure(400, "\(name): '\(Parameters.shown(text))' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func flag(_ name: String) throws -> Bool {
        switch self[name] {
        case nil, "", "0", "false", "no": return false
        case "1", "true", "yes", "on": return true
        case let other?: throw HTTPFailure(400, "\(name): '\(Parameters.shown(other))' is not true or false")
        }
    }

    func offsets() throws -> OffsetUnit {
        let text = self["offsets"] ?? "bytes"
        guard let unit = OffsetUnit(rawValue: text) else {
            throw HTTPFailure(400, "offsets: '\(Parameters.shown(text))' is not bytes or chars")
        }
        return unit
    }

    /// A value as an error message may quote it: at most 60 characters, control characters as `?`.
    static func shown(_ text: String) -> String {
        let cut = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return String(String.UnicodeScalarView(cut.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }

    private static func decode(_ part: Substring) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.utf8.count)
        var i = part.utf8.startIndex
        let utf8 = part.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if b == UInt8(ascii: "%") {
                let h = utf8.index(after: i)
                guard h < utf8.endIndex, utf8.index(after: h) < utf8.endIndex,
                      let high = hex(utf8[h]), let low = hex(utf8[utf8.index(after: h)]) else {
                    throw HTTPFailure(400, "the query string has a '%' not followed by two hex digits")
                }
                bytes.append(high << 4 | low)
                i = utf8.index(after: utf8.index(after: h))
                continue
            } else {
                bytes.append(b)
            }
            i = utf8.index(after: i)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw HTTPFailure(400, "the query string is not UTF-8")
        }
        return text
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
