import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Disposing of a person's file after its review (IRMS toolkit; docs/data-protection.md): a lead proposes it on the
/// file's review page (`RetentionRoutes`), another lead carries it out here, and the disposal's certificate, with the
/// inclusion proof of its audit event, stays printable afterwards. Leads only.
struct DisposalRoutes: RouteRegistration {
    let environment: WebEnvironment

    func register(on routes: SecureRouter) {
        let leads = SubjectAccessRoutes.leads
        routes.post("/people/{id}/dispose", access: leads) { request, context in try await dispose(request, context) }
        // A certificate names no one: the file's pseudonym, counts, the rule, the leads and the proof.
        routes.get("/retention/disposals/{sequence}", access: leads) { _, context in try await certificatePage(context) }
    }

    func dispose(_ request: Request, _ context: ConfidantRequestContext) async throws -> Response {
        let viewer = try context.signedInUser()
        let id = try context.uuidParameter()
        // Destroying a file cannot be undone: a fresh second factor first, as for an export. The lead comes back to
        // the file's page and sends it again.
        if let redirect = environment.needsStepUp(context, returnTo: "/people/\(id)/retention") { return redirect }
        let form = try await FormFields.read(request, context: context)
        // A file that is not there (or was disposed of a moment ago) is the store's RecordError.notFound: 404.
        switch try await environment.disposal.dispose(id, by: viewer.id, confirmed: form["confirm"] == "yes", now: environment.clock()) {
        case .success(let certificate): return .redirect(to: "/retention/disposals/\(certificate.sequence)")
        case .failure(let refusal):
            let problem = FieldError(field: refusal == .notConfirmed ? "confirm" : "standing", message: refusal.description)
            return try await RetentionRoutes(environment: environment).filePage(context, errors: [problem], typed: nil, status: .conflict)
        }
    }

    func certificatePage(_ context: ConfidantRequestContext) async throws -> Response {
        struct Count: Sendable { let words: String; let count: Int }
        struct View {
            let chrome: PageChrome
            let pseudonym, kind, rule, proposedBy, proposedAt, disposedBy, disposedAt: String
            let counts: [Count]
            let sequence: UInt64
            let eventHash, rootHash: String
            let treeSize: UInt64
            let path: [String]
            let verifies: Bool
        }
        guard let text = context.parameters.get("sequence"), let sequence = UInt64(text),
            let certificate = try await environment.disposal.certificate(sequence)
        else { throw WebError.notFound }
        let names = try await environment.users.names()
        let record = certificate.record
        let view = View(
            chrome: try await environment.chrome("Disposal certificate", context, path: "/retention"), pseudonym: record.pseudonym,
            kind: record.kind.label, rule: record.rule,
            proposedBy: names[record.proposedBy.userID] ?? "unknown", proposedAt: ShareRoutes.spoken(record.proposedBy.at),
            disposedBy: names[record.disposedBy.userID] ?? "unknown", disposedAt: ShareRoutes.spoken(record.disposedBy.at),
            counts: record.counts.lines.filter { $0.count > 0 }.map { Count(words: $0.words, count: $0.count) }, sequence: sequence,
            eventHash: certificate.eventHash.hex, rootHash: certificate.proof.rootHash.hex, treeSize: certificate.proof.treeSize,
            path: certificate.proof.path.map(\.hex), verifies: certificate.verifies)
        return environment.pages.page(.disposalCertificate, view)
    }
}
