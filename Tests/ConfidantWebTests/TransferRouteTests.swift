import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Transferring a file: a lead sends it as the policy decides, the contact opens it with a code and confirms receipt")
struct TransferRouteTests {
    @Test(
        "a lead checks, then sends; the contact is emailed a link, opens it with a code, downloads the PDF and the bundle, and confirms receipt; the lead sees each step",
        arguments: TestDatabaseKind.available)
    func endToEnd(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let now = harness.clock.now
            let (person, concern) = try await CaseReadAuditTests.submittedConcern(harness, by: staff, now: now)
            _ = try await harness.request(
                .post, "/agencies", as: dsl,
                form: [
                    "name": "Fictional Academy", "type": "education", "agreement_reference": "DSA-2026-09", "agreement_review_date": "2027-06-30",
                ])
            let agencyID = try #require(try await harness.environment.shares.agencies().first?.id)
            _ = try await harness.request(
                .post, "/agencies/\(agencyID)/contacts", as: dsl, form: ["name": "Ada Receiver", "email": "ada@example.org"])
            let contact = try #require(try await harness.environment.shares.contacts(email: "ada@example.org").first)
            let path = "/people/\(person.id)/transfer"

            // Only leads transfer; a stale second factor confirms it first.
            #expect(try await harness.request(.get, path, as: staff).status == .forbidden)
            let stale = try await harness.browser(.dsl, steppedUp: false)
            #expect(try await harness.request(.get, path, as: stale).headers[.location]?.hasPrefix("/step-up?next=") == true)
            let form = try await harness.request(.get, path, as: dsl)
            #expect(form.status == .ok && form.text.contains("Transfer the file of Robin Testchild") && form.text.contains("Ada Receiver"))

            let answers = [
                "recipient": "contact:\(contact.id)", "reason": "Moving to Fictional Academy in January", "statutory": "yes",
                "consent": "not_sought", "capacity": "no",
            ]
            // Sent with mistakes: each field says what to fix, and nothing is sent.
            let wrong = try await harness.request(.post, path, as: dsl, form: ["action": "send"])
            #expect(wrong.status == .badRequest && wrong.text.contains("Choose the named contact") && wrong.text.contains("Say why the file"))
            // Checked: the engine's decision for each record, with the clauses, before anything leaves.
            let checked = try await harness.request(
                .post, path, as: dsl, form: answers.merging(["action": "check"]) { $1 }, repeated: ["concern": [concern.id.uuidString]])
            #expect(checked.status == .ok && checked.text.contains("The policy allows every chosen record to be transferred"))
            #expect(
                checked.text.contains("This transfer breaks a confidence") && checked.text.contains("A court order or statutory duty requires it"))
            #expect(try await harness.environment.transfers.transfers(of: person.id).isEmpty)
            // Without the duty and without consent the policy gives no basis: nothing can be sent.
            let refused = try await harness.request(
                .post, path, as: dsl, form: answers.merging(["action": "send", "statutory": "", "consent": "refused", "capacity": "yes"]) { $1 },
                repeated: ["concern": [concern.id.uuidString]])
            #expect(refused.status == .conflict && refused.text.contains("does not allow every chosen record"))
            #expect(try await harness.environment.transfers.transfers(of: person.id).isEmpty)

