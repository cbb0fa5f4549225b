import Foundation

// `confidant decide` / `confidant redact` with Foundation's JSONDecoder/JSONEncoder in place of
// JSONReader/JSONWriter, for the measurement in docs/benchmarks.md ("One JSON reader and
// writer"): the same engine, redactor and 64 KiB chunks, so the difference is the JSON alone.
struct Subject: Decodable { var kind: PersonKind; var has_capacity: Bool? }
struct Recipient: Decodable { var kind: RecipientKind; var need_to_know: Bool?; var is_alleged_perpetrator: Bool? }
struct DecideRequest: Decodable {
    var id: String; var subject: Subject; var requester: Requester; var recipient: Recipient
    var purpose: SharePurpose; var form: ShareForm; var consent: Consent; var risk: RiskLevel
    var risk_to_others: Bool?; var serious_crime: Bool?; var legal_duty: Bool?
    var informing_would_increase_risk: Bool?; var informing_would_prejudice_investigation: Bool?
    var confidentiality_offered: ConfidentialityOffered; var dsl_approved: Bool?
}
struct Decision: Encodable {
    var id: String; var outcome: String; var form: String?; var breaks_confidence: Bool; var lawful_basis: String
    var obligations: [String]; var next_steps: [String]; var reasons: [String]; var explanation: String
}
struct Person: Decodable { var name: String; var role: PersonRole; var aliases: [String]? }
struct RedactRequest: Decodable { var id: String; var text: String; var people: [Person]?; var organisations: [String]? }
struct Span: Encodable { var start: Int; var end: Int; var type: String; var replacement: String }
struct RedactResult: Encodable { var id: String; var text: String; var spans: [Span] }
struct ErrorLine: Encodable { var id: String?; var error: String }

@main struct Main {
    static func main() {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let decide = CommandLine.arguments[1] == "decide"
        let redactor = Redactor()
        let policy = ConfidentialityPolicy.mct
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var out: [UInt8] = []
        func flush() {
            out.withUnsafeBytes { b in
                var o = 0; while o < b.count { let w = write(1, b.baseAddress! + o, b.count - o); if w <= 0 { exit(3) }; o += w }
            }; out.removeAll(keepingCapacity: true)
        }
        func handle(_ line: Data) {
            do {
                if decide {
                    let r = try decoder.decode(DecideRequest.self, from: line)
                    let request = ShareRequest(
                        subjectKind: r.subject.kind, subjectHasCapacity: r.subject.has_capacity ?? true, requester: r.requester,
                        recipientKind: r.recipient.kind, recipientNeedToKnow: r.recipient.need_to_know ?? false,
                        recipientIsAllegedPerpetrator: r.recipient.is_alleged_perpetrator ?? false, purpose: r.purpose, form: r.form,
                        consent: r.consent, risk: r.risk, riskToOthers: r.risk_to_others ?? false, seriousCrime: r.serious_crime ?? false,
                        legalDuty: r.legal_duty ?? false, informingWouldIncreaseRisk: r.informing_would_increase_risk ?? false,
                        informingWouldPrejudiceInvestigation: r.informing_would_prejudice_investigation ?? false,
                        confidentialityOffered: r.confidentiality_offered, dslApproved: r.dsl_approved ?? false)
                    let d = DecisionEngine.decide(request)
                    let line = Decision(
                        id: r.id, outcome: d.outcome.rawValue, form: d.form?.rawValue, breaks_confidence: d.breaksConfidence,
                        lawful_basis: d.lawfulBasis.rawValue, obligations: d.obligations.map(\.rawValue),
                        next_steps: d.nextSteps.map(\.rawValue), reasons: policy.clauseIDs(for: d.reasons), explanation: d.explanation)
                    out.append(contentsOf: try encoder.encode(line))
                } else {
                    let r = try decoder.decode(RedactRequest.self, from: line)
                    let people = (r.people ?? []).map { KnownPerson(name: $0.name, role: $0.role, aliases: $0.aliases ?? []) }
                    let result = redactor.redact(r.text, people: people, organisations: r.organisations ?? [])
                    let spans = result.spans.map { Span(start: $0.start, end: $0.end, type: $0.type.rawValue, replacement: $0.replacement) }
                    out.append(contentsOf: try encoder.encode(RedactResult(id: r.id, text: result.text, spans: spans)))
                }
            } catch {
                out.append(contentsOf: (try? encoder.encode(ErrorLine(id: nil, error: "\(error)"))) ?? Data())
            }
            out.append(0x0A)
            if out.count >= chunkSize { flush() }
        }
        var pending = Data()
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, chunkSize) }
            if count <= 0 { break }
            var start = 0
            for i in 0..<count where chunk[i] == 0x0A {
                pending.append(contentsOf: chunk[start..<i])
                handle(pending)
                pending.removeAll(keepingCapacity: true)
                start = i + 1
            }
            pending.append(contentsOf: chunk[start..<count])
            if count < chunkSize { flush() }
        }
        if !pending.isEmpty { handle(pending) }
        flush()
    }
}
