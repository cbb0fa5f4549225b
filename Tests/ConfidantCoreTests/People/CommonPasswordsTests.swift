import ConfidantCore
import Testing

@Suite("The list of common passwords")
struct CommonPasswordsTests {
    @Test(
        "long leaked passwords are on the list whatever their case",
        arguments: [
            "qwerty123456", "1q2w3e4r5t6y", "123456789abc", "1234qwerasdfzxcv", "QWERTY123456",
        ])
    func long(password: String) {
        #expect(CommonPasswords.contains(password))
    }

    @Test(
        "two common pieces joined, or one followed by digits, are common",
        arguments: [
            "dragonmonkey", "monkeydragon", "passwordpassword", "letmein2026", "football1", "abc123iloveyou",
        ])
    func joined(password: String) {
        #expect(CommonPasswords.contains(password))
    }

    @Test(
        "a piece of up to six characters written again and again is common; a longer one is not",
        arguments: [
            ("zz", true), ("zzzzzzzzzzzz", true), ("xkcdxkcdxkcd", true), ("qpwoeiqpwoei", true), ("abcdefabcdef", true),
            ("abcdefgabcdefg", false), ("zzzzzzzzzzzy", false),
        ])
    func repetition(password: String, common: Bool) {
        #expect(CommonPasswords.contains(password) == common)
    }

    @Test(
        "three ordinary words, a common piece among others, and the empty text are not common",
        arguments: [
            "", "q", "plum river lantern", "dragon river lantern", "monkey business plan", "horsebatterystaple",
        ])
    func notCommon(password: String) {
        #expect(!CommonPasswords.contains(password))
    }

    @Test("a common password on its own is common, however short", arguments: ["password", "dragon", "monkey", "letmein", "iloveyou"])
    func shortOnItsOwn(password: String) {
        // The rule asks for twelve characters first, so only the long list and the joins matter to it;
        // but `contains` promises "whether password is a common one".
        withKnownIssue("contains checks the short list only as pieces of a join, never a whole password") {
            #expect(CommonPasswords.contains(password))
        }
    }
}
