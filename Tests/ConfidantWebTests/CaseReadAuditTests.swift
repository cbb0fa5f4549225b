import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Every route that returns case content writes a read event first")
struct CaseReadAuditTests {
    /// Record pages that show no content of a record (blank forms).
    static let contentFree: Set<String> = ["GET /people/new", "GET /people/import"]

    /// A child and a submitted concern about them, recorded by `staff`.
    static func submittedConcern(_ harness: WebHarness, by staff: WebHarness.Browser, now: Date) async throws -> (Person, Concern) {
        let person = try await harness.environment.records.createPerson(
            kind: .child, details: PersonDetails(name: "Robin Testchild"), by: staff.user.id, now: now)
        var concern = Concern(
            id: UUID(), personID: person.id, authorID: staff.user.id, categories: [.neglect], risk: .concern,
            createdAt: now, updatedAt: now)
        concern = try await harness.environment.records.saveDraft(concern, by: staff.user.id, now: now)
        concern = try await harness.environment.records.submit(concern, by: staff.user.id, now: now)
        return (person, concern)
    }

    @Test("every GET of a record page is declared as returning case content", arguments: TestDatabaseKind.available)
    func declared(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            for route in harness.declared where route.method == "GET" {
                let isRecordPage = ["/people", "/concerns", "/triage", "/my-records", "/api/v1/people"].contains { route.path.hasPrefix($0) }
                guard isRecordPage, !Self.contentFree.contains("\(route.method) \(route.path)") else { continue }
                #expect(route.returnsCaseContent, "\(route.method) \(route.path) shows case content but is not declared so")
            }
        }
    }

    @Test("walking every case-content route appends a case_read event by the viewer", arguments: TestDatabaseKind.available)
    func walk(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let now = harness.clock.now
            let (person, concern) = try await Self.submittedConcern(harness, by: staff, now: now)
            let draft = try await harness.environment.records.saveDraft(
                Concern(id: UUID(), personID: person.id, authorID: dsl.user.id, createdAt: now, updatedAt: now), by: dsl.user.id, now: now)

            let share = try await harness.environment.shares.record(
                ShareTests.adviceProposal(
                    of: concern, about: person, by: staff.user, to: ShareRecipient(kind: .dsl, label: "Test lead", userID: dsl.user.id), now: now))
            // The approval queue shows a share only while one waits.
            let waiting = try await harness.environment.shares.record(
                ShareTests.adviceProposal(
                    of: concern, about: person, by: staff.user, to: ShareRecipient(kind: .parentCarer, label: "A parent"), now: now,
                    form: .identified))
            #expect(waiting.status == .awaitingApproval)
            let files = harness.environment.attachments
            let upload = try await files.begin(
                .concern(concern.id), name: try AttachmentName("note.txt"), caption: "", isAddendum: true, by: staff.user.id, now: now)
            var intake = AttachmentIntake(name: try AttachmentName("note.txt"), limits: files.limits, roomOnRecord: .max)
            _ = try intake.take(Array("Seen at 5pm, made up".utf8)[...])
            let (last, accepted) = try intake.finish()
            let file = try await files.finish(upload, last: last, pieces: 1, accepted: accepted, by: staff.user.id, now: now)
            let sentFile = try await harness.environment.shares.record(
                ShareTests.adviceProposal(
                    of: concern, about: person, by: staff.user, to: ShareRecipient(kind: .dsl, label: "Test lead", userID: dsl.user.id), now: now,
                    form: .identified, files: [file]))
            let breach = try await harness.environment.breaches.report(
                BreachReport(
                    whatHappened: "A made-up letter went to the wrong address", discoveredAt: now, dataInvolved: "A letter",
                    whoseData: "A child", likelyConsequences: "", actionsTaken: ""), by: dsl.user.id, now: now)
            let access = harness.environment.subjectAccess
            let asked = try await access.record(
                personID: person.id,
                details: SubjectAccessDetails(
                    requesterName: "Robin Testchild", requester: .thePerson, contact: "robin@example.org", whatAsked: "All", authority: ""),
                receivedOn: CalendarDay(containing: now), by: dsl.user.id, now: now)
            _ = try await access.release(asked.id, by: dsl.user.id, now: now) { _, workspace in
                let letter = SubjectAccessLetter(
                    requesterName: "Robin Testchild", personName: "Robin Testchild", organisation: "A made-up charity", receivedOn: asked.receivedOn,
                    sentOn: asked.receivedOn, forThemselves: true, signedBy: "Test Lead")
                return (
                    workspace, SubjectAccessResponse.release(pieces: [], withheldOf: { _ in [] }, wholeOf: { _ in nil }, letter: letter, now: now)
                )
            }
            // A file under legal hold, so the retention queue shows someone.
            _ = try await harness.environment.retention.decide(person.id, by: dsl.user.id, now: now) {
                $0.deciding(step: "held", until: "", reason: "A made-up inquiry", by: dsl.user.id, now: now)
            }
            let routes = harness.declared.filter(\.returnsCaseContent)
            #expect(routes.count >= 8)
            for route in routes {
                var path = route.path
                if path == "/subject-access/new" {
                    path += "?person=\(person.id)"
                } else if path.hasPrefix("/subject-access/") {
                    path = path.replacingOccurrences(of: "{id}", with: asked.id.uuidString)
                } else if path == "/breaches/new" {
                    path += "?share=\(share.id)"
                } else if path.hasPrefix("/breaches/") {
                    path = path.replacingOccurrences(of: "{id}", with: breach.id.uuidString)
                } else if path.hasPrefix("/shares/{id}/files/{file}") {
                    path = path.replacingOccurrences(of: "{id}", with: sentFile.id.uuidString).replacingOccurrences(
                        of: "{file}", with: file.id.uuidString)
                } else if path.hasPrefix("/attachments/") {
                    path = path.replacingOccurrences(of: "{id}", with: file.id.uuidString)
                } else if path.hasPrefix("/shares/") {
                    path = path.replacingOccurrences(of: "{id}", with: share.id.uuidString)
                } else if path.hasPrefix("/concerns/{id}/edit") {
                    path = path.replacingOccurrences(of: "{id}", with: draft.id.uuidString)
                } else if path.hasPrefix("/concerns/") {
                    path = path.replacingOccurrences(of: "{id}", with: concern.id.uuidString)
                } else {
                    path = path.replacingOccurrences(of: "{id}", with: person.id.uuidString)
                }
                if path == "/people" { path += "?q=Robin" }
                if path == "/search" {
                    _ = try await harness.environment.records.addAddendum(to: concern.id, text: "Robin was upset", by: dsl.user.id, now: now)
                    path += "?q=upset"
                }
                let before = try await harness.environment.audit.search(actor: AuditName.user(dsl.user.id), action: "case_read").count
                let response = try await harness.request(.get, path, as: dsl)
                #expect(response.status == .ok, "\(route.path): \(response.status)")
                let after = try await harness.environment.audit.search(actor: AuditName.user(dsl.user.id), action: "case_read").count
                #expect(after > before, "\(route.path) returned case content without a case_read event")
            }
        }
    }

    @Test("the task list shows what people said, so opening it is a read naming each task and share", arguments: TestDatabaseKind.available)
    func taskListIsARead(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let c = try await ShareTests().setUp(harness)
            let proposed = try await harness.request(
                .post, "/concerns/\(c.concernID)/share", as: c.staff, form: ShareTests().proposal(c, action: "share"))
            let id = try #require(ShareTests().shareID(proposed))
            _ = try await harness.request(.post, "/shares/\(id)/approve", as: c.dsl, form: ["reason": "Risk of significant harm"])
            let before = try await harness.environment.audit.search(actor: AuditName.user(c.dsl.user.id), action: "case_read").count
            #expect(try await harness.request(.get, "/tasks", as: c.dsl).status == .ok)
            let reads = try await harness.environment.audit.search(actor: AuditName.user(c.dsl.user.id), action: "case_read")
            #expect(reads.count == before + 1)
            #expect(reads.contains { $0.target == "page:tasks" && $0.detail.contains("share:\(id.uuidString.lowercased())") })
        }
    }

    @Test("who has seen a person includes everyone whose search results named them", arguments: TestDatabaseKind.available)
    func searchesAreSeen(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let person = try await harness.environment.records.createPerson(
                kind: .child, details: PersonDetails(name: "Robin Testchild"), by: staff.user.id, now: harness.clock.now)
            #expect(try await harness.request(.get, "/people?q=Robin", as: dsl).status == .ok)
            let viewers = try await harness.environment.audit.viewers(of: "person:\(person.id.uuidString.lowercased())")
            #expect(viewers.contains { $0.actor == AuditName.user(dsl.user.id) })
        }
    }

    @Test("a share to a colleague expires like one to a partner", arguments: TestDatabaseKind.available)
    func colleagueSharesExpire(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let colleague = try await harness.browser(.staff)
            let now = harness.clock.now
            let (person, concern) = try await Self.submittedConcern(harness, by: staff, now: now)
            let share = try await harness.environment.shares.record(
                ShareTests.adviceProposal(
                    of: concern, about: person, by: staff.user,
                    to: ShareRecipient(kind: .staff, label: "A colleague", userID: colleague.user.id), now: now))
            #expect(share.status == .shared)
            let expiry = try #require(share.expiresAt)
            #expect(expiry == now.addingTimeInterval(Share.linkLifetime))
            #expect(try await harness.environment.shares.facts(share.id)?.isOpen(now: expiry.addingTimeInterval(1)) == false)
        }
    }
}
