import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Logging
import Testing

@testable import ConfidantWeb

@Suite("Recording concerns, triage and chronology")
struct RecordTests {
    static let completeForm: [String: String] = [
        "conversation_date": "2026-11-10", "conversation_time": "16:20", "place": "The sports hall after training",
        "disclosed_by": "person", "account": "\"Uncle Zed hits me when mum is out\" (made-up test words)",
        "observations": "A bruise on the left forearm", "opinion": "Seemed frightened", "limits_explained": "yes",
        "limits_how": "Said at the start I might have to tell the safeguarding lead", "secrecy_requested": "yes",
        "offered": "limited", "categories": "physical", "risk": "significant_harm",
        "actions_taken": "Told the DSL by phone at 16:45",
    ]

    /// Creates a person as `browser` and returns the person's id from the redirect.
    func person(
        _ harness: WebHarness, as browser: WebHarness.Browser, name: String = "Robin Testchild", dob: String = "2014-03-27"
    ) async throws -> String {
        let response = try await harness.request(
            .post, "/people", as: browser,
            form: ["kind": "child", "name": name, "date_of_birth": dob, "confirm_new": "yes"])
        #expect(response.status == .seeOther)
        return String((response.headers[.location] ?? "").dropFirst("/people/".count))
    }

    /// Records and submits a complete concern; returns its id.
    func submittedConcern(
        _ harness: WebHarness, as browser: WebHarness.Browser, personID: String,
        changes: [String: String] = [:]
    ) async throws -> String {
        var fields = Self.completeForm.merging(changes) { $1 }
        fields["action"] = "submit"
        let response = try await harness.request(.post, "/people/\(personID)/concerns", as: browser, form: fields)
        #expect(response.status == .seeOther, "\(response.text.prefix(2000))")
        let location = response.headers[.location] ?? ""
        return String(location.dropFirst("/concerns/".count).prefix(36))
    }

