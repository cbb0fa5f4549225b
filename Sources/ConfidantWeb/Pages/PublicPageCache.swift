import ConfidantCore
import Crypto
import Foundation
import Hummingbird
import Synchronization

/// The public pages — the explainer, "Who should I talk to?", their QR codes and the landing page — rendered once
/// per published policy version instead of on every view.
///
/// They change only when a version is published, and that may happen on another instance: so the cache asks the
/// database which version is published at most every `recheck` (two seconds), never on every view, and starts
/// afresh when the answer changes. Only people who are not signed in are served from it (a signed-in page carries
/// their name, navigation and form tokens). Each page has an `ETag`, so a browser that has it gets a 304.
final class PublicPageCache: Sendable {
    struct Page: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    struct State {
        /// The published version the pages were rendered from ("built-in" before any), and when that was last checked.
        var version: String?
        var checkedAt: ContinuousClock.Instant?
        var pages: [String: Page] = [:]
    }

    /// At most this many pages are kept (three audiences' pages and every step of their guides are far fewer).
    static let capacity = 2_000

    private let state = Mutex(State())
    private let recheck: Duration
    private let publishedVersion: @Sendable () async throws -> UUID?

    init(recheck: Duration = .seconds(2), publishedVersion: @escaping @Sendable () async throws -> UUID?) {
        self.recheck = recheck
        self.publishedVersion = publishedVersion
    }

    /// The page at `key` for someone not signed in: from the cache, or made by `render` and kept.
    ///
    /// `render` gives the body and its content type; what it throws (a page that does not exist, an answer that
    /// does not fit) is answered as usual and nothing is kept.
    func respond(
        _ request: Request, _ context: ConfidantRequestContext, key: String,
        render: () async throws -> (body: String, contentType: String)
    ) async throws -> Response {
        try await respond(
            key: key, signedIn: context.session != nil || context.tokenUser != nil, ifNoneMatch: request.headers[.ifNoneMatch],
            render: render)
    }

    /// The page at `key`; `signedIn` pages are made afresh and never kept, `ifNoneMatch` is the browser's tag.
    func respond(
        key: String, signedIn: Bool, ifNoneMatch: String?, render: () async throws -> (body: String, contentType: String)
    ) async throws -> Response {
        guard !signedIn else {
            let made = try await render()
            return Response(status: .ok, headers: [.contentType: made.contentType], body: .init(byteBuffer: ByteBuffer(string: made.body)))
        }
        let version = try await currentVersion()
        let page: Page
        if let cached = state.withLock({ $0.version == version ? $0.pages[key] : nil }) {
            page = cached
        } else {
            let made = try await render()
            page = Self.page(made.body, contentType: made.contentType, version: version)
            state.withLock { state in
                if state.version == version, state.pages.count < Self.capacity { state.pages[key] = page }
            }
        }
        if let asked = ifNoneMatch, asked.split(separator: ",").contains(where: { String($0).trimmed == page.etag }) {
            return Response(status: .notModified, headers: [.eTag: page.etag])
        }
        return Response(
            status: .ok, headers: [.contentType: page.contentType, .eTag: page.etag], body: .init(byteBuffer: page.body))
    }

    /// The published version, asked of the database when the last answer is older than `recheck`.
    func currentVersion() async throws -> String {
        let now = ContinuousClock.now
        if let known = state.withLock({ state -> String? in
            guard let checked = state.checkedAt, now - checked < recheck else { return nil }
            return state.version
        }) {
            return known
        }
        let version = try await publishedVersion()?.uuidString.lowercased() ?? "built-in"
        state.withLock { state in
            if state.version != version { state.pages = [:] }
            state.version = version
            state.checkedAt = now
        }
        return version
    }

    /// Forgets every page at once: this instance has just published a version.
    func forget() {
        state.withLock { $0 = State() }
    }

    static func page(_ body: String, contentType: String, version: String) -> Page {
        let digest = SHA256.hash(data: Data(body.utf8))
        let tag = digest.prefix(12).map { String(format: "%02x", $0) }.joined()
        return Page(body: ByteBuffer(string: body), contentType: contentType, etag: "\"\(version.prefix(8))-\(tag)\"")
    }
}
