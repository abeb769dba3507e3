import Foundation
import Analysis
import Storage
import Indexer

/// A validator for the subset of JSON Schema (2020-12) that docs/search-results.schema.json uses: `type` (one or a
/// list), `properties`, `required`, `additionalProperties: false`, `items`, `minItems`, `maxItems`, `minimum`,
/// `minLength`, `pattern`, `enum` and local `$ref`s (`#/$defs/name`). Any other keyword is reported, not ignored,
/// so the schema cannot silently grow beyond what is checked.
struct SchemaValidator {
    let root: JSONValue

    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
    static let keywords: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "minItems",
                                        "maxItems", "minimum", "minLength", "pattern", "enum", "$ref"]

    /// The problems of `value` against the schema at `pointer` (`#` for the root), as `location: reason`.
    func errors(_ value: JSONValue, at pointer: String = "#") -> [String] {
        guard let schema = resolve(pointer) else { return ["schema: no \(pointer)"] }
        var out: [String] = []
        check(value, schema, "$", &out)
        return out
    }

    private func resolve(_ pointer: String) -> JSONValue? {
        var node = root
        for part in pointer.split(separator: "/").dropFirst() {
            guard case let .object(o) = node, let next = o[String(part)] else { return nil }
            node = next
        }
        return node
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case let .number(n): return n == n.rounded() ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ at: String, _ out: inout [String]) {
        guard case let .object(s) = schema else { out.append("schema at \(at) is not an object"); return }
        for key in s.keys where !SchemaValidator.keywords.contains(key) && !SchemaValidator.annotations.contains(key) {
            out.append("schema keyword \(key) is not supported by this validator")
        }
        if case let .string(ref)? = s["$ref"] {
            guard let target = resolve(ref) else { out.append("\(at): unresolved \(ref)"); return }
            check(value, target, at, &out)
        }
        if let type = s["type"] {
            let allowed: [String]
            switch type {
            case let .string(t): allowed = [t]
            case let .array(ts): allowed = ts.compactMap { if case let .string(t) = $0 { t } else { nil } }
            default: allowed = []
            }
            let actual = SchemaValidator.typeName(value)
            if !allowed.contains(actual) && !(actual == "integer" && allowed.contains("number")) {
                out.append("\(at): \(actual), expected \(allowed.joined(separator: " or "))")
                return
            }
        }
        if case let .array(options)? = s["enum"], !options.contains(value) { out.append("\(at): \(value) is not one of the allowed values") }
        switch value {
        case let .object(o):
            if case let .array(required)? = s["required"] {
                for case let .string(key) in required where o[key] == nil { out.append("\(at): missing \(key)") }
            }
            let properties: [String: JSONValue]
            if case let .object(p)? = s["properties"] { properties = p } else { properties = [:] }
            for (key, member) in o.sorted(by: { $0.key < $1.key }) {
                if let sub = properties[key] { check(member, sub, at + "." + key, &out) }
                else if s["additionalProperties"] == .bool(false) { out.append("\(at): unexpected key \(key)") }
            }
        case let .array(items):
            if case let .number(n)? = s["minItems"], Double(items.count) < n { out.append("\(at): fewer than \(Int(n)) items") }
            if case let .number(n)? = s["maxItems"], Double(items.count) > n { out.append("\(at): more than \(Int(n)) items") }
            if let sub = s["items"] { for (i, item) in items.enumerated() { check(item, sub, "\(at)[\(i)]", &out) } }
        case let .number(n):
            if case let .number(min)? = s["minimum"], n < min { out.append("\(at): \(n) is below \(min)") }
        case let .string(text):
            if case let .number(n)? = s["minLength"], Double(text.count) < n { out.append("\(at): shorter than \(Int(n))") }
            if case let .string(pattern)? = s["pattern"] {
                let regex = try? NSRegularExpression(pattern: pattern)
                if regex?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    out.append("\(at): '\(text)' does not match \(pattern)")
                }
            }
        default:
            break
        }
    }
}
