import ConfidantCore
import Foundation
import HummingbirdOTP

/// Time-based one-time codes (RFC 6238) as authenticator apps make them: six digits every 30 seconds.
enum Authenticator {
    /// The letters of a new secret: base32's alphabet, so the secret reads the same typed or scanned.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// A new random secret of 32 base32 letters (160 bits).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The `otpauth://` address an authenticator app reads from the QR code.
    static func enrolmentURL(secret: String, account: String, issuer: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "\(issuer):\(account)", issuer: issuer)
    }

    /// The 30-second step whose code `code` is, allowing one step either side for a clock that drifts; nil when none.
    static func step(of code: String, secret: String, now: Date) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let current = Int64(now.timeIntervalSince1970 / 30)
        let totp = TOTP(secret: secret)
        for step in [current, current - 1, current + 1] where totp.compute(date: Date(timeIntervalSince1970: Double(step) * 30)) == value {
            return step
        }
        return nil
    }

    /// Ten recovery codes of 16 letters and digits (80 bits each), written in groups of four.
    static func recoveryCodes() -> [String] {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return (0..<SecondFactorRule.recoveryCodeCount).map { _ in
            let raw = (0..<16).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] }
            return stride(from: 0, to: 16, by: 4).map { String(raw[$0..<$0 + 4]) }.joined(separator: "-")
        }
    }
}
