import ConfidantCore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("Files taken in: recognised by their bytes, cleaned of location, cut into pieces")
struct AttachmentIntakeTests {
    /// Runs a whole file through an intake in `step`-byte pieces, as an upload arrives.
    func intake(
        _ bytes: [UInt8], named name: String, step: Int = 1000, limits: AttachmentLimits = AttachmentLimits(), room: Int = .max
    ) throws -> (stored: [UInt8], accepted: AttachmentIntake.Accepted, pieces: Int) {
        var intake = AttachmentIntake(name: try AttachmentName(name), limits: limits, roomOnRecord: room)
        var stored: [UInt8] = []
        var pieces = 0
        var offset = 0
        while offset < bytes.count {
            for piece in try intake.take(bytes[offset..<min(offset + step, bytes.count)]) {
                #expect(piece.count == AttachmentIntake.pieceSize)
                stored += piece
                pieces += 1
            }
            offset += step
        }
        let (last, accepted) = try intake.finish()
        return (stored + last, accepted, pieces + 1)
    }

    func problem(_ bytes: [UInt8], named name: String, limits: AttachmentLimits = AttachmentLimits(), room: Int = .max) -> AttachmentProblem? {
        do {
            _ = try intake(bytes, named: name, limits: limits, room: room)
            return nil
        } catch let problem as AttachmentProblem {
            return problem
        } catch {
            return nil
        }
    }

    @Test(
        "a file is recognised by its first bytes",
        arguments: [
            (MadeUpFiles.jpegWithLocation(), AttachmentKind.jpeg), (MadeUpFiles.pngWithLocation(), .png), (Array("%PDF-1.7\n".utf8), .pdf),
            (MadeUpFiles.heicWithLocation(), .heic), (MadeUpFiles.docx(), .word), (MadeUpFiles.odt(), .openDocument),
            (Array("A made-up note from a coach, written after the session.\n".utf8), .text),
        ])
    func recognised(bytes: [UInt8], kind: AttachmentKind) {
        #expect(AttachmentKind.recognise(Array(bytes.prefix(AttachmentKind.headLength))) == kind)
    }

    @Test("bytes of no allowed kind are not recognised: an executable, a GIF, text with control characters")
    func unrecognised() {
        #expect(AttachmentKind.recognise([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) == nil)
        #expect(AttachmentKind.recognise(Array("GIF89a".utf8) + [0, 1, 0, 1]) == nil)
        #expect(AttachmentKind.recognise(Array("text\u{0}with a NUL".utf8)) == nil)
        #expect(AttachmentKind.recognise([0xC3, 0x28, 0x41]) == nil)
    }

    @Test(
        "names that climb out of a folder, hide characters or are empty are refused",
        arguments: ["../notes.pdf", "folder/notes.pdf", "C:\\notes.pdf", "", "   ", "..", "notes\u{7}.pdf", "notes\u{202E}fdp.exe", "new\nline.txt"])
    func badNames(name: String) {
        #expect(throws: AttachmentProblem.self) { try AttachmentName(name) }
    }

    @Test("an ordinary name is kept as typed, with its ending")
    func goodName() throws {
        let name = try AttachmentName(" Letter from the GP (made up) – März.PDF ")
        #expect(name.text == "Letter from the GP (made up) – März.PDF" && name.fileExtension == "pdf" && name.claimedKinds == [.pdf])
        #expect(throws: AttachmentProblem.self) { try AttachmentName(String(repeating: "a", count: 201)) }
    }

    @Test("a JPEG keeps its picture and camera make but loses its GPS directory and its XMP")
    func jpegLocation() throws {
        let original = MadeUpFiles.jpegWithLocation()
        for step in [1, 7, 100, 100_000] {
            let (stored, accepted, _) = try intake(original, named: "photo.jpg", step: step)
            #expect(accepted.kind == .jpeg && accepted.removedLocation)
            #expect(!MadeUpFiles.contains(stored, MadeUpFiles.latitude), "the latitude is gone")
            #expect(!MadeUpFiles.contains(stored, Array("GPSLatitude".utf8)), "the XMP is gone")
            #expect(MadeUpFiles.contains(stored, Array("Phone".utf8)), "the camera make stays")
            #expect(Array(stored.suffix(MadeUpFiles.scan.count)) == MadeUpFiles.scan, "the picture is untouched")
            #expect(accepted.size == stored.count && accepted.sha256 == sha256(stored))
        }
    }

