import Mustache
import Testing

@testable import ConfidantWeb

/// Made-up views with every kind of field a page has, read through their types' layouts.
fileprivate struct Mark: Sendable {
    let label: String
    let note: String?
}

fileprivate struct Section: Sendable {
    let heading: String
    let count: Int
    let marks: [Mark]
}

fileprivate enum Tone: String, Sendable { case calm, urgent }

fileprivate struct Page: Sendable {
    let title: String
    let section: Section
    let hidden: Section?
    let shown: Section?
    let sections: [Section]
    let optionals: [String?]
    let tone: Tone
    let flag: Bool
    let empty: String
    let nested: String??
    /// A dictionary is handed to Mustache as it is.
    let words: [String: String]
}

@Suite("Page views are read through their types' layouts, as Mustache's reflection would read them")
struct ReflectedViewTests {
    fileprivate static let page = Page(
        title: "Chronology",
        section: Section(heading: "Marks", count: 2, marks: [Mark(label: "Bruise", note: nil), Mark(label: "Cut", note: "left arm")]),
        hidden: nil,
        shown: Section(heading: "Shown", count: 0, marks: []),
        sections: [Section(heading: "One", count: 1, marks: []), Section(heading: "Two", count: 2, marks: [])],
        optionals: ["a", nil, "c"], tone: .urgent, flag: true, empty: "", nested: .some(.some("deep")),
        words: ["greeting": "hello"])

    static let template = """
        {{title}}|{{#section}}{{heading}} {{count}}:{{#marks}}[{{label}}{{#note}} ({{.}}){{/note}}]{{/marks}}{{/section}}\
        |{{#hidden}}no{{/hidden}}{{^hidden}}none{{/hidden}}|{{#shown}}{{heading}} {{title}}{{/shown}}\
        |{{#sections}}{{heading}}={{count}};{{/sections}}|{{#optionals}}<{{.}}>{{/optionals}}|{{tone}}|{{#flag}}yes{{/flag}}\
        |{{#empty}}truthy{{/empty}}|{{nested}}|{{words.greeting}}|{{missing}}
        """

    @Test("the same text as Mustache's own reflection, for every kind of field")
    func sameAsReflection() throws {
        let template = try MustacheTemplate(string: Self.template)
        #expect(ReflectedView.view(Self.page) is ReflectedView)
        let reflected = template.render(ReflectedView.view(Self.page))
        let plain = template.render(Self.page)
        #expect(reflected == plain)
        #expect(reflected.hasPrefix("Chronology|Marks 2:[Bruise][Cut (left arm)]|none|Shown Chronology|One=1;Two=2;|"))
        #expect(reflected.contains("|urgent|yes|truthy|deep|hello|"))
    }

    @Test("a view of a type met before uses the same layout, with this value's fields")
    func secondValue() throws {
        let template = try MustacheTemplate(string: "{{#section}}{{heading}}{{/section}}")
        let first = template.render(ReflectedView.view(Self.page))
        let other = Page(
            title: "Other", section: Section(heading: "Else", count: 0, marks: []), hidden: nil, shown: nil, sections: [], optionals: [],
            tone: .calm, flag: false, empty: "", nested: nil, words: [:])
        #expect(first == "Marks")
        #expect(template.render(ReflectedView.view(other)) == "Else")
    }

    @Test("text and numbers are handed over as they are")
    func notViews() {
        #expect(ReflectedView.view("text") as? String == "text")
        #expect(ReflectedView.view(3) as? Int == 3)
    }
}
