import Foundation

/// How much a step must hold: saving a draft only refuses malformed answers; going on
/// and submitting also require every required answer (SPEC §4, STYLE rule 5).
public enum ValidationMode: Sendable {
    case lenient
    case strict
}

/// What checking answers needs besides the answers.
public struct ValidationContext: Sendable {
    public let today: CalendarDate
    public let postalCodes: PostalCodeDirectory
    public let townHalls: TownHallDirectory
    public let addressCheck: AddressCheck

    public init(today: CalendarDate, postalCodes: PostalCodeDirectory, townHalls: TownHallDirectory,
                addressCheck: AddressCheck = ReferenceData.addressCheck) {
        self.today = today
        self.postalCodes = postalCodes
        self.townHalls = townHalls
        self.addressCheck = addressCheck
    }
}

extension Procedure {
    /// Checks the answers of some fields. Returns them in their canonical form (an email
    /// in lower-case domain, a phone number spaced, the commune matched to its INSEE
    /// code), or every problem keyed by the input at fault.
    public func validate(_ fields: [FieldDefinition], answers: Answers, mode: ValidationMode,
                         context: ValidationContext) -> Result<Answers, FieldErrors> {
        var errors = FieldErrors()
        var valid = Answers()
        let routing = Set(processedBy.compactMap { target -> String? in
            if case .townHallOf(let field) = target { return field }
            return nil
        })
        for field in fields {
            let checker = AnswerChecker(field: field, mode: mode, context: context, routesDossier: routing.contains(field.id))
            if let value = checker.check(answers[field.id], errors: &errors) { valid[field.id] = value }
        }
        return errors.isEmpty ? .success(valid) : .failure(errors)
    }

    /// Every step, strictly: whether the dossier can be transmitted as it is.
    public func validateAll(_ answers: Answers, context: ValidationContext) -> Result<Answers, FieldErrors> {
        validate(fields, answers: answers, mode: .strict, context: context)
    }

    /// The answers shown again with a refused step: each La Poste address waiting for a
    /// decision carries the proposal to show beside the input.
    public func withProposals(_ shown: Answers, fields: [FieldDefinition], context: ValidationContext) -> Answers {
        var answers = shown
        for field in fields where field.type == .deliveryAddress {
            guard case .delivery(var answer) = shown[field.id],
                  case .review(let proposal) = AddressReview.review(answer.input, decision: .undecided, check: context.addressCheck) else { continue }
            answer.proposal = proposal.lines
            answers[field.id] = .delivery(answer)
        }
        return answers
    }

    /// The indexes of the steps that would not pass as they are, for the summary.
    public func incompleteSteps(_ answers: Answers, context: ValidationContext) -> Set<Int> {
        Set(steps.indices.filter { index in
            if case .failure = validate(steps[index].fields, answers: answers, mode: .strict, context: context) { return true }
            return false
        })
    }
}

/// The rules of one field, with the French messages a citizen reads.
struct AnswerChecker {
    let field: FieldDefinition
    let mode: ValidationMode
    let context: ValidationContext
    let routesDossier: Bool

    private var quoted: String { "« \(field.label) »" }

    func check(_ value: AnswerValue?, errors: inout FieldErrors) -> AnswerValue? {
        guard let value, !value.isEmpty else {
            if mode == .strict, field.required { errors.add(FieldNames.first(field), missingMessage) }
            return nil
        }
        switch (field.type, value) {
        case (.checkboxes, .choices(let values)):
            guard values.allSatisfy({ value in field.choices.contains { $0.value == value } }) else {
                errors.add(field.id, "Cochez uniquement des cases proposées pour \(quoted).")
                return nil
            }
            return .choices(field.choices.map(\.value).filter(values.contains))
        case (.address, .address(let address)):
            return checkAddress(address, errors: &errors)
        case (.commune, .commune(let commune)):
            return checkCommune(commune, errors: &errors)
        case (.attachment, .attachment):
            return value
        case (.deliveryAddress, .delivery(let answer)):
            return checkDelivery(answer, errors: &errors)
        case (.fileNumbers, .fileNumbers(let entries)):
            return checkFileNumbers(entries, errors: &errors)
        case (_, .text(let text)):
            guard let canonical = checkText(text, errors: &errors) else { return nil }
            return .text(canonical)
        default:
            errors.add(FieldNames.first(field), "La réponse à \(quoted) n'a pas pu être lue : saisissez-la de nouveau.")
            return nil
        }
    }

