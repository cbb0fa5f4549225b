import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird

/// Files on concerns and people: uploading them (checked, cleaned of location data and sealed as they arrive), and
/// viewing or downloading them, each read logged before the first byte leaves.
///
/// Who may open a file: whoever may open its record, and of them staff only the files they attached themselves; the
/// leads every file. A file the viewer may not open answers 404, like a record.
struct AttachmentRoutes: RouteRegistration {
    let environment: WebEnvironment

    var records: RecordRoutes { RecordRoutes(environment: environment) }

    func register(on routes: SecureRouter) {
        routes.post("/concerns/{id}/attachments", access: RecordRoutes.recorders) { request, context in
            let viewer = try context.signedInUser()
            let id = try await records.readableConcernID(context, viewer)
            guard let facts = try await environment.records.concernFacts(id) else { throw WebError.notFound }
            let submitted = facts.status == .submitted
            switch try await receive(request, context, on: .concern(id), isAddendum: submitted, by: viewer) {
            case .stored:
                return .redirect(to: submitted ? "/concerns/\(id)#files" : "/concerns/\(id)/edit#files")
            case .refused(let problem):
                let errors = [FieldError(field: "files-input", message: problem.description)]
                return submitted
                    ? try await records.concernPage(request, context, errors: errors, status: .badRequest)
                    : try await records.draftPage(context, errors: errors)
            }
        }
        routes.post("/people/{id}/attachments", access: RecordRoutes.recorders) { request, context in
            let (person, viewer) = try await records.readablePerson(context)
            switch try await receive(request, context, on: .person(person.id), isAddendum: false, by: viewer) {
            case .stored:
                return .redirect(to: "/people/\(person.id)#files")
            case .refused(let problem):
                return try await records.personPage(
                    request, context, errors: [FieldError(field: "files-input", message: problem.description)], status: .badRequest)
            }
        }
        routes.get("/attachments/{id}", access: RecordRoutes.recorders, returnsCaseContent: true) { _, context in
            let (attachment, viewer) = try await openable(context)
            // Only photos a browser shows safely are shown in the page; anything else is always a download.
            return try await send(attachment, to: AuditName.user(viewer.id), inline: attachment.kind.showsInline)
        }
        routes.get("/attachments/{id}/download", access: RecordRoutes.recorders, returnsCaseContent: true) { _, context in
            let (attachment, viewer) = try await openable(context)
            return try await send(attachment, to: AuditName.user(viewer.id), inline: false)
        }
    }

    // MARK: Who may open what

    /// The file in the path, when the viewer may open its record and the file.
    func openable(_ context: ConfidantRequestContext) async throws -> (Attachment, UserAccount) {
        let viewer = try context.signedInUser()
        guard let attachment = try await environment.attachments.attachment(try context.uuidParameter()),
            Attachment.canOpen(addedBy: attachment.addedBy, user: viewer),
            try await mayOpen(attachment.owner, viewer)
        else { throw WebError.notFound }
        return (attachment, viewer)
    }

    /// Whether `viewer` may open the record a file is on: a concern as its page allows (drafts only their author), a
    /// person's whole record.
    func mayOpen(_ owner: AttachmentOwner, _ viewer: UserAccount) async throws -> Bool {
        switch owner {
        case .concern(let id):
            guard let facts = try await environment.records.concernFacts(id) else { return false }
            return RecordAccess.canRead(concernBy: facts.authorID, user: viewer) && (facts.status == .submitted || facts.authorID == viewer.id)
        case .person(let id):
            guard let facts = try await environment.records.personAccessFacts(id) else { return false }
            return RecordAccess.canRead(
                personCreatedBy: facts.createdBy, concernAuthors: facts.concernAuthors, inDirectory: facts.inDirectory, user: viewer)
        }
    }

    /// The files on `owner` that `viewer` may open, as a page lists them.
    func section(
        of owner: AttachmentOwner, for viewer: UserAccount, action: String?, errors: [FieldError]
    ) async throws -> AttachmentsSection {
        let names = try await environment.users.names()
        let files = try await environment.attachments.attachments(of: owner)
            .filter { Attachment.canOpen(addedBy: $0.addedBy, user: viewer) }
        return AttachmentsSection(
            files: files.map { AttachmentsSection.Row($0, addedBy: names[$0.addedBy] ?? "unknown") }, action: action,
            error: errors.first { $0.field == "files-input" }?.message,
            limits: "Up to \(AttachmentLimits.filesPerUpload) files at a time, each up to "
                + "\(AttachmentsSection.size(environment.configuration.attachmentLimits.perFile)): "
                + "\(AttachmentKind.allowedSentence).",
            accept: AttachmentKind.allCases.map { ".\($0.fileExtension)" }.joined(separator: ","))
    }

