import ConfidantCore
import Crypto
import FluentKit
import FluentSQL
import Foundation

/// A share opened with a one-time code, and the pass that lets the same browser open its files for a while.
public struct OpenedShare: Sendable {
    public let share: Share
    /// Random, kept only as its hash; the page sets it as a cookie for this share's paths.
    public let pass: String
    public let passExpiresAt: Date
}

extension ShareStore {
    /// How long a code works.
    static let codeLifetime: TimeInterval = 15 * 60
    /// Codes one address may ask for in an hour, for any share: enough for a contact who lost an email or two,
    /// few enough that someone holding only the link cannot fill the contact's inbox.
    static let codesPerAddressPerHour = 5
    /// Codes one contact may be sent in an hour, from every address together: generous, since it only slows
    /// the mail; it cannot lock the contact out, because every code already sent keeps working.
    static let codesPerContactPerHour = 20
    /// Wrong codes one address may enter in an hour, for every share together.
    ///
    /// Counted per address, never per share or per code: a limit per share or code is one that anyone holding
    /// the link can use up on purpose (five wrong guesses, and the real contact's code is dead). Counted per
    /// address, wrong guesses only stop the address that makes them; the contact, entering from their own
    /// network, still has every live code. An 8-digit code lives 15 minutes, so one address gets 10 guesses
    /// in 10^8 an hour; a guesser spread over many addresses is slowed per address, and every failure is in
    /// the audit log with its address (`share_code_failed`) for the organisation to see and block.
    static let guessesPerAddressPerHour = 10
    static let codeWindow: TimeInterval = 3600

    /// Issues a one-time code for a share to a contact who has no account, and writes the email to the outbox.
    ///
    /// Only the code's hash is kept beside the share; the email (with the code) is in the outbox until the
    /// organisation's mail relay takes it. Earlier codes keep working until used or expired, so asking again
    /// never takes away a code the contact already has. `share_code_issued` is logged with the address, never the code.
    public func issueAccessCode(for shareID: UUID, link: String, from address: String, now: Date) async throws -> OutboxEmail {
        let key = Self.addressKey(address)
        return try await database.database.transaction { db in
            guard let share = try await ShareModel.find(shareID, on: db), let contactID = share.recipientContactID,
                try Self.facts(share).isOpen(now: now),
                let contact = try await AgencyContactModel.find(contactID, on: db)
            else { throw ShareCodeError.notAvailable }
            if try await UserModel.query(on: db).filter(\.$email == contact.email.lowercased()).first() != nil {
                throw ShareCodeError.notAvailable
            }
            // Codes for one contact are issued in turn, so a burst of requests is counted exactly.
            try await db.lockForUpdate(AgencyContactModel.schema, id: contactID)
            let since = now.addingTimeInterval(-Self.codeWindow)
            let fromAddress = try await ShareAccessCodeModel.query(on: db).filter(\.$requestedFrom == key)
                .filter(\.$createdAt > since).count()
            guard fromAddress < Self.codesPerAddressPerHour else { throw ShareCodeError.tooManyCodes }
            let contactShares = try await ShareModel.query(on: db).filter(\.$recipientContactID == contactID).all().compactMap(\.id)
            let forContact = try await ShareAccessCodeModel.query(on: db).filter(\.$shareID ~~ contactShares)
                .filter(\.$createdAt > since).count()
            guard forContact < Self.codesPerContactPerHour else { throw ShareCodeError.tooManyCodes }
            var generator = SystemRandomNumberGenerator()
            let code = String(format: "%08d", Int.random(in: 0..<100_000_000, using: &generator))
            let model = ShareAccessCodeModel()
            model.id = UUID()
            model.shareID = shareID
            model.codeHash = Self.codeHash(code, shareID: shareID)
            model.attempts = 0
            model.createdAt = now
            model.expiresAt = now.addingTimeInterval(Self.codeLifetime)
            model.requestedFrom = key
            try await model.create(on: db)
            let email = OutboxEmail(
                recipient: contact.email, subject: "Information shared with you: your one-time code",
                body: "Your one-time code is \(code). It works once, for 15 minutes, at \(link).\n"
                    + "If you did not ask for it, you can ignore this email.")
            try await outbox.queue(email, now: now, on: db)
            try await AuditLogStore.append(
                .at(
                    now, actor: AuditName.anonymous, .shareCodeIssued, target: "share:\(Self.id(shareID))",
                    ["contact": .string("contact:\(Self.id(contactID))"), "address": .string(key)]), on: db)
            return email
        }
    }

