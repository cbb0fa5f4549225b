/// The small fixed set of pictures an Easy Read line can carry; the web layer draws each as inline SVG.
public enum ExplainerIcon: String, CaseIterable, Sendable, Codable {
    /// Something kept private.
    case lock
    /// Other people or helpers.
    case people
    /// Talking and being told.
    case speech
    /// Keeping someone safe.
    case shield
    /// A phone number to call.
    case phone
    /// Asking for advice or help.
    case question
    /// Something written down.
    case pencil
}
