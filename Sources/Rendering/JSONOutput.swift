import FoundationEssentials

/// The one `JSONEncoder` setup of every JSON answer, the CLI's and the server's: keys sorted, slashes as written,
/// indented only for a person at a terminal.
package enum JSONOutput {
    /// An encoder for an answer; `pretty` indents it (JSONEncoder's layout).
    package static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` encoded, followed by a newline.
    package static func line<T: Encodable>(_ value: T, pretty: Bool = false) throws -> [UInt8] {
        Array(try encoder(pretty: pretty).encode(value)) + [0x0A]
    }
}