    /// Opens a share with a one-time code; the view is logged as the contact's before the share is returned.
    ///
    /// The code is checked against every live code of the share. A wrong one counts against `address` and is
    /// logged (`share_code_failed`); once the address has used its guesses, codes from it are not even checked.
    public func openWithAccessCode(_ shareID: UUID, code: String, from address: String, now: Date) async throws -> OpenedShare {
        let key = Self.addressKey(address)
        let result: Result<(ShareModel, String), ShareCodeError> = try await database.database.transaction { db in
            // The address's count is read with its row locked, and written before the transaction ends:
            // a burst of guesses from one address takes its turn, so it cannot get past the limit.
            var guesses = try await Self.guesses(from: key, now: now, on: db)
            guard guesses.failures < Self.guessesPerAddressPerHour else {
                try await Self.logFailure(shareID, address: key, reason: "too_many_guesses", now: now, on: db)
                let wait = guesses.windowStartedAt.addingTimeInterval(Self.codeWindow).timeIntervalSince(now)
                return .failure(.tooManyGuesses(seconds: max(1, Int(wait.rounded(.up)))))
            }
            let hash = Self.codeHash(code, shareID: shareID)
            let share = try await ShareModel.find(shareID, on: db)
            let live = try await ShareAccessCodeModel.query(on: db).filter(\.$shareID == shareID)
                .filter(\.$usedAt == nil).filter(\.$expiresAt > now).all()
            if let share, try Self.facts(share).isOpen(now: now), let contactID = share.recipientContactID,
                let match = live.first(where: { SecretToken.constantTimeEquals($0.codeHash, hash) }), let matchID = match.id
            {
                // Two people entering one code at the same moment: the second waits for the row and finds it used.
                try await db.lockForUpdate(ShareAccessCodeModel.schema, id: matchID)
                if let model = try await ShareAccessCodeModel.find(matchID, on: db), model.usedAt == nil {
                    model.usedAt = now
                    try await model.save(on: db)
                    try await AuditLogStore.append(
                        .at(
                            now, actor: AuditName.contact(contactID), .shareViewed, target: "share:\(Self.id(shareID))",
                            ["via": .string("one_time_code")]), on: db)
                    let pass = SecretToken.generate()
                    let passModel = SharePassModel()
                    passModel.id = UUID()
                    passModel.shareID = shareID
                    passModel.contactID = contactID
                    passModel.passHash = SecretToken.hash(pass)
                    passModel.createdAt = now
                    passModel.expiresAt = now.addingTimeInterval(Self.passLifetime)
                    try await passModel.create(on: db)
                    return .success((share, pass))
                }
            }
            guesses.failures += 1
            try await Self.save(guesses, from: key, on: db)
            try await Self.logFailure(shareID, address: key, reason: "wrong_code", now: now, on: db)
            return .failure(.invalidCode)
        }
        let (model, pass) = try result.get()
        return OpenedShare(share: try await open([model])[0], pass: pass, passExpiresAt: now.addingTimeInterval(Self.passLifetime))
    }

    /// How long a page opened with a code can open the share's files: long enough to read and save them, short
    /// enough that a page left open on a shared computer stops working.
    public static let passLifetime: TimeInterval = 60 * 60

    /// The contact a pass was given to, when it is for `shareID`, unexpired, and the share is still open to them.
    public func contactHolding(pass: String, for shareID: UUID, now: Date) async throws -> UUID? {
        guard !pass.isEmpty, pass.count <= 200,
            let model = try await SharePassModel.query(on: database.database).filter(\.$passHash == SecretToken.hash(pass)).first(),
            model.shareID == shareID, model.expiresAt > now,
            let share = try await ShareModel.find(shareID, on: database.database), share.recipientContactID == model.contactID,
            try Self.facts(share).isOpen(now: now),
            // As for a code: the contact must still be in the register, and not since have an account to sign in with.
            let contact = try await AgencyContactModel.find(model.contactID, on: database.database),
            try await UserModel.query(on: database.database).filter(\.$email == contact.email.lowercased()).first() == nil
        else { return nil }
        return model.contactID
    }

    /// Forgets passes that have run out (the background sweep calls it).
    public func forgetExpiredPasses(now: Date) async throws {
        try await SharePassModel.query(on: database.database).filter(\.$expiresAt < now).delete()
    }

    /// Wrong codes from one address in the current hour.
    struct Guesses {
        var failures: Int
        var windowStartedAt: Date
    }

    /// The address's wrong guesses, with its row created if missing and locked until the transaction ends;
    /// an hour after the window started it starts again from nothing.
    static func guesses(from address: String, now: Date, on db: any Database) async throws -> Guesses {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw(
            """
            INSERT INTO share_code_guesses (address, failures, window_started_at) VALUES (\(bind: address), 0, \(bind: now))
            ON CONFLICT (address) DO NOTHING
            """
        ).run()
        try await db.lockForUpdate("share_code_guesses", id: address, column: "address")
        guard let row = try await sql.raw("SELECT failures, window_started_at FROM share_code_guesses WHERE address = \(bind: address)").first()
        else { throw StoreError.unreadableRow("the share code guess just counted is missing") }
        let started = try row.decode(column: "window_started_at", as: Date.self)
        guard now.timeIntervalSince(started) < codeWindow else { return Guesses(failures: 0, windowStartedAt: now) }
        return Guesses(failures: try row.decode(column: "failures", as: Int.self), windowStartedAt: started)
    }

    static func save(_ guesses: Guesses, from address: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw(
            """
            UPDATE share_code_guesses SET failures = \(bind: guesses.failures), window_started_at = \(bind: guesses.windowStartedAt)
            WHERE address = \(bind: address)
            """
        ).run()
    }

    static func logFailure(_ shareID: UUID, address: String, reason: String, now: Date, on db: any Database) async throws {
        try await AuditLogStore.append(
            .at(
                now, actor: AuditName.anonymous, .shareCodeFailed, target: "share:\(Self.id(shareID))",
                ["address": .string(address), "reason": .string(reason)]), on: db)
    }

    /// The address as it is counted and logged: at most 64 characters, like a failed sign-in's.
    static func addressKey(_ address: String) -> String { String(address.prefix(64)) }

    static func codeHash(_ code: String, shareID: UUID) -> String {
        SecretToken.hash("\(shareID.uuidString.lowercased()):\(code.filter(\.isNumber))")
    }
}
