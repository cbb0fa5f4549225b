/// Why information would be shared, in the contract's words.
public enum SharePurpose: String, CaseIterable, Sendable, Codable {
    /// To keep a child or adult at risk (or others) safe.
    case safeguarding
    /// To ask for advice: names are not needed for that (Policy statement: "seek advice and support").
    case advice
    /// Any other purpose: outside what the limits of confidentiality cover.
    case other
}
