import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// A W3C WebDriver client over `RawHTTP`, enough to drive Debian's chromium through chromedriver.
final class WebDriver {
    private let driver = Process()
    let port: UInt16
    private var session = ""

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            throw TestFailure("the browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
        }
        port = try WebDriver.freePort()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date().addingTimeInterval(20)
        while (try? RawHTTP.get(port: port, "/status"))?.status != 200 {
            guard Date() < deadline else { throw TestFailure("chromedriver did not start") }
            usleep(100_000)
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": "/usr/bin/chromium",
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                            "--window-size=1200,900", "--hide-scrollbars"]],
        ] as [String: Any]]]
        let reply = try command("POST", "/session", capabilities)
        guard let value = reply as? [String: Any], let id = value["sessionId"] as? String else {
            throw TestFailure("no WebDriver session: \(String(describing: reply))")
        }
        session = id
    }

    deinit {
        // chromedriver takes no notice of SIGTERM: ask it to quit (it closes chromium), then make sure.
        _ = try? command("DELETE", "/session/\(session)", nil)
        _ = try? RawHTTP.get(port: port, "/shutdown")
        let deadline = Date().addingTimeInterval(5)
        while driver.isRunning && Date() < deadline { usleep(50_000) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
    }

    /// Sends one command; returns its `value`.
    @discardableResult
    func command(_ method: String, _ path: String, _ body: Any?) throws -> Any? {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let reply = try RawHTTP.request(port: port, method: method, path, body: Array(data))
        let json = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        guard reply.status == 200 else { throw TestFailure("WebDriver \(method) \(path): \(reply.status) \(reply.text.prefix(300))") }
        return json?["value"] ?? nil
    }

    func open(_ url: String) throws { try command("POST", "/session/\(session)/url", ["url": url]) }

    /// Runs `script` in the page (with `arguments`) and returns what it returns.
    @discardableResult
    func run(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "/session/\(session)/execute/sync", ["script": script, "args": arguments])
    }

    func element(_ css: String) throws -> String {
        let value = try command("POST", "/session/\(session)/element", ["using": "css selector", "value": css]) as? [String: Any]
        guard let id = value?.values.first as? String else { throw TestFailure("no element \(css)") }
        return id
    }

    /// Types `text` into the element (WebDriver key codes such as "\u{E007}", Enter, included).
    func type(_ css: String, _ text: String) throws {
        try command("POST", "/session/\(session)/element/\(try element(css))/value", ["text": text])
    }

    func clear(_ css: String) throws { try command("POST", "/session/\(session)/element/\(try element(css))/clear", [String: Any]()) }

    func click(_ css: String) throws { try command("POST", "/session/\(session)/element/\(try element(css))/click", [String: Any]()) }

    /// Keys sent to whatever has the focus, as a person presses them.
    func press(_ keys: [String]) throws {
        let actions = keys.flatMap { [["type": "keyDown", "value": $0], ["type": "keyUp", "value": $0]] }
        try command("POST", "/session/\(session)/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    }

    var url: String { get throws { try command("GET", "/session/\(session)/url", nil) as? String ?? "" } }

    /// Waits until `script` returns true (the page fetches from the API after it loads).
    func wait(for script: String, seconds: Double = 15) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try run(script) as? Bool == true { return }
            usleep(50_000)
        }
        throw TestFailure("the page never satisfied: \(script)")
    }

    /// A PNG of the window, written to `file`.
    func screenshot(_ file: String) throws {
        guard let base64 = try command("GET", "/session/\(session)/screenshot", nil) as? String,
              let data = Data(base64Encoded: base64) else { throw TestFailure("no screenshot") }
        try data.write(to: URL(fileURLWithPath: file))
    }

    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("no free port") }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// The page in a real browser, as a person uses it: type, read, filter, open, share. Screenshots of each step go to
/// a folder under the temporary folder, named in the test's output.
@Suite(.serialized) struct ServeBrowserTests {
    static let ready = "return document.body.dataset.ready === '1'"

    @Test func aPersonSearchesFiltersOpensAndSharesInChromium() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        let shots = NSTemporaryDirectory() + "search-serve-screenshots-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        print("browser test screenshots: \(shots)")
        let browser = try WebDriver()

        // 1. Type a query: results, the other spelling highlighted as the article writes it.
        try browser.open(server.url)
        try browser.wait(for: Self.ready)
        try browser.press(["/"])
        #expect(try browser.run("return document.activeElement.id") as? String == "q", "/ focuses the query box")
        try browser.type("#q", "Suleimani\u{E007}")
        try browser.wait(for: "return document.querySelectorAll('li.result').length > 0")
        try browser.screenshot(shots + "/1-results.png")
        let marks = try browser.run("return [...document.querySelectorAll('li.result .passage mark')].map(m => m.textContent)") as? [String] ?? []
        #expect(!marks.isEmpty)
        #expect(marks.allSatisfy { $0 == "Soleimani" || $0 == "Suleimani" }, "\(marks)")
        #expect(marks.contains("Soleimani"), "Suleimani finds the archive's Soleimani, marked as written")
        let matched = try browser.run("return document.querySelector('li.result .matched').textContent") as? String
        #expect(matched == "matched: Soleimani")
        let api = try #require(try server.get("/api/search?q=Suleimani&limit=20").json as? [String: Any])
        let count = try browser.run("return document.querySelectorAll('li.result').length") as? Int
        #expect(count == (api["results"] as? [Any])?.count, "one entry per result of the API")
        #expect(try browser.run("return document.querySelectorAll('#timeline rect.bar').length") as? Int ?? 0 > 0, "a timeline")
        #expect(try browser.url.hasSuffix("/?q=Suleimani"), "the query is in the URL")

