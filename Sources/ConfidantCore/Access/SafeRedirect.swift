/// Where a page may send someone next: a path on this site and nothing a browser could read as another site.
///
/// Browsers strip tabs and newlines from a URL and read `/\` and `//` as "another host", so
/// `/%09/evil.example` arrives as `/\t/evil.example` and would leave the site. Only printable
/// ASCII without backslashes is accepted, and the path must not start with two slashes once
/// everything a browser ignores is gone.
public enum SafeRedirect {
    /// The longest `next` kept; anything longer goes home.
    public static let maximumLength = 500

    /// `next` when it is a safe local path, otherwise `fallback`.
    public static func path(_ next: String, fallback: String = "/home") -> String {
        let scalars = next.unicodeScalars
        guard next.utf8.count <= maximumLength, scalars.first == "/",
            scalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { return fallback }
        let rest = scalars.dropFirst()
        if rest.first == "/" { return fallback }
        return next
    }
}
