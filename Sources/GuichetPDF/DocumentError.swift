import Foundation
import GuichetCore

/// Why a file cannot become (part of) a wallet document. Each case carries the French
/// sentence shown to the user.
public enum DocumentError: Error, Equatable, Sendable {
    case empty
    case unsupportedFormat
    case damaged(DocumentFormat)
    case encrypted
    case unsupportedVariant(String)
    /// Data after the end of the image or document: possibly another file hidden in it.
    case unexpectedContent(DocumentFormat)
    case tooManyPixels(megapixels: Int)
    case tooManyFiles(maximum: Int)
    case tooManyPages(pages: Int, maximum: Int)
    case resultTooLarge(bytes: Int, maximum: Int)
    case fileTooLarge(maximum: Int)
    /// Its compressed content would decode to more than `maximum` bytes (a
    /// decompression bomb, or a document far too heavy for the portal).
    case tooMuchContent(maximum: Int)
    /// Its check ran out of time or memory, or stopped abnormally.
    case tooComplex

    public var message: String {
        switch self {
        case .empty:
            "Ce fichier est vide."
        case .unsupportedFormat:
            "Ce fichier n'est ni un PDF, ni une image PNG, GIF ou JPEG. Enregistrez-le dans l'un de ces formats puis réessayez."
        case .damaged(let format):
            "Ce fichier \(format.label) est incomplet ou endommagé. Enregistrez-le de nouveau (ou numérisez à nouveau le document) puis réessayez."
        case .encrypted:
            "Ce PDF est protégé par un mot de passe ou chiffré. Enregistrez-en une copie sans protection puis réessayez."
        case .unsupportedVariant(let detail):
            "Ce type de fichier n'est pas pris en charge (\(detail)). Enregistrez-le dans un format courant puis réessayez."
        case .unexpectedContent(let format):
            "Ce fichier \(format.label) contient des données inattendues en plus de son contenu. Enregistrez-le de nouveau depuis votre logiciel puis réessayez."
        case .tooManyPixels(let megapixels):
            "Cette image est trop grande (\(megapixels) mégapixels) : 100 mégapixels au plus. Réduisez-la puis réessayez."
        case .tooManyFiles(let maximum):
            "Vous pouvez réunir \(maximum) fichiers au plus dans un document."
        case .tooManyPages(let pages, let maximum):
            "Le document compterait \(pages) pages : \(maximum) au plus."
        case .resultTooLarge(let bytes, let maximum):
            "Le document obtenu ferait \(ByteSize.french(bytes)) : \(ByteSize.french(maximum)) au plus. Réduisez la résolution des images ou le nombre de fichiers."
        case .fileTooLarge(let maximum):
            DocumentLimits.fileTooLargeMessage(maximum: maximum)
        case .tooMuchContent(let maximum):
            "Ce fichier contient des données compressées qui dépasseraient \(ByteSize.french(maximum)) une fois décompressées : il est refusé par sécurité. Enregistrez-le de nouveau (par exemple avec « Imprimer en PDF ») puis réessayez."
        case .tooComplex:
            "Ce fichier n'a pas pu être vérifié : il est trop complexe ou endommagé. Enregistrez-le de nouveau (par exemple avec « Imprimer en PDF ») puis réessayez."
        }
    }
}

/// The formats a wallet accepts, recognised from their content.
public enum DocumentFormat: String, Sendable, Equatable {
    case pdf, png, gif, jpeg

    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .png: "PNG"
        case .gif: "GIF"
        case .jpeg: "JPEG"
        }
    }

    /// Recognises the format from the first bytes, never from a name or a declared type.
    public static func detect(_ bytes: some Collection<UInt8>) throws(DocumentError) -> DocumentFormat {
        let head = Array(bytes.prefix(8))
        if head.isEmpty { throw .empty }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        throw .unsupportedFormat
    }
}