            let sent = try await harness.request(
                .post, path, as: dsl, form: answers.merging(["action": "send"]) { $1 }, repeated: ["concern": [concern.id.uuidString]])
            #expect(sent.status == .seeOther && sent.headers[.location]?.hasPrefix("/transfers?sent=") == true)
            let transfer = try #require(try await harness.environment.transfers.transfers(of: person.id).first)
            // Through the share machinery: the concern's share, with the inform tasks a broken confidence opens.
            #expect(try await harness.environment.shares.shares(ofConcern: concern.id).first?.recipientContactID == contact.id)
            #expect(try await harness.environment.shares.tasks(ofPerson: person.id).count == 2)
            let list = try await harness.request(.get, try #require(sent.headers[.location]), as: dsl)
            #expect(list.text.contains("The file was sent") && list.text.contains("Ada Receiver") && list.text.contains("<td>Sent"))
            #expect(!list.text.contains("Robin"))
            #expect(try await harness.request(.get, "/transfers", as: staff).status == .forbidden)

            // The contact's email names nobody and links to the code page.
            let email = try #require(try await harness.environment.outbox.messages().last)
            #expect(email.recipient == "ada@example.org" && email.body.contains("/transfers/\(transfer.id)/code") && !email.body.contains("Robin"))
            let codePath = "/transfers/\(transfer.id)/code"
            let (token, cookie) = try await harness.anonymousFormToken(codePath)
            // Nothing opens without the pass: not the PDF, not the bundle, not the receipt.
            #expect(try await harness.request(.get, "/transfers/\(transfer.id)/file.pdf").status == .notFound)
            #expect(try await harness.request(.get, "/transfers/\(UUID())/code").status == .notFound)
            _ = try await harness.request(.post, codePath, form: ["_csrf": token], headers: [.cookie: cookie])
            let code = try #require(try await harness.environment.outbox.messages().last?.body.firstMatch(of: /\d{8}/).map { String($0.output) })
            let wrongCode = try await harness.request(
                .post, "\(codePath)/open", form: ["_csrf": token, "code": code == "00000000" ? "11111111" : "00000000"], headers: [.cookie: cookie])
            #expect(wrongCode.status == .badRequest)
            let openedByCode = try await harness.request(.post, "\(codePath)/open", form: ["_csrf": token, "code": code], headers: [.cookie: cookie])
            #expect(openedByCode.status == .seeOther && openedByCode.headers[.location] == codePath)
            let setPass = try #require(openedByCode.headers[values: .setCookie].first { $0.hasPrefix("\(ShareRoutes.passCookie)=") })
            #expect(setPass.contains("Path=/transfers/\(transfer.id)") && setPass.contains("HttpOnly") && setPass.contains("SameSite=Strict"))
            let pass = String(setPass.dropFirst(ShareRoutes.passCookie.count + 1).prefix { $0 != ";" })
            let withPass: HTTPFields = [.cookie: "\(ShareRoutes.passCookie)=\(pass); \(cookie)"]
            let opened = try await harness.request(.get, codePath, headers: withPass)
            #expect(opened.status == .ok)
            #expect(
                opened.text.contains("Robin Testchild") && opened.text.contains("Confirm receipt")
                    && opened.text.contains("confidant transfer import"))
            #expect(try await harness.environment.transfers.transfer(transfer.id)?.progress.state(now: harness.clock.now) == .opened)
            #expect(try await harness.request(.get, "/transfers", as: dsl).text.contains("<td>Opened"))

            let pdf = try await harness.request(.get, "/transfers/\(transfer.id)/file.pdf", headers: withPass)
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf" && String(buffer: pdf.body).hasPrefix("%PDF"))
            let bundle = try await harness.request(.get, "/transfers/\(transfer.id)/bundle", headers: withPass)
            #expect(bundle.status == .ok && bundle.text.contains(TransferBundle.format) && !bundle.text.contains("Robin"))
            // The bundle opens with the key the page gives, and is signed with the installation's audit key.
            let keyText = try #require(opened.text.firstMatch(of: /--transfer-key ([A-Za-z0-9_-]{43})/).map { String($0.output.1) })
            let archive = try TransferBundle.open(
                Data(buffer: bundle.body), key: try #require(TransferBundle.key(keyText)), sender: WebHarness.auditKey.privateKey.publicKey
            ).archive
            #expect(archive.file.person.details.name == "Robin Testchild" && archive.pdf.starts(with: Data("%PDF".utf8)))
            #expect(archive.file.receipt?.url.hasSuffix("/transfers/\(transfer.id)/receipt") == true)

