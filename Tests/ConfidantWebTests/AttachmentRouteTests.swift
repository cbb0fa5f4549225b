import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import ConfidantWeb

@Suite("Attachments and body maps over HTTP")
struct AttachmentRouteTests {
    let records = RecordTests()

    /// A PDF small enough to read: its first bytes are what makes it one.
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    /// A multipart body as a browser sends the attach form: the token first, the caption, then each file.
    static func multipart(
        csrf: String?, caption: String = "", files: [(name: String, bytes: [UInt8])], closed: Bool = true, boundary: String = "----confidanttest"
    ) -> ByteBuffer {
        var body: [UInt8] = []
        func part(_ headers: String, _ bytes: [UInt8]) {
            body += Array("--\(boundary)\r\n\(headers)\r\n\r\n".utf8) + bytes + Array("\r\n".utf8)
        }
        if let csrf { part("Content-Disposition: form-data; name=\"_csrf\"", Array(csrf.utf8)) }
        part("Content-Disposition: form-data; name=\"caption\"", Array(caption.utf8))
        for file in files {
            part(
                "Content-Disposition: form-data; name=\"files\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream",
                file.bytes)
        }
        if closed { body += Array("--\(boundary)--\r\n".utf8) }
        return ByteBuffer(bytes: body)
    }

    func upload(
        _ harness: WebHarness, _ path: String, as browser: WebHarness.Browser, caption: String = "",
        files: [(name: String, bytes: [UInt8])], csrf: String? = nil, closed: Bool = true
    ) async throws -> TestResponse {
        try await harness.client.execute(
            uri: path, method: .post,
            headers: [.cookie: browser.cookie, .contentType: "multipart/form-data; boundary=----confidanttest"],
            body: Self.multipart(csrf: csrf ?? browser.csrfToken, caption: caption, files: files, closed: closed))
    }

    func get(_ harness: WebHarness, _ path: String, as browser: WebHarness.Browser) async throws -> TestResponse {
        try await harness.request(.get, path, as: browser)
    }

    /// The ids of the files a page links to, in order.
    static func fileIDs(_ page: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(page)
        while let range = rest.range(of: "href=\"/attachments/") {
            let id = String(rest[range.upperBound...].prefix(36))
            if !ids.contains(id) { ids.append(id) }
            rest = rest[range.upperBound...]
        }
        return ids
    }

    func draft(_ harness: WebHarness, as staff: WebHarness.Browser, personID: String) async throws -> String {
        let saved = try await harness.request(
            .post, "/people/\(personID)/concerns", as: staff, form: ["action": "save", "place": "Sports hall", "account": "Half written"])
        return String((saved.headers[.location] ?? "").dropFirst("/concerns/".count).prefix(36))
    }

