import Foundation
@testable import GuichetPDF
import GuichetTestSupport
import Testing
import GuichetCore

/// Every file of the generated corpus: valid ones become a PDF that qpdf and poppler
/// accept, with pixels identical to the source; hostile ones are refused with the right
/// reason and nothing is left behind.
@Suite struct CorpusTests {
    static func errorName(_ error: DocumentError) -> String {
        switch error {
        case .empty: "empty"
        case .unsupportedFormat: "unsupportedFormat"
        case .damaged: "damaged"
        case .encrypted: "encrypted"
        case .unsupportedVariant: "unsupportedVariant"
        case .unexpectedContent: "unexpectedContent"
        case .tooManyPixels: "tooManyPixels"
        case .tooManyFiles: "tooManyFiles"
        case .tooManyPages: "tooManyPages"
        case .resultTooLarge: "resultTooLarge"
        case .fileTooLarge: "fileTooLarge"
        case .tooMuchContent: "tooMuchContent"
        case .tooComplex: "tooComplex"
        }
    }

    @Test func everyCorpusFileGivesAValidPDFOrTheRightRefusal() async throws {
        let corpus = try await Corpus.shared.value
        let results = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: results) }
        for entry in corpus.entries {
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let outcome: Result<DocumentAssembler.Result, DocumentAssembler.Failure>
            do { outcome = .success(try DocumentAssembler.assemble([corpus.url(entry.file)], in: work)) } catch { outcome = .failure(error) }
            switch outcome {
            case .success(let result):
                #expect(entry.expect == "ok", "\(entry.file) was accepted but should be refused (\(entry.error ?? ""))")
                #expect(result.pages == entry.pages, "\(entry.file)")
                let path = results.appendingPathComponent(entry.file + ".pdf")
                try result.data.write(to: path)
                #expect(try Tools.qpdfCheck(path), "\(entry.file): qpdf --check")
                #expect(try Tools.popplerPages(path) == entry.pages, "\(entry.file): pdfinfo")
                #expect(try Tools.popplerRenders(path), "\(entry.file): pdftoppm")
            case .failure(let failure):
                #expect(entry.expect == "error", "\(entry.file) refused: \(failure.message)")
                #expect(Self.errorName(failure.error) == entry.error, "\(entry.file): \(failure.error)")
                // A problem of one file names it; a problem of the whole document does not.
                let wholeDocument = ["resultTooLarge", "tooManyPages"].contains(entry.error ?? "")
                #expect(failure.file == (wholeDocument ? nil : 1), "\(entry.file)")
            }
        }
        let verification = try Tools.run(Corpus.python.path, [Corpus.repositoryRoot.appendingPathComponent("Tests/tools/verify_corpus.py").path,
                                                                corpus.directory.path, results.path]).output
        let lines = verification.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == corpus.entries.filter { $0.expect == "ok" && $0.format != "pdf" }.count, "\(verification)")
        for line in lines {
            #expect((line["problems"] as? [String])?.isEmpty == true, "\(line["file"] ?? ""): \(line["problems"] ?? "")")
        }
    }

    @Test func fourFilesOfEveryKindMergeInOrder() async throws {
        let corpus = try await Corpus.shared.value
        let work = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try DocumentAssembler.assemble(["pdf-10.pdf", "jpeg-rgb.jpg", "png-rgba.png", "gif-transparent.gif"].map(corpus.url), in: work)
        #expect(result.pages == 13)
        let path = work.appendingPathComponent("merged.pdf")
        try result.data.write(to: path)
        #expect(try Tools.qpdfCheck(path))
        #expect(try Tools.popplerPages(path) == 13)
        let text = try Tools.run("/usr/bin/pdftotext", ["-f", "10", "-l", "10", path.path, "-"]).output
        #expect(text.contains("Page 10"), "the PDF's pages come first, in order")
    }

    @Test func limitsOnFilesPagesAndSize() async throws {
        let corpus = try await Corpus.shared.value
        let work = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(throws: DocumentAssembler.Failure(file: nil, error: .tooManyFiles(maximum: 4))) {
            try DocumentAssembler.assemble(Array(repeating: corpus.url("pdf-1.pdf"), count: 5), in: work)
        }
        #expect(throws: DocumentAssembler.Failure(file: nil, error: .tooManyPages(pages: 600, maximum: 500))) {
            try DocumentAssembler.assemble(Array(repeating: corpus.url("pdf-200.pdf"), count: 3), in: work)
        }
        let big = work.appendingPathComponent("grand.pdf")
        try Data(repeating: 0x20, count: DocumentLimits.maximumFileBytes + 1).write(to: big)
        #expect(throws: DocumentAssembler.Failure(file: 2, error: .fileTooLarge(maximum: DocumentLimits.maximumFileBytes))) {
            try DocumentAssembler.assemble([corpus.url("pdf-1.pdf"), big], in: work)
        }
    }

    @Test func refusalNamesTheFile() async throws {
        let corpus = try await Corpus.shared.value
        let work = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            _ = try DocumentAssembler.assemble([corpus.url("pdf-1.pdf"), corpus.url("encrypted.pdf")], in: work)
            Issue.record("an encrypted PDF was accepted")
        } catch {
            #expect(error.file == 2)
            #expect(error.message == "Fichier 2 : Ce PDF est protégé par un mot de passe ou chiffré. Enregistrez-en une copie sans protection puis réessayez.")
        }
    }
}
