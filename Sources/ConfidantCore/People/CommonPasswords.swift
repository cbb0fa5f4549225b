/// Passwords that appear in lists of leaked passwords, which guessers try first (NCSC guidance:
/// block the most common passwords rather than demand complexity).
public enum CommonPasswords {
    /// Whether `password` is a common one, or made of one common password repeated or two joined
    /// (`passwordpassword`, `qwerty123456`), or of one short piece repeated (`abcabcabcabc`).
    ///
    /// Three ordinary words (`plum river lantern`) are not refused: only one or two pieces from
    /// the thousand most common passwords are.
    public static func contains(_ password: String) -> Bool {
        let text = password.lowercased()
        if long.contains(text) { return true }
        let characters = Array(text)
        if isRepetition(characters) { return true }
        for split in 1..<max(characters.count, 1) {
            let head = String(characters[..<split]), tail = String(characters[split...])
            if pieces.contains(head) && (pieces.contains(tail) || tail.allSatisfy(\.isNumber)) { return true }
        }
        return false
    }

    /// Whether the text is one piece of up to six characters written again and again.
    static func isRepetition(_ characters: [Character]) -> Bool {
        for unit in 1...6 where characters.count > unit && characters.count.isMultiple(of: unit) {
            if characters.indices.allSatisfy({ characters[$0] == characters[$0 % unit] }) { return true }
        }
        return false
    }
}