    var missingMessage: String {
        switch field.type {
        case .choice: "Choisissez une réponse pour \(quoted)."
        case .checkboxes: field.choices.count == 1 ? "Cochez la case \(quoted)." : "Cochez au moins une case pour \(quoted)."
        case .attachment: "Joignez le document \(quoted)."
        case .address: "Saisissez le numéro et la voie de l'adresse \(quoted)."
        case .commune: "Saisissez le code postal de la commune \(quoted)."
        case .moveDate: MoveDate.Refusal.missing.message
        case .deliveryAddress: "Saisissez le numéro et la voie, ou le lieu-dit, de l'adresse \(quoted)."
        case .fileNumbers: "Choisissez au moins un organisme à informer et donnez son numéro."
        default: "Renseignez le champ \(quoted)."
        }
    }

    private func checkText(_ text: String, errors: inout FieldErrors) -> String? {
        if Text.containsControlCharacters(text, allowLineBreaks: field.multiline) {
            errors.add(field.id, "\(quoted) contient des caractères non autorisés.")
            return nil
        }
        switch field.type {
        case .text:
            let length = Text.length(text)
            if length > field.effectiveMaxLength {
                errors.add(field.id, "\(quoted) doit compter au plus \(field.effectiveMaxLength) caractères : vous en avez saisi \(length).")
                return nil
            }
            if let minimum = field.minLength, length < minimum {
                errors.add(field.id, "\(quoted) doit compter au moins \(minimum) caractères : vous en avez saisi \(length).")
                return nil
            }
            if let pattern = field.pattern, !pattern.matches(text) {
                errors.add(field.id, field.patternMessage ?? "\(quoted) n'a pas la forme attendue.")
                return nil
            }
            return text
        case .number:
            return checkNumber(text, errors: &errors)
        case .date:
            return checkDate(text, errors: &errors)
        case .moveDate:
            switch MoveDate.check(text, today: context.today) {
            case .success(let date): return date.french
            case .failure(let refusal):
                errors.add(field.id, refusal.message)
                return nil
            }
        case .choice:
            guard field.choices.contains(where: { $0.value == text }) else {
                errors.add(field.id, "Choisissez une des réponses proposées pour \(quoted).")
                return nil
            }
            return text
        case .email:
            guard let email = EmailAddress(text) else {
                errors.add(field.id, EmailAddress.invalidMessage)
                return nil
            }
            return email.value
        case .phone:
            guard let phone = PhoneNumber(text) else {
                errors.add(field.id, "Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.")
                return nil
            }
            return phone.display
        default:
            errors.add(field.id, "La réponse à \(quoted) n'a pas pu être lue : saisissez-la de nouveau.")
            return nil
        }
    }

