/// Reads one `confidant decide` request line into a ``ShareRequest``, strictly, as the contract says.
///
/// Keys may come in any order and unknown keys (at the top level or inside `subject` and
/// `recipient`) are accepted and ignored, so that callers can send extra context. A line that
/// is not JSON, not an object, repeats a known key, gives a known field a wrong type or an
/// unknown word, or leaves out a required field is invalid, and the error names the field and
/// the value it did not accept. `null` is not accepted for a flag: leave the flag out instead.
enum ShareRequestParser {
    /// The outcome of reading a line.
    enum Result {
        /// A valid request, with where its id is.
        case request(ShareRequest, id: IDText)
        /// An invalid line, with its id where one could be read.
        case invalid(id: IDText?, message: String)
    }

    /// Where the request's id is, ready to be echoed.
    enum IDText {
        /// The id's bytes in the line are valid JSON string content as they stand (no escapes).
        case raw(Range<Int>)
        /// The id had escapes: its decoded UTF-8 (kept apart from the scratch buffer, which later
        /// keys and values with escapes reuse).
        case decoded([UInt8])
    }

    /// The fields the contract defines, named as in error messages.
    enum Field: Int, CaseIterable {
        case id, subject, requester, recipient, purpose, form, consent, risk
        case riskToOthers, seriousCrime, legalDuty, informingWouldIncreaseRisk
        case informingWouldPrejudiceInvestigation, confidentialityOffered, dslApproved
        case subjectKind, subjectHasCapacity
        case recipientKind, recipientNeedToKnow, recipientIsAllegedPerpetrator

        /// The field's name in error messages (nested fields with their parent).
        var name: String {
            switch self {
            case .id: "id"
            case .subject: "subject"
            case .requester: "requester"
            case .recipient: "recipient"
            case .purpose: "purpose"
            case .form: "form"
            case .consent: "consent"
            case .risk: "risk"
            case .riskToOthers: "risk_to_others"
            case .seriousCrime: "serious_crime"
            case .legalDuty: "legal_duty"
            case .informingWouldIncreaseRisk: "informing_would_increase_risk"
            case .informingWouldPrejudiceInvestigation: "informing_would_prejudice_investigation"
            case .confidentialityOffered: "confidentiality_offered"
            case .dslApproved: "dsl_approved"
            case .subjectKind: "subject.kind"
            case .subjectHasCapacity: "subject.has_capacity"
            case .recipientKind: "recipient.kind"
            case .recipientNeedToKnow: "recipient.need_to_know"
            case .recipientIsAllegedPerpetrator: "recipient.is_alleged_perpetrator"
            }
        }

        /// The key as it appears in its object.
        var key: [UInt8] {
            let name = self.name
            let key = name.split(separator: ".").last.map(String.init) ?? name
            return Array(key.utf8)
        }

        /// The bit for this field in a set of seen fields.
        var bit: UInt32 { 1 << UInt32(rawValue) }
    }

    /// The keys of each object, with the field each names.
    static let topLevelKeys: [([UInt8], Field)] = Field.allCases.filter { $0.rawValue <= Field.dslApproved.rawValue }.map { ($0.key, $0) }
    static let subjectKeys: [([UInt8], Field)] = [Field.subjectKind, .subjectHasCapacity].map { ($0.key, $0) }
    static let recipientKeys: [([UInt8], Field)] = [Field.recipientKind, .recipientNeedToKnow, .recipientIsAllegedPerpetrator].map { ($0.key, $0) }

    /// The required fields, in the order a missing one is reported (the contract's table order).
    static let required: [Field] = [
        .id, .subject, .subjectKind, .requester, .recipient, .recipientKind,
        .purpose, .form, .consent, .risk, .confidentialityOffered,
    ]

    /// How `decide`'s messages for a line that is not JSON begin (`not valid JSON: … at column N`).
    static let syntaxPrefix = "not valid JSON:"

