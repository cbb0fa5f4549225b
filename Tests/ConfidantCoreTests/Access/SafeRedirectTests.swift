import ConfidantCore
import Testing

@Suite("Where a page may send someone next")
struct SafeRedirectTests {
    @Test(
        "only a plain local path is followed",
        arguments: [
            ("/home", "/home"), ("/people/1?tab=a", "/people/1?tab=a"), ("", "/home"), ("home", "/home"),
            ("//evil.example", "/home"), ("/\\evil.example", "/home"), ("/\t/evil.example", "/home"), ("/\n/evil.example", "/home"),
            ("/\r\n/evil.example", "/home"), (" /home", "/home"), ("https://evil.example", "/home"), ("/caf\u{E9}", "/home"),
            ("/\u{0}x", "/home"), (String(repeating: "/a", count: 300), "/home"),
        ])
    func safeRedirect(next: String, expected: String) {
        #expect(SafeRedirect.path(next) == expected)
    }

    @Test(
        "printable ASCII from ! to ~ is kept; space, DEL, backslash and controls anywhere are not",
        arguments: [
            ("/", "/"), ("/a/b/", "/a/b/"), ("/~sam", "/~sam"), ("/!$&'()*+,;=:@", "/!$&'()*+,;=:@"), ("/a#top", "/a#top"),
            // Percent-encoding is left for the browser, which does not turn %2F into a second slash of the host.
            ("/%2F%2Fevil.example", "/%2F%2Fevil.example"), ("/%09/evil.example", "/%09/evil.example"),
            ("/a b", "/home"), ("/a\u{7F}", "/home"), ("/a\\b", "/home"), ("/a\u{1F}", "/home"), ("/a\u{85}", "/home"),
            ("/a\u{200B}", "/home"), ("/a\u{FEFF}", "/home"), ("\\/evil.example", "/home"), ("///evil.example", "/home"),
            ("/.//evil.example", "/.//evil.example"),
        ])
    func characters(next: String, expected: String) {
        #expect(SafeRedirect.path(next) == expected)
    }

    @Test("a path of 500 bytes is followed, one of 501 is not")
    func lengthLimit() {
        #expect(SafeRedirect.maximumLength == 500)
        let limit = "/" + String(repeating: "a", count: 499)
        #expect(SafeRedirect.path(limit) == limit)
        #expect(SafeRedirect.path(limit + "a") == "/home")
    }

    @Test("the fallback is the caller's", arguments: ["//evil.example", "", "/a b"])
    func fallback(next: String) {
        #expect(SafeRedirect.path(next, fallback: "/sign-in") == "/sign-in")
        #expect(SafeRedirect.path("/records", fallback: "/sign-in") == "/records")
    }
}
