import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant policy …`: bring the organisation's own policy text in as a draft, and list the versions.
///
/// Consultation, publication (with a manager's approval) and acknowledgment happen in the web pages,
/// where each step has a person to answer for it.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Import the organisation's policy text as a draft, or list the policy versions.",
        subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a plain-text or Markdown policy as a new draft version.",
            discussion: """
                Headings on a line of their own (or Markdown # headings) divide the text into sections. The draft keeps \
                the clause data of the version in force (or the built-in wording) unless --clauses names a JSON file in \
                the format `confidant policy-doc --json` prints. The draft is then opened for consultation and published \
                in the web pages.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The policy text file (UTF-8 plain text or Markdown, at most 512 KB).") var file: String
        @Option(help: "The clause data as JSON (default: the current version's clauses).") var clauses: String?
        @Option(help: "A name for the version, e.g. \"2027 review\" (default: Imported and today's date).") var label: String?

        func run() async throws {
            let text = try Self.readText(file)
            var policy: ConfidentialityPolicy?
            if let clauses {
                guard let data = FileManager.default.contents(atPath: clauses) else {
                    throw CommandFailure("Cannot read the clause file \(clauses).")
                }
                do { policy = try ConfidentialityPolicy.decode(json: data) } catch {
                    throw CommandFailure("The clause file \(clauses) is not valid clause data: \(Self.reason(error))")
                }
            }
            try await withDatabase(store) { database in
                let version: PolicyVersion
                do {
                    version = try await PolicyStore(database).importDraft(text: text, clauses: policy, label: label, by: nil, now: Date())
                } catch let error as PolicyStoreError {
                    throw CommandFailure("\(file): \(error.description)")
                }
                let grounding = version.grounding
                print("Imported \(version.title) as a draft: \(version.text.sections.count) sections, \(version.policy.clauses.count) clauses.")
                if grounding.ungrounded.isEmpty {
                    print("Every clause rests on a section of the text.")
                } else {
                    print("\(grounding.ungrounded.count) clause(s) name a section the text does not have; choose one for each before publishing:")
                    for clause in grounding.ungrounded { print("  \(clause.id): \"\(clause.section)\"") }
                }
            }
        }

        /// Why clause JSON was refused, in one line (the decoder's own messages run to several).
        static func reason(_ error: any Error) -> String {
            guard let error = error as? DecodingError else { return String(describing: error) }
            switch error {
            case .dataCorrupted(let context):
                return context.debugDescription
            case .keyNotFound(let key, let context):
                return "`\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))` is missing"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "`\(context.codingPath.map(\.stringValue).joined(separator: "."))`: \(context.debugDescription)"
            @unknown default:
                return String(describing: error)
            }
        }

        /// The file as UTF-8 text; anything else is refused before the database is touched.
        static func readText(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("Cannot read the policy file \(path).")
            }
            guard data.count <= PolicyText.maximumBytes else {
                throw CommandFailure("\(path) is \(data.count) bytes; a policy text may be at most \(PolicyText.maximumBytes).")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CommandFailure("\(path) is not UTF-8 text. Save it as plain text (UTF-8) or Markdown and try again.")
            }
            return text
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the policy versions: number, status, label, published date.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withDatabase(store) { database in
                for version in try await PolicyStore(database).versions() {
                    let published = version.publishedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
                    print(["\(version.number)", version.status.rawValue, version.label, published].joined(separator: "\t"))
                }
            }
        }
    }
}
