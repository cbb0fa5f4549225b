/// A public page, "What happens when you tell us something", for one audience: ready for a template to render.
public struct ExplainerPage: Hashable, Sendable, Codable {
    /// Who it is written for.
    public var audience: Audience
    /// The page title.
    public var title: String
    /// The opening lines, one paragraph (or Easy Read line) each.
    public var intro: [String]
    /// The four sections, in ``ExplainerTopic`` order.
    public var sections: [ExplainerSection]
    /// The name of the policy the page was generated from.
    public var policyName: String
    /// The version of the policy, cited at the foot of the page.
    public var policyVersion: String

    /// Creates a page.
    public init(
        audience: Audience, title: String, intro: [String], sections: [ExplainerSection],
        policyName: String, policyVersion: String
    ) {
        self.audience = audience
        self.title = title
        self.intro = intro
        self.sections = sections
        self.policyName = policyName
        self.policyVersion = policyVersion
    }

    /// Every item on the page, section by section.
    public var items: [ExplainerItem] { sections.flatMap(\.items) }

    /// The ids of every clause the page cites.
    public var citedClauseIDs: Set<String> { Set(items.flatMap(\.clauseIDs)) }

    /// What a reader reads, one line per title, paragraph, heading and item: the text the reading level is measured on.
    public var readableText: String {
        var lines = [title] + intro
        for section in sections {
            lines.append(section.heading)
            for item in section.items {
                if !item.heading.isEmpty { lines.append(item.heading) }
                lines.append(item.text)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The reading level of the page's text.
    public var readingLevel: ReadingLevel { ReadingLevel(text: readableText) }
}