        // 2. A date filter.
        try browser.type("#since", "2020-01")
        try browser.click("#go")
        try browser.wait(for: "return location.search.includes('since=2020-01') && document.body.dataset.ready === '1' && document.querySelectorAll('li.result').length > 0")
        try browser.screenshot(shots + "/2-since-2020-01.png")
        let filtered = try browser.run("return [...document.querySelectorAll('li.result .date')].map(d => d.textContent)") as? [String] ?? []
        let apiFiltered = try #require(try server.get("/api/search?q=Suleimani&since=2020-01&limit=20").json as? [String: Any])
        #expect(filtered == ((apiFiltered["results"] as? [[String: Any]]) ?? []).map { $0["date"] as? String ?? "undated" })
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0.hasPrefix("2020") }, "\(filtered)")
        #expect(filtered.count < count ?? 0, "the filter left some out")
        let sharedResults = try browser.url

        // 3. The keyboard: down to the first result, Enter opens its document.
        try browser.run("document.activeElement.blur()")
        try browser.press(["\u{E015}"]) // ArrowDown
        #expect(try browser.run("return document.querySelector('li.result.selected') !== null") as? Bool == true)
        try browser.press(["\u{E007}"]) // Enter
        try browser.wait(for: "return location.search.includes('doc=') && document.body.dataset.ready === '1' && !document.getElementById('doc-view').hidden")
        try browser.screenshot(shots + "/3-document.png")
        let hits = try browser.run("return [...document.querySelectorAll('#doc-view li.hit mark')].map(m => m.textContent)") as? [String] ?? []
        #expect(!hits.isEmpty && hits.allSatisfy { $0 == "Soleimani" || $0 == "Suleimani" }, "\(hits)")
        let sharedDocument = try browser.url

        // 4. Shared links, opened fresh: the same document, the same filtered results.
        try browser.open("about:blank")
        try browser.open(sharedDocument)
        try browser.wait(for: "return document.body.dataset.ready === '1' && !document.getElementById('doc-view').hidden")
        #expect(try browser.run("return document.querySelectorAll('#doc-view li.hit').length") as? Int ?? 0 > 0)
        try browser.screenshot(shots + "/4-shared-document.png")
        try browser.open(sharedResults)
        try browser.wait(for: "return document.body.dataset.ready === '1' && document.querySelectorAll('li.result').length > 0")
        #expect(try browser.run("return document.getElementById('since').value") as? String == "2020-01")
        #expect(try browser.run("return document.querySelectorAll('li.result').length") as? Int == filtered.count)

        // 5. A document holding markup and script shows it as text and runs none of it.
        try browser.open(server.url + "?q=Zarqawi")
        try browser.wait(for: "return document.body.dataset.ready === '1' && document.querySelectorAll('li.result').length > 0")
        let title = try browser.run("return document.querySelector('li.result a.title').textContent") as? String
        #expect(title?.contains("<script>window.pwned=1</script>") == true, "\(title ?? "")")
        try browser.click("li.result a.title")
        try browser.wait(for: "return document.body.dataset.ready === '1' && !document.getElementById('doc-view').hidden")
        try browser.screenshot(shots + "/5-hostile-document.png")
        #expect(try browser.run("return typeof window.pwned") as? String == "undefined", "no script of the document ran")
        #expect(try browser.run("return document.querySelectorAll('script').length") as? Int == 1, "only the page's own script")
        #expect(try browser.run("return document.querySelectorAll('#doc-view img, #doc-view iframe, #doc-view b').length") as? Int == 0)
        let body = try browser.run("return document.querySelector('#doc-view li').textContent") as? String
        #expect(body?.contains("<script>window.pwned=3</script>") == true)

        // 6. A mistake in the query: the CLI's message.
        try browser.open(server.url)
        try browser.wait(for: Self.ready)
        try browser.type("#q", "\"Tahrir Square\u{E007}")
        try browser.wait(for: "return !document.getElementById('error').hidden")
        try browser.screenshot(shots + "/6-error.png")
        let shown = try browser.run("return document.getElementById('error').textContent") as? String
        let cli = try Finished(Binaries.search, ["query", "--db", corpus.db, "--", "\"Tahrir Square"])
        #expect("search: " + (shown ?? "") + "\n" == cli.stderr)
    }
}
