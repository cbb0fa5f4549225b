import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// What the routes work with: the stores, the page renderer, the configuration and the clock.
public struct WebEnvironment: Sendable {
    public let configuration: WebConfiguration
    public let database: ConfidantDatabase
    public let users: UserStore
    public let accessRequests: AccessRequestStore
    public let secondFactors: SecondFactorStore
    public let duplicateReviews: DuplicateReviewStore
    public let sessions: SessionStore
    public let links: OneTimeLinkStore
    public let signInLimits: SignInLimiter
    public let tokens: APITokenStore
    public let audit: AuditLogStore
    public let records: RecordStore
    /// Files on concerns and people, sealed in pieces.
    public let attachments: AttachmentStore
    /// Marks on concerns' body maps.
    public let bodyMarks: BodyMarkStore
    public let advice: AdviceStore
    public let shares: ShareStore
    /// The breach register.
    public let breaches: BreachStore
    /// The subject access register.
    public let subjectAccess: SubjectAccessStore
    /// Retention reviews under the organisation's schedule.
    public let retention: RetentionStore
    public let disposal: FileDisposal
    /// Reviews of advice asked about nobody in particular.
    public let adviceRetention: AdviceRetentionStore
    /// Transfers of people's files to other organisations, signed with the installation's audit key.
    public let transfers: TransferStore
    /// The key a transfer bundle is signed with: the audit signing key, whose verifier line receivers are given.
    /// Nil where no server runs (the demo loader): nothing is transferred there.
    let transferSigner: AuditSigningKey?
    public let policies: PolicyStore
    /// The plain facts the oversight reports count.
    public let reports: ReportStore
    /// Who is told what, by email and on their home page.
    public let notices: NoticeBoard
    /// What someone was writing when their session ended.
    public let keptForms: KeptFormStore
    /// Email waiting for delivery.
    public let outbox: MailOutbox
    let pages: PageRenderer
    /// The public pages, rendered once per published policy version.
    let publicPages: PublicPageCache
    /// The folder of static files served under `/static` (the stylesheet and the share form's script).
    let publicDirectory: String
    /// The body-map outlines, read once from `publicDirectory`.
    let bodyMaps: BodyMapFigures
    /// The time now; tests pass a fixed or advancing clock.
    public let clock: @Sendable () -> Date
    /// A Bcrypt hash checked when an email has no account, so that a missing account takes as long as a wrong password.
    let decoyHash: String
    /// Bcrypt on its own bounded pool.
    let passwords: PasswordHasher

    /// An environment whose stores seal under the ring's current key and open under any of its keys.
    public init(
        configuration: WebConfiguration, database: ConfidantDatabase, dataKeys: DataKeyRing, signingKey: AuditSigningKey? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        let cipher = dataKeys.cipher
        self.configuration = configuration
        self.database = database
        self.users = UserStore(database)
        self.accessRequests = AccessRequestStore(database)
        self.secondFactors = SecondFactorStore(database, cipher: cipher)
        self.duplicateReviews = DuplicateReviewStore(database)
        self.sessions = SessionStore(database)
        self.signInLimits = SignInLimiter(database)
        self.tokens = APITokenStore(database)
        self.audit = AuditLogStore(database)
        let notices = NoticeBoard(database, cipher: cipher, siteAddress: configuration.publicURL)
        self.notices = notices
        self.keptForms = KeptFormStore(database, cipher: cipher)
        self.records = RecordStore(database, cipher: cipher, notices: notices)
        // Anyone recorded before the search index existed, or indexed under a key since rotated, is indexed now.
        try await records.indexPeopleForSearch()
        self.attachments = AttachmentStore(database, cipher: cipher, limits: configuration.attachmentLimits)
        self.bodyMarks = BodyMarkStore(database, cipher: cipher)
        self.advice = AdviceStore(database, cipher: cipher, notices: notices)
        self.shares = ShareStore(
            database, cipher: cipher, informWorkingDays: configuration.informWorkingDays, calendar: configuration.workingCalendar, notices: notices)
        self.breaches = BreachStore(database, cipher: cipher, notices: notices)
        self.subjectAccess = SubjectAccessStore(database, cipher: cipher, notices: notices)
        self.retention = RetentionStore(database, cipher: cipher, schedule: configuration.retention, notices: notices)
        self.disposal = FileDisposal(database, retention: retention, timeZone: configuration.organisation.timeZone)
        self.adviceRetention = AdviceRetentionStore(database, cipher: cipher, schedule: configuration.retention, notices: notices)
        self.transfers = TransferStore(
            database, cipher: cipher, shares: shares, workingDays: configuration.transferWorkingDays, notices: notices)
        self.transferSigner = signingKey
        self.outbox = MailOutbox(database, cipher: cipher)
        self.policies = PolicyStore(database, outbox: outbox)
        self.reports = ReportStore(database, cipher: cipher)
        self.links = OneTimeLinkStore(database, outbox: outbox)
        self.pages = try await PageRenderer.load()
        let policies = self.policies
        self.publicPages = PublicPageCache { try await policies.publishedVersionID() }
        guard let publicDirectory = Bundle.module.resourcePath.map({ $0 + "/Public" }),
            FileManager.default.fileExists(atPath: publicDirectory + "/confidant.css")
        else { throw WebSetupError.resourcesMissing }
        self.publicDirectory = publicDirectory
        self.bodyMaps = try BodyMapFigures(directory: publicDirectory)
        self.clock = clock
        self.decoyHash = Bcrypt.hash(SecretToken.generate(), cost: configuration.bcryptCost)
        self.passwords = PasswordHasher(cost: configuration.bcryptCost)
    }

