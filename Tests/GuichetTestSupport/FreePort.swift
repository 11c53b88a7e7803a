import Glibc

/// A TCP port on 127.0.0.1 that nothing listens on: the kernel picks it (bind to port
/// 0), then the socket is closed for the test's server to take it. A random number
/// could land on a port in use, or in the range the kernel hands to outgoing connections.
public func freeLocalPort() -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    precondition(socket >= 0, "no socket for a free port")
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
        }
    }
    precondition(bound, "cannot bind a free port on 127.0.0.1")
    return Int(UInt16(bigEndian: address.sin_port))
}