    // MARK: Sending a file

    /// The file's bytes for `reader` (as the audit log names them), shown in the page or downloaded; `share` is the share
    /// it is opened through, for its recipient.
    func send(_ attachment: Attachment, to reader: String, inline: Bool, through share: UUID? = nil) async throws -> Response {
        let pieces = try await environment.attachments.contents(
            of: attachment, readBy: reader, as: inline ? "view" : "download", through: share, now: environment.clock())
        var headers: HTTPFields = [
            .contentType: attachment.kind.mediaType,
            .contentDisposition: Self.disposition(inline ? "inline" : "attachment", name: attachment.name),
        ]
        // A downloaded file is never run as a page of ours: a sandbox with nothing allowed, should a browser open it.
        if !inline { headers[.contentSecurityPolicy] = "default-src 'none'; sandbox" }
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: attachment.size) { writer in
                for try await piece in pieces { try await writer.write(ByteBuffer(bytes: piece)) }
                try await writer.finish(nil)
            })
    }

    /// `inline` or `attachment` with the file's name: plain letters for old browsers, the whole name in UTF-8 (RFC 6266).
    static func disposition(_ type: String, name: String) -> String {
        let plain = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 32 && !"\"\\;%".unicodeScalars.contains($0) ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? plain
        return "\(type); filename=\"\(plain)\"; filename*=UTF-8''\(encoded)"
    }

    // MARK: Receiving files

    enum Received {
        case stored([Attachment])
        case refused(AttachmentProblem)
    }

    /// One file being received: its row, its checks and how many pieces are sealed.
    struct Incoming {
        let upload: AttachmentStore.Upload
        var intake: AttachmentIntake
        var pieces = 0
    }

    /// A file received whole, waiting for the rest of the upload before it is completed.
    struct Arrived {
        let upload: AttachmentStore.Upload
        let last: [UInt8]
        let pieces: Int
        let accepted: AttachmentIntake.Accepted
    }

    /// Reads an upload's form a piece at a time: its caption, then each file, checked and sealed as it arrives. Every
    /// file is completed only once the whole form has arrived; anything wrong with any of them keeps none, and the page
    /// says why. A refused upload is read to its end (within the size limit), so the browser sees the answer.
    func receive(
        _ request: Request, _ context: ConfidantRequestContext, on owner: AttachmentOwner, isAddendum: Bool, by viewer: UserAccount
    ) async throws -> Received {
        guard let type = request.headers[.contentType], var reader = try? MultipartReader(contentType: type) else {
            throw WebError.badRequest("Send files from the page's \"Attach\" form.")
        }
        let store = environment.attachments
        let now = environment.clock()
        var form = UploadForm(room: try await store.room(on: owner), limits: store.limits)
        var received = 0
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= context.maxUploadSize else { throw WebError.payloadTooLarge(limit: context.maxUploadSize) }
                // After a refusal the rest is only counted, so that the browser, still sending, is given the answer.
                guard form.problem == nil else { continue }
                do {
                    for event in try reader.feed(buffer.readableBytesView) {
                        try await form.take(event, owner: owner, isAddendum: isAddendum, by: viewer.id, now: now, store: store)
                    }
                } catch let problem as AttachmentProblem {
                    form.problem = problem
                } catch let problem as MultipartReader.Problem {
                    form.problem = problem == .cutOff ? .cutOff : .damaged(name: "The upload", why: "it is not a form Confidant sent")
                }
            }
            if form.problem == nil, !reader.isDone { form.problem = .cutOff }
            if form.problem == nil, form.arrived.isEmpty { form.problem = .noFile }
        } catch {
            try await form.abandon(store)
            throw error
        }
        if let problem = form.problem {
            try await form.abandon(store)
            return .refused(problem)
        }
        var stored: [Attachment] = []
        for file in form.arrived {
            stored.append(
                try await store.finish(file.upload, last: file.last, pieces: file.pieces, accepted: file.accepted, by: viewer.id, now: now))
        }
        return .stored(stored)
    }

    /// What an upload's form has sent so far.
    struct UploadForm {
        var room: Int
        let limits: AttachmentLimits
        var caption = ""
        var field: String?
        var fieldBytes: [UInt8] = []
        var incoming: Incoming?
        var arrived: [Arrived] = []
        /// Every file begun, so that a refusal removes each (the one arriving is not in `incoming` while it is worked on).
        var begun: [AttachmentStore.Upload] = []
        var problem: AttachmentProblem?

        init(room: Int, limits: AttachmentLimits) {
            self.room = room
            self.limits = limits
        }

        mutating func take(
            _ event: MultipartReader.Event, owner: AttachmentOwner, isAddendum: Bool, by uploader: UUID, now: Date, store: AttachmentStore
        ) async throws {
            switch event {
            case .start(let part):
                guard let filename = part.filename else {
                    field = part.name
                    fieldBytes = []
                    return
                }
                // A file input left empty sends a part with no name and no bytes.
                guard !filename.isEmpty else {
                    field = nil
                    return
                }
                guard part.name == "files" else { throw AttachmentProblem.damaged(name: "The upload", why: "it is not a form Confidant sent") }
                guard arrived.count < AttachmentLimits.filesPerUpload else {
                    throw AttachmentProblem.tooManyFiles(limit: AttachmentLimits.filesPerUpload)
                }
                let name = try AttachmentName(filename)
                let upload = try await store.begin(owner, name: name, caption: caption, isAddendum: isAddendum, by: uploader, now: now)
                begun.append(upload)
                incoming = Incoming(upload: upload, intake: AttachmentIntake(name: name, limits: limits, roomOnRecord: room))
            case .bytes(let bytes):
                if var file = incoming {
                    incoming = nil
                    for piece in try file.intake.take(bytes[...]) {
                        try await store.add(piece, number: file.pieces, to: file.upload)
                        file.pieces += 1
                    }
                    incoming = file
                } else if field == "caption" {
                    fieldBytes += bytes
                    // Four bytes a character at most: anything longer is too long however it is spelled.
                    guard fieldBytes.count <= Attachment.maximumCaptionLength * 4 else {
                        throw AttachmentProblem.captionTooLong(limit: Attachment.maximumCaptionLength)
                    }
                }
            case .end:
                if var file = incoming {
                    incoming = nil
                    let (last, accepted) = try file.intake.finish()
                    arrived.append(Arrived(upload: file.upload, last: last, pieces: file.pieces + 1, accepted: accepted))
                    room -= accepted.size
                } else if field == "caption" {
                    caption = String(decoding: fieldBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    guard caption.count <= Attachment.maximumCaptionLength else {
                        throw AttachmentProblem.captionTooLong(limit: Attachment.maximumCaptionLength)
                    }
                }
                field = nil
            }
        }

        /// Removes every file of this upload, arrived or not.
        mutating func abandon(_ store: AttachmentStore) async throws {
            for upload in begun { try await store.abandon(upload) }
            incoming = nil
            arrived = []
            begun = []
        }
    }
}

