extension Procedure {
    /// The applicant's name as the answers give it (`NOM Prénoms`), from the fields
    /// pre-filled with the profile's last name and first names; nil when the procedure
    /// asks for neither or they are empty. The organisations' inbox lists and searches it.
    public func applicantName(in answers: Answers) -> String? {
        func text(_ binding: ProfileBinding) -> String? {
            for field in fields where field.prefill == binding {
                if case .text(let value) = answers[field.id] {
                    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !trimmed.isEmpty { return trimmed }
                }
            }
            return nil
        }
        let parts = [text(.lastName)?.uppercased(), text(.firstNames)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