    @Test("a PNG loses its eXIf and text chunks and keeps its picture")
    func pngLocation() throws {
        let (stored, accepted, _) = try intake(MadeUpFiles.pngWithLocation(), named: "screenshot.png", step: 13)
        #expect(accepted.kind == .png && accepted.removedLocation)
        #expect(!MadeUpFiles.contains(stored, MadeUpFiles.latitude) && !MadeUpFiles.contains(stored, Array("GPS 51N".utf8)))
        #expect(MadeUpFiles.contains(stored, Array(repeating: 0x77, count: 500)) && MadeUpFiles.contains(stored, Array("IEND".utf8)))
    }

    @Test("a HEIC keeps every byte in place but its Exif item's GPS directory is zeroed")
    func heicLocation() throws {
        let original = MadeUpFiles.heicWithLocation()
        for step in [5, 64, 4096] {
            let (stored, accepted, _) = try intake(original, named: "IMG_0001.HEIC", step: step)
            #expect(accepted.kind == .heic && accepted.removedLocation)
            #expect(stored.count == original.count, "nothing moved")
            #expect(!MadeUpFiles.contains(stored, MadeUpFiles.latitude) && MadeUpFiles.contains(stored, Array("Phone".utf8)))
        }
    }

    @Test("a HEIC whose location comes before the part that lists it is refused: it cannot be cleaned in one pass")
    func heicOutOfOrder() {
        guard case .damaged = problem(MadeUpFiles.heicWithLocation(metaLast: true), named: "IMG_0002.heic") else {
            Issue.record("expected a damaged-file problem")
            return
        }
    }

    @Test("Word and OpenDocument files are told apart by their directory")
    func officeKinds() throws {
        #expect(try intake(MadeUpFiles.docx(), named: "letter.docx").accepted.kind == .word)
        #expect(try intake(MadeUpFiles.odt(), named: "letter.odt", step: 3).accepted.kind == .openDocument)
        #expect(try intake(MadeUpFiles.docx(), named: "letter.docx").stored == MadeUpFiles.docx(), "Office files are kept byte for byte")
    }

    @Test("macros, archive bombs, a spreadsheet and a cut-off archive are refused")
    func officeRefusals() {
        let name = "letter.docx"
        #expect(problem(MadeUpFiles.docx(extra: [("word/vbaProject.bin", [1, 2, 3])]), named: name) == .macros(name: name))
        #expect(problem(MadeUpFiles.docx(declared: ["word/document.xml": 400_000_000]), named: name) == .archiveBomb(name: name))
        #expect(problem(MadeUpFiles.docx(overlapping: true), named: name) == .archiveBomb(name: name))
        #expect(problem(MadeUpFiles.docx(extra: [("word/inner.zip", [0])]), named: name) == .archiveBomb(name: name))
        let sheet = MadeUpFiles.zip([("[Content_Types].xml", [1]), ("xl/workbook.xml", [2])])
        #expect(problem(sheet, named: "budget.docx") == .notAllowed(name: "budget.docx"))
        guard case .damaged = problem(Array(MadeUpFiles.docx().dropLast(10)), named: name) else {
            Issue.record("a cut-off archive is damaged")
            return
        }
    }

    @Test("a name that says another kind, or a kind Confidant refuses, is refused")
    func claims() {
        #expect(problem(MadeUpFiles.pngWithLocation(), named: "letter.pdf") == .notWhatItSays(name: "letter.pdf", actually: .png))
        #expect(problem(Array("plain words".utf8), named: "page.html") == .notAllowed(name: "page.html"))
        #expect(problem(Array("plain words".utf8), named: "setup.exe") == .notAllowed(name: "setup.exe"))
        #expect(
            problem(Array("words then \u{0} a NUL later on, past the first eighty bytes of the file, well past them".utf8) + [0], named: "n.txt")
                != nil)
    }

    @Test("an empty file, a file over the limit and one that would fill the record are refused")
    func limits() {
        #expect(problem([], named: "empty.txt") == .empty(name: "empty.txt"))
        let words = Array(String(repeating: "made-up words ", count: 100).utf8)
        #expect(problem(words, named: "long.txt", limits: AttachmentLimits(perFile: 1000)) == .tooLarge(name: "long.txt", limit: 1000))
        #expect(problem(words, named: "long.txt", room: 500) == .recordFull(limit: AttachmentLimits().perRecord))
    }

    @Test("text arrives in whole pieces, a character split between two uploads' reads is still text")
    func pieces() throws {
        let text = Array(String(repeating: "Notes – made up, über ünïcode ✓ ", count: 20_000).utf8)
        for step in [1_000, 4_093, 65_537] {
            let (stored, accepted, pieces) = try intake(text, named: "notes.txt", step: step)
            #expect(stored == text && accepted.kind == .text && !accepted.removedLocation)
            #expect(pieces == text.count / AttachmentIntake.pieceSize + 1)
        }
    }

    func sha256(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }
}
