internal import CLibXML2
import Glibc
import Storage

/// Reads a web page with libxml2's HTML parser: the article's text without scripts, styles, menus, headers,
/// footers, sidebars and forms, its title, date and address.
///
/// Title: `og:title`, else `<title>` (without a trailing "| Site name"), else the first `<h1>`. Date:
/// `article:published_time`, `itemprop=datePublished` or a `date`-like `<meta>`, else the first `<time datetime>`.
/// Passages: the text between block boundaries (`<p>`, `<h1>`–`<h6>`, `<li>`, `<div>`, …) of the `<article>`
/// (else `<main>`, else `<body>`), white space collapsed.
public enum HTMLParser {
    /// libxml2 could not be loaded.
    public struct LibraryMissing: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String { "libxml2 is not installed (Debian: apt-get install libxml2), so HTML pages cannot be read" }
    }

    /// Parses a page's text. `fileName` is the title of last resort. Throws `LibraryMissing` when libxml2 cannot
    /// be loaded.
    public static func parse(_ html: String, fileName: String) throws(LibraryMissing) -> ParsedDocument {
        guard let xml = LibXML.shared else { throw LibraryMissing() }
        var bytes = Array(html.utf8)
        if bytes.isEmpty { return ParsedDocument(title: fileName, date: nil, url: nil, passages: []) }
        // The text is already UTF-8 (SourceReader decoded it): a <meta charset> must not re-decode it.
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        let count = Int32(clamping: bytes.count)
        let doc = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xml.readMemory($0, count, nil, "UTF-8", options) }
        }
        guard let doc else { return ParsedDocument(title: fileName, date: nil, url: nil, passages: []) }
        defer { xml.freeDoc(doc) }
        guard let root = xml.rootElement(doc) else { return ParsedDocument(title: fileName, date: nil, url: nil, passages: []) }

        var page = PageFacts()
        page.collect(root)
        var blocks = BlockCollector()
        blocks.walk(page.article ?? page.main ?? page.body ?? root)
        blocks.flush()

        var title = page.metaTitle ?? page.htmlTitle.map { stripSiteName($0, site: page.siteName) } ?? page.firstHeading
        if title?.isEmpty ?? true { title = fileName }
        var passages = blocks.passages
        if let first = passages.first, first == title { passages.removeFirst() }
        let date: DocumentDate? = page.metaDate.map { DocumentDate(date: $0, source: .frontMatter) }
            ?? page.timeDate.map { DocumentDate(date: $0, source: .dateline) }
        return ParsedDocument(title: title, date: date, url: page.url, passages: passages.map { ParsedPassage(text: $0) })
    }


    /// `"Protests grow | The Baghdad Post"` → `"Protests grow"` when the site is called "The Baghdad Post".
    static func stripSiteName(_ title: String, site: String?) -> String {
        guard let site, !site.isEmpty else { return title }
        for separator in [" | ", " - ", " – ", " — ", " :: "] where title.hasSuffix(separator + site) {
            return String(title.dropLast(separator.count + site.count))
        }
        return title
    }

    /// Elements whose content is never article text.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg",
        "button", "select", "textarea", "input", "object", "embed", "canvas", "dialog", "menu",
    ]

    /// Elements that end one passage and start another.
    static let blockElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "div", "section", "article",
        "main", "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "hr", "address", "details",
        "summary", "body",
    ]

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ wanted: String) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, String(cString: n).lowercased() == wanted {
                var text = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { text += String(cString: content) }
                    child = c.pointee.next
                }
                return text
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// Element children of `node`, with hidden and furniture elements left out.
    static func isSkipped(_ node: xmlNodePtr) -> Bool {
        if skipped.contains(name(node)) { return true }
        if attribute(node, "hidden") != nil || attribute(node, "aria-hidden") == "true" { return true }
        switch attribute(node, "role") {
        case "navigation", "banner", "contentinfo", "complementary", "search", "menu": return true
        default: return false
        }
    }

    /// Text of a subtree with white space collapsed, skipped elements left out.
    static func text(of node: xmlNodePtr) -> String {
        var collector = BlockCollector()
        collector.inline = true
        collector.walk(node)
        collector.flush()
        return collector.passages.joined(separator: " ")
    }

    /// Facts about the whole page: metadata and where the article is.
    struct PageFacts {
        var metaTitle: String?
        var htmlTitle: String?
        var firstHeading: String?
        var siteName: String?
        var url: String?
        var metaDate: PartialDate?
        var metaDatePriority = Int.max
        var timeDate: PartialDate?
        var article: xmlNodePtr?
        var main: xmlNodePtr?
        var body: xmlNodePtr?

        /// Meta names and properties that carry a publication date, most trusted first.
        static let dateNames = ["article:published_time", "datepublished", "og:published_time", "date", "pubdate",
                                "publishdate", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date"]

        /// Open `<article>` elements with the text bytes seen in them so far, innermost last.
        private var openArticles: [(node: xmlNodePtr, bytes: Int)] = []
        private var articleBytes = -1
        /// How many skipped elements (scripts, menus) enclose the current node: their text is not an article's.
        private var skipDepth = 0

        /// Visits every node of the tree at `node` once, without recursion (old pages nest thousands of unclosed
        /// tags), so the work is linear in the number of nodes and no depth exhausts the stack.
        mutating func collect(_ node: xmlNodePtr) {
            HTMLParser.traverse(node, enter: { n in
                if n.pointee.type == XML_ELEMENT_NODE {
                    visit(n)
                } else if skipDepth == 0, n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE,
                          !openArticles.isEmpty, let content = n.pointee.content {
                    var p = content
                    var k = 0
                    while p.pointee != 0 { if p.pointee > 0x20 { k += 1 }; p = p.advanced(by: 1) }
                    openArticles[openArticles.count - 1].bytes += k
                }
                return true
            }, leave: { n in
                if HTMLParser.isSkipped(n) { skipDepth -= 1 }
                if HTMLParser.name(n) == "article", let (a, bytes) = openArticles.popLast() {
                    // The longest <article> (its text with that of articles nested in it) is the story; short
                    // ones are teasers for other stories.
                    if bytes > articleBytes { article = a; articleBytes = bytes }
                    if !openArticles.isEmpty { openArticles[openArticles.count - 1].bytes += bytes }
                }
            })
        }

        private mutating func visit(_ node: xmlNodePtr) {
            if HTMLParser.isSkipped(node) { skipDepth += 1 }
            let tag = HTMLParser.name(node)
            switch tag {
            case "meta":
                let key = (HTMLParser.attribute(node, "property") ?? HTMLParser.attribute(node, "name")
                    ?? HTMLParser.attribute(node, "itemprop") ?? "").lowercased()
                let content = HTMLParser.attribute(node, "content") ?? HTMLParser.attribute(node, "datetime") ?? ""
                let value = content.trimmingSpaces()
                if key == "og:title" && !value.isEmpty { metaTitle = value }
                if key == "og:site_name" && !value.isEmpty { siteName = value }
                if key == "og:url" && !value.isEmpty { url = value }
                if let priority = PageFacts.dateNames.firstIndex(of: key), priority < metaDatePriority,
                   let date = PartialDate.leadingISO(value) {
                    metaDate = date
                    metaDatePriority = priority
                }
            case "link":
                if HTMLParser.attribute(node, "rel")?.lowercased() == "canonical", url == nil {
                    url = HTMLParser.attribute(node, "href")
                }
            case "title":
                if htmlTitle == nil { htmlTitle = HTMLParser.text(of: node) }
            case "time":
                if timeDate == nil, let value = HTMLParser.attribute(node, "datetime") { timeDate = PartialDate.leadingISO(value) }
                if metaDatePriority > 1, HTMLParser.attribute(node, "itemprop")?.lowercased() == "datepublished",
                   let value = HTMLParser.attribute(node, "datetime"), let date = PartialDate.leadingISO(value) {
                    metaDate = date
                    metaDatePriority = 1
                }
            case "h1":
                if firstHeading == nil { firstHeading = HTMLParser.text(of: node) }
            case "article":
                openArticles.append((node, 0))
            case "main":
                if main == nil { main = node }
            case "body":
                if body == nil { body = node }
            default:
                break
            }
        }
    }

    /// Walks the tree at `root` depth first without recursion: `enter` on each node (false: do not descend), `leave`
    /// on each element after its children.
    static func traverse(_ root: xmlNodePtr, enter: (xmlNodePtr) -> Bool, leave: (xmlNodePtr) -> Void) {
        var node = root
        while true {
            if enter(node), let child = node.pointee.children {
                node = child
                continue
            }
            if node.pointee.type == XML_ELEMENT_NODE { leave(node) }
            // Up until a node with a next sibling, leaving each element on the way.
            while node != root, node.pointee.next == nil {
                guard let parent = node.pointee.parent else { return }
                node = parent
                if node.pointee.type == XML_ELEMENT_NODE { leave(node) }
            }
            if node == root { return }
            node = node.pointee.next!
        }
    }

    /// Gathers passages: text runs between block boundaries.
    struct BlockCollector {
        var passages: [String] = []
        var current: [UInt8] = []
        var pendingSpace = false
        /// Inside a single element's text: block boundaries become spaces.
        var inline = false

        mutating func walk(_ root: xmlNodePtr) {
            HTMLParser.traverse(root, enter: { node in
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content { append(content) }
                    return false
                case XML_ELEMENT_NODE:
                    if HTMLParser.isSkipped(node) { return false }
                    let tag = HTMLParser.name(node)
                    if tag == "br" { pendingSpace = true; return false }
                    if HTMLParser.blockElements.contains(tag) { boundary() }
                    return true
                default:
                    return false
                }
            }, leave: { node in
                // A skipped element was never entered; a block ends where its children end.
                if !HTMLParser.isSkipped(node), HTMLParser.blockElements.contains(HTMLParser.name(node)) { boundary() }
            })
        }

        private mutating func boundary() {
            if inline { pendingSpace = true } else { flush() }
        }

        private mutating func append(_ content: UnsafePointer<xmlChar>) {
            var p = content
            while p.pointee != 0 {
                let b = p.pointee
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                    pendingSpace = true
                } else if b == 0xC2 && p.advanced(by: 1).pointee == 0xA0 {
                    // A no-break space separates words like any other.
                    pendingSpace = true
                    p = p.advanced(by: 1)
                } else {
                    if pendingSpace && !current.isEmpty { current.append(0x20) }
                    pendingSpace = false
                    current.append(b)
                }
                p = p.advanced(by: 1)
            }
        }

        mutating func flush() {
            if !current.isEmpty { passages.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
    }
}


