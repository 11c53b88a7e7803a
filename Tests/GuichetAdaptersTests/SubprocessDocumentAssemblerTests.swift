import Foundation
import GuichetAdapters
import GuichetCore
import GuichetTestSupport
import Testing

/// Each document is checked in its own process, killed at a deadline: a runaway or a
/// crash costs one process and gives a French refusal, never a hung or failed server.
@Suite struct SubprocessDocumentAssemblerTests {
    /// A stand-in worker: a shell command (no script file: a file just written cannot
    /// be executed while a concurrent spawn holds it open).
    static func shell(_ body: String, deadline: Duration = .seconds(30), concurrency: Int = 2,
                      maximumWaiting: Int = 16) -> SubprocessDocumentAssembler {
        SubprocessDocumentAssembler(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", body], deadline: deadline,
                                    concurrency: concurrency, maximumWaiting: maximumWaiting)
    }

    static let failed = DocumentAssembly.refused(
        file: nil,
        message: "Ce fichier n'a pas pu être vérifié : il est trop complexe ou endommagé. Enregistrez-le de nouveau (par exemple avec « Imprimer en PDF ») puis réessayez.")

    @Test func aWorkerThatNeverEndsIsKilledAtTheDeadline() async throws {
        let worker = Self.shell("cat > /dev/null; exec sleep 600", deadline: .milliseconds(500))
        let work = try Tools.temporaryDirectory()
        #expect(try await worker.assemble([work.appendingPathComponent("a")], work: work) == Self.failed)
    }

    @Test(arguments: ["exit 3", "echo 'pas du JSON'", "kill -SEGV $$", "echo '{\"pages\": 2}'"])
    func aWorkerThatFailsGivesTheUsualRefusal(body: String) async throws {
        let worker = Self.shell("cat > /dev/null; " + body)
        let work = try Tools.temporaryDirectory()
        // The last one claims success but leaves no document behind.
        #expect(try await worker.assemble([work.appendingPathComponent("a")], work: work) == Self.failed)
    }

    @Test func theWorkersAnswerAndDocumentAreTakenBack() async throws {
        let work = try Tools.temporaryDirectory()
        let worker = Self.shell("""
            cat > /dev/null; printf '%%PDF-1.7 test' > "\(work.path)/document.pdf"; echo '{"pages": 3}'
            """)
        #expect(try await worker.assemble([], work: work) == .assembled(data: Data("%PDF-1.7 test".utf8), pages: 3))
        let refusing = Self.shell(#"cat > /dev/null; echo '{"refusal": "Ce fichier est vide.", "file": 1}'"#)
        #expect(try await refusing.assemble([], work: work) == .refused(file: 1, message: "Ce fichier est vide."))
    }

    @Test func tooManyJobsAtOnceAreRefusedNotQueuedForever() async throws {
        let worker = Self.shell("cat > /dev/null; exec sleep 2", concurrency: 1, maximumWaiting: 1)
        let work = try Tools.temporaryDirectory()
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { do { _ = try await worker.assemble([], work: work); return true } catch { return !(error is WorkPoolOverloaded) } }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { !$0 }.count == 2, "one runs, one waits, two are refused")
    }

    @Test func theRealWorkerLimitsItsOwnCPUAndMemoryBeforeReadingTheJob() async throws {
        let binary = try #require(TestPortal.workerExecutable, "the guichet executable is built by `make build`")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["document-worker"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { try? input.fileHandleForWriting.close(); process.waitUntilExit() }
        // "Max cpu time   20   20   seconds": the soft and hard limits, whatever the spacing.
        func limit(_ name: String, in text: String) -> [String] {
            text.split(separator: "\n").first { $0.hasPrefix(name) }.map { $0.dropFirst(name.count).split(separator: " ").prefix(2).map(String.init) } ?? []
        }
        let cpu = String(DocumentLimits.maximumAssemblyCPUSeconds), memory = String(DocumentLimits.maximumAssemblyMemoryBytes)
        var limits = ""
        for _ in 0..<100 where limit("Max cpu time", in: limits) != [cpu, cpu] {
            try await Task.sleep(for: .milliseconds(100))
            limits = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8)) ?? ""
        }
        #expect(limit("Max cpu time", in: limits) == [cpu, cpu], "\(limits)")
        #expect(limit("Max address space", in: limits) == [memory, memory], "\(limits)")
    }
}
