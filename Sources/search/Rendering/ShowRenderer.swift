import Searcher

/// `search show`'s text for people.
enum ShowRenderer {
    /// The document for people: facts, then one paragraph per passage numbered as in results.
    static func text(_ view: DocumentView, total: Int, color: Bool) -> String {
        let renderer = TextRenderer(color: color)
        var out = (view.title.map { renderer.mark($0, view.titleHighlights) } ?? "(untitled)") + "\n"
        out += "date:     " + Output.escaped(view.date.map { "\($0) (from \(view.dateSource ?? "unknown"))" } ?? "none found") + "\n"
        out += "doc:      \(Output.escaped(view.doc))\n"
        let path = Output.shellPath(view.path)
        if path != view.doc { out += "path:     \(Output.escaped(path))\n" }
        if let url = view.url { out += "url:      \(Output.escaped(url))\n" }
        if let author = view.author { out += "author:   \(Output.escaped(author))\n" }
        // What the document stage left out, so a reader can tell furniture removal from lost text.
        if let dropped = view.dropped { out += "dropped:  \(dropped) (lines left out of the passages, by reason)\n" }
        var count = "\(total) passage\(total == 1 ? "" : "s")"
        if let query = view.query { count += "; \(view.matchingPassages) match \(Output.escaped(query))" }
        out += "passages: \(count)\n"
        for passage in view.passages {
            let flag = view.query != nil && !passage.highlights.isEmpty ? ">" : " "
            out += "\n\(flag)[\(passage.passage)] " + renderer.mark(passage.text, passage.highlights, keepNewlines: true) + "\n"
        }
        return out
    }
}