/// The files on a record as its page lists them, with the form that attaches more.
struct AttachmentsSection: Sendable {
    struct Row: Sendable {
        let id: String
        let name: String
        let caption: String?
        let kind: String
        let size: String
        let addedBy: String
        let when: String
        /// A JPEG or PNG, shown in the page.
        let showsInline: Bool
        let removedLocation: Bool
        let isAddendum: Bool

        init(_ attachment: Attachment, addedBy: String) {
            id = attachment.id.uuidString
            name = attachment.name
            caption = attachment.caption.isEmpty ? nil : attachment.caption
            kind = attachment.kind.label
            size = AttachmentsSection.size(attachment.size)
            self.addedBy = addedBy
            when = RecordRoutes.format(attachment.addedAt)
            showsInline = attachment.kind.showsInline
            removedLocation = attachment.removedLocation
            isAddendum = attachment.isAddendum
        }
    }

    let files: [Row]
    /// Where the form posts; nil when the viewer may not attach here.
    let action: String?
    let error: String?
    let limits: String
    /// The file chooser's hint of what to offer (the server decides by content).
    let accept: String

    /// A size as people read it: "820 KB", "2.4 MB".
    static func size(_ bytes: Int) -> String {
        if bytes < 1_048_576 { return "\(max(1, (bytes + 1023) / 1024)) KB" }
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