    /// Emails a set-password link to the account's own address and returns when it expires.
    func sendSetPasswordLink(to userID: UUID, now: Date, by actor: String) async throws -> Date {
        let configuration = configuration
        return try await links.sendSetPasswordLink(
            to: userID, url: { configuration.link("/set-password/\($0)") }, now: now,
            validFor: configuration.setPasswordLinkLifetime, by: actor)
    }

    /// Whom a share's recipient calls back: the organisation's settings and the account that holds the DSL role.
    public func organisationContact() async throws -> OrganisationContact {
        let lead = try await users.all().first { $0.role == .dsl && !$0.disabled }
        let settings = configuration.organisation
        return OrganisationContact(
            organisation: settings.name, leadName: lead?.name ?? "", phone: settings.safeguardingPhone, email: settings.safeguardingEmail)
    }

    /// Hashes a password with Bcrypt on its own pool.
    package func hashPassword(_ password: String) async throws -> String {
        try await passwords.hash(password)
    }

    /// Checks a password against a Bcrypt hash on its own pool.
    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await passwords.verify(password, hash: hash)
    }
}

extension WebEnvironment {
    /// A queue's count as the leads' pages say it: exact below `NoticeBoard.countedUpTo`, "1,000 or more" from there.
    static func queueCount(_ count: Int) -> String {
        count >= NoticeBoard.countedUpTo ? "\(PolicyDocument.grouped(NoticeBoard.countedUpTo)) or more" : "\(count)"
    }

    /// The badge's words once a queue's count has stopped.
    static let countLimitShort = "\(PolicyDocument.grouped(NoticeBoard.countedUpTo))+"

    /// The layout's chrome for a page, with the number of concerns waiting when the viewer is a safeguarding lead.
    /// A page that counts the queues itself passes them in `queues`, so that they are counted once.
    func chrome(
        _ title: String, _ context: ConfidantRequestContext, path: String = "", queues: NoticeBoard.LeadQueues? = nil
    ) async throws -> PageChrome {
        var chrome = PageChrome(title: title, context: context, path: path)
        chrome.idleSeconds = Int(configuration.sessionIdleTimeout)
        if let role = context.user?.role, role.isSafeguardingLead, context.session?.stage == .signedIn {
            let counted: NoticeBoard.LeadQueues
            if let queues { counted = queues } else { counted = try await notices.leadQueues(now: clock()) }
            let total = counted.total(for: role)
            chrome.waiting = total == 0 ? nil : counted.reachedCountLimit(for: role) ? Self.countLimitShort : "\(total)"
        }
        return chrome
    }
}