/// libxml2, loaded on first use with `dlopen` rather than linked: linking it (and the ICU it pulls in) would slow
/// every process's start, queries included, for a library only HTML indexing needs.
struct LibXML: @unchecked Sendable {
    // @unchecked: C function pointers, immutable once loaded.

    let readMemory: @convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> htmlDocPtr?
    let freeDoc: @convention(c) (xmlDocPtr?) -> Void
    let rootElement: @convention(c) (UnsafePointer<xmlDoc>?) -> xmlNodePtr?

    /// The loaded library, or nil when it is not on the machine. libxml2 sets up its globals on first use, which is
    /// not safe from two threads at once; a static is initialised exactly once, so `xmlInitParser` runs here.
    static let shared: LibXML? = {
        guard let handle = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libxml2.so", RTLD_NOW | RTLD_LOCAL),
              let read = dlsym(handle, "htmlReadMemory"), let free = dlsym(handle, "xmlFreeDoc"),
              let root = dlsym(handle, "xmlDocGetRootElement"), let initialise = dlsym(handle, "xmlInitParser") else { return nil }
        unsafeBitCast(initialise, to: (@convention(c) () -> Void).self)()
        return LibXML(readMemory: unsafeBitCast(read, to: (@convention(c) (UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> htmlDocPtr?).self),
                      freeDoc: unsafeBitCast(free, to: (@convention(c) (xmlDocPtr?) -> Void).self),
                      rootElement: unsafeBitCast(root, to: (@convention(c) (UnsafePointer<xmlDoc>?) -> xmlNodePtr?).self))
    }()
}