    @Test(
        "a photo and a PDF attached to a draft: the photo is shown without its location, the PDF downloads sandboxed, each read logged",
        arguments: TestDatabaseKind.available)
    func attachAndOpen(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let personID = try await records.person(harness, as: staff)
            let concernID = try await draft(harness, as: staff, personID: personID)
            let photo = MadeUpFiles.jpegWithLocation()
            #expect(MadeUpFiles.contains(photo, MadeUpFiles.latitude))
            let sent = try await upload(
                harness, "/concerns/\(concernID)/attachments", as: staff, caption: "Messages they showed me",
                files: [("messages.jpg", photo), ("gp-letter.pdf", Self.pdf)])
            #expect(sent.status == .seeOther, "\(sent.text.prefix(500))")
            #expect(sent.headers[.location] == "/concerns/\(concernID)/edit#files")

            let page = try await get(harness, "/concerns/\(concernID)/edit", as: staff)
            #expect(page.text.contains("messages.jpg") && page.text.contains("gp-letter.pdf"))
            #expect(page.text.contains("Messages they showed me"))
            #expect(page.text.contains("where the photo was taken was removed"))
            let ids = Self.fileIDs(page.text)
            #expect(ids.count == 2)
            let (photoID, pdfID) = (ids[0], ids[1])

            let shown = try await get(harness, "/attachments/\(photoID)", as: staff)
            #expect(shown.status == .ok)
            #expect(shown.headers[.contentType] == "image/jpeg")
            #expect(shown.headers[.contentDisposition]?.hasPrefix("inline;") == true)
            let shownBytes = Array(shown.body.readableBytesView)
            #expect(shownBytes.starts(with: [0xFF, 0xD8]))
            #expect(!MadeUpFiles.contains(shownBytes, MadeUpFiles.latitude))

            let downloaded = try await get(harness, "/attachments/\(pdfID)/download", as: staff)
            #expect(downloaded.status == .ok)
            #expect(downloaded.headers[.contentType] == "application/pdf")
            #expect(downloaded.headers[.contentDisposition] == "attachment; filename=\"gp-letter.pdf\"; filename*=UTF-8''gp-letter.pdf")
            #expect(downloaded.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(downloaded.headers[.xContentTypeOptions] == "nosniff")
            #expect(Array(downloaded.body.readableBytesView) == Self.pdf)
            // A PDF is never shown in the page: its plain address downloads it too.
            let plain = try await get(harness, "/attachments/\(pdfID)", as: staff)
            #expect(plain.headers[.contentDisposition]?.hasPrefix("attachment;") == true)

            let reads = try await harness.environment.audit.search(action: "case_read", target: "attachment:\(pdfID.lowercased())")
            #expect(reads.count == 2)
            let views = try await harness.environment.audit.search(action: "case_read", target: "attachment:\(photoID.lowercased())")
            #expect(views.count == 1)
            #expect(views.first?.detail.contains("concern:\(concernID.lowercased())") == true)
            let added = try await harness.environment.audit.search(action: "attachment_added", target: "concern:\(concernID.lowercased())")
            #expect(added.count == 2)
        }
    }

    @Test("who may open which file: staff their own, leads every one, others nothing", arguments: TestDatabaseKind.available)
    func accessMatrix(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let author = try await harness.browser(.staff)
            let otherStaff = try await harness.browser(.staff)
            let dsl = try await harness.browser(.dsl)
            let deputy = try await harness.browser(.deputyDSL)
            let personID = try await records.person(harness, as: author)
            let concernID = try await records.submittedConcern(harness, as: author, personID: personID)
            // The author's file on the concern (an addendum now it is submitted), a lead's file on it, and one on the person.
            #expect(
                try await upload(harness, "/concerns/\(concernID)/attachments", as: author, files: [("note.txt", Array("seen at 5pm".utf8))]).status
                    == .seeOther)
            #expect(
                try await upload(harness, "/concerns/\(concernID)/attachments", as: dsl, files: [("strategy.txt", Array("lead's notes".utf8))]).status
                    == .seeOther)
            #expect(try await upload(harness, "/people/\(personID)/attachments", as: author, files: [("consent.pdf", Self.pdf)]).status == .seeOther)
            let all = try await harness.environment.attachments.attachments(of: .concern(UUID(uuidString: concernID)!))
            #expect(all.count == 2 && all.allSatisfy(\.isAddendum))
            let authors = try #require(all.first { $0.addedBy == author.user.id }).id.uuidString
            let leads = try #require(all.first { $0.addedBy == dsl.user.id }).id.uuidString
            let personFile = try #require(try await harness.environment.attachments.attachments(of: .person(UUID(uuidString: personID)!)).first).id
                .uuidString

            let expected: [(WebHarness.Browser, String, HTTPResponse.Status)] = [
                (author, authors, .ok), (author, leads, .notFound), (author, personFile, .ok),
                (otherStaff, authors, .notFound), (otherStaff, leads, .notFound), (otherStaff, personFile, .notFound),
                (dsl, authors, .ok), (dsl, leads, .ok), (dsl, personFile, .ok),
                (deputy, authors, .ok), (deputy, leads, .ok), (deputy, personFile, .ok),
            ]
            for (browser, file, status) in expected {
                for path in ["/attachments/\(file)", "/attachments/\(file)/download"] {
                    let response = try await get(harness, path, as: browser)
                    #expect(response.status == status, "\(browser.user.role) \(path)")
                }
            }
            for role in [UserRole.admin, .manager, .auditor, .partner] {
                let browser = try await harness.browser(role)
                #expect(try await get(harness, "/attachments/\(authors)", as: browser).status == .forbidden, "\(role)")
                #expect(try await upload(harness, "/concerns/\(concernID)/attachments", as: browser, files: [("x.txt", [65])]).status == .forbidden)
            }
            // Staff who may not open the record may not attach to it either, and the page lists only what the viewer may open.
            #expect(try await upload(harness, "/concerns/\(concernID)/attachments", as: otherStaff, files: [("x.txt", [65])]).status == .notFound)
            let authorsPage = try await get(harness, "/concerns/\(concernID)", as: author)
            #expect(authorsPage.text.contains("note.txt") && !authorsPage.text.contains("strategy.txt"))
            #expect(authorsPage.text.contains("added after submitting"))
            let leadsPage = try await get(harness, "/concerns/\(concernID)", as: dsl)
            #expect(leadsPage.text.contains("note.txt") && leadsPage.text.contains("strategy.txt"))
            // Only the reads that returned a file were logged: one for each 200 above.
            let reads = try await harness.environment.audit.search(
                action: "case_read", targets: [authors, leads, personFile].map { "attachment:\($0.lowercased())" })
            #expect(reads.count == expected.filter { $0.2 == .ok }.count * 2)
        }
    }

    @Test("an upload without the page's token, or with it out of place, is refused and keeps nothing", arguments: TestDatabaseKind.available)
    func uploadNeedsToken(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let personID = try await records.person(harness, as: staff)
            let path = "/people/\(personID)/attachments"
            let wrong = try await upload(harness, path, as: staff, files: [("a.txt", [65])], csrf: "not-the-token")
            #expect(wrong.status == .forbidden)
            let missing = try await harness.client.execute(
                uri: path, method: .post, headers: [.cookie: staff.cookie, .contentType: "multipart/form-data; boundary=----confidanttest"],
                body: Self.multipart(csrf: nil, files: [("a.txt", [65])]))
            #expect(missing.status == .forbidden)
            #expect(try await harness.environment.attachments.attachments(of: .person(UUID(uuidString: personID)!)).isEmpty)
        }
    }

    @Test("bad files are refused with a message the uploader can act on, and nothing of the upload is kept", arguments: TestDatabaseKind.available)
    func badInput(kind: TestDatabaseKind) async throws {
        let limits = AttachmentLimits(perFile: 64 * 1024, perRecord: 256 * 1024)
        var configuration = WebConfiguration(bcryptCost: 4)
        configuration.attachmentLimits = limits
        try await WebHarness.run(kind, configuration: configuration) { harness in
            let staff = try await harness.browser(.staff)
            let personID = try await records.person(harness, as: staff)
            let path = "/people/\(personID)/attachments"
            let bomb = MadeUpFiles.docx(declared: ["word/document.xml": 900_000_000])
            let cases: [([(name: String, bytes: [UInt8])], String)] = [
                ([("empty.txt", [])], "is empty"),
                ([("big.txt", [UInt8](repeating: 65, count: 70 * 1024))], "larger than"),
                ([("letter.pdf", MadeUpFiles.jpegWithLocation())], "named as another kind of file"),
                ([("report.docx", bomb)], "unpacks to far more"),
                ([("run.exe", Array("MZ\u{90}\u{00}".utf8) + [UInt8](repeating: 0, count: 100))], "not a kind of file Confidant keeps"),
                ([("bad\u{202E}txt.pdf", Self.pdf)], "name"),
                // A good file beside a bad one: neither is kept.
                ([("fine.pdf", Self.pdf), ("empty.txt", [])], "is empty"),
                ([], "Choose at least one file"),
            ]
            for (files, message) in cases {
                let response = try await upload(harness, path, as: staff, files: files)
                #expect(response.status == .badRequest, "\(files.map(\.name))")
                #expect(response.text.contains(message), "\(files.map(\.name)): \(response.text.prefix(300))")
            }
            let cut = try await upload(harness, path, as: staff, files: [("half.pdf", Self.pdf)], closed: false)
            #expect(cut.status == .badRequest)
            #expect(cut.text.contains("cut off"))
            #expect(try await harness.environment.attachments.attachments(of: .person(UUID(uuidString: personID)!)).isEmpty)
            let rows = try await harness.environment.database.countRows("attachments")
            #expect(rows == 0, "incomplete rows left behind")
            #expect(try await harness.environment.database.countRows("attachment_pieces") == 0)
            // Within the limits, the record fills up: the fifth 60 KB file would pass 256 KB.
            for number in 1...4 {
                let ok = try await upload(harness, path, as: staff, files: [("part\(number).txt", [UInt8](repeating: 66, count: 60 * 1024))])
                #expect(ok.status == .seeOther)
            }
            let full = try await upload(harness, path, as: staff, files: [("part5.txt", [UInt8](repeating: 66, count: 60 * 1024))])
            #expect(full.status == .badRequest)
            #expect(full.text.contains("past 256 KB of attachments"))
        }
    }

    @Test(
        "a draft's body map is marked by tapping and from the list, frozen once submitted, and combined on the person's page",
        arguments: TestDatabaseKind.available)
    func bodyMaps(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            let personID = try await records.person(harness, as: staff)
            let first = try await draft(harness, as: staff, personID: personID)
            let tapped = try await harness.request(
                .post, "/concerns/\(first)/body-map", as: staff,
                form: [
                    "region": "left-forearm-front", "x": "152.5", "y": "190", "kind": "bruise", "size": "3 cm", "colour": "blue-purple",
                    "seen_on": "2026-11-10", "note": "Said they fell",
                ])
            #expect(tapped.status == .seeOther)
            let listed = try await harness.request(
                .post, "/concerns/\(first)/body-map", as: staff, form: ["region": "upper-back-back", "kind": "cut_or_graze", "seen_on": "10/11/2026"])
            #expect(listed.status == .seeOther)
            let wrong = try await harness.request(
                .post, "/concerns/\(first)/body-map", as: staff, form: ["region": "elbow", "kind": "", "seen_on": "2099-01-01"])
            #expect(wrong.status == .badRequest)
            #expect(
                wrong.text.contains("Choose where on the body") && wrong.text.contains("Choose what was seen")
                    && wrong.text.contains("cannot be in the future"))
            let page = try await get(harness, "/concerns/\(first)/body-map", as: staff)
            #expect(page.text.contains("Left forearm, front") && page.text.contains("Upper back") && page.text.contains("Said they fell"))
            #expect(page.text.contains("cx=\"152.5\" cy=\"190.0\""))
            // Another staff member's drafts and maps stay closed to them.
            let other = try await harness.browser(.staff)
            #expect(try await get(harness, "/concerns/\(first)/body-map", as: other).status == .notFound)
            #expect(
                try await harness.request(
                    .post, "/concerns/\(first)/body-map", as: other, form: ["region": "chest-front", "kind": "bite", "seen_on": "2026-11-10"]
                ).status == .notFound)

            var fields = RecordTests.completeForm
            fields["action"] = "submit"
            #expect(try await harness.request(.post, "/concerns/\(first)/edit", as: staff, form: fields).status == .seeOther)
            let frozen = try await harness.request(
                .post, "/concerns/\(first)/body-map", as: staff, form: ["region": "chest-front", "kind": "bite", "seen_on": "2026-11-10"])
            #expect(frozen.status == .conflict)
            let marks = try await harness.environment.bodyMarks.marks(on: UUID(uuidString: first)!)
            #expect(marks.count == 2)
            let remove = try await harness.request(.post, "/concerns/\(first)/body-map/\(marks[0].id)/remove", as: staff, form: [:])
            #expect(remove.status == .conflict)

            let second = try await draft(harness, as: staff, personID: personID)
            let today = CalendarDay(containing: harness.clock.now).iso
            #expect(
                try await harness.request(
                    .post, "/concerns/\(second)/body-map", as: staff, form: ["region": "right-thigh-front", "kind": "burn", "seen_on": today]
                ).status == .seeOther)
            let person = try await get(harness, "/people/\(personID)", as: staff)
            #expect(person.text.contains("3 of 3 marks, from 2 concerns"))
            let filtered = try await get(harness, "/people/\(personID)?seen_from=\(today)", as: staff)
            #expect(filtered.text.contains("1 of 3 marks, from 1 concern"))
            #expect(filtered.text.contains("<td>Right thigh, front</td>") && !filtered.text.contains("<td>Upper back</td>"))
        }
    }

    @Test(
        "in shares: an identified share carries the chosen photo and the body map and its recipient opens both; a de-identified one carries the map but no file, as its preview says; a contact without an account opens the file with their code's pass",
        arguments: TestDatabaseKind.available)
    func inShares(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let shares = ShareTests()
            let c = try await shares.setUp(harness)
            let personID = try await records.person(harness, as: c.staff, name: "Kit Testchild")
            let concernID = try await draft(harness, as: c.staff, personID: personID)
            #expect(
                try await upload(
                    harness, "/concerns/\(concernID)/attachments", as: c.staff, caption: "Messages they showed me",
                    files: [("messages.jpg", MadeUpFiles.jpegWithLocation()), ("gp-letter.pdf", Self.pdf)]
                ).status == .seeOther)
            #expect(
                try await harness.request(
                    .post, "/concerns/\(concernID)/body-map", as: c.staff,
                    form: [
                        "region": "left-forearm-front", "x": "152.5", "y": "190", "kind": "bruise", "size": "3 cm", "seen_on": "2026-11-10",
                        "note": "Kit Testchild said it happened at home",
                    ]
                ).status == .seeOther)
            let ids = Self.fileIDs(try await get(harness, "/concerns/\(concernID)/edit", as: c.staff).text)
            let (photoID, pdfID) = (ids[0], ids[1])
            var fields = RecordTests.completeForm
            fields["action"] = "submit"
            #expect(try await harness.request(.post, "/concerns/\(concernID)/edit", as: c.staff, form: fields).status == .seeOther)

            // The printed chronology carries the person's body map, drawn and listed.
            let printed = try await get(harness, "/people/\(personID)/chronology/print", as: c.dsl)
            #expect(printed.text.contains("<h2>Body map</h2>") && printed.text.contains("<td>Left forearm, front</td>"))
            #expect(printed.text.contains("cx=\"152.5\" cy=\"190.0\""))
            let form = try await get(harness, "/concerns/\(concernID)/share", as: c.dsl)
            #expect(form.text.contains("id=\"files-\(photoID)\"") && form.text.contains("id=\"parts-body_map\""))
            // The share form of a concern with no body map offers none.
            #expect(!(try await get(harness, "/concerns/\(c.concernID)/share", as: c.dsl)).text.contains("parts-body_map"))

            let base = shares.proposal(c, action: "check", changes: ["parts": "body_map"])
            let deidentified = try await harness.request(
                .post, "/concerns/\(concernID)/share", as: c.dsl, form: base.merging(["form": "deidentified"]) { $1 },
                repeated: ["files": [photoID]])
            #expect(deidentified.status == .ok)
            #expect(deidentified.text.contains("Not sent: messages.jpg;"))
            #expect(deidentified.text.contains("<td>Left forearm, front</td>"))
            #expect(!deidentified.text.contains("<td class=\"record-text\">Kit Testchild said"))
            #expect(!deidentified.text.contains("href=\"/attachments/"))

            // Files alone in a de-identified share would send nothing: it is refused, saying what to choose.
            let nothing = try await harness.request(
                .post, "/concerns/\(concernID)/share", as: c.dsl, form: base.merging(["form": "deidentified", "parts": ""]) { $1 },
                repeated: ["files": [photoID]])
            #expect(nothing.status == .badRequest && nothing.text.contains("Choose at least one part of the record to share"))
            let identified = try await harness.request(
                .post, "/concerns/\(concernID)/share", as: c.dsl, form: base, repeated: ["files": [photoID]])
            #expect(identified.text.contains("href=\"/attachments/\(photoID)/download\""))
            #expect(!identified.text.contains("gp-letter.pdf</a>") && !identified.text.contains("files-withheld"))

            let sent = try await harness.request(
                .post, "/concerns/\(concernID)/share", as: c.dsl, form: base.merging(["action": "share"]) { $1 }, repeated: ["files": [photoID]])
            let id = try #require(shares.shareID(sent))
            let created = try await harness.environment.audit.search(action: "share_created", target: "share:\(id.uuidString.lowercased())")
            let photo = try #require(try await harness.environment.attachments.attachment(UUID(uuidString: photoID)!))
            #expect(created.first?.detail.contains("attachment:\(photoID.lowercased()) sha256:\(photo.sha256)") == true)

            // The partner sees the photo and the body map, and opens the photo through the share; the PDF was not sent.
            let page = try await get(harness, "/shares/\(id)", as: c.partner)
            #expect(page.status == .ok)
            #expect(page.text.contains("<img src=\"/shares/\(id)/files/\(photoID)\""))
            #expect(page.text.contains("<td>Left forearm, front</td>") && page.text.contains("cx=\"152.5\" cy=\"190.0\""))
            let image = try await get(harness, "/shares/\(id)/files/\(photoID)", as: c.partner)
            #expect(image.status == .ok && image.headers[.contentType] == "image/jpeg")
            #expect(!MadeUpFiles.contains(Array(image.body.readableBytesView), MadeUpFiles.latitude))
            let saved = try await get(harness, "/shares/\(id)/files/\(photoID)/download", as: c.partner)
            #expect(saved.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(try await get(harness, "/shares/\(id)/files/\(pdfID)", as: c.partner).status == .notFound)
            #expect(try await get(harness, "/attachments/\(photoID)", as: c.partner).status == .forbidden)
            #expect(try await harness.request(.get, "/shares/\(id)/files/\(photoID)").status == .notFound)
            // A lead's password alone, before the second factor, opens no file although the route is open to a pass.
            let halfway = try await harness.environment.sessions.start(
                userID: c.dsl.user.id, now: harness.clock.now, address: "127.0.0.1", stage: .needsCode)
            let owesCode = try await harness.request(
                .get, "/shares/\(id)/files/\(photoID)", headers: [.cookie: "confidant_session=\(halfway.token)"])
            #expect(owesCode.status == .notFound)
            let reads = try await harness.environment.audit.search(action: "case_read", target: "attachment:\(photoID.lowercased())")
            #expect(
                reads.filter { $0.actor == AuditName.user(c.partner.user.id) && $0.detail.contains("share:\(id.uuidString.lowercased())") }.count == 2
            )

            // A contact without an account: the code's page sets a pass for this share's files only, for an hour.
            let agencyID = try #require(try await harness.environment.shares.agencies().first?.id)
            _ = try await harness.request(
                .post, "/agencies/\(agencyID)/contacts", as: c.dsl, form: ["name": "Nia Noaccount", "email": "nia@example.org"])
            let nia = try #require(try await harness.environment.shares.contacts(email: "nia@example.org").first)
            let toNia = try await harness.request(
                .post, "/concerns/\(concernID)/share", as: c.dsl,
                form: base.merging(["action": "share", "recipient": "contact:\(nia.id)"]) { $1 }, repeated: ["files": [photoID]])
            let niaShare = try #require(shares.shareID(toNia))
            let (token, cookie) = try await harness.anonymousFormToken("/shares/\(niaShare)/code")
            _ = try await harness.request(.post, "/shares/\(niaShare)/code", form: ["_csrf": token], headers: [.cookie: cookie])
            let code = try #require(try await harness.environment.outbox.messages().last?.body.firstMatch(of: /\d{8}/).map { String($0.output) })
            let opened = try await harness.request(
                .post, "/shares/\(niaShare)/code/open", form: ["_csrf": token, "code": code], headers: [.cookie: cookie])
            #expect(opened.status == .ok && opened.text.contains("The files below open from this page until"))
            let setPass = try #require(opened.headers[values: .setCookie].first { $0.hasPrefix("\(ShareRoutes.passCookie)=") })
            #expect(setPass.contains("Path=/shares/\(niaShare)/files") && setPass.contains("HttpOnly") && setPass.contains("SameSite=Strict"))
            let pass = String(setPass.dropFirst(ShareRoutes.passCookie.count + 1).prefix { $0 != ";" })
            let withPass: HTTPFields = [.cookie: "\(ShareRoutes.passCookie)=\(pass)"]
            let byContact = try await harness.request(.get, "/shares/\(niaShare)/files/\(photoID)", headers: withPass)
            #expect(byContact.status == .ok)
            let contactReads = try await harness.environment.audit.search(action: "case_read", target: "attachment:\(photoID.lowercased())")
            #expect(contactReads.contains { $0.actor == AuditName.contact(nia.id) })
            // The pass opens nothing of another share, nothing the share did not send, and nothing after its hour.
            #expect(try await harness.request(.get, "/shares/\(id)/files/\(photoID)", headers: withPass).status == .notFound)
            #expect(try await harness.request(.get, "/shares/\(niaShare)/files/\(pdfID)", headers: withPass).status == .notFound)
            #expect(
                try await harness.request(.get, "/shares/\(niaShare)/files/\(photoID)", headers: [.cookie: "\(ShareRoutes.passCookie)=forged"])
                    .status == .notFound)
            harness.clock.advance(by: ShareStore.passLifetime + 1)
            #expect(try await harness.request(.get, "/shares/\(niaShare)/files/\(photoID)", headers: withPass).status == .notFound)
        }
    }
}
