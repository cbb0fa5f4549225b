import ConfidantCore
import Foundation
import Hummingbird

/// The public pages, no sign-in: what happens when you tell us something, for three audiences,
/// and "Who should I talk to?". Generated from the policy clauses the decision engine enforces:
/// the published version's, so a newly published wording reaches the public pages at once.
struct ExplainerRoutes: RouteRegistration {
    let environment: WebEnvironment

    /// The explainer for the policy in force (the built-in wording until a version is published).
    func explainer() async throws -> PublicExplainer {
        PublicExplainer(policy: try await environment.policies.currentPolicy())
    }

    struct AudienceLink: Sendable { let slug: String; let name: String }

    struct ItemView: Sendable { let heading: String; let text: String; let iconSVG: String; let easyRead: Bool }
    struct SectionView: Sendable { let topic: String; let heading: String; let items: [ItemView] }

    func register(on routes: SecureRouter) {
        routes.get("/explain", access: .everyone) { request, context in
            struct View { let chrome: PageChrome; let organisation: String; let audiences: [AudienceLink] }
            return try await environment.publicPages.respond(request, context, key: "/explain") {
                let organisation = try await explainer().organisation
                return html(
                    .explainIndex,
                    View(
                        chrome: PageChrome(title: "What happens when you tell us something", context: context),
                        organisation: organisation, audiences: Audience.allCases.map { AudienceLink(slug: $0.rawValue, name: $0.name) }))
            }
        }
        routes.get("/explain/{audience}", access: .everyone) { request, context in
            let audience = try self.audience(context)
            return try await environment.publicPages.respond(request, context, key: "/explain/\(audience.rawValue)") {
                try await explainerPage(audience, context)
            }
        }
        routes.get("/explain/{audience}/qr.svg", access: .everyone) { request, context in
            let audience = try self.audience(context)
            return try await environment.publicPages.respond(request, context, key: "/explain/\(audience.rawValue)/qr.svg") {
                let url = environment.configuration.link("/explain/\(audience.rawValue)")
                return ((try? QRCode(text: url).svg(label: "QR code for \(url)")) ?? "", "image/svg+xml")
            }
        }
        routes.get("/explain/{audience}/talk", access: .everyone) { request, context in
            let audience = try self.audience(context)
            let answers = Array(request.uri.queryParameters.getAll("answer").map { String($0) }.prefix(10))
            // The answers are the guide's own words, checked against it before anything is kept.
            let key = "/explain/\(audience.rawValue)/talk?" + answers.joined(separator: "\u{1F}")
            return try await environment.publicPages.respond(request, context, key: key) {
                try await talkPage(audience, answers: answers, context)
            }
        }
    }

    /// A page's HTML and its content type, for the cache.
    func html(_ template: PageTemplate, _ view: Any) -> (body: String, contentType: String) {
        (environment.pages.render(template, view), "text/html; charset=utf-8")
    }

    /// One audience's page, made from the policy in force.
    func explainerPage(_ audience: Audience, _ context: ConfidantRequestContext) async throws -> (body: String, contentType: String) {
        let page = try await explainer().page(for: audience)
        let url = environment.configuration.link("/explain/\(audience.rawValue)")
        struct View {
            let chrome: PageChrome
            let slug: String
            let title: String
            let intro: [String]
            let sections: [SectionView]
            let qrSVG: String
            let pageURL: String
            let policyName: String
            let policyVersion: String
        }
        let sections = page.sections.map { section in
            SectionView(
                topic: "\(section.topic)", heading: section.heading,
                items: section.items.map {
                    ItemView(heading: $0.heading, text: $0.text, iconSVG: ExplainerIcons.svg($0.icon), easyRead: audience == .adultsAtRisk)
                })
        }
        let qr = (try? QRCode(text: url).svg(label: "QR code for \(url)")) ?? ""
        return html(
            .explain,
            View(
                chrome: PageChrome(title: page.title, context: context), slug: audience.rawValue, title: page.title,
                intro: page.intro, sections: sections, qrSVG: qr, pageURL: url, policyName: page.policyName,
                policyVersion: page.policyVersion))
    }

    /// A step of "Who should I talk to?" after `answers`; an answer that does not fit the guide is refused.
    func talkPage(_ audience: Audience, answers: [String], _ context: ConfidantRequestContext) async throws -> (body: String, contentType: String) {
        let guide = try await explainer().guide(for: audience)
        guard let step = guide.step(answers: answers) else {
            throw WebError.badRequest("That answer does not fit this question. Start again from the first question.")
        }
        struct View {
            let chrome: PageChrome
            let slug: String
            let previous: [String]
            let question: TalkQuestion?
            let recommendation: TalkRecommendation?
            let phone: String?
            let phoneDigits: String?
        }
        var question: TalkQuestion?
        var recommendation: TalkRecommendation?
        switch step {
        case .question(let next): question = next
        case .recommendation(let found): recommendation = found
        }
        let phone = recommendation?.contact.phone
        return html(
            .talk,
            View(
                chrome: PageChrome(title: "Who should I talk to?", context: context), slug: audience.rawValue,
                previous: answers, question: question, recommendation: recommendation, phone: phone,
                phoneDigits: phone?.replacingOccurrences(of: " ", with: "")))
    }

    func audience(_ context: ConfidantRequestContext) throws -> Audience {
        guard let slug = context.parameters.get("audience"), let audience = Audience(rawValue: slug) else { throw WebError.notFound }
        return audience
    }
}

/// Simple line icons for the Easy Read page, one per idea (drawn inline, so they print and need no files).
enum ExplainerIcons {
    static func svg(_ icon: ExplainerIcon) -> String {
        let body: String
        switch icon {
        case .lock: body = #"<rect x="12" y="28" width="40" height="28" rx="4"/><path d="M20 28v-8a12 12 0 0 1 24 0v8"/>"#
        case .people:
            body =
                #"<circle cx="22" cy="20" r="8"/><circle cx="44" cy="22" r="7"/><path d="M6 54c2-12 9-18 16-18s14 6 16 18M34 54c1-9 5-14 10-14s10 5 12 14"/>"#
        case .speech: body = #"<path d="M8 12h48v30H28l-12 12V42H8z"/>"#
        case .shield: body = #"<path d="M32 6l22 8v16c0 14-10 24-22 28C20 54 10 44 10 30V14z"/>"#
        case .phone: body = #"<rect x="20" y="6" width="24" height="52" rx="4"/><path d="M28 50h8"/>"#
        case .question: body = #"<circle cx="32" cy="32" r="24"/><path d="M25 25a7 7 0 1 1 10 6c-2 1-3 3-3 5v3M32 46v2"/>"#
        case .pencil: body = #"<path d="M12 52l4-14 30-30 10 10-30 30zM40 14l10 10"/>"#
        }
        return
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" fill="none" stroke="#15415f" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">"##
            + body + "</svg>"
    }
}
