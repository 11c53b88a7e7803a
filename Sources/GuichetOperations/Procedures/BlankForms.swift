import Foundation
import GuichetCore
import GuichetPDF

/// The printable PDF of a *formulaire vierge* (SPEC §3).
public enum BlankForms {
    /// The form and its file title; `notFound` for a procedure that is not an available blank form.
    public static func document(_ procedureID: String, in context: OperationContext) throws -> (title: String, data: Data) {
        guard let procedure = context.guichet.procedures.procedure(procedureID), procedure.nature == .blankForm, procedure.available else {
            throw OperationError.notFound
        }
        let names = DossierRouting.description(procedure, catalogue: context.guichet.procedures,
                                               townHall: { _ in "la mairie de la commune concernée" })
        let data = ProcedureDocuments.blankForm(procedure, organisations: names, createdAt: context.now)
        return (procedure.cerfa.map { "Formulaire cerfa \($0)" } ?? procedure.title, data)
    }
}