    /// Reads a line. `scratch` is reused between lines to hold decoded strings.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> Result {
        var state = State()
        var reader = JSONReader(bytes)
        do {
            try parseLine(&reader, &state, &scratch)
        } catch {
            return .invalid(id: state.id, message: error.message(prefix: syntaxPrefix))
        }
        if let message = state.firstError { return .invalid(id: state.id, message: message) }
        for field in required where state.seen & field.bit == 0 {
            return .invalid(id: state.id, message: "field `\(field.name)` is missing")
        }
        guard let id = state.id, let subjectKind = state.subjectKind, let requester = state.requester,
            let recipientKind = state.recipientKind, let purpose = state.purpose, let form = state.form,
            let consent = state.consent, let risk = state.risk, let offered = state.offered
        else {
            return .invalid(id: state.id, message: "a required field is missing")
        }
        let request = ShareRequest(
            subjectKind: subjectKind, subjectHasCapacity: state.flags[Field.subjectHasCapacity] ?? true,
            requester: requester, recipientKind: recipientKind,
            recipientNeedToKnow: state.flags[Field.recipientNeedToKnow] ?? false,
            recipientIsAllegedPerpetrator: state.flags[Field.recipientIsAllegedPerpetrator] ?? false,
            purpose: purpose, form: form, consent: consent, risk: risk,
            riskToOthers: state.flags[Field.riskToOthers] ?? false,
            seriousCrime: state.flags[Field.seriousCrime] ?? false,
            legalDuty: state.flags[Field.legalDuty] ?? false,
            informingWouldIncreaseRisk: state.flags[Field.informingWouldIncreaseRisk] ?? false,
            informingWouldPrejudiceInvestigation: state.flags[Field.informingWouldPrejudiceInvestigation] ?? false,
            confidentialityOffered: offered,
            dslApproved: state.flags[Field.dslApproved] ?? false
        )
        return .request(request, id: id)
    }

    /// What has been read of a line so far.
    struct State {
        var seen: UInt32 = 0
        var firstError: String?
        var id: IDText?
        var subjectKind: PersonKind?
        var requester: Requester?
        var recipientKind: RecipientKind?
        var purpose: SharePurpose?
        var form: ShareForm?
        var consent: Consent?
        var risk: RiskLevel?
        var offered: ConfidentialityOffered?
        var flags = Flags()

        /// Records a field error unless an earlier one was found: the first is reported.
        mutating func fail(_ message: String) {
            if firstError == nil { firstError = message }
        }
    }

    /// The boolean fields read so far (nil: not given, so the default applies).
    struct Flags {
        private var given: UInt32 = 0
        private var values: UInt32 = 0

        subscript(field: Field) -> Bool? {
            get { given & field.bit == 0 ? nil : values & field.bit != 0 }
            set {
                guard let newValue else { return }
                given |= field.bit
                if newValue { values |= field.bit } else { values &= ~field.bit }
            }
        }
    }

    private static func parseLine(_ reader: inout JSONReader, _ state: inout State, _ scratch: inout [UInt8]) throws(JSONReader.Failure) {
        reader.skipWhitespace()
        guard reader.peek == UInt8(ascii: "{") else {
            // Say whether it is JSON at all, then that it is not an object.
            throw JSONReader.Failure(what: describeTopLevel(&reader))
        }
        try readObject(&reader, keys: topLevelKeys, &scratch) { (reader, field, scratch) throws(JSONReader.Failure) in
            try readField(field, &reader, &state, &scratch)
        }
        reader.skipWhitespace()
        guard reader.atEnd else { throw reader.syntaxError("unexpected \(reader.found) after the object") }
    }

    /// The message for a line that does not start with an object.
    private static func describeTopLevel(_ reader: inout JSONReader) -> String {
        let start = reader.position
        do throws(JSONReader.Failure) {
            _ = try reader.skipValue()
            reader.skipWhitespace()
            guard reader.atEnd else { throw reader.syntaxError("unexpected \(reader.found) after the value") }
        } catch {
            return error.message(prefix: syntaxPrefix)
        }
        let kind: String
        switch reader.bytes[start] {
        case UInt8(ascii: "["): kind = "an array"
        case UInt8(ascii: "\""): kind = "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): kind = "a boolean"
        case UInt8(ascii: "n"): kind = "null"
        default: kind = "a number"
        }
        return "the line is \(kind), not a JSON object"
    }

    /// Reads an object's members, calling `known` for each key in `keys` (at most once each:
    /// a repeated key is an error) and skipping the values of other keys.
    private static func readObject(
        _ reader: inout JSONReader, keys: [([UInt8], Field)], _ scratch: inout [UInt8],
        known: (inout JSONReader, Field, inout [UInt8]) throws(JSONReader.Failure) -> Void
    ) throws(JSONReader.Failure) {
        var seen: UInt32 = 0
        try reader.readObject { (reader: inout JSONReader, keyToken: JSONStringToken) throws(JSONReader.Failure) in
            guard let field = match(keyToken, in: reader, keys: keys, &scratch) else {
                _ = try reader.skipValue(depth: 1)
                return
            }
            if seen & field.bit != 0 {
                throw JSONReader.Failure(what: "field `\(field.name)` appears more than once")
            }
            seen |= field.bit
            try known(&reader, field, &scratch)
        }
    }

    /// The field a key names, if any.
    private static func match(_ token: JSONStringToken, in reader: JSONReader, keys: [([UInt8], Field)], _ scratch: inout [UInt8]) -> Field? {
        if token.hasEscapes {
            scratch.removeAll(keepingCapacity: true)
            guard reader.decode(token, into: &scratch) else { return nil }
            for (key, field) in keys where key == scratch { return field }
            return nil
        }
        let length = token.end - token.start
        for (key, field) in keys where key.count == length {
            if equal(key, reader.bytes, token.start) { return field }
        }
        return nil
    }

    /// Whether `word` occurs in `bytes` at `start` (the caller checked the length).
    @inline(__always)
    private static func equal(_ word: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        word.withUnsafeBufferPointer { word in
            for index in 0..<word.count where word[index] != bytes[start + index] { return false }
            return true
        }
    }

    /// Reads the value of a known top-level or nested field.
    private static func readField(
        _ field: Field, _ reader: inout JSONReader, _ state: inout State, _ scratch: inout [UInt8]
    ) throws(JSONReader.Failure) {
        state.seen |= field.bit
        switch field {
        case .id:
            guard reader.peek == UInt8(ascii: "\"") else {
                let range = try reader.skipValue(depth: 1)
                state.fail("field `id`: \(excerpt(reader, range)) is not a string")
                return
            }
            let token = try reader.readString()
            if token.hasEscapes {
                var decoded: [UInt8] = []
                if reader.decode(token, into: &decoded) {
                    state.id = .decoded(decoded)
                } else {
                    state.fail("field `id`: \(excerpt(reader, token.start - 1..<token.end + 1)) holds an unpaired surrogate, which cannot be echoed")
                }
            } else {
                state.id = .raw(token.start..<token.end)
            }
        case .subject:
            try readNested(field, keys: subjectKeys, &reader, &state, &scratch)
        case .recipient:
            try readNested(field, keys: recipientKeys, &reader, &state, &scratch)
        case .requester: state.requester = try readWord(field, Words.requester, &reader, &state, &scratch)
        case .purpose: state.purpose = try readWord(field, Words.purpose, &reader, &state, &scratch)
        case .form: state.form = try readWord(field, Words.form, &reader, &state, &scratch)
        case .consent: state.consent = try readWord(field, Words.consent, &reader, &state, &scratch)
        case .risk: state.risk = try readWord(field, Words.risk, &reader, &state, &scratch)
        case .confidentialityOffered: state.offered = try readWord(field, Words.offered, &reader, &state, &scratch)
        case .subjectKind: state.subjectKind = try readWord(field, Words.subjectKind, &reader, &state, &scratch)
        case .recipientKind: state.recipientKind = try readWord(field, Words.recipientKind, &reader, &state, &scratch)
        case .riskToOthers, .seriousCrime, .legalDuty, .informingWouldIncreaseRisk,
            .informingWouldPrejudiceInvestigation, .dslApproved,
            .subjectHasCapacity, .recipientNeedToKnow, .recipientIsAllegedPerpetrator:
            if let value = try reader.readBoolean() {
                state.flags[field] = value
            } else {
                let range = try reader.skipValue(depth: 1)
                state.fail("field `\(field.name)`: \(excerpt(reader, range)) is not true or false")
            }
        }
    }

    /// Reads `subject` or `recipient`, which must be an object.
    private static func readNested(
        _ field: Field, keys: [([UInt8], Field)], _ reader: inout JSONReader, _ state: inout State, _ scratch: inout [UInt8]
    ) throws(JSONReader.Failure) {
        guard reader.peek == UInt8(ascii: "{") else {
            let range = try reader.skipValue(depth: 1)
            state.fail("field `\(field.name)`: \(excerpt(reader, range)) is not an object")
            return
        }
        try readObject(&reader, keys: keys, &scratch) { (reader, nested, scratch) throws(JSONReader.Failure) in
            try readField(nested, &reader, &state, &scratch)
        }
    }

    /// Reads a word of a closed vocabulary; nil (and an error recorded) if it is not one.
    private static func readWord<Word>(
        _ field: Field, _ words: VocabularyTable<Word>, _ reader: inout JSONReader, _ state: inout State, _ scratch: inout [UInt8]
    ) throws(JSONReader.Failure) -> Word? {
        guard reader.peek == UInt8(ascii: "\"") else {
            let range = try reader.skipValue(depth: 1)
            state.fail("field `\(field.name)`: \(excerpt(reader, range)) is not one of \(words.list)")
            return nil
        }
        let token = try reader.readString()
        let word: Word?
        if token.hasEscapes {
            scratch.removeAll(keepingCapacity: true)
            word = reader.decode(token, into: &scratch) ? words.word(scratch) : nil
        } else {
            word = words.word(reader.bytes, token.start, token.end - token.start)
        }
        if word == nil {
            state.fail("field `\(field.name)`: \(excerpt(reader, token.start - 1..<token.end + 1)) is not one of \(words.list)")
        }
        return word
    }

    /// The JSON text of a rejected value, shortened if long, for an error message.
    static func excerpt(_ reader: JSONReader, _ range: Range<Int>) -> String {
        let limit = 40
        var end = range.upperBound
        var shortened = false
        if range.count > limit {
            end = range.lowerBound + limit
            // Do not cut a UTF-8 sequence.
            while end > range.lowerBound && reader.bytes[end] & 0xC0 == 0x80 { end -= 1 }
            shortened = true
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[range.lowerBound..<end]), as: UTF8.self)
        return shortened ? text + "…" : text
    }

    /// The words of each vocabulary, as UTF-8.
    enum Words {
        static let subjectKind = VocabularyTable<PersonKind>()
        static let requester = VocabularyTable<Requester>()
        static let recipientKind = VocabularyTable<RecipientKind>()
        static let purpose = VocabularyTable<SharePurpose>()
        static let form = VocabularyTable<ShareForm>()
        static let consent = VocabularyTable<Consent>()
        static let risk = VocabularyTable<RiskLevel>()
        static let offered = VocabularyTable<ConfidentialityOffered>()
    }
}

/// The contract's words of one vocabulary as UTF-8, for matching without making strings.
struct VocabularyTable<Word: CaseIterable & RawRepresentable & Sendable>: Sendable where Word.RawValue == String {
    /// Each word's bytes with the value it names.
    let entries: [([UInt8], Word)]
    /// The words, comma-separated, for error messages.
    let list: String

    init() {
        entries = Word.allCases.map { (Array($0.rawValue.utf8), $0) }
        list = Word.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The word spelled by `count` bytes at `start`, if any.
    func word(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Word? {
        for (spelling, word) in entries where spelling.count == count {
            let same = spelling.withUnsafeBufferPointer { spelling in
                for index in 0..<count where spelling[index] != bytes[start + index] { return false }
                return true
            }
            if same { return word }
        }
        return nil
    }

    /// The word spelled by decoded bytes, if any.
    func word(_ decoded: [UInt8]) -> Word? {
        entries.first { $0.0 == decoded }?.1
    }
}
