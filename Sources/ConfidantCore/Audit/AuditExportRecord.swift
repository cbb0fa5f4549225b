import Foundation

/// One line of an audit export (JSON Lines): an event or a signed checkpoint, written and read back exactly.
///
/// `confidant audit export` writes every signed checkpoint, then every event in sequence
/// order, one JSON object a line (checkpoints first, so a reader can verify the events as
/// they stream past: `AuditExportVerifier`), so that an outside auditor can keep the file and later re-verify it with
/// the published verifier key and no access to the database (docs/audit.md: someone outside can
/// prove the log was not rewritten). Text fields are JSON strings holding the stored text
/// byte for byte — `detail` too, as a string, since re-serialising an object could change
/// its bytes and so its hash. `time_utc` is for people and is ignored when reading.
///
/// ```
/// {"type":"checkpoint","note":"confidant audit log\n1000\n…\n\n— confidant-audit …\n"}
/// {"type":"event","sequence":1,"time":1764000000250,"time_utc":"2025-11-24T16:00:00.250Z","actor":"user:1","action":"sign_in","target":"","detail":"{}","previous_hash":"00…","hash":"9f…"}
/// ```
public enum AuditExportRecord: Hashable, Sendable {
    /// A stored event.
    case event(AuditEvent)
    /// A signed checkpoint in its signed-note text form.
    case checkpoint(SignedCheckpoint)

    /// The JSON line (without the newline), keys in a fixed order.
    public var jsonLine: String {
        var out: [UInt8] = []
        switch self {
        case .event(let event):
            JSONWriter.appendRaw(#"{"type":"event","sequence":"#, to: &out)
            JSONWriter.appendInt(event.sequence, to: &out)
            JSONWriter.appendRaw(#","time":"#, to: &out)
            JSONWriter.appendInt(event.time, to: &out)
            JSONWriter.appendRaw(#","time_utc":"#, to: &out)
            JSONWriter.appendString(AuditTime.iso8601(milliseconds: event.time), to: &out)
            JSONWriter.appendRaw(#","actor":"#, to: &out)
            JSONWriter.appendString(event.actor, to: &out)
            JSONWriter.appendRaw(#","action":"#, to: &out)
            JSONWriter.appendString(event.action.rawValue, to: &out)
            JSONWriter.appendRaw(#","target":"#, to: &out)
            JSONWriter.appendString(event.target, to: &out)
            JSONWriter.appendRaw(#","detail":"#, to: &out)
            JSONWriter.appendString(event.detail, to: &out)
            JSONWriter.appendRaw(#","previous_hash":"#, to: &out)
            JSONWriter.appendString(event.previousHash.hex, to: &out)
            JSONWriter.appendRaw(#","hash":"#, to: &out)
            JSONWriter.appendString(event.hash.hex, to: &out)
        case .checkpoint(let signed):
            JSONWriter.appendRaw(#"{"type":"checkpoint","note":"#, to: &out)
            JSONWriter.appendString(signed.text, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private struct Line: Decodable {
        var type: String?
        var sequence: UInt64?
        var time: Int64?
        var actor: String?
        var action: String?
        var target: String?
        var detail: String?
        var previousHash: String?
        var hash: String?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case type, sequence, time, actor, action, target, detail, hash, note
            case previousHash = "previous_hash"
        }
    }

    /// Reads one export line; the error names the field that is missing or wrong.
    public init(jsonLine: String) throws(AuditError) {
        let line: Line
        do {
            line = try JSONDecoder().decode(Line.self, from: Data(jsonLine.utf8))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.last?.stringValue ?? "line"
            throw .malformedText("\(field): wrong type")
        } catch {
            throw .malformedText("line: not a JSON object")
        }
        switch line.type {
        case "event":
            guard let sequence = line.sequence else { throw .malformedText("sequence: missing") }
            guard let time = line.time else { throw .malformedText("time: missing") }
            guard let actor = line.actor else { throw .malformedText("actor: missing") }
            guard let action = line.action else { throw .malformedText("action: missing") }
            guard let target = line.target else { throw .malformedText("target: missing") }
            guard let detail = line.detail else { throw .malformedText("detail: missing") }
            guard let previous = line.previousHash.flatMap(AuditHash.init(hex:)) else {
                throw .malformedText("previous_hash: missing or not 64 hexadecimal digits")
            }
            guard let hash = line.hash.flatMap(AuditHash.init(hex:)) else {
                throw .malformedText("hash: missing or not 64 hexadecimal digits")
            }
            self = .event(
                AuditEvent(
                    sequence: sequence, time: time, actor: actor, action: AuditAction(rawValue: action), target: target,
                    detail: detail, previousHash: previous, hash: hash))
        case "checkpoint":
            guard let note = line.note else { throw .malformedText("note: missing") }
            self = .checkpoint(try SignedCheckpoint(text: note))
        case nil:
            throw .malformedText("type: missing")
        case .some(let other):
            throw .malformedText("type: \"\(other)\" is neither \"event\" nor \"checkpoint\"")
        }
    }
}
