/// What Confidant asks of a password: long rather than complicated (NCSC guidance).
public enum PasswordRule {
    /// Twelve characters at least: three random words pass, `Password1!` does not.
    public static let minimumLength = 12
    /// Bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently cut.
    public static let maximumBytes = 72

    /// The problem with a proposed password, or nil when it is acceptable.
    public static func problem(with password: String, email: String) -> String? {
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters, for example three random words."
        }
        if password.utf8.count > maximumBytes {
            return "Use at most \(maximumBytes) bytes (about \(maximumBytes) letters)."
        }
        if password.lowercased() == email.lowercased() {
            return "Do not use your email address as your password."
        }
        if CommonPasswords.contains(password) {
            return "This password is one of the most common ones, which guessers try first. Choose three random words instead."
        }
        return nil
    }
}
