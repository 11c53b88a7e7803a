import Foundation
import GuichetCore
@testable import GuichetPDF
import GuichetTestSupport
import Testing

/// Generated documents (receipts, blank forms): valid PDF, French text extractable,
/// long content flowing onto more pages.
@Suite struct TextPDFTests {
    func written(_ data: Data) throws -> URL {
        let file = try Tools.temporaryDirectory().appendingPathComponent("document.pdf")
        try data.write(to: file)
        return file
    }

    @Test func frenchTextIsEncodedForTheStandardFonts() {
        #expect(WinAnsi.encode("é") == [0xE9])
        #expect(WinAnsi.encode("Œuvre « ça » – 10 €") == [0x8C, 0x75, 0x76, 0x72, 0x65, 0x20, 0xAB, 0x20, 0xE7, 0x61, 0x20, 0xBB, 0x20, 0x96, 0x20, 0x31, 0x30, 0x20, 0x80])
        #expect(WinAnsi.encode("ő") == Array("o".utf8), "a letter without code keeps its base letter")
        #expect(WinAnsi.encode("😀") == Array("?".utf8))
    }

    @Test func aDocumentIsValidAndItsAccentsAreExtractable() throws {
        let data = TextPDF.render(TextDocument(title: "Récapitulatif", footer: "Guichet – A-1-7KQ2M9XH4", blocks: [
            .title("Récapitulatif de votre démarche"),
            .paragraph("Œuvre d'Élodie Dupont, née à Saint-Étienne : « ça marche » – 12,50 €."),
            .answer(label: "Commune de naissance", value: ["Lyon (69003)"]),
            .tickBoxes(label: "Type d'acte", options: ["Copie intégrale", "Extrait"]),
            .blank(label: "Nom", hint: "En capitales", lines: 1),
        ]), creationDate: Date(timeIntervalSince1970: 1_800_000_000))
        let file = try written(data)
        #expect(try Tools.qpdfCheck(file))
        #expect(try Tools.popplerPages(file) == 1)
        let text = try Tools.pdfText(file)
        #expect(text.contains("Récapitulatif de votre démarche"))
        #expect(text.contains("Œuvre d'Élodie Dupont, née à Saint-Étienne : « ça marche » – 12,50 €."))
        #expect(text.contains("Guichet – A-1-7KQ2M9XH4 – page 1 sur 1"))
        let info = try Tools.run("/usr/bin/pdfinfo", [file.path]).output
        #expect(info.contains("Title:") && info.contains("Récapitulatif"))
    }

    @Test func longContentFlowsOntoNumberedPages() throws {
        let paragraphs = (1...120).map { TextDocument.Block.answer(label: "Question \($0)", value: ["Réponse numéro \($0), assez longue pour occuper une ligne entière de la page, et même un peu plus pour voir le retour à la ligne."]) }
        let data = TextPDF.render(TextDocument(title: "Long", footer: "Guichet", blocks: [.title("Long")] + paragraphs),
                                  creationDate: Date(timeIntervalSince1970: 1_800_000_000))
        let file = try written(data)
        #expect(try Tools.qpdfCheck(file))
        let pages = try #require(try Tools.popplerPages(file))
        #expect(pages > 3)
        let text = try Tools.pdfText(file)
        #expect(text.contains("page \(pages) sur \(pages)"))
        #expect(text.contains("Question 120") && text.contains("Réponse numéro 1,"))
    }
}
