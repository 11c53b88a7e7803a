/// La Poste's order of abbreviations for a label that does not fit: street type, then
/// titles, then `SAINT`, then first names; each stage only when the previous one was not
/// enough, so that `AVENUE DES FLEURS` is never written `AV DES FLEURS`.
extension AddressNormaliser {
    /// Words before which a first name is not a first name: a saint's name (`ST JEAN`)
    /// or a noun after an article (`DE LA PIERRE PLATE`).
    static let keepsFirstName: Set<String> = ["SAINT", "ST", "SAINTE", "STE", "LE", "LA", "LES", "L", "DU", "DES", "AU", "AUX"]

    /// Fits a label in `labelLimit` characters and its line in 38, `reserved` characters
    /// of the line being taken by the number before it.
    static func fit(type: AbbreviationTable.StreetType?, typeWords: [String], nameWords: [String], reserved: Int,
                    labelLimit: Int, table: AbbreviationTable) -> (words: [String], stage: AbbreviationStage) {
        let limit = min(labelLimit, AddressText.maximumLineLength - reserved)
        var typeWords = typeWords, nameWords = nameWords
        var initialled: Set<Int> = []
        func fits() -> Bool { AddressText.length(typeWords + nameWords) <= limit }

        for stage in AbbreviationStage.allCases {
            switch stage {
            case .none:
                break
            case .streetType:
                if let type { typeWords = [type.abbreviation] }
            case .titles:
                nameWords = AbbreviationTable.replacing(nameWords, using: table.titles)
            case .saints:
                nameWords = AbbreviationTable.replacing(nameWords, using: table.saints)
            case .firstNames:
                let before = nameWords
                nameWords = initials(nameWords, after: typeWords.last, table: table)
                initialled = Set(nameWords.indices.filter { nameWords[$0] != before[$0] }.map { $0 + typeWords.count })
            case .cut:
                return (AddressText.shorten(typeWords + nameWords, toFit: limit, expendable: initialled), .cut)
            }
            if fits() { return (typeWords + nameWords, stage) }
        }
        return (typeWords + nameWords, .cut)
    }

    /// First names reduced to their initial (`JEAN BAPTISTE CLEMENT` → `J B CLEMENT`),
    /// except the last word (a surname, as in `RUE LOUIS`) and after `keepsFirstName`.
    static func initials(_ words: [String], after previous: String?, table: AbbreviationTable) -> [String] {
        var result = words
        for index in words.indices.dropLast() {
            guard let initial = table.firstNames[words[index]] else { continue }
            let before = index > 0 ? words[index - 1] : previous
            if let before, keepsFirstName.contains(before) { continue }
            result[index] = initial
        }
        return result
    }
}