    private func checkNumber(_ text: String, errors: inout FieldErrors) -> String? {
        let compact = text.replacingOccurrences(of: " ", with: "")
        guard !compact.isEmpty, compact.count <= 9, compact.allSatisfy({ $0.isASCII && $0.isNumber }) || (compact.hasPrefix("-") && compact.count > 1 && compact.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })),
              let number = Int(compact) else {
            errors.add(field.id, "Saisissez un nombre entier pour \(quoted), en chiffres, par exemple 2.")
            return nil
        }
        switch (field.minimum, field.maximum) {
        case (let low?, let high?) where number < low || number > high:
            errors.add(field.id, "\(quoted) doit être compris entre \(low) et \(high).")
        case (let low?, nil) where number < low:
            errors.add(field.id, "\(quoted) doit être au moins \(low).")
        case (nil, let high?) where number > high:
            errors.add(field.id, "\(quoted) doit être au plus \(high).")
        default:
            return String(number)
        }
        return nil
    }

    private func checkDate(_ text: String, errors: inout FieldErrors) -> String? {
        if text.contains(where: \.isWhitespace) {
            errors.add(field.id, "La date ne doit pas contenir d'espace : saisissez-la au format JJ/MM/AAAA, par exemple 14/07/2026.")
            return nil
        }
        guard let date = CalendarDate(french: text) else {
            let shaped = text.count == 10 && text.split(separator: "/", omittingEmptySubsequences: false).map(\.count) == [2, 2, 4]
                && text.allSatisfy { $0 == "/" || ($0.isASCII && $0.isNumber) }
            errors.add(field.id, shaped ? "Cette date n'existe pas : vérifiez le jour et le mois."
                                        : "Saisissez la date au format JJ/MM/AAAA, par exemple 14/07/2026.")
            return nil
        }
        if let bound = field.notBefore?.resolve(today: context.today), date < bound {
            errors.add(field.id, field.notBeforeMessage ?? "La date doit être le \(bound.french) ou après.")
            return nil
        }
        if let bound = field.notAfter?.resolve(today: context.today), date > bound {
            errors.add(field.id, field.notAfterMessage ?? "La date doit être le \(bound.french) ou avant.")
            return nil
        }
        return date.french
    }

    private func lineProblem(_ text: String, label: String, maximum: Int = 100) -> String? {
        PersonalText.lineProblem(text, label: label, required: false, maximum: maximum)?.text
    }

    private func checkAddress(_ address: PostalAddress, errors: inout FieldErrors) -> AnswerValue? {
        let id = field.id
        var valid = address
        let before = errors.entries.count
        if address.line1.isEmpty {
            if mode == .strict { errors.add(FieldNames.line1(id), "Saisissez le numéro et la voie.") }
        } else if let problem = lineProblem(address.line1, label: "le numéro et la voie") {
            errors.add(FieldNames.line1(id), problem)
        }
        if let problem = lineProblem(address.line2, label: "le complément d'adresse") { errors.add(FieldNames.line2(id), problem) }
        if let commune = matchCommune(postalCode: address.postalCode, name: address.city, errors: &errors) {
            valid.inseeCode = commune
        }
        return errors.entries.count == before ? .address(valid) : nil
    }

    /// Each part must be a plain line; a strict check also asks La Poste's form of it and
    /// the person's decision on it (`AddressReview`). A lenient one (a draft) keeps the
    /// input as typed, to be checked before the dossier can be transmitted.
    private func checkDelivery(_ answer: DeliveryAnswer, errors: inout FieldErrors) -> AnswerValue? {
        let id = field.id, input = answer.input
        let before = errors.entries.count
        let parts: [(String, String, String)] = [
            (input.deliveryPoint, FieldNames.deliveryPoint(id), "l'appartement ou l'étage"),
            (input.building, FieldNames.building(id), "le bâtiment ou la résidence"),
            (input.street, FieldNames.street(id), "le numéro et la voie"),
            (input.locality, FieldNames.locality(id), "le lieu-dit ou la boîte postale"),
            (input.commune, FieldNames.commune(id), "la commune"),
        ]
        for (text, name, label) in parts {
            if let problem = lineProblem(text, label: label) { errors.add(name, problem) }
        }
        if input.postalCode.count > 10 { errors.add(FieldNames.postalCode(id), "Le code postal compte 5 chiffres, par exemple 75002.") }
        guard errors.entries.count == before else { return nil }
        guard mode == .strict else { return .delivery(DeliveryAnswer(input: input, decision: answer.decision)) }
        switch AddressReview.review(input, decision: answer.decision, check: context.addressCheck) {
        case .settled(let lines, let kept, let keptAsTyped, let commune, let decision):
            return .delivery(DeliveryAnswer(input: kept, decision: decision, lines: lines, keptAsTyped: keptAsTyped,
                                            inseeCode: commune.municipality.inseeCode, communeName: AddressReview.officialName(commune)))
        case .review:
            errors.add(FieldNames.street(id), AddressReview.reviewMessage)
        case .chooseCommune(let communes):
            errors.add(FieldNames.commune(id), AddressReview.chooseCommuneMessage(communes))
        case .refused(let part, let message, let suggestions):
            let name = switch part {
            case .street: FieldNames.street(id)
            case .postalCode: FieldNames.postalCode(id)
            case .commune: FieldNames.commune(id)
            }
            let hint = suggestions.isEmpty ? "" : " Suggestions : " + suggestions.prefix(5).map(\.label).joined(separator: ", ") + "."
            errors.add(name, message + hint)
        }
        return nil
    }

    /// Only offered organisations, each ticked one with a number its rule accepts.
    private func checkFileNumbers(_ entries: [FileNumberAnswer], errors: inout FieldErrors) -> AnswerValue? {
        let before = errors.entries.count
        var valid: [FileNumberAnswer] = []
        for entry in entries {
            guard field.organisations.contains(where: { $0.value == entry.organisation }), let rule = FileNumberRule(organisation: entry.organisation) else {
                errors.add(FieldNames.first(field), "Cochez uniquement des organismes proposés pour \(quoted).")
                continue
            }
            let input = FieldNames.fileNumber(field.id, entry.organisation)
            if entry.unticked == true {
                errors.add(input, "Cochez l'organisme pour lui transmettre ce numéro, ou effacez le numéro.")
                continue
            }
            switch rule.check(entry.number) {
            case .success(let number): valid.append(FileNumberAnswer(organisation: entry.organisation, number: number))
            case .failure(let refusal): errors.add(input, refusal.message)
            }
        }
        guard errors.entries.count == before else { return nil }
        let order = field.organisations.map(\.value)
        return .fileNumbers(valid.sorted { (order.firstIndex(of: $0.organisation) ?? 0) < (order.firstIndex(of: $1.organisation) ?? 0) })
    }

    private func checkCommune(_ commune: CommuneAnswer, errors: inout FieldErrors) -> AnswerValue? {
        let before = errors.entries.count
        var valid = commune
        valid.inseeCode = matchCommune(postalCode: commune.postalCode, name: commune.name, errors: &errors)
        return errors.entries.count == before ? .commune(valid) : nil
    }

    /// The INSEE code of the commune (the city's, for an arrondissement), or a message on
    /// the postal code or commune input.
    private func matchCommune(postalCode: String, name: String, errors: inout FieldErrors) -> String? {
        let postalInput = FieldNames.postalCode(field.id), communeInput = FieldNames.commune(field.id)
        if postalCode.isEmpty || name.isEmpty {
            if mode == .strict {
                if postalCode.isEmpty { errors.add(postalInput, "Saisissez le code postal.") }
                if name.isEmpty { errors.add(communeInput, "Saisissez la commune.") }
            } else if !postalCode.isEmpty, !(postalCode.count == 5 && postalCode.allSatisfy({ $0.isASCII && $0.isNumber })) {
                errors.add(postalInput, "Le code postal compte 5 chiffres, par exemple 75002.")
            }
            return nil
        }
        if let problem = lineProblem(name, label: "la commune") {
            errors.add(communeInput, problem)
            return nil
        }
        switch context.postalCodes.match(postalCode: postalCode, name: name) {
        case .malformedPostalCode:
            errors.add(postalInput, "Le code postal compte 5 chiffres, par exemple 75002.")
        case .unknownPostalCode:
            errors.add(postalInput, "Le code postal \(postalCode) n'existe pas : vérifiez-le.")
        case .nameMismatch(let candidates):
            let names = Array(Set(candidates.map { $0.municipality.name })).sorted().prefix(8)
            errors.add(communeInput, "La commune « \(name) » ne correspond pas au code postal \(postalCode). Communes de ce code postal : \(names.joined(separator: ", ")).")
        case .found(let commune):
            let municipality = commune.municipality
            if routesDossier, mode == .strict, context.townHalls.townHall(inseeCode: municipality.inseeCode) == nil {
                errors.add(communeInput, "Nous ne connaissons pas les coordonnées de la mairie \(TownHall.of(municipality.name)) : cette démarche ne peut pas lui être transmise en ligne. Adressez-vous directement à la mairie.")
                return nil
            }
            return municipality.inseeCode
        }
        return nil
    }
}