    @Test("a staff member saves a draft, resumes it, fixes an error and submits; it is then final", arguments: TestDatabaseKind.available)
    func draftAndSubmit(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let personID = try await person(harness, as: staff)
            let draft = try await harness.request(
                .post, "/people/\(personID)/concerns", as: staff,
                form: ["action": "save", "place": "Sports hall", "account": "Half written"])
            #expect(draft.status == .seeOther)
            let edit = try #require(draft.headers[.location])
            #expect(edit.hasSuffix("/edit?saved=1"))
            let concernID = String(edit.dropFirst("/concerns/".count).prefix(36))
            let resumed = try await harness.request(.get, "/concerns/\(concernID)/edit", as: staff)
            #expect(resumed.text.contains("Half written"))

            var fields = Self.completeForm
            fields["action"] = "submit"
            fields["conversation_date"] = "2099-01-01"
            let future = try await harness.request(.post, "/concerns/\(concernID)/edit", as: staff, form: fields)
            #expect(future.status == .badRequest)
            #expect(future.text.contains("The conversation cannot be in the future"))

            fields["conversation_date"] = "2026-11-10"
            let submitted = try await harness.request(.post, "/concerns/\(concernID)/edit", as: staff, form: fields)
            #expect(submitted.headers[.location] == "/concerns/\(concernID)?submitted=1")

            // Final: no route edits it, and the form refuses.
            let again = try await harness.request(
                .post, "/concerns/\(concernID)/edit", as: staff, form: fields.merging(["account": "changed"]) { $1 })
            #expect(again.status == .conflict)
            let view = try await harness.request(.get, "/concerns/\(concernID)", as: staff)
            #expect(view.text.contains("Uncle Zed hits me"))
            #expect(!view.text.contains("changed"))
            for route in harness.declared where route.path.hasPrefix("/concerns/") {
                #expect(!["PUT", "PATCH", "DELETE"].contains(route.method), "\(route.method) \(route.path)")
            }
            // An addendum keeps the original.
            _ = try await harness.request(.post, "/concerns/\(concernID)/addenda", as: staff, form: ["text": "The bruise was on the right arm"])
            let withAddendum = try await harness.request(.get, "/concerns/\(concernID)", as: staff)
            #expect(withAddendum.text.contains("left forearm"))
            #expect(withAddendum.text.contains("The bruise was on the right arm"))
        }
    }

    @Test(
        "a submitted concern needs every part good practice asks for, each named",
        arguments: [
            ("disclosed_by", "", "Choose who told you"),
            ("account", "", "in their own words"),
            ("limits_explained", "", "explained the limits"),
            ("limits_how", "", "how you explained"),
            ("offered", "", "what you told them about confidentiality"),
            ("categories", "", "at least one category"),
            ("risk", "", "immediate risk"),
            ("actions_taken", "", "what you did next"),
            ("risk", "catastrophic", "Choose one of the options"),
            ("conversation_date", "2026-02-30", "Enter the date like 24/11/2026"),
            ("conversation_date", "2010-01-01", "cannot be before the person"),
            ("account", String(repeating: "x", count: 20_001), "Keep this to 20,000 characters"),
        ])
    func submissionChecks(field: String, value: String, message: String) async throws {
        for kind in TestDatabaseKind.available {
            try await WebHarness.run(kind, configuration: WebConfiguration(maxRequestBodyBytes: 1_048_576, bcryptCost: 4)) { harness in
                let staff = try await harness.browser(.staff)
                let personID = try await person(harness, as: staff)
                var fields = Self.completeForm
                fields[field] = value
                fields["action"] = "submit"
                let response = try await harness.request(.post, "/people/\(personID)/concerns", as: staff, form: fields)
                #expect(response.status == .badRequest)
                #expect(response.text.contains(message))
                #expect(try await harness.environment.records.concerns(writtenBy: staff.user.id).isEmpty)
            }
        }
    }

    @Test("scripts typed into a record are shown as text, never run", arguments: TestDatabaseKind.available)
    func scriptsInert(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let personID = try await person(harness, as: staff, name: "<img src=x onerror=alert(1)>")
            let id = try await submittedConcern(harness, as: staff, personID: personID, changes: ["account": "<script>alert('x')</script>"])
            let view = try await harness.request(.get, "/concerns/\(id)", as: staff)
            #expect(!view.text.contains("<script>alert"))
            #expect(!view.text.contains("<img src=x"))
            #expect(view.text.contains("&lt;script&gt;"))
        }
    }

    @Test("narratives and names are not in the database in the clear", arguments: TestDatabaseKind.available)
    func encryptedAtRest(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let personID = try await person(harness, as: staff, name: "Quillon Secretname")
            _ = try await submittedConcern(harness, as: staff, personID: personID)
            var stored = ""
            for table in ["people", "concerns"] {
                for column in table == "people" ? ["sealed_details"] : ["sealed_narrative"] {
                    stored += try await harness.environment.database.strings("SELECT \(column) FROM \(table)").joined()
                }
            }
            #expect(!stored.isEmpty)
            for secret in ["Quillon", "Secretname", "Uncle Zed", "bruise", "sports hall"] {
                #expect(!stored.localizedCaseInsensitiveContains(secret), "\(secret)")
            }
        }
    }

    @Test("the SQLite file itself holds no narrative text")
    func sqliteFileScan() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var logger = Logger(label: "scan")
        logger.logLevel = .critical
        let database = try ConfidantDatabase(location: .sqliteFile(path: path), logger: logger)
        try await database.migrate()
        let records = RecordStore(database, cipher: FieldCipher(current: WebHarness.dataKey))
        let author = try await UserStore(database).create(
            try AccountDetails(name: "Author", email: "author@example.org"),
            role: .staff, passwordHash: nil, now: Date(), by: "system")
        let person = try await records.createPerson(kind: .child, details: PersonDetails(name: "Quillon Secretname"), by: author.id, now: Date())
        var concern = Concern(id: UUID(), personID: person.id, authorID: author.id, createdAt: Date(), updatedAt: Date())
        concern.narrative.account = "Zebrafinch whispered the password"
        _ = try await records.saveDraft(concern, by: author.id, now: Date())
        try await database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        await database.shutdown()
        var bytes = Data()
        for suffix in ["", "-wal"] { bytes.append(FileManager.default.contents(atPath: path + suffix) ?? Data()) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.count > 0)
        #expect(!text.contains("Zebrafinch"))
        #expect(!text.contains("Quillon"))
    }

    @Test("who sees what: staff their own, leads everything, others nothing", arguments: TestDatabaseKind.available)
    func accessMatrix(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let author = try await harness.browser(.staff)
            let personID = try await person(harness, as: author)
            let concernID = try await submittedConcern(harness, as: author, personID: personID)
            var browsers: [UserRole: WebHarness.Browser] = [:]
            for role in UserRole.allCases { browsers[role] = try await harness.browser(role) }
            let expectations: [(String, HTTPRequest.Method, [String: String]?)] = [
                ("/people/\(personID)", .get, nil),
                ("/concerns/\(concernID)", .get, nil),
                ("/api/v1/people/\(personID)/chronology", .get, nil),
                ("/concerns/\(concernID)/addenda", .post, ["text": "more"]),
            ]
            for (uri, method, form) in expectations {
                #expect(try await harness.request(method, uri, as: author, form: form).status.code < 400, "author \(uri)")
                for role in UserRole.allCases {
                    let status = try await harness.request(method, uri, as: browsers[role], form: form).status
                    switch role {
                    case .dsl, .deputyDSL: #expect(status.code < 400, "\(role.rawValue) \(method) \(uri)")
                    case .staff where uri == "/people/\(personID)":
                        // Everyone recorded on their own is in the directory: another staff member finds them, and sees
                        // only the directory's details (DirectoryTests), never the record.
                        #expect(status == .ok, "another staff member \(method) \(uri)")
                    case .staff: #expect(status == .notFound, "another staff member \(method) \(uri)")
                    default: #expect(status == .forbidden, "\(role.rawValue) \(method) \(uri)")
                    }
                }
            }
            // Only leads decide.
            #expect(
                try await harness.request(
                    .post, "/concerns/\(concernID)/decision", as: author,
                    form: ["outcome": "monitor", "reason": "x", "review_date": "2099-01-01"]
                ).status == .forbidden)
            // Managers get counts, and no names.
            let figures = try await harness.request(.get, "/reports", as: browsers[.manager])
            #expect(figures.status == .ok)
            // One concern is a small number: held back so nobody can be recognised from it.
            #expect(figures.text.contains("<th scope=\"row\">Physical abuse</th><td data-label=\"This period\">fewer than 5</td>"))
            #expect(!figures.text.contains("Robin"))
        }
    }

    @Test("every read of a record is in the audit log before the page is returned", arguments: TestDatabaseKind.available)
    func readsAudited(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let personID = try await person(harness, as: staff)
            let concernID = try await submittedConcern(harness, as: staff, personID: personID)
            for uri in ["/people/\(personID)", "/concerns/\(concernID)", "/api/v1/people/\(personID)/chronology"] {
                let before = try await harness.environment.audit.search(actor: AuditName.user(dsl.user.id), action: "case_read").count
                #expect(try await harness.request(.get, uri, as: dsl).status == .ok)
                let after = try await harness.environment.audit.search(actor: AuditName.user(dsl.user.id), action: "case_read").count
                #expect(after > before, "\(uri)")
            }
            let seen = try await harness.request(.get, "/audit/seen-by?target=concern:\(concernID.lowercased())", as: dsl)
            #expect(seen.text.contains(dsl.user.email))
        }
    }

    @Test("the triage queue puts immediate danger first, shows alerts and the badge; a decision takes it off", arguments: TestDatabaseKind.available)
    func triage(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let personID = try await person(harness, as: staff)
            let concern = try await submittedConcern(harness, as: staff, personID: personID, changes: ["risk": "concern"])
            harness.clock.advance(by: 20 * 60)
            let urgent = try await submittedConcern(
                harness, as: staff, personID: personID,
                changes: ["risk": "immediate_danger", "offered": "absolute"])
            let queue = try await harness.request(.get, "/triage", as: dsl)
            let text = queue.text
            let first = try #require(text.range(of: urgent)), second = try #require(text.range(of: concern))
            #expect(first.lowerBound < second.lowerBound)
            #expect(text.contains("Immediate danger"))
            #expect(text.contains("Absolute confidentiality was promised"))
            #expect(text.contains("<span class=\"badge\">2</span>"))

            let missingReason = try await harness.request(.post, "/concerns/\(urgent)/decision", as: dsl, form: ["outcome": "monitor"])
            #expect(missingReason.status == .badRequest)
            #expect(missingReason.text.contains("Give the reason"))
            let decided = try await harness.request(
                .post, "/concerns/\(urgent)/decision", as: dsl,
                form: ["outcome": "monitor", "reason": "Police informed; review next week", "review_date": "2099-01-08"])
            #expect(decided.status == .seeOther)
            let after = try await harness.request(.get, "/triage", as: dsl)
            #expect(!after.text.contains(urgent))
            #expect(after.text.contains("<span class=\"badge\">1</span>"))

            // Taking the chronology out is an export: it needs a recent step-up.
            #expect(try await harness.request(.get, "/api/v1/people/\(personID)/chronology", as: dsl).status == .forbidden)
            try await harness.environment.sessions.stepUp(token: dsl.sessionToken, now: harness.clock.now)
            let chronology = try await harness.request(.get, "/api/v1/people/\(personID)/chronology", as: dsl)
            #expect(chronology.text.contains("Decision: Monitor"))
            let page = try await harness.request(.get, "/people/\(personID)?category=physical&from=2026-11-01&to=2026-11-30", as: dsl)
            #expect(page.text.contains("Decision: Monitor, with a review date"))
        }
    }

    @Test("a likely duplicate is flagged before a second record is made", arguments: TestDatabaseKind.available)
    func duplicates(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            _ = try await person(harness, as: staff, name: "Robin Testchild", dob: "2014-03-27")
            let again = try await harness.request(
                .post, "/people", as: staff,
                form: ["kind": "child", "name": "Robyn Testchild", "date_of_birth": "2014-03-27"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("This person may already be recorded"))
            // Naming the possible duplicate is a read of their record, and is logged.
            #expect(
                try await harness.environment.audit.search(
                    actor: AuditName.user(staff.user.id), action: "case_read",
                    target: "people:duplicate-check"
                ).count == 1)
        }
    }

    @Test(
        "a colleague recording a child already in the directory is shown them, so the child is not recorded twice",
        arguments: TestDatabaseKind.available)
    func directoryDuplicateShown(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            _ = try await person(harness, as: staff, name: "Robin Testchild", dob: "2014-03-27")
            let other = try await harness.browser(.staff)
            let again = try await harness.request(
                .post, "/people", as: other, form: ["kind": "child", "name": "Robin Testchild", "date_of_birth": "2014-03-27"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("This person may already be recorded"))
        }
    }

    @Test(
        "a colleague recording a child who already has a record they cannot open (named only as a relative) is told nothing; the leads are asked",
        arguments: TestDatabaseKind.available)
    func hiddenDuplicateGoesToLeads(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let sibling = try await person(harness, as: staff, name: "Sky Testchild", dob: "2012-01-05")
            // Robin is recorded only as Sky's brother: not in the directory.
            _ = try await harness.request(
                .post, "/people/\(sibling)/links", as: staff, form: ["kind": "child", "relationship": "sibling", "name": "Robin Testchild"])
            let other = try await harness.browser(.staff)
            let hidden = try await harness.request(
                .post, "/people", as: other,
                form: ["kind": "child", "name": "Robin Testchild", "date_of_birth": "2014-03-27"])
            // One request must not confirm that a child has a record: the page is the same as for anyone new.
            #expect(hidden.status == .seeOther)
            let created = try await harness.request(.get, hidden.headers[.location] ?? "/", as: other)
            #expect(!created.text.contains("cannot open"))
            #expect(!created.text.contains("already be recorded"))
            let lead = try await harness.browser(.dsl)
            let home = try await harness.request(.get, "/home", as: lead)
            #expect(home.text.contains("1 possible duplicate to review"))
            let list = try await harness.request(.get, "/duplicates", as: lead)
            #expect(list.text.contains("A record it looks like"))
            let checks = try await harness.environment.audit.search(actor: AuditName.user(other.user.id), action: "duplicate_check", target: nil)
            #expect(checks.count == 1)
            #expect(try await harness.request(.get, "/duplicates", as: other).status == .forbidden)
        }
    }
}

