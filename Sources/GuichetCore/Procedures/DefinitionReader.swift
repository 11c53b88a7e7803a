import Foundation

/// A mistake in a definition file: where it is and what is wrong.
public struct DefinitionProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let path: String
    public let message: String

    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

/// Collects the problems of one file, so an operator sees all of them at once.
final class ProblemList {
    let file: String
    private(set) var problems: [DefinitionProblem] = []

    init(file: String) {
        self.file = file
    }

    func add(_ path: String, _ message: String) {
        problems.append(DefinitionProblem(file: file, path: path, message: message))
    }
}

/// Reads one JSON object of a definition, key by key. Each accessor reports a missing
/// or mistyped value at its exact path; `finish()` reports keys nobody read (a typo
/// such as `requird` would otherwise be silently ignored).
final class ObjectReader {
    let path: String
    private let values: [String: JSONValue]
    private let order: [String]
    private let problems: ProblemList
    private var read: Set<String> = []

    init?(_ value: JSONValue, path: String, problems: ProblemList) {
        guard case .object(let values, let order) = value else {
            problems.add(path, "expected an object, found \(value.kindDescription)")
            return nil
        }
        self.values = values
        self.order = order
        self.path = path
        self.problems = problems
    }

    func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func report(_ key: String?, _ message: String) {
        problems.add(key.map(childPath) ?? path, message)
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    private func value(_ key: String, required: Bool) -> JSONValue? {
        read.insert(key)
        guard let value = values[key], value != .null else {
            if required { report(key, "is required") }
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool = true, allowEmpty: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let text) = value else {
            report(key, "expected a string, found \(value.kindDescription)")
            return nil
        }
        if !allowEmpty, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report(key, "must not be empty")
            return nil
        }
        return text
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let value = value(key, required: false) else { return defaultValue }
        guard case .bool(let flag) = value else {
            report(key, "expected true or false, found \(value.kindDescription)")
            return defaultValue
        }
        return flag
    }

    func int(_ key: String) -> Int? {
        guard let value = value(key, required: false) else { return nil }
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e9 else {
            report(key, "expected a whole number, found \(value.kindDescription)")
            return nil
        }
        return Int(number)
    }

    func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let value = value(key, required: required) else { return nil }
        guard case .array(let items) = value else {
            report(key, "expected an array of strings, found \(value.kindDescription)")
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                report("\(key)[\(index)]", "expected a string, found \(item.kindDescription)")
                continue
            }
            result.append(text)
        }
        return result
    }

    func object(_ key: String, required: Bool = true) -> ObjectReader? {
        guard let value = value(key, required: required) else { return nil }
        return ObjectReader(value, path: childPath(key), problems: problems)
    }

    func objects(_ key: String, required: Bool = true) -> [ObjectReader]? {
        guard let value = value(key, required: required) else { return nil }
        guard case .array(let items) = value else {
            report(key, "expected an array, found \(value.kindDescription)")
            return nil
        }
        return items.enumerated().compactMap { index, item in
            ObjectReader(item, path: "\(childPath(key))[\(index)]", problems: problems)
        }
    }

    /// Reports every key that was never read.
    func finish(known: [String]) {
        for key in order where !read.contains(key) {
            let suggestion = known.first { Self.isCloseTypo($0, key) }.map { " (did you mean \"\($0)\"?)" } ?? ""
            report(key, "unknown key\(suggestion); known keys: \(known.joined(separator: ", "))")
        }
    }

    /// Same letters give or take one edit (a typo), ignoring case.
    static func isCloseTypo(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        guard abs(x.count - y.count) <= 1, x != y else { return x == y && a != b }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= 1
    }
}
