/// Who a public explainer page is written for [Purpose of policy: "easily understood by everyone"].
///
/// The policy names its readers: "staff, children, adults at risk, as well as their parents and
/// carers" [Policy development]. Raw values are the words used in page addresses.
public enum Audience: String, CaseIterable, Sendable, Codable {
    /// Children and young people: short sentences and simple words (about age 8 reading level).
    case children
    /// Adults at risk: Easy Read, one idea per line, a picture for each idea.
    case adultsAtRisk = "adults-at-risk"
    /// Parents and carers: plain English, the organisation's own clause wording.
    case parentsAndCarers = "parents-and-carers"

    /// The audience's name as a page shows it.
    public var name: String {
        switch self {
        case .children: "Children and young people"
        case .adultsAtRisk: "Adults at risk (Easy Read)"
        case .parentsAndCarers: "Parents and carers"
        }
    }

    /// The highest Flesch–Kincaid grade the page may read at: grade 4 is about age 9.
    public var maximumGrade: Double {
        switch self {
        case .children: 4
        case .adultsAtRisk: 4
        case .parentsAndCarers: 9
        }
    }
}
