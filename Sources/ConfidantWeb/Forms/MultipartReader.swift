import Foundation

/// A `multipart/form-data` body read as it arrives, so that a 25 MB file passes through in pieces and is never held
/// whole (RFC 7578). Feed it the body's bytes in any pieces; it answers with what they completed.
///
/// Hostile bodies are bounded: a part's headers are at most 8 KiB, a body at most 64 parts; a body that ends before
/// its closing boundary is `cutOff`, never a file taken as whole.
struct MultipartReader {
    /// A part's headers: its field name and, for a file, the name it was sent with.
    struct Part: Equatable {
        let name: String
        let filename: String?
    }

    enum Event: Equatable {
        case start(Part)
        case bytes([UInt8])
        case end
    }

    enum Problem: Error, Equatable {
        /// Not `multipart/form-data`, or without a usable boundary.
        case notMultipart
        /// Headers too long, a part without a name, too many parts, bytes where a boundary should be.
        case malformed(String)
        /// The body ended before its closing boundary.
        case cutOff
    }

    static let maximumHeaderBytes = 8 * 1024
    static let maximumParts = 64

    enum State {
        /// Before the first boundary (a preamble is allowed and ignored).
        case preamble
        /// Just after a boundary: "\r\n" starts a part, "--" ends the body.
        case afterBoundary
        case headers
        case body
        case done
    }

    /// "\r\n--" and the boundary: what ends every part's bytes.
    let delimiter: [UInt8]
    var state = State.preamble
    var pending: [UInt8]
    var parts = 0

    init(contentType: String) throws(Problem) {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data",
            let parameter = pieces.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") })
        else { throw .notMultipart }
        var boundary = String(parameter.dropFirst("boundary=".count))
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        // RFC 2046: 1 to 70 characters.
        guard (1...70).contains(boundary.utf8.count), boundary.allSatisfy({ $0.isASCII && !$0.isNewline }) else { throw .notMultipart }
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary has no line break before it: one is supplied, so every boundary looks the same.
        pending = [13, 10]
    }

    var isDone: Bool { state == .done }

    /// Takes the next bytes of the body.
    mutating func feed(_ bytes: some Collection<UInt8>) throws(Problem) -> [Event] {
        guard state != .done else { return [] }
        pending.append(contentsOf: bytes)
        var events: [Event] = []
        while true {
            switch state {
            case .preamble:
                guard let at = find(delimiter) else {
                    // Keep only what could still begin the boundary.
                    if pending.count >= delimiter.count { pending.removeFirst(pending.count - delimiter.count + 1) }
                    return events
                }
                pending.removeFirst(at + delimiter.count)
                state = .afterBoundary
            case .afterBoundary:
                guard pending.count >= 2 else { return events }
                if pending[0] == 45, pending[1] == 45 {
                    state = .done
                    pending = []
                    return events
                }
                // Transport padding (spaces, tabs) may follow a boundary before its line break.
                var index = 0
                while index < pending.count, pending[index] == 32 || pending[index] == 9 { index += 1 }
                guard index + 1 < pending.count else { return events }
                guard pending[index] == 13, pending[index + 1] == 10 else { throw .malformed("a boundary was not followed by a line break") }
                pending.removeFirst(index + 2)
                parts += 1
                guard parts <= Self.maximumParts else { throw .malformed("more than \(Self.maximumParts) parts") }
                state = .headers
            case .headers:
                guard let at = find([13, 10, 13, 10]) ?? (pending.starts(with: [13, 10]) ? -2 : nil) else {
                    guard pending.count <= Self.maximumHeaderBytes else { throw .malformed("a part's headers are too long") }
                    return events
                }
                guard at <= Self.maximumHeaderBytes else { throw .malformed("a part's headers are too long") }
                let text = at < 0 ? "" : String(decoding: pending[..<at], as: UTF8.self)
                pending.removeFirst(at + 4)
                events.append(.start(try Self.part(text)))
                state = .body
            case .body:
                if let at = find(delimiter) {
                    if at > 0 { events.append(.bytes(Array(pending[..<at]))) }
                    events.append(.end)
                    pending.removeFirst(at + delimiter.count)
                    state = .afterBoundary
                } else {
                    // Everything but what could be the start of the delimiter is the part's.
                    let safe = pending.count - (delimiter.count - 1)
                    if safe > 0 {
                        events.append(.bytes(Array(pending[..<safe])))
                        pending.removeFirst(safe)
                    }
                    return events
                }
            case .done:
                return events
            }
        }
    }

    /// The body has no more bytes: anything but a closed body is cut off.
    func finish() throws(Problem) {
        guard state == .done else { throw .cutOff }
    }

    /// Where `needle` first starts in `pending`.
    func find(_ needle: [UInt8]) -> Int? {
        guard let first = needle.first, pending.count >= needle.count else { return nil }
        return pending.withUnsafeBufferPointer { haystack -> Int? in
            var index = 0
            let last = haystack.count - needle.count
            while index <= last {
                if haystack[index] == first {
                    var matched = 1
                    while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// The part a header block describes; its `Content-Disposition` must name it.
    static func part(_ headers: String) throws(Problem) -> Part {
        for line in headers.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            let value = String(line[line.index(after: colon)...])
            let parameters = Self.parameters(value)
            guard value.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("form-data"), let name = parameters["name"] else {
                throw .malformed("a part has no field name")
            }
            return Part(name: name, filename: parameters["filename"])
        }
        throw .malformed("a part has no Content-Disposition")
    }

    /// `name="…"` and `filename="…"` from a Content-Disposition, quoted (with `\"` escapes) or not. Browsers send a
    /// file's name as UTF-8 with `"` as `%22`.
    static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var characters = Substring(value)
        while let semicolon = characters.firstIndex(of: ";") {
            characters = characters[characters.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = characters.firstIndex(of: "=") else { break }
            let key = characters[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var rest = characters[characters.index(after: equals)...]
            var text = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                var end = rest.endIndex
                for index in rest.indices {
                    let character = rest[index]
                    if escaped {
                        text.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        end = index
                        break
                    } else {
                        text.append(character)
                    }
                }
                characters = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                text = rest[..<end].trimmingCharacters(in: .whitespaces)
                characters = rest[end...]
            }
            if key == "name" || key == "filename" {
                result[key] = key == "filename" ? text.replacingOccurrences(of: "%22", with: "\"") : text
            }
        }
        return result
    }
}
