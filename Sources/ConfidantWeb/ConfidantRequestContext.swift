import ConfidantCore
import ConfidantStore
import Foundation
import Hummingbird
import NIOCore

/// Everything a handler knows about a request: who is asking, how, and from where.
public struct ConfidantRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in browser session, when the request carried a live session cookie.
    public var session: ActiveSession?
    /// The cookie token of that session (needed to end it).
    public var sessionToken: String?
    /// The account whose session the request's cookie named but which has just ended: not signed in, but what they
    /// were writing can be kept for them (`KeepWordsMiddleware`).
    public var lapsedUserID: UUID?
    /// The account of a request authenticated by an API bearer token.
    public var tokenUser: UserAccount?
    /// The network address the request came from, for throttling failed sign-ins: the socket's peer,
    /// or behind a trusted proxy the address it forwarded (set by `ClientAddressMiddleware`).
    public var clientAddress: String
    /// Set from the configuration by the size-limit middleware before any body is read.
    public var maxUploadSize: Int

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        self.maxUploadSize = 1_048_576
    }

    /// The person asking, however they authenticated.
    public var user: UserAccount? { session?.user ?? tokenUser }

    /// The person asking as the audit log names them.
    public var actor: String { user.map { AuditName.user($0.id) } ?? AuditName.anonymous }
}

extension ConfidantRequestContext {
    /// The person asking; routes behind a role rule always have one, so its absence means "sign in".
    func signedInUser() throws -> UserAccount {
        guard let user else { throw WebError.signInRequired }
        return user
    }

    /// A UUID path parameter; anything else is simply not found.
    func uuidParameter(_ name: String = "id") throws -> UUID {
        // Hummingbird's `require(_:as: UUID.self)` answers 400 for a malformed id; an address that names no
        // record is "no such page" (404), the same answer as an id that exists but is not the caller's.
        guard let id = parameters.get(name, as: UUID.self) else { throw WebError.notFound }
        return id
    }
}
