extension RawRepresentable where RawValue == String {
    /// The vocabulary word read back from `column`; a word Confidant never writes means the row was changed
    /// outside it, which is reported rather than read as some default (an unknown role must never become a role).
    static func stored(_ word: String, in column: String) throws(StoreError) -> Self {
        guard let value = Self(rawValue: word) else {
            throw .unreadableRow("\(column) holds \"\(word.prefix(40))\", which is not one Confidant writes")
        }
        return value
    }
}
