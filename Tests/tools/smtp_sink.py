"""A real SMTP server for the tests (aiosmtpd): STARTTLS, AUTH, and a folder of messages.

    smtp_sink.py --port 2525 --dir /tmp/mail [--cert c.pem --key k.pem] [--user u --password p]

Prints "ready PORT" once listening, then runs until SIGTERM. Each accepted message is
written as an .eml file whose first lines record the envelope, the authenticated user
and whether the session was encrypted. Recipients starting with "refuse" get a 550.
"""
import argparse
import pathlib
import signal
import sys
import ssl
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        user = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else ""
        header = (
            "X-Sink-From: %s\r\nX-Sink-To: %s\r\nX-Sink-User: %s\r\nX-Sink-TLS: %s\r\n"
            % (envelope.mail_from, ",".join(envelope.rcpt_tos), user, "yes" if session.ssl else "no")
        )
        path = self.folder / ("%d.eml" % time.time_ns())
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(header.encode() + envelope.original_content)
        tmp.rename(path)
        return "250 2.0.0 accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    options = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login == args.user.encode() and auth_data.password == args.password.encode())
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
        options.update(authenticator=authenticate, auth_require_tls=bool(args.cert))

    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port,
                            server_hostname="localhost", ready_timeout=10, **options)
    controller.start()
    print("ready %d" % args.port, flush=True)
    stop = threading.Event()
    # The parent may have left SIGTERM blocked in the mask this process inherited.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # Stop too when the parent goes away (its end of our stdin closes).
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    # A timed wait lets the signal handler run (a plain wait() would block it).
    while not stop.wait(0.2):
        pass
    controller.stop()


if __name__ == "__main__":
    main()