@Suite("Advice without identification")
struct AdviceTests {
    @Test("a question and its answer are stored without the names the records know, or other identifiers", arguments: TestDatabaseKind.available)
    func deidentified(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            _ = try await harness.environment.records.createPerson(
                kind: .child, details: PersonDetails(name: "Tamsin Quarrington", knownAs: "Tam"), by: staff.user.id, now: harness.clock.now)
            let asked = try await harness.request(
                .post, "/advice", as: staff,
                form: [
                    "question": "Tam said her stepdad shouts. Tamsin Quarrington lives at 14 Elm Road, LS6 2AB, phone 07700 900123. What should I do?"
                ])
            #expect(asked.status == .created)
            let stored = try #require(try await harness.environment.advice.asked(by: staff.user.id).first)
            for secret in ["Tam ", "Tamsin", "Quarrington", "14 Elm Road", "LS6 2AB", "07700 900123"] {
                #expect(!stored.question.contains(secret), "\(secret) in \(stored.question)")
            }
            #expect(stored.question.contains("Child A"))
            #expect(asked.text.contains(stored.question.replacingOccurrences(of: "'", with: "&#39;").prefix(20)))

            let page = try await harness.request(.get, "/advice", as: dsl)
            #expect(page.text.contains("Questions from staff and partners"))
            let answered = try await harness.request(
                .post, "/advice/\(stored.id)/answer", as: dsl,
                form: ["answer": "Talk to me today about Tamsin Quarrington; I will call you."])
            #expect(answered.status == .seeOther)
            let answer = try #require(try await harness.environment.advice.asked(by: staff.user.id).first?.answer)
            #expect(!answer.contains("Quarrington"))
            let twice = try await harness.request(.post, "/advice/\(stored.id)/answer", as: dsl, form: ["answer": "again"])
            #expect(twice.status == .conflict)
            #expect(try await harness.request(.post, "/advice/\(stored.id)/answer", as: staff, form: ["answer": "x"]).status == .forbidden)
            #expect(try await harness.request(.post, "/advice", as: staff, form: ["question": ""]).status == .badRequest)
        }
    }
}
