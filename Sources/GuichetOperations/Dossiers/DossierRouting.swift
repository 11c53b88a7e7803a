import GuichetCore
import GuichetStore

/// Where a dossier goes (SPEC §3, §6): the procedure's organisations, and for "the town
/// hall of the commune" the town hall of the commune given in the routing field.
public enum DossierRouting {
    /// Nil when a town hall cannot be found (the strict validation refuses such answers
    /// first, so this only guards against a change of reference data in between).
    static func recipients(_ procedure: Procedure, answers: Answers, in guichet: Guichet) -> [Dossiers.Recipient]? {
        var recipients: [Dossiers.Recipient] = []
        for target in procedure.processedBy {
            switch target {
            case .organisation(let id):
                guard let organisation = guichet.procedures.organisation(id) else { return nil }
                recipients.append(Dossiers.Recipient(key: organisation.id, name: organisation.name, contacts: organisation.contacts))
            case .townHallOf(let field):
                guard let insee = answers[field]?.inseeCode, let townHall = guichet.townHalls.townHall(inseeCode: insee) else { return nil }
                let organisation = townHall.organisation
                recipients.append(Dossiers.Recipient(key: organisation.id, name: organisation.name, contacts: organisation.contacts))
            case .chosenIn(let field):
                guard case .fileNumbers(let entries) = answers[field], !entries.isEmpty else { return nil }
                for entry in entries {
                    guard let organisation = guichet.procedures.organisation(entry.organisation) else { return nil }
                    recipients.append(Dossiers.Recipient(key: organisation.id, name: organisation.name, contacts: organisation.contacts))
                }
            }
        }
        return recipients
    }

    /// Who processes a procedure, in words, before anything is filled in. `townHall`
    /// words a town hall chosen from a field (by its label).
    public static func description(_ procedure: Procedure, catalogue: ProcedureCatalog,
                                   townHall: (String) -> String = { "La mairie de la commune indiquée dans « \($0) »" }) -> [String] {
        procedure.processedBy.map { target in
            switch target {
            case .organisation(let id):
                return catalogue.organisation(id)?.name ?? id
            case .townHallOf(let field):
                return townHall(procedure.field(field)?.label ?? field)
            case .chosenIn(let field):
                let names = procedure.field(field)?.organisations.map(\.label) ?? []
                return "Les organismes que vous choisissez parmi : " + names.joined(separator: ", ")
            }
        }
    }
}
