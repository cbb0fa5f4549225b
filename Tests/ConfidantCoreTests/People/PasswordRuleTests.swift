import ConfidantCore
import Testing

@Suite("Passwords: long rather than complicated, never the email address, never a common one")
struct PasswordRuleTests {
    static let tooShort = "Use at least 12 characters, for example three random words."
    static let tooLong = "Use at most 72 bytes (about 72 letters)."
    static let isEmail = "Do not use your email address as your password."
    static let isCommon = "This password is one of the most common ones, which guessers try first. Choose three random words instead."

    static let words = "correct horse battery staple "  // 29 bytes

    @Test(
        "twelve characters to seventy-two bytes",
        arguments: [
            ("", tooShort),
            ("plum river", tooShort),
            ("plumriverla", tooShort),  // 11
            ("plumriverlan", nil),  // 12
            ("plum river lantern", nil),
            (words + String(repeating: "q", count: 43), nil),  // 72 bytes
            (words + String(repeating: "q", count: 44), tooLong),  // 73 bytes
            // Bytes, not characters: 51 characters, 73 bytes.
            (words + String(repeating: "\u{E9}", count: 22), tooLong),
            (words + String(repeating: "\u{E9}", count: 21) + "x", nil),
            // Characters as people see them: eleven accented letters are eleven, however many code points.
            ("plumrive" + String(repeating: "e\u{301}", count: 3), tooShort),
        ] as [(String, String?)])
    func length(password: String, problem: String?) {
        #expect(PasswordRule.problem(with: password, email: "sam@example.org") == problem)
    }

    @Test("the limits are 12 characters and 72 bytes (bcrypt reads no more)")
    func limits() {
        #expect(PasswordRule.minimumLength == 12)
        #expect(PasswordRule.maximumBytes == 72)
    }

    @Test(
        "the email address is refused whatever its case",
        arguments: [
            "sam.staffperson@example.org", "Sam.Staffperson@Example.ORG", "SAM.STAFFPERSON@EXAMPLE.ORG",
        ])
    func email(password: String) {
        #expect(PasswordRule.problem(with: password, email: "sam.staffperson@example.org") == Self.isEmail)
        #expect(PasswordRule.problem(with: password, email: "SAM.staffperson@example.org") == Self.isEmail)
        // Someone else's address is only a long password.
        #expect(PasswordRule.problem(with: password, email: "dana@example.org") == nil)
    }

    @Test("a short email address as password is refused for its length first")
    func shortEmail() {
        #expect(PasswordRule.problem(with: "a@b.co", email: "a@b.co") == Self.tooShort)
    }

    @Test(
        "common passwords, repeated, joined or with digits after, are refused",
        arguments: [
            "qwerty123456", "QWERTY123456", "1q2w3e4r5t6y", "passwordpassword", "PasswordPassword", "dragonmonkey",
            "iloveyoufootball", "letmein12345", "sunshine2024", "trustno1trustno1", "abc123abc123", "aaaaaaaaaaaa",
            "abcabcabcabc", "121212121212", "xyzxyzxyzxyz", "password1234",
        ])
    func common(password: String) {
        #expect(PasswordRule.problem(with: password, email: "sam@example.org") == Self.isCommon)
    }

    @Test(
        "ordinary words and long passphrases pass",
        arguments: [
            "plum river lantern", "correct horse battery staple", "Sunflower Kettle Harbour", "dragon river lantern",
            "my cat is called Biscuit", "abcdefgabcdefg",
        ])
    func accepted(password: String) {
        #expect(PasswordRule.problem(with: password, email: "sam@example.org") == nil)
    }
}
