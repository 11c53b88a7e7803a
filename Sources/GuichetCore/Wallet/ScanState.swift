/// Whether a stored document has been found clean by the virus scanner (SPEC §2).
/// An infected file is never stored; a file the scanner could not judge waits as
/// `pending` — not downloadable, not transmittable — and is scanned again.
public enum ScanState: String, Sendable, Equatable, Codable {
    case clean
    case pending

    /// Shown in place of a document that is not released yet.
    public static let pendingLabel = "En cours d'analyse"
    /// Why a document waiting for its scan cannot be opened yet.
    public static let pendingMessage = "Ce document est en cours d'analyse antivirus : il sera disponible dans quelques minutes. Réessayez un peu plus tard."
    /// Refusing an infected upload (the scanner's name for the threat stays in the logs).
    public static let infectedMessage = "Ce fichier contient un virus ou un programme malveillant : il a été refusé et supprimé. Analysez votre appareil, puis envoyez un autre fichier."
}
