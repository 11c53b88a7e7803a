import GuichetServer

/// The `guichet` executable: the command line of GuichetServer.
@main
enum Entrypoint {
    static func main() async {
        await GuichetCommand.main()
    }
}