            // Confirming needs a name; then the sender sees who, and it happens once.
            let nameless = try await harness.request(
                .post, "/transfers/\(transfer.id)/confirm", form: ["_csrf": token, "name": " "], headers: withPass)
            #expect(nameless.status == .badRequest && nameless.text.contains("Enter your name"))
            let confirmed = try await harness.request(
                .post, "/transfers/\(transfer.id)/confirm", form: ["_csrf": token, "name": "Ada Receiver, DSL"], headers: withPass)
            #expect(confirmed.status == .seeOther)
            let after = try await harness.request(.get, "/transfers", as: dsl).text
            #expect(after.contains("Receipt confirmed") && after.contains("by Ada Receiver, DSL"))
            // The import's receipt after a link's one is refused, and a wrong token finds nothing.
            let (machineToken, machineCookie) = ("made-up-double-submit", "confidant_form=made-up-double-submit")
            let wrongToken = try await harness.request(
                .post, "/transfers/\(transfer.id)/receipt", form: ["_csrf": machineToken, "token": "guess", "by": "Someone"],
                headers: [.cookie: machineCookie])
            #expect(wrongToken.status == .notFound)
            let again = try await harness.request(
                .post, "/transfers/\(transfer.id)/receipt",
                form: ["_csrf": machineToken, "token": try #require(archive.file.receipt?.token), "by": "Lee"],
                headers: [.cookie: machineCookie])
            #expect(again.status == .conflict)
            #expect(try await harness.environment.audit.search(action: "transfer_received").count == 1)
            #expect(try await harness.environment.audit.search(action: "file_transferred").count == 1)
        }
    }

    @Test("the import's receipt reaches the sender with the bundle's token, once", arguments: TestDatabaseKind.available)
    func receiptFromImport(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let (person, concern) = try await CaseReadAuditTests.submittedConcern(harness, by: staff, now: harness.clock.now)
            let agency = try await harness.environment.shares.createAgency(
                PartnerAgency(
                    id: UUID(), name: "Fictional College", type: .education, agreementReference: "DSA-1", agreementReviewDate: "2027-06-30"),
                by: dsl.user.id, now: harness.clock.now)
            let contact = try await harness.environment.shares.addContact(
                to: agency.id, name: "Lee Receiver", email: "lee@example.org", by: dsl.user.id, now: harness.clock.now)
            let sent = try await harness.request(
                .post, "/people/\(person.id)/transfer", as: dsl,
                form: [
                    "action": "send", "recipient": "contact:\(contact.id)", "reason": "Moving to college", "statutory": "yes", "consent": "given",
                    "capacity": "yes",
                ], repeated: ["concern": [concern.id.uuidString]])
            #expect(sent.status == .seeOther)
            let transfer = try #require(try await harness.environment.transfers.transfers(of: person.id).first)
            let opened = try await harness.environment.transfers.opened(transfer.id, by: contact.id, now: harness.clock.now)
            let token = try #require(opened.archive.file.receipt?.token)
            let cookie: HTTPFields = [.cookie: "confidant_form=double-submit"]
            let response = try await harness.request(
                .post, "/transfers/\(transfer.id)/receipt",
                form: ["_csrf": "double-submit", "token": token, "by": "Lee Receiver, Fictional College"],
                headers: cookie)
            #expect(response.status == .ok && response.text == #"{"confirmed":true}"#)
            let confirmed = try #require(try await harness.environment.transfers.transfer(transfer.id))
            #expect(confirmed.receiptBy == "Lee Receiver, Fictional College" && confirmed.progress.state(now: harness.clock.now) == .receiptConfirmed)
            let logged = try await harness.environment.audit.search(action: "transfer_received")
            #expect(logged.count == 1 && logged[0].detail.contains("import"))
            // Hostile input: no token, a huge one, a malformed id.
            #expect(
                try await harness.request(.post, "/transfers/\(transfer.id)/receipt", form: ["_csrf": "double-submit"], headers: cookie).status
                    == .badRequest)
            #expect(
                try await harness.request(
                    .post, "/transfers/\(transfer.id)/receipt", form: ["_csrf": "double-submit", "token": String(repeating: "a", count: 5000)],
                    headers: cookie
                ).status == .badRequest)
            #expect(
                try await harness.request(.post, "/transfers/not-an-id/receipt", form: ["_csrf": "double-submit", "token": "x"], headers: cookie)
                    .status == .notFound)
        }
    }

    @Test("a new receiving organisation is named on the form and joins the register when the file is sent", arguments: TestDatabaseKind.available)
    func newOrganisation(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let (person, concern) = try await CaseReadAuditTests.submittedConcern(harness, by: staff, now: harness.clock.now)
            let path = "/people/\(person.id)/transfer"
            let answers = [
                "reason": "Moving to Fictional High", "statutory": "yes", "consent": "not_sought", "capacity": "no",
                "new_organisation": "Fictional High School", "new_type": "education", "new_contact_name": "Hal Receiver",
            ]
            let concerns = ["concern": [concern.id.uuidString]]
            let badEmail = try await harness.request(
                .post, path, as: dsl, form: answers.merging(["action": "check", "new_contact_email": "not an email"]) { $1 }, repeated: concerns)
            #expect(badEmail.status == .badRequest && badEmail.text.contains("for example name@agency.example"))
            #expect(try await harness.environment.shares.agencies().isEmpty)
            let checked = try await harness.request(
                .post, path, as: dsl, form: answers.merging(["action": "check", "new_contact_email": "hal@example.org"]) { $1 }, repeated: concerns)
            #expect(checked.status == .ok && checked.text.contains("The policy allows every chosen record to be transferred"))
            // Checking adds nobody to the register; sending does.
            #expect(try await harness.environment.shares.agencies().isEmpty)
            let sent = try await harness.request(
                .post, path, as: dsl, form: answers.merging(["action": "send", "new_contact_email": "Hal@Example.org"]) { $1 }, repeated: concerns)
            #expect(sent.status == .seeOther)
            let agency = try #require(try await harness.environment.shares.agencies().first)
            #expect(agency.name == "Fictional High School" && agency.type == .education && agency.agreementReference.hasPrefix("None"))
            let hal = try #require(agency.contacts.first)
            #expect(hal.email == "hal@example.org")
            let transfer = try #require(try await harness.environment.transfers.transfers(of: person.id).first)
            #expect(transfer.contactID == hal.id && transfer.receiver == "Hal Receiver, Fictional High School (Education)")
            #expect(try await harness.environment.outbox.messages().last?.recipient == "hal@example.org")
            // A contact from the register and a new organisation at once is one too many.
            let both = try await harness.request(
                .post, path, as: dsl,
                form: answers.merging(["action": "check", "recipient": "contact:\(hal.id)", "new_contact_email": "hal@example.org"]) { $1 },
                repeated: concerns)
            #expect(both.status == .badRequest && both.text.contains("not both"))
        }
    }
}
