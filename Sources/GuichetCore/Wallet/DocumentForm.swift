/// What a wallet document is (SPEC §2: identity document, proof of address…).
public enum DocumentCategory: String, CaseIterable, Sendable {
    case identity = "identite"
    case address = "domicile"
    case income = "ressources"
    case civilStatus = "etat-civil"
    case certificate = "attestation"
    case other = "autre"

    public var label: String {
        switch self {
        case .identity: "Pièce d'identité"
        case .address: "Justificatif de domicile"
        case .income: "Justificatif de ressources"
        case .civilStatus: "Acte d'état civil"
        case .certificate: "Attestation ou certificat"
        case .other: "Autre document"
        }
    }
}

/// The fields of *Ajouter un document* and *Renommer*.
public struct DocumentForm: Sendable, Equatable {
    public static let maximumTitle = 100
    public static let maximumNote = 500

    public var title: String
    public var category: String
    public var note: String

    public init(title: String = "", category: String = "", note: String = "") {
        self.title = title
        self.category = category
        self.note = note
    }

    public struct Valid: Sendable, Equatable {
        public let title: String
        public let category: DocumentCategory
        public let note: String
    }

    public static func titleProblem(_ title: String) -> String? {
        if title.isEmpty { return "Donnez un titre au document, par exemple « Carte d'identité »." }
        if title.count > maximumTitle { return "Le titre doit compter au plus \(maximumTitle) caractères." }
        if Text.containsControlCharacters(title) { return "Le titre contient des caractères invisibles non autorisés." }
        return nil
    }

    public func validate() -> Result<Valid, FieldErrors> {
        var errors = FieldErrors()
        let title = Text.normalized(self.title), note = Text.normalized(self.note)
        if let problem = Self.titleProblem(title) { errors.add("title", problem) }
        let category = DocumentCategory(rawValue: self.category)
        if category == nil { errors.add("category", "Choisissez la catégorie du document.") }
        if note.count > Self.maximumNote {
            errors.add("note", "La note doit compter au plus \(Self.maximumNote) caractères : elle en compte \(note.count).")
        } else if Text.containsControlCharacters(note, allowLineBreaks: true) {
            errors.add("note", "La note contient des caractères invisibles non autorisés.")
        }
        guard errors.isEmpty, let category else { return .failure(errors) }
        return .success(Valid(title: title, category: category, note: note))
    }
}
