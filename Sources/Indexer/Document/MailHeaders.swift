import Storage

/// The RFC 822 headers at the top of a saved mail or a Usenet post: `From:`, `Subject:`, `Date:`, `Newsgroups:`, …
/// up to the first blank line. They are the post's metadata, never its passages: the subject is its title, `From:`
/// its author and `Date:` its date; the body (quoted lines included) is the text.
///
/// A block counts as headers only when it starts at the top of the file (after an optional mbox `From ` line), every
/// line in it is a `Name: value` header or a folded continuation (starting with a space or tab), it holds a `From:`,
/// `Subject:` or `Newsgroups:` header and one of them is `Subject:` or `From:`, and a blank line ends it within
/// `maxLines` lines: a story whose first line happens to read "From: our correspondent" is not taken for a post.
///
/// ```
/// From: hasan@McRCIM.McGill.EDU
/// Subject: Re: ISLAM BORDERS.
/// Lines: 26
///
/// In article <4805@bimacs.BITNET>, ehrlich@bimacs.BITNET (Gideon Ehrlich) writes:
/// ```
struct MailHeaders: Equatable, Sendable {
    /// The `Subject:` value, unfolded and trimmed.
    var subject: String?
    /// The `From:` value, unfolded and trimmed.
    var from: String?
    /// The `Date:` value's date (`Tue, 13 Apr 1993 10:02:11 GMT` → 1993-04-13).
    var date: PartialDate?
    /// Byte offset where the body starts (after the blank line).
    var body: Int

    /// More header lines than this is not a header block (a real one has a few dozen at most).
    static let maxLines = 200

    /// The end of a header's name (the colon) on `line`, or nil when the line is not `Name: value`.
    static func nameEnd(_ b: ByteText.Bytes, _ line: Range<Int>) -> Int? {
        var n = line.lowerBound
        while n < line.upperBound, ByteText.isLetter(b[n]) || ByteText.isDigit(b[n]) || b[n] == 0x2D || b[n] == 0x5F || b[n] == 0x2E { n += 1 }
        guard n > line.lowerBound, n < line.upperBound, b[n] == 0x3A, n - line.lowerBound <= 40 else { return nil }
        return n
    }

    /// Whether the line starting at `i` is a header or blank (or the file ends there).
    static func nextIsHeaderOrBlank(_ b: ByteText.Bytes, from i: Int) -> Bool {
        var e = i
        while e < b.count && b[e] != 0x0A { e += 1 }
        var line = i..<e
        if line.upperBound > line.lowerBound && b[line.upperBound - 1] == 0x0D { line = line.lowerBound..<(line.upperBound - 1) }
        return ByteText.trim(b, line).isEmpty || nameEnd(b, line) != nil
    }

    /// The headers at byte `start`, or nil when the file does not start with a header block.
    static func read(_ b: ByteText.Bytes, from start: Int) -> MailHeaders? {
        var i = start
        var lines = 0
        var subject: String?
        var from: String?
        var dateText: String?
        var sawMailHeader = false
        var current: (name: String, value: [UInt8])?
        var loose = false
        func finish() {
            guard let c = current else { return }
            let value = String(decoding: c.value, as: UTF8.self).trimmingSpaces()
            switch c.name {
            case "subject": if subject == nil { subject = value }
            case "from": if from == nil { from = value }
            case "date": if dateText == nil { dateText = value }
            default: break
            }
            current = nil
        }
        // An mbox file starts with "From addr date" (no colon) before the headers.
        if ByteText.hasPrefix(b, i..<b.count, lowercased: "from ") {
            while i < b.count && b[i] != 0x0A { i += 1 }
            i += 1
        }
        while i < b.count {
            var e = i
            while e < b.count && b[e] != 0x0A { e += 1 }
            var line = i..<e
            if line.upperBound > line.lowerBound && b[line.upperBound - 1] == 0x0D { line = line.lowerBound..<(line.upperBound - 1) }
            i = min(e + 1, b.count)
            if line.isEmpty {
                // The blank line that ends the headers.
                finish()
                guard lines >= 1, sawMailHeader, subject != nil || from != nil else { return nil }
                return MailHeaders(subject: subject?.isEmpty == true ? nil : subject, from: from,
                                   date: dateText.flatMap(DateExtractor.parseDate), body: i)
            }
            lines += 1
            if lines > maxLines { return nil }
            let c = b[line.lowerBound]
            if c == 0x20 || c == 0x09 {
                // A folded header continues the previous one; a folded list of message ids (`<…@…>`, from a
                // References: line that lost its name) is not part of a subject.
                // A copy that lost a header's first line starts with its continuation: passed over when a header follows.
                if current == nil, lines == 1, nextIsHeaderOrBlank(b, from: i), !ByteText.trim(b, line).isEmpty { continue }
                guard current != nil else { return nil }
                let t = ByteText.trim(b, line)
                if current!.name == "subject", ByteText.find(b, t, lowercased: "@") != nil,
                   ByteText.find(b, t, lowercased: "<") != nil || ByteText.find(b, t, lowercased: ">") != nil { continue }
                current!.value.append(0x20)
                current!.value.append(contentsOf: ByteText.Bytes(rebasing: b[ByteText.trim(b, line)]))
                continue
            }
            guard let n = nameEnd(b, line) else {
                // A copy that lost the indentation of folded lines ("Keywords: government,\nfighting\nLines: 43"): a
                // loose line between two headers continues the first, once the block is known to be a post's.
                guard sawMailHeader, current != nil, lines >= 3, nextIsHeaderOrBlank(b, from: i) else { return nil }
                loose = true
                current!.value.append(0x20)
                current!.value.append(contentsOf: ByteText.Bytes(rebasing: b[ByteText.trim(b, line)]))
                continue
            }
            finish()
            let name = String(decoding: ByteText.Bytes(rebasing: b[line.lowerBound..<n]), as: UTF8.self).lowercased()
            if name == "from" || name == "subject" || name == "newsgroups" { sawMailHeader = true }
            current = (name, Array(ByteText.Bytes(rebasing: b[(n + 1)..<line.upperBound])))
        }
        // Headers with no body at all; never when a loose line was guessed to belong to them.
        finish()
        guard lines >= 2, !loose, sawMailHeader, subject != nil || from != nil else { return nil }
        return MailHeaders(subject: subject?.isEmpty == true ? nil : subject, from: from,
                           date: dateText.flatMap(DateExtractor.parseDate), body: b.count)
    }
}
