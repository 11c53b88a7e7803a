/// Why a DILA export cannot be imported at all: the file is not the JSON document it
/// claims to be. The import stops and changes nothing; the message names the line and,
/// inside the `service` array, the record (counted from 1) where reading stopped.
public struct DILAExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unreadable(String)
        case empty
        case notAnObject
        case missingServiceKey
        case duplicateServiceKey
        case serviceNotAnArray
        case unexpectedCharacter(String)
        case invalidLiteral(String)
        case invalidEscape
        case unterminatedString
        case controlCharacterInString
        case truncated
        case trailingContent
        /// The scanner accepted the record's bytes but the JSON parser did not (invalid
        /// UTF-8, a number out of range…).
        case invalidRecord(String)
    }

    public let kind: Kind
    /// From 1; nil when the file could not be opened.
    public let line: Int?
    /// The position of the record in the `service` array, from 1; nil outside it.
    public let record: Int?

    public init(_ kind: Kind, line: Int?, record: Int? = nil) {
        self.kind = kind
        self.line = line
        self.record = record
    }

    /// The reason, in French, for the operator running `guichet directory import`.
    public var reason: String {
        switch kind {
        case .unreadable(let detail): "fichier illisible (\(detail))"
        case .empty: "le fichier est vide"
        case .notAnObject: "le fichier doit être un objet JSON commençant par « { », comme l'export de la DILA"
        case .missingServiceKey: "la clé « service » est absente : ce n'est pas un export de la Base de données locales"
        case .duplicateServiceKey: "la clé « service » apparaît deux fois"
        case .serviceNotAnArray: "la valeur de « service » doit être une liste « [ … ] »"
        case .unexpectedCharacter(let character): "caractère inattendu « \(character) »"
        case .invalidLiteral(let token): "valeur JSON invalide « \(token) »"
        case .invalidEscape: "séquence d'échappement invalide dans une chaîne"
        case .unterminatedString: "chaîne de caractères non terminée"
        case .controlCharacterInString: "caractère de contrôle dans une chaîne"
        case .truncated: "le fichier s'arrête avant la fin du document JSON (fichier tronqué ?)"
        case .trailingContent: "contenu en trop après la fin du document JSON"
        case .invalidRecord(let detail): "enregistrement illisible (\(detail))"
        }
    }

    /// "Ligne 12, enregistrement n° 3 : caractère inattendu « x »"
    public var description: String {
        var place: [String] = []
        if let line { place.append("ligne \(line)") }
        if let record { place.append("enregistrement n° \(record)") }
        let prefix = place.joined(separator: ", ")
        return prefix.isEmpty ? reason.prefix(1).uppercased() + reason.dropFirst()
            : prefix.prefix(1).uppercased() + prefix.dropFirst() + " : " + reason
    }
}

/// Why one record of an otherwise readable export is left out. The import goes on;
/// the report counts rejections by reason.
public struct DILARecordRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Error, Sendable, Hashable, CaseIterable, Comparable {
        case notAnObject
        case missingID
        case missingName
        case tooLarge

        /// In French, as the report lists it.
        public var message: String {
            switch self {
            case .notAnObject: "l'enregistrement n'est pas un objet JSON"
            case .missingID: "identifiant (« id ») manquant"
            case .missingName: "nom (« nom ») manquant"
            case .tooLarge: "enregistrement trop volumineux"
            }
        }

        public static func < (lhs: Reason, rhs: Reason) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public let reason: Reason
    /// The position in the `service` array, from 1.
    public let record: Int
    /// The line where the record starts.
    public let line: Int
    /// The DILA id, when the record has one.
    public let id: String?

    public init(_ reason: Reason, record: Int, line: Int, id: String? = nil) {
        self.reason = reason
        self.record = record
        self.line = line
        self.id = id
    }

    /// "Enregistrement n° 4 (ligne 120, id 7f3c…) : nom (« nom ») manquant"
    public var description: String {
        "Enregistrement n° \(record) (ligne \(line)\(id.map { ", id \($0)" } ?? "")) : \(reason.message)"
    }
}
