import ConfidantCore
import ConfidantStore
import Foundation

/// How the web application listens and behaves; filled from flags and the environment by `confidant serve`.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address people use to reach Confidant, for links printed or shown (setup, set-password).
    public var publicURL: String
    /// Whether Confidant is reached over HTTPS, so cookies get `Secure` and responses HSTS.
    public var secureCookies: Bool
    /// A session unused for this long ends (default 30 minutes).
    public var sessionIdleTimeout: TimeInterval
    /// The largest request body accepted, in bytes.
    public var maxRequestBodyBytes: Int
    /// Bcrypt's cost; 12 in production, lower only in tests.
    public var bcryptCost: UInt8
    /// How long a set-password link works (24 hours: long enough to open an email, short enough to be useless later).
    public var setPasswordLinkLifetime: TimeInterval
    /// Whether an SMTP relay is configured; without one, email waits in the outbox and administrators see it.
    public var mailConfigured: Bool
    /// Proxies whose `X-Forwarded-For` names the client; empty means the socket's peer is the client.
    public var clientAddresses: ClientAddressRule
    /// A session ends this long after sign-in however busy it is (default 12 hours).
    public var sessionLifetime: TimeInterval
    /// Working days within which a person must be told that a confidence was broken.
    public var informWorkingDays: Int
    /// The organisation's name and safeguarding phone and email, for the "Who to contact" block of every share.
    public var organisation: OrganisationSettings
    /// How long a concern may wait for triage before the leads are told.
    public var triageWaits: NoticeBoard.TriageWaits
    /// The largest file, and the most files in all, one record may hold (an upload's request may be this large).
    public var attachmentLimits: AttachmentLimits = AttachmentLimits()
    /// When each kind of person's file is reviewed (IRMS toolkit defaults unless the organisation sets its own).
    public var retention: RetentionSchedule = RetentionSchedule()
    /// Working days a receiving organisation has to confirm a transferred file's receipt (KCSIE: five school days).
    public var transferWorkingDays: Int = TransferProgress.defaultWorkingDays
    /// The days the organisation works, which both of those deadlines are counted in.
    public var workingCalendar = WorkingCalendar()

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, secureCookies: Bool = false,
        sessionIdleTimeout: TimeInterval = 30 * 60, maxRequestBodyBytes: Int = 1_048_576, bcryptCost: UInt8 = 12,
        setPasswordLinkLifetime: TimeInterval = 24 * 60 * 60, informWorkingDays: Int = 2,
        sessionLifetime: TimeInterval = 12 * 60 * 60, trustedProxies: [NetworkRange] = [],
        mailConfigured: Bool = false, organisation: OrganisationSettings = OrganisationSettings(),
        triageWaits: NoticeBoard.TriageWaits = NoticeBoard.TriageWaits()
    ) {
        self.organisation = organisation
        self.triageWaits = triageWaits
        self.mailConfigured = mailConfigured
        self.clientAddresses = ClientAddressRule(trustedProxies: trustedProxies)
        self.host = host
        self.port = port
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        // A public address on https means the browser only ever reaches Confidant over TLS.
        self.secureCookies = secureCookies || self.publicURL.lowercased().hasPrefix("https://")
        self.sessionIdleTimeout = sessionIdleTimeout
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.bcryptCost = bcryptCost
        self.setPasswordLinkLifetime = setPasswordLinkLifetime
        self.informWorkingDays = informWorkingDays
        self.sessionLifetime = sessionLifetime
    }

    /// A full link to `path` on this installation.
    public func link(_ path: String) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + path
    }
}

/// What a recipient needs to call the organisation back, set by `serve --organisation-name`, `--safeguarding-phone`
/// and `--safeguarding-email`.
public struct OrganisationSettings: Sendable, Equatable {
    public var name: String
    public var safeguardingPhone: String
    public var safeguardingEmail: String
    /// Where the organisation works: reports count whole local days and months in it (UK charities: Europe/London).
    public var timeZone: TimeZone

    public init(
        name: String = "", safeguardingPhone: String = "", safeguardingEmail: String = "",
        timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt
    ) {
        self.name = name
        self.safeguardingPhone = safeguardingPhone
        self.safeguardingEmail = safeguardingEmail
        self.timeZone = timeZone
    }
}
