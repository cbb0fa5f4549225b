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
    public let sessions: SessionStore
    public let links: OneTimeLinkStore
    public let throttles: SignInThrottleStore
    public let tokens: APITokenStore
    public let audit: AuditLogStore
    public let records: RecordStore
    public let advice: AdviceStore
    public let shares: ShareStore
    public let policies: PolicyStore
    let pages: PageRenderer
    let stylesheet: ByteBuffer
    /// The one script: the share form's live decision (the page works without it).
    let shareFormScript: ByteBuffer
    /// The time now; tests pass a fixed or advancing clock.
    public let clock: @Sendable () -> Date
    /// A Bcrypt hash checked when an email has no account, so that a missing account takes as long as a wrong password.
    let decoyHash: String

    /// An environment whose stores seal with one key (tests, and databases with a single key).
    public init(
        configuration: WebConfiguration, database: ConfidantDatabase, dataKey: DataKey,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        try await self.init(configuration: configuration, database: database, cipher: FieldCipher(current: dataKey), clock: clock)
    }

    /// An environment whose stores seal under the ring's current key and open under any of its keys.
    public init(
        configuration: WebConfiguration, database: ConfidantDatabase, dataKeys: DataKeyRing,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        try await self.init(configuration: configuration, database: database, cipher: dataKeys.cipher, clock: clock)
    }

    init(
        configuration: WebConfiguration, database: ConfidantDatabase, cipher: FieldCipher,
        clock: @escaping @Sendable () -> Date
    ) async throws {
        self.configuration = configuration
        self.database = database
        self.users = UserStore(database)
        self.sessions = SessionStore(database)
        self.links = OneTimeLinkStore(database)
        self.throttles = SignInThrottleStore(database)
        self.tokens = APITokenStore(database)
        self.audit = AuditLogStore(database)
        self.records = RecordStore(database, cipher: cipher)
        self.advice = AdviceStore(database, cipher: cipher)
        self.shares = ShareStore(database, cipher: cipher, informWorkingDays: configuration.informWorkingDays)
        self.policies = PolicyStore(database)
        self.pages = try await PageRenderer.load()
        guard let cssPath = Bundle.module.path(forResource: "confidant", ofType: "css", inDirectory: "Public"),
              let css = FileManager.default.contents(atPath: cssPath)
        else { throw WebSetupError.resourcesMissing }
        self.stylesheet = ByteBuffer(bytes: css)
        guard let scriptPath = Bundle.module.path(forResource: "share-form", ofType: "js", inDirectory: "Public"),
              let script = FileManager.default.contents(atPath: scriptPath)
        else { throw WebSetupError.resourcesMissing }
        self.shareFormScript = ByteBuffer(bytes: script)
        self.clock = clock
        self.decoyHash = Bcrypt.hash(SecretToken.generate(), cost: configuration.bcryptCost)
    }

    /// Hashes a password with Bcrypt off the request's event loop.
    func hashPassword(_ password: String) async throws -> String {
        let cost = configuration.bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a password against a Bcrypt hash off the request's event loop.
    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}

extension WebEnvironment {
    /// The layout's chrome for a page, with the number of concerns waiting when the viewer is a safeguarding lead.
    func chrome(_ title: String, _ context: ConfidantRequestContext, path: String = "") async throws -> PageChrome {
        var chrome = PageChrome(title: title, context: context, path: path)
        if context.user?.role.isSafeguardingLead == true {
            chrome.waiting = try await records.waitingCount()
        }
        return chrome
    }
}
